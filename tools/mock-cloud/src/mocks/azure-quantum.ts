import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  type AzureQuantumMock,
  createAzureQuantumMock,
  createEntraMock,
  ENTRA_DEMO_CREDENTIALS,
} from '@qc/azure-quantum/msw';
import type { MockMount, MountedService } from '../services.js';

export type AzureQuantumService = MountedService & { mock: AzureQuantumMock };

/** The Entra ID app registration both Azure mocks accept. */
export const AZURE_DEMO_CREDENTIALS = {
  tenantId: ENTRA_DEMO_CREDENTIALS.tenantId,
  clientId: ENTRA_DEMO_CREDENTIALS.clientId,
  clientSecret: ENTRA_DEMO_CREDENTIALS.clientSecret,
};

// The data plane, with the Entra ID it checks tokens against (ARM shares it) and the storage account
// that holds job blobs.
export const mount: MockMount<AzureQuantumService> = ({ url, validateResponses }) => {
  const entra = createEntraMock({ authorityHost: url('entra') });
  const quantum = createAzureQuantumMock({
    entra,
    validateResponses,
    endpoint: url('endpoint'),
    storageAccountUrl: url('storage'),
  });
  const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
  return {
    baseUrls: { endpoint: quantum.endpoint, authorityHost: url('entra'), storage: url('storage') },
    credentials: {
      ...AZURE_DEMO_CREDENTIALS,
      apiKey: AZURE_QUANTUM_DEMO_API_KEY,
      subscriptionId,
      resourceGroup,
      workspace,
    },
    handle: quantum.handle,
    mock: quantum,
  };
};
