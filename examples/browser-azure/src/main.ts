// A page that submits an Azure Quantum job with the workspace key, shows each status it passes
// through, and draws the measured distribution. Its workspace comes from ./config.json:
// { baseUrl, subscriptionId, resourceGroup, workspace, apiKey, target }.
import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';

interface PageConfig {
  baseUrl: string;
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  apiKey: string;
  target: `ionq.${string}`;
}

const progress = document.querySelector('#progress') as HTMLOListElement;
const bars = document.querySelector('#bars') as HTMLDivElement;

function report(text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  progress.append(item);
}

function draw(histogram: Record<string, number>, qubits: number): void {
  for (const [outcome, probability] of Object.entries(histogram)) {
    const row = document.createElement('div');
    const label = document.createElement('code');
    label.textContent = Number(outcome).toString(2).padStart(qubits, '0');
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${Math.round(probability * 300)}px`;
    bar.dataset.outcome = label.textContent;
    bar.dataset.probability = String(probability);
    row.append(label, bar, `${(probability * 100).toFixed(0)} %`);
    bars.append(row);
  }
}

async function main(): Promise<void> {
  const config = (await (await fetch('./config.json')).json()) as PageConfig;
  const quantum = createAzureQuantumClient({
    baseUrl: config.baseUrl,
    subscriptionId: config.subscriptionId,
    resourceGroup: config.resourceGroup,
    workspace: config.workspace,
    auth: { apiKey: config.apiKey },
    // A page served from http://localhost talking to a mock cloud on loopback; a real workspace is https.
    allowInsecureLoopback: true,
  });
  const bell = {
    qubits: 2,
    circuit: [
      { gate: 'h' as const, target: 0 },
      { gate: 'cnot' as const, control: 0, target: 1 },
    ],
  };
  const { job, output } = await quantum.runJob(
    { target: config.target, ...ionqCircuit(bell, { shots: 100 }) },
    {
      intervalMs: 100,
      onSubmitted: (submitted) => report(`submitted job ${submitted.id}`),
      onProgress: ({ value, elapsedMs }) =>
        report(`${value.status ?? '?'} after ${(elapsedMs / 1000).toFixed(1)} s`),
    },
  );
  report(`${job.status}: ${job.id}`);
  draw((output.json() as { histogram: Record<string, number> }).histogram, bell.qubits);
  document.body.dataset.state = 'done';
}

main().catch((error: unknown) => {
  report(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  document.body.dataset.state = 'failed';
});
