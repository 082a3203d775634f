// What every operation of one Pasqal client works with: its clients, its download pipeline, its project.
import type { ApiClient, Pipeline } from '@qc/auth';
import { checkPathParameter } from '@qc/auth';
import { InvalidArgumentError, isGuid } from '@qc/core';
import { pathRules } from './generated/rules.gen.js';

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

/**
 * A batch, job or workload id, checked against the spec's rule for its path parameter (a UUID) before
 * anything is sent; `label` is the facade's name for it.
 */
export function checkId(name: keyof typeof pathRules, value: unknown, label: string): string {
  return checkPathParameter(name, value, pathRules[name], label);
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
