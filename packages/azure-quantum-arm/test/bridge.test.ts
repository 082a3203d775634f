// From a workspace name to a working data-plane client, against both mocks and one Entra: the ARM client
// finds the workspace (Resource Graph) or reads it (ARM GET), and its answer spreads into
// createAzureQuantumClient — no region typed by hand, so no IncorrectDataplaneEndpoint (reference §6).
import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';
import {
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  createEntraMock,
  ENTRA_DEMO_CREDENTIALS,
} from '@qc/azure-quantum/msw';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { createAzureQuantumArmClient, workspaceConnection } from '../src/index.js';
import { createAzureQuantumArmMock } from '../src/msw/index.js';

const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
const entra = createEntraMock();
// The data plane serves the workspace on its own host, as ARM's endpointUri names it.
const dataPlane = createAzureQuantumMock({
  entra,
  endpoint: `https://${workspace}.eastus.quantum.azure.com`,
});
const arm = createAzureQuantumArmMock({
  entra,
  retryAfterSeconds: 0,
  dataPlaneBaseUrl: dataPlane.endpoint,
  workspaces: [
    { subscriptionId, resourceGroup, name: workspace, location: 'East US', endpointUri: dataPlane.endpoint },
  ],
});
useTestServer(...arm.handlers, ...dataPlane.handlers);

const auth = ENTRA_DEMO_CREDENTIALS;
const GHZ = {
  qubits: 3,
  circuit: [
    { gate: 'h', target: 0 },
    { gate: 'cnot', control: 0, target: 1 },
    { gate: 'cnot', control: 1, target: 2 },
  ],
};
const fast = { intervalMs: 0, maxIntervalMs: 0 };
const scopes = () => [...entra.state.tokens.values()].map((t) => t.scope);

describe('the bridge from ARM to the data plane', () => {
  it('connects with only a workspace name and runs a job', async () => {
    const tokensBefore = entra.state.tokens.size;
    // The documented one-liner.
    const quantum = createAzureQuantumClient({
      ...(await createAzureQuantumArmClient({ auth }).findWorkspace(workspace)),
      auth,
    });
    expect(quantum.baseUrl).toBe(dataPlane.endpoint);
    expect(quantum.workspace).toMatchObject({
      subscriptionId,
      resourceGroupName: resourceGroup,
      workspaceName: workspace,
    });

    const { job, output } = await quantum.runJob(
      { target: 'ionq.simulator', ...ionqCircuit(GHZ, { shots: 100 }) },
      fast,
    );
    expect(job.status).toBe('Succeeded');
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '7': 0.5 } });

    // Each client asked for its own resource; neither token was refused anywhere.
    expect(new Set(scopes().slice(tokensBefore))).toEqual(
      new Set(['https://management.azure.com/.default', 'https://quantum.microsoft.com/.default']),
    );
    expect(arm.state.counters.rejectedTokens).toBe(0);
    expect(dataPlane.state.counters.unauthorized).toBe(0);
  });

  it('connects from an ARM GET when the resource group is known', async () => {
    const connection = await createAzureQuantumArmClient({ subscriptionId, auth }).getWorkspaceConnection(
      resourceGroup,
      workspace,
    );
    expect(connection).toMatchObject({
      location: 'eastus',
      workspaceKind: 'V1',
      baseUrl: dataPlane.endpoint,
    });
    const quantum = createAzureQuantumClient({ ...connection, auth: entra.tokenCredential() });
    const providers = [];
    for await (const provider of quantum.listProviderStatus()) providers.push(provider.id);
    expect(providers).toContain('ionq');
  });

  it('connects to a workspace created through ARM once its provisioning succeeded', async () => {
    arm.state.workspaces.clear();
    const client = createAzureQuantumArmClient({ subscriptionId, auth });
    const created = await client.createOrUpdateWorkspace(resourceGroup, workspace, {
      location: 'eastus',
      properties: { providers: [{ providerId: 'ionq', providerSku: 'pay-as-you-go-cred' }] },
    });
    const quantum = createAzureQuantumClient({ ...workspaceConnection(created), auth });
    const submitted = await quantum.submitJob({
      target: 'ionq.simulator',
      ...ionqCircuit(GHZ, { shots: 10 }),
    });
    expect((await quantum.waitForJob(submitted.id, fast)).status).toBe('Succeeded');
  });
});
