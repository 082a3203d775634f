// The README's examples, type-checked by `tsc -p tsconfig.json` (never run: they would call Azure).

import type { FlowTokenProvider, TokenCredentialLike } from '@qc/auth';
import { setupServer } from 'msw/node';
import {
  AZURE_QUANTUM_API_VERSION,
  createAzureQuantumClient,
  getJob,
  ionqCircuit,
  quantinuumQasm,
} from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  ENTRA_DEMO_CREDENTIALS,
} from '../src/msw/index.js';

// Stand-ins for what the README takes from elsewhere (@azure/identity is not a dependency).
declare class DefaultAzureCredential implements TokenCredentialLike {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}
declare const tenantId: string;
declare const clientId: string;
declare const clientSecret: string;
declare const subscriptionId: string;
declare const qasm: string;
declare const key: string;
declare const connectionString: string;
declare const provider: FlowTokenProvider;

export async function runCircuit(): Promise<void> {
  const aq = createAzureQuantumClient({
    subscriptionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    resourceGroup: 'quantum-rg',
    workspace: 'myworkspace',
    location: 'eastus',
    auth: { tenantId, clientId, clientSecret },
  });
  const { job, output } = await aq.runJob(
    {
      target: 'ionq.simulator',
      name: 'ghz',
      ...ionqCircuit(
        {
          qubits: 3,
          circuit: [
            { gate: 'h', target: 0 },
            { gate: 'cnot', control: 0, target: 1 },
            { gate: 'cnot', control: 1, target: 2 },
          ],
        },
        { shots: 100 },
      ),
    },
    {
      onSubmitted: (submitted) => console.log(`job ${submitted.id}`),
      onProgress: ({ value }) => console.log(value.status),
      timeoutMs: 10 * 60_000,
    },
  );
  console.log(job.status, output.json());

  // @ts-expect-error honeywell.openqasm.v1 needs a quantinuum.* target
  await aq.submitJob({ target: 'ionq.simulator', ...quantinuumQasm(qasm) });
}

export function authentication(): void {
  const workspace = { subscriptionId, resourceGroup: 'quantum-rg', workspace: 'myworkspace' };
  createAzureQuantumClient({ ...workspace, location: 'eastus', auth: new DefaultAzureCredential() });
  createAzureQuantumClient({
    ...workspace,
    location: 'eastus',
    auth: { apiKey: process.env.AZURE_QUANTUM_KEY as string },
  });
  createAzureQuantumClient({
    auth: { connectionString: process.env.AZURE_QUANTUM_CONNECTION_STRING as string },
  });
  createAzureQuantumClient({
    ...workspace,
    baseUrl: 'https://myworkspace.eastus.quantum.azure.com',
    auth: { apiKey: key },
  });
  createAzureQuantumClient({
    ...workspace,
    location: 'westeurope',
    workspaceKind: 'V2',
    auth: provider,
  });
}

export async function sessionsAndLists(): Promise<void> {
  const aq = createAzureQuantumClient({ auth: { connectionString } });
  const session = await aq.openSession({
    target: 'quantinuum.sim.h2-1e',
    providerId: 'quantinuum',
    jobFailurePolicy: 'Abort',
  });
  const job = await aq.submitJob({
    target: 'quantinuum.sim.h2-1e',
    sessionId: session.id,
    ...quantinuumQasm(qasm),
  });
  await aq.waitForJob(job.id);
  await aq.closeSession(session.id);
  for await (const failed of aq.listJobs({ filter: "State eq 'Failed'", orderby: 'CreationTime desc' })) {
    console.log(failed.id, failed.errorData?.code);
  }
}

export async function generatedSdk(): Promise<void> {
  const aq = createAzureQuantumClient({ auth: { connectionString } });
  const { data } = await getJob({
    client: aq.client,
    path: { ...aq.workspace, jobId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' },
    query: { 'api-version': AZURE_QUANTUM_API_VERSION },
  });
  console.log(data.status);
}

export async function mockWorkspace(): Promise<void> {
  const mock = createAzureQuantumMock();
  const server = setupServer(...mock.handlers);
  server.listen();
  const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
  const aq = createAzureQuantumClient({
    subscriptionId,
    resourceGroup,
    workspace,
    location,
    auth: { ...ENTRA_DEMO_CREDENTIALS },
  });
  console.log(await aq.getSasUri('scratch'), mock.state.counters.sasUris);
  server.close();
}
