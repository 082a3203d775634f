export type { AzureCredential, EntraClientSecret } from '@qc/auth';
export { BLOB_SERVICE_VERSION } from './blob.js';
export {
  type AzureQuantumClient,
  type AzureQuantumClientOptions,
  createAzureQuantumClient,
  type RunJobOptions,
} from './client.js';
export { parseConnectionString, type WorkspaceConnection } from './connection-string.js';
export type { CallOptions } from './context.js';
export type { ApiKeyAuth, AzureQuantumAuth, ConnectionStringAuth } from './credentials.js';
export { AZURE_QUANTUM_API_VERSION, checkLocation, type WorkspaceKind } from './endpoint.js';
export {
  type FormatFields,
  type FormattedInput,
  type IonQCircuit,
  type IonQGate,
  ionqCircuit,
  JOB_FORMATS,
  type KnownFormatFields,
  type KnownInputFormat,
  pasqalPulser,
  qirBitcode,
  quantinuumQasm,
  rigettiQuil,
} from './formats.js';
export type { Client } from './generated/client.gen.js';
export * from './generated/index.js';
export type { components, operations, paths } from './generated/paths.gen.js';
export { PACKAGE } from './generated/version.gen.js';
export { newItemId, type WorkspacePath } from './ids.js';
export {
  FINAL_JOB_STATUSES,
  JobFailedError,
  JobNotFinishedError,
  SUCCEEDED_JOB_STATUSES,
  type WaitForJobOptions,
} from './jobs.js';
export { type JobOutput, SAS_REFRESH_MARGIN_MS } from './output.js';
export type { ListOptions } from './paging.js';
export { FINAL_SESSION_STATUSES, type OpenSessionOptions } from './sessions.js';
export type { SubmitJobRequest } from './submit.js';
export { DEFAULT_STORAGE_TIMEOUT_MS } from './transport.js';
