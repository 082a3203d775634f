import { InvalidArgumentError } from '@qc/core';
import { API_VERSION_QUERY, type CallOptions, type WorkspaceContext } from './context.js';
import {
  closeSession as closeSessionCall,
  getSession as getSessionCall,
  openSession as openSessionCall,
} from './generated/sdk.gen.js';
import type { SessionDetails, SessionJobFailurePolicy } from './generated/types.gen.js';
import { newItemId } from './ids.js';

/** Options of {@link AzureQuantumClient.openSession}. */
export interface OpenSessionOptions extends CallOptions {
  /** The target every job of the session runs on, e.g. `ionq.simulator`. */
  target: string;
  /** The target's provider, e.g. `ionq`. */
  providerId: string;
  /** Default: a new random GUID. Opening again with the same id is harmless. */
  sessionId?: string;
  /** Default `session-{sessionId}`, as the official SDK names them. */
  name?: string;
  /**
   * `Abort` (the service's default): the first failed job ends the session and later jobs are refused
   * (400 InvalidJobDefinition). `Continue`: later jobs still run.
   */
  jobFailurePolicy?: SessionJobFailurePolicy;
}

/** Session statuses the official SDK treats as final. */
export const FINAL_SESSION_STATUSES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'TimedOut']);

/** Opens a session under a client-chosen id (the PUT is idempotent, so it is retried like a job PUT). */
export async function openSession(
  context: WorkspaceContext,
  options: OpenSessionOptions,
): Promise<SessionDetails> {
  if (options === null || typeof options !== 'object')
    throw new InvalidArgumentError('session options are required');
  for (const field of ['target', 'providerId'] as const) {
    if (typeof options[field] !== 'string' || options[field].trim() === '') {
      throw new InvalidArgumentError(`${field} is required to open a session`);
    }
  }
  const sessionId = options.sessionId === undefined ? newItemId() : options.sessionId;
  const { data } = await openSessionCall({
    client: context.client,
    path: { ...context.path, sessionId },
    query: API_VERSION_QUERY,
    body: {
      itemType: 'Session',
      name: options.name ?? `session-${sessionId}`,
      providerId: options.providerId,
      target: options.target,
      ...(options.jobFailurePolicy === undefined ? {} : { jobFailurePolicy: options.jobFailurePolicy }),
    },
    signal: options.signal,
  });
  return data;
}

export async function getSession(
  context: WorkspaceContext,
  sessionId: string,
  call: CallOptions = {},
): Promise<SessionDetails> {
  const { data } = await getSessionCall({
    client: context.client,
    path: { ...context.path, sessionId: sessionId },
    query: API_VERSION_QUERY,
    ...call,
  });
  return data;
}

/** Closes a session: no job can join it afterwards. Not retried automatically (a POST). */
export async function closeSession(
  context: WorkspaceContext,
  sessionId: string,
  call: CallOptions = {},
): Promise<SessionDetails> {
  const { data } = await closeSessionCall({
    client: context.client,
    path: { ...context.path, sessionId: sessionId },
    query: API_VERSION_QUERY,
    ...call,
  });
  return data;
}
