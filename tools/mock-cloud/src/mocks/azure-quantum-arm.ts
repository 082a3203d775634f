import { AZURE_QUANTUM_DEMO_WORKSPACE } from '@qc/azure-quantum/msw';
import { type AzureQuantumArmMock, createAzureQuantumArmMock } from '@qc/azure-quantum-arm/msw';
import { type MockMount, type MountedService, serviceOf } from '../services.js';
import { AZURE_DEMO_CREDENTIALS, type AzureQuantumService } from './azure-quantum.js';

export type AzureArmService = MountedService & { mock: AzureQuantumArmMock };

// ARM checks tokens against the data plane's Entra ID (for its own audience), and its one workspace
// points at that data plane (endpointUri): the Azure Quantum mock is mounted first.
export const mount: MockMount<AzureArmService> = ({ url, mounted, validateResponses }) => {
  const quantum = serviceOf<AzureQuantumService>(mounted, 'azureQuantum').mock;
  const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
  const arm = createAzureQuantumArmMock({
    entra: quantum.entra,
    validateResponses,
    baseUrl: url('resourceManager'),
    dataPlaneBaseUrl: quantum.endpoint,
    workspaces: [
      { subscriptionId, resourceGroup, name: workspace, location: 'East US', endpointUri: quantum.endpoint },
    ],
  });
  return {
    baseUrls: { resourceManager: arm.baseUrl },
    credentials: { ...AZURE_DEMO_CREDENTIALS, workspace },
    handle: arm.handle,
    mock: arm,
  };
};
