export type { AzureCredential, EntraClientSecret } from '@qc/auth';
export type { ArmAuth } from './auth.js';
export {
  type AzureQuantumArmClient,
  type AzureQuantumArmClientOptions,
  createAzureQuantumArmClient,
} from './client.js';
export {
  type FindWorkspaceOptions,
  type WorkspaceCandidate,
  type WorkspaceConnection,
  WorkspaceLookupError,
  type WorkspaceLookupFailure,
  workspaceConnection,
} from './connection.js';
export type { Client } from './generated/client.gen.js';
export * from './generated/index.js';
export type { components, operations, paths } from './generated/paths.gen.js';
export { PACKAGE } from './generated/version.gen.js';
export { normalizeLocation, parseStorageAccountId, type StorageAccountRef } from './ids.js';
export {
  createLroPoller,
  type LroFinalState,
  type LroInitialResponse,
  type LroMonitor,
  type LroPoller,
  type LroPollerOptions,
  type LroState,
  type LroStatus,
  type LroWaitOptions,
} from './lro.js';
export { OperationFailedError, UnsafeOperationUrlError } from './lro-errors.js';
export type { ListOptions } from './paging.js';
export type { ListOfferingsOptions } from './provider.js';
export { type WorkspaceGraphRow, type WorkspaceLookup, workspaceLookupQuery } from './resource-graph.js';
export { type CreateBlobContainerOptions, jobContainerName } from './storage.js';
export {
  type ArmTransportOptions,
  AZURE_RESOURCE_MANAGER_URL,
  QUANTUM_ARM_API_VERSION,
  RESOURCE_GRAPH_API_VERSION,
  STORAGE_API_VERSION,
} from './transport.js';
export type { CallOptions, WorkspaceOperationOptions } from './workspaces.js';
