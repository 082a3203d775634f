// The README's examples, type-checked by `tsc -p tsconfig.json` (never run: they would call Azure).

import { createAzureQuantumClient } from '@qc/azure-quantum';
import { createAzureQuantumMock, createEntraMock, ENTRA_DEMO_CREDENTIALS } from '@qc/azure-quantum/msw';
import { setupServer } from 'msw/node';
import {
  createAzureQuantumArmClient,
  OperationFailedError,
  QUANTUM_ARM_API_VERSION,
  workspacesGet,
} from '../src/index.js';
import { AZURE_ARM_DEMO, createAzureQuantumArmMock } from '../src/msw/index.js';

declare const tenantId: string;
declare const clientId: string;
declare const clientSecret: string;
declare const subscriptionId: string;
declare const storageAccountId: string;
declare const jobId: string;

export async function connectByName(): Promise<void> {
  const auth = { tenantId, clientId, clientSecret }; // or any TokenCredential, for both clients

  const quantum = createAzureQuantumClient({
    ...(await createAzureQuantumArmClient({ auth }).findWorkspace('myworkspace')),
    auth,
  });
  console.log(quantum.baseUrl);
}

export async function workspaces(): Promise<void> {
  const arm = createAzureQuantumArmClient({ subscriptionId, auth: { tenantId, clientId, clientSecret } });

  const creation = arm.createOrUpdateWorkspace(
    'quantum-rg',
    'myworkspace',
    {
      location: 'eastus',
      properties: {
        providers: [{ providerId: 'ionq', providerSku: 'pay-as-you-go-cred' }],
        storageAccount: storageAccountId,
      },
    },
    {
      timeoutMs: 15 * 60_000,
      onProgress: ({ value }) => console.log(value.status, value.serviceStatus, value.percentComplete),
    },
  );
  console.log((await creation.started).status); // 201 created, 200 updated
  try {
    const workspace = await creation; // Succeeded: usable, endpointUri set
    console.log(workspace.properties?.endpointUri);
  } catch (error) {
    if (error instanceof OperationFailedError) console.error(error.status, error.code, error.serviceMessage);
    throw error;
  }

  await arm.deleteWorkspace('quantum-rg', 'old-workspace'); // 202 + Location, polled to 204

  const keys = await arm.listKeys('quantum-rg', 'myworkspace');
  await arm.regenerateKey('quantum-rg', 'myworkspace', 'Secondary'); // or ['Primary', 'Secondary']
  console.log(keys.apiKeyEnabled);

  for await (const offering of arm.listOfferings('West US 2')) {
    console.log(
      offering.id,
      offering.properties?.targets?.map((t) => t.id),
    );
  }
  const { nameAvailable, reason } = await arm.checkNameAvailability('westus2', 'my-new-workspace');
  console.log(nameAvailable, reason);

  // job-{jobId} in the workspace's storage account, through the Storage resource provider (ARM token).
  const workspace = await arm.getWorkspace('quantum-rg', 'myworkspace');
  await arm.createJobContainer(workspace, jobId);

  const answer = await arm.queryResources({
    query: "Resources | where type =~ 'microsoft.quantum/workspaces' | project name, location",
  });
  console.log(answer.data);
}

export async function generatedSdk(): Promise<void> {
  const auth = { tenantId, clientId, clientSecret };
  const arm = createAzureQuantumArmClient({ subscriptionId, auth });
  const { data } = await workspacesGet({
    client: arm.client,
    path: { subscriptionId, resourceGroupName: 'quantum-rg', workspaceName: 'myworkspace' },
    query: { 'api-version': QUANTUM_ARM_API_VERSION },
  });
  console.log(data.properties?.provisioningState);
}

export async function mockArm(): Promise<void> {
  const entra = createEntraMock();
  const dataPlane = createAzureQuantumMock({ entra });
  const arm = createAzureQuantumArmMock({
    entra,
    workspaces: [{ name: AZURE_ARM_DEMO.workspace, endpointUri: dataPlane.endpoint }],
    dataPlaneBaseUrl: dataPlane.endpoint, // for workspaces your code creates
  });
  const server = setupServer(...arm.handlers, ...dataPlane.handlers);
  server.listen();

  const client = createAzureQuantumArmClient({ auth: ENTRA_DEMO_CREDENTIALS });
  console.log(await client.findWorkspace(AZURE_ARM_DEMO.workspace));
  arm.state.failNextOperation('doomed', 'create', {
    code: 'ProviderProvisioningFailed',
    message: 'no quota',
  });
  server.close();
}
