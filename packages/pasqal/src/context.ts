// What every operation of one Pasqal client works with: its clients, its download pipeline, its project.
import type { ApiClient, Pipeline } from '@qc/auth';
import { InvalidArgumentError, isGuid } from '@qc/core';

export type { CallOptions } from '@qc/auth';

/** What the operations of one client share; createPasqalClient makes it once. */
export interface PasqalContext {
  /** The authenticated client of the core API (batches, jobs, workloads, devices). */
  client: ApiClient;
  /** The authenticated client of the account API (projects, auth info). */
  accountClient: ApiClient;
  /** The pipeline without any credential that presigned result links are downloaded through. */
  download: Pipeline;
  /** Result links may be `http:` on a loopback host (local mock servers). */
  allowInsecureLoopback: boolean;
  /** The project creations default to, if any (a UUID). */
  projectId: string | undefined;
}

/** `value` when it is a UUID; otherwise an InvalidArgumentError naming it. */
export function uuid(name: string, value: unknown): string {
  if (!isGuid(value)) throw new InvalidArgumentError(`${name} must be a UUID`);
  return value;
}

/** The project a creation goes to: the one given in the call, else the client's `projectId`. */
export function projectOf(context: PasqalContext, given: string | undefined, operation: string): string {
  const projectId = given ?? context.projectId;
  if (projectId === undefined) {
    throw new InvalidArgumentError(
      `${operation} needs a project: pass projectId to createPasqalClient or project_id in the call`,
    );
  }
  return uuid('project_id', projectId);
}
