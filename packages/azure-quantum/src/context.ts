import type { ApiClient, Pipeline } from '@qc/auth';
import type { SecretStore } from '@qc/core';
import type { BlobContext } from './blob.js';
import { AZURE_QUANTUM_API_VERSION } from './endpoint.js';
import type { WorkspacePath } from './ids.js';

export type { CallOptions } from '@qc/auth';

/** What every workspace operation needs: the client, the bound workspace path and storage. */
export interface WorkspaceContext {
  client: ApiClient;
  endpoint: string;
  path: WorkspacePath;
  storage: BlobContext;
  /** The data plane's pipeline, for nextLinks. */
  api: Pipeline;
  secrets: SecretStore;
  /** Clock for SAS expiry checks (epoch ms). */
  now: () => number;
}

/** The query every operation carries. */
export const API_VERSION_QUERY = { 'api-version': AZURE_QUANTUM_API_VERSION } as const;
