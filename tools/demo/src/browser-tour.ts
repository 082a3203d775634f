// The tour a web page can run: only what a page may hold — QCi's API token, a Pasqal access token
// obtained elsewhere, an Azure Quantum workspace key (no password, no client secret in a browser).
import { staticToken } from '@qc/auth';
import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';
import { createPasqalClient, type PasqalEnvironment } from '@qc/pasqal';
import { type QciTarget, qciTour } from './qci-tour.js';
import { countingFetch, print, type SummaryRow, step, type Traffic } from './report.js';

export interface BrowserTargets {
  qci: QciTarget;
  pasqal: { environment: PasqalEnvironment; accessToken: string; projectId: string };
  azure: {
    endpoint: string;
    subscriptionId: string;
    resourceGroup: string;
    workspace: string;
    apiKey: string;
    ionqTarget: `ionq.${string}`;
  };
}

const SEQUENCE = JSON.stringify({
  version: '1',
  name: 'qc-browser-sequence',
  register: [{ name: 'q0', x: 0, y: 0 }],
  channels: { rydberg_global: 'rydberg_global' },
  variables: {},
  operations: [],
  measurement: 'ground-rydberg',
  device: { name: 'FRESNEL' },
});

export async function browserTour(targets: BrowserTargets): Promise<SummaryRow[]> {
  const rows = await qciTour(targets.qci);

  print('\nPasqal Cloud — a batch with an access token the page was given\n');
  const pasqalTraffic: Traffic = { requests: 0, tokenRequests: 0 };
  const pasqal = createPasqalClient({
    environment: targets.pasqal.environment,
    auth: staticToken(targets.pasqal.accessToken),
    projectId: targets.pasqal.projectId,
    fetch: countingFetch(pasqalTraffic),
    allowInsecureLoopback: true,
  });
  const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 10 }] });
  const done = await pasqal.waitForBatch(batch.id, { intervalMs: 50, maxIntervalMs: 200 });
  const results = await pasqal.getBatchResults(batch.id);
  step(`batch ${batch.id} ${done.status}, ${results.filter((r) => r.result !== undefined).length} result(s)`);
  rows.push({ provider: 'Pasqal', job: `batch ${batch.id}`, status: done.status, ...pasqalTraffic });

  print('\nAzure Quantum — a job with the workspace key\n');
  const azureTraffic: Traffic = { requests: 0, tokenRequests: 0 };
  const quantum = createAzureQuantumClient({
    endpoint: targets.azure.endpoint,
    subscriptionId: targets.azure.subscriptionId,
    resourceGroup: targets.azure.resourceGroup,
    workspace: targets.azure.workspace,
    auth: { apiKey: targets.azure.apiKey },
    fetch: countingFetch(azureTraffic),
    allowInsecureLoopback: true,
  });
  const { job, output } = await quantum.runJob(
    {
      target: targets.azure.ionqTarget,
      ...ionqCircuit(
        {
          qubits: 2,
          circuit: [
            { gate: 'h', target: 0 },
            { gate: 'cnot', control: 0, target: 1 },
          ],
        },
        { shots: 20 },
      ),
    },
    { intervalMs: 50 },
  );
  step(`IonQ histogram ${JSON.stringify((output.json() as { histogram?: unknown }).histogram)}`);
  rows.push({
    provider: 'Azure Quantum',
    job: `IonQ Bell (API key) ${job.id}`,
    status: job.status ?? 'unknown',
    ...azureTraffic,
  });
  return rows;
}
