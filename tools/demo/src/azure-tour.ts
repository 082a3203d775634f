import type { ApiKeyAuth, ClientSecretAuth } from '@qc/azure-quantum';
import { createAzureQuantumClient, ionqCircuit, quantinuumQasm } from '@qc/azure-quantum';
import { createAzureQuantumArmClient } from '@qc/azure-quantum-arm';
import { countingFetch, print, type SummaryRow, step, type Traffic } from './report.js';

export interface AzureTarget {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra ID authority (sovereign clouds, or the mock's). */
  authorityHost?: string;
  /** ARM base URL (default https://management.azure.com). */
  resourceManager?: string;
  workspace: string;
  /** The workspace key for the API-key job; skipped when absent. */
  apiKey?: string;
  /** IonQ and Quantinuum targets to use (simulators by default). */
  ionqTarget: `ionq.${string}`;
  quantinuumTarget: `quantinuum.${string}`;
  allowInsecureLoopback: boolean;
}

const GHZ = {
  qubits: 3,
  circuit: [
    { gate: 'h' as const, target: 0 },
    { gate: 'cnot' as const, control: 0, target: 1 },
    { gate: 'cnot' as const, control: 1, target: 2 },
  ],
};

const BELL_QASM = `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0],q[1];
measure q -> c;
`;

export async function azureTour(target: AzureTarget): Promise<SummaryRow[]> {
  print('\nAzure Quantum — workspace found through ARM, jobs through blob storage, Entra and API-key auth\n');
  const entraAuth = {
    tenantId: target.tenantId,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    ...(target.authorityHost === undefined ? {} : { authorityHost: target.authorityHost }),
  };
  const armTraffic: Traffic = { requests: 0, tokenRequests: 0 };
  const arm = createAzureQuantumArmClient({
    auth: entraAuth,
    fetch: countingFetch(armTraffic),
    allowInsecureLoopback: target.allowInsecureLoopback,
    ...(target.resourceManager === undefined ? {} : { baseUrl: target.resourceManager }),
  });
  const connection = await arm.findWorkspace(target.workspace);
  step(
    `found workspace "${target.workspace}" through Resource Graph: data plane ${connection.endpoint} (no region typed)`,
  );

  const rows: SummaryRow[] = [];
  const run = async (
    label: string,
    auth: ClientSecretAuth | ApiKeyAuth,
    submit: (client: ReturnType<typeof createAzureQuantumClient>) => Promise<{ id: string; status: string }>,
  ) => {
    const traffic: Traffic = { requests: 0, tokenRequests: 0 };
    const quantum = createAzureQuantumClient({
      ...connection,
      auth,
      fetch: countingFetch(traffic),
      allowInsecureLoopback: target.allowInsecureLoopback,
    });
    const job = await submit(quantum);
    rows.push({ provider: 'Azure Quantum', job: `${label} ${job.id}`, status: job.status, ...traffic });
  };
  const progress = {
    onSubmitted: (job: { id: string }) =>
      step(`job ${job.id} submitted (input uploaded to its job-${job.id} container)`),
    onProgress: ({ value, elapsedMs }: { value: { status?: string }; elapsedMs: number }) =>
      step(`status ${value.status ?? '?'} after ${(elapsedMs / 1000).toFixed(1)} s`),
    timeoutMs: 30 * 60_000,
  };

  await run('IonQ GHZ (Entra)', entraAuth, async (quantum) => {
    const { job, output } = await quantum.runJob(
      { target: target.ionqTarget, ...ionqCircuit(GHZ, { shots: 100 }) },
      progress,
    );
    step(`IonQ histogram ${JSON.stringify((output.json() as { histogram?: unknown }).histogram)}`);
    return { id: job.id, status: job.status ?? 'unknown' };
  });
  await run('Quantinuum Bell (Entra)', entraAuth, async (quantum) => {
    const { job, output } = await quantum.runJob(
      { target: target.quantinuumTarget, ...quantinuumQasm(BELL_QASM, { shots: 20 }) },
      progress,
    );
    const results = output.json() as Record<string, string[]>;
    step(
      `Quantinuum results: ${Object.keys(results).join(', ')} (${Object.values(results)[0]?.length ?? 0} shots)`,
    );
    return { id: job.id, status: job.status ?? 'unknown' };
  });
  if (target.apiKey) {
    await run('IonQ GHZ (API key)', { apiKey: target.apiKey }, async (quantum) => {
      const { job } = await quantum.runJob(
        { target: target.ionqTarget, ...ionqCircuit(GHZ, { shots: 50 }) },
        progress,
      );
      step('the same circuit with the workspace key instead of Entra ID: no token requests');
      return { id: job.id, status: job.status ?? 'unknown' };
    });
  }
  rows.unshift({
    provider: 'Azure (ARM)',
    job: `findWorkspace ${target.workspace}`,
    status: 'found',
    ...armTraffic,
  });
  return rows;
}
