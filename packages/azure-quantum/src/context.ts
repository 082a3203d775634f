import type { FetchLike } from '@qc/auth';
import type { BlobContext } from './blob.js';
import { AZURE_QUANTUM_API_VERSION } from './endpoint.js';
import type { Client } from './generated/client/index.js';
import type { WorkspacePath } from './ids.js';
import type { SecretSet } from './transport.js';

/** What every workspace operation needs: the client, the bound workspace path and the storage fetch. */
export interface WorkspaceContext {
  client: Client;
  endpoint: string;
  path: WorkspacePath;
  storage: BlobContext;
  pageFetch: FetchLike;
  secrets: SecretSet;
  /** Clock for SAS expiry checks (epoch ms). */
  now: () => number;
}

/** The query every operation carries. */
export const API_VERSION_QUERY = { 'api-version': AZURE_QUANTUM_API_VERSION } as const;

/** Per-call options of every operation. */
export interface CallOptions {
  signal?: AbortSignal;
}
