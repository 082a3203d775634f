import { staticToken } from '@qc/auth';
import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';
import { field, serviceInfo } from '../mock-cloud/info.js';
import {
  BENCH_AUTHORIZATION,
  BENCH_TOKEN,
  fixedTransport,
  fixture,
  idOf,
  type ProviderBench,
  rawRead,
} from '../provider-bench.js';

export const bench: ProviderBench = {
  program: {
    label: 'Azure Quantum job (@qc/azure-quantum)',
    targetKb: 15,
    comparedWith: {
      id: 'azureSdk',
      label: 'Azure job via @azure/identity + @azure/storage-blob',
      file: 'azure-sdk-route.ts',
    },
  },
  // GET …/jobs/{id} on a workspace endpoint.
  read: () => {
    const body = fixture('azure/Jobs_Get.json');
    const jobId = (JSON.parse(body) as { id: string }).id;
    const workspace = {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'myresourcegroup',
      workspace: 'myworkspace',
    };
    const endpoint = 'https://myworkspace.eastus.quantum.azure.com';
    const transport = fixedTransport(body);
    const quantum = createAzureQuantumClient({
      ...workspace,
      baseUrl: endpoint,
      auth: staticToken(BENCH_TOKEN),
      fetch: transport.fetch,
    });
    return {
      raw: rawRead(
        'raw fetch of an Azure Quantum job (GET …/jobs/{id})',
        body,
        `${endpoint}/subscriptions/${workspace.subscriptionId}/resourceGroups/${workspace.resourceGroup}/providers/Microsoft.Quantum/workspaces/${workspace.workspace}/jobs/${jobId}?api-version=2026-01-15-preview`,
        (result) => idOf(result) === jobId,
      ),
      facade: {
        label: 'createAzureQuantumClient().getJob(id)',
        call: () => quantum.getJob(jobId),
        check: (result) =>
          idOf(result) === jobId && transport.last()?.headers.get('authorization') === BENCH_AUTHORIZATION,
      },
    };
  },
  // GET …/jobs/{id} of a Succeeded job (SAS URLs on its container and blobs issued on each read).
  mockCloudRead: async (cloud, fetch) => {
    const azure = serviceInfo(cloud, 'azureQuantum');
    const credential = (name: string) => field(azure.credentials, name);
    const quantum = createAzureQuantumClient({
      subscriptionId: credential('subscriptionId'),
      resourceGroup: credential('resourceGroup'),
      workspace: credential('workspace'),
      baseUrl: field(azure.baseUrls, 'endpoint'),
      auth: {
        tenantId: credential('tenantId'),
        clientId: credential('clientId'),
        clientSecret: credential('clientSecret'),
        authorityHost: field(azure.baseUrls, 'authorityHost'),
      },
      allowInsecureLoopback: true,
      fetch,
    });
    const bell = ionqCircuit({ qubits: 1, circuit: [{ gate: 'h', target: 0 }] }, { shots: 10 });
    const { job } = await quantum.runJob(
      { target: 'ionq.simulator', ...bell },
      { intervalMs: 0, maxIntervalMs: 0 },
    );
    await quantum.getJob(job.id);
  },
};
