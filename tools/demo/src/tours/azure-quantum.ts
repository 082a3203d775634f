import type { ApiKeyAuth, EntraClientSecret } from '@qc/azure-quantum';
import { createAzureQuantumClient, ionqCircuit, quantinuumQasm } from '@qc/azure-quantum';
import { createAzureQuantumArmClient } from '@qc/azure-quantum-arm';
import type { AzureQuantumService } from '@qc/mock-cloud/mocks/azure-quantum';
import type { AzureArmService } from '@qc/mock-cloud/mocks/azure-quantum-arm';
import { countingFetch, print, type SummaryRow, step, type Traffic } from '../report.js';
import type { Tour } from '../tour.js';

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

async function azureTour(target: AzureTarget): Promise<SummaryRow[]> {
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
    `found workspace "${target.workspace}" through Resource Graph: data plane ${connection.baseUrl} (no region typed)`,
  );

  const rows: SummaryRow[] = [];
  const run = async (
    label: string,
    auth: EntraClientSecret | ApiKeyAuth,
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

/** What a page holds: the workspace key, never a client secret. */
export interface AzurePageTarget {
  baseUrl: string;
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  apiKey: string;
  ionqTarget: `ionq.${string}`;
}

async function azurePageTour(target: AzurePageTarget): Promise<SummaryRow[]> {
  print('\nAzure Quantum — a job with the workspace key\n');
  const traffic: Traffic = { requests: 0, tokenRequests: 0 };
  const { ionqTarget, apiKey, ...workspace } = target;
  const quantum = createAzureQuantumClient({
    ...workspace,
    auth: { apiKey },
    fetch: countingFetch(traffic),
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
    { target: ionqTarget, ...ionqCircuit(bell, { shots: 20 }) },
    { intervalMs: 50 },
  );
  step(`IonQ histogram ${JSON.stringify((output.json() as { histogram?: unknown }).histogram)}`);
  return [
    {
      provider: 'Azure Quantum',
      job: `IonQ Bell (API key) ${job.id}`,
      status: job.status ?? 'unknown',
      ...traffic,
    },
  ];
}

type AzureServices = { azureQuantum: AzureQuantumService; azureArm: AzureArmService };

export const tour: Tour<AzureTarget, AzurePageTarget> = {
  name: 'Azure',
  // Both Entra ID and the workspace key: Bun once sent the key header's placeholder beside the real key.
  proves: [/IonQ GHZ \(Entra\).*\| Succeeded/, /IonQ GHZ \(API key\).*\| Succeeded/],
  fromMockCloud: ({ azureQuantum, azureArm }: AzureServices) => ({
    tenantId: azureArm.credentials.tenantId ?? '',
    clientId: azureArm.credentials.clientId ?? '',
    clientSecret: azureArm.credentials.clientSecret ?? '',
    authorityHost: azureQuantum.baseUrls.authorityHost,
    resourceManager: azureArm.baseUrls.resourceManager,
    workspace: azureArm.credentials.workspace ?? '',
    apiKey: azureQuantum.credentials.apiKey,
    ionqTarget: 'ionq.simulator',
    quantinuumTarget: 'quantinuum.sim.h2-1e',
    allowInsecureLoopback: true,
  }),
  live: {
    required: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_QUANTUM_WORKSPACE'],
    optional: ['AZURE_QUANTUM_API_KEY', 'AZURE_QUANTUM_IONQ_TARGET', 'AZURE_QUANTUM_QUANTINUUM_TARGET'],
    targets: (value) => {
      const ionq = value('AZURE_QUANTUM_IONQ_TARGET') || 'ionq.simulator';
      const quantinuum = value('AZURE_QUANTUM_QUANTINUUM_TARGET') || 'quantinuum.sim.h2-1e';
      if (!ionq.startsWith('ionq.') || !quantinuum.startsWith('quantinuum.')) {
        throw new Error(
          'AZURE_QUANTUM_IONQ_TARGET must start with "ionq." and AZURE_QUANTUM_QUANTINUUM_TARGET with "quantinuum."',
        );
      }
      return {
        tenantId: value('AZURE_TENANT_ID'),
        clientId: value('AZURE_CLIENT_ID'),
        clientSecret: value('AZURE_CLIENT_SECRET'),
        workspace: value('AZURE_QUANTUM_WORKSPACE'),
        ...(value('AZURE_QUANTUM_API_KEY') ? { apiKey: value('AZURE_QUANTUM_API_KEY') } : {}),
        ionqTarget: ionq as `ionq.${string}`,
        quantinuumTarget: quantinuum as `quantinuum.${string}`,
        allowInsecureLoopback: false,
      };
    },
  },
  run: azureTour,
  page: {
    proves: [/IonQ Bell \(API key\).*\| Succeeded/],
    fromMockCloud: async ({ azureQuantum }: AzureServices) => ({
      baseUrl: azureQuantum.baseUrls.endpoint ?? '',
      subscriptionId: azureQuantum.credentials.subscriptionId ?? '',
      resourceGroup: azureQuantum.credentials.resourceGroup ?? '',
      workspace: azureQuantum.credentials.workspace ?? '',
      apiKey: azureQuantum.credentials.apiKey ?? '',
      ionqTarget: 'ionq.simulator',
    }),
    run: azurePageTour,
  },
};
