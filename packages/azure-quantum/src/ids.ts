import { checkPathParameter, checkPathParameters } from '@qc/auth';
import { randomUuid } from '@qc/core';
import { pathRules } from './generated/rules.gen.js';

/**
 * Ids and workspace names, checked with the rules the spec declares (`rules.gen.ts`) where the facade
 * needs them before a request: at construction, and before a job's input is uploaded.
 */

/** A new job or session id. Azure Quantum ids are chosen by the client, which makes a submit retryable. */
export function newItemId(): string {
  return randomUuid();
}

/** A job or session id given by the caller, checked against the spec's rule for it. */
export function checkId(name: 'jobId' | 'sessionId', value: unknown): string {
  return checkPathParameter(name, value, pathRules[name], name);
}

/** A workspace's path parameters, named as the spec names them (checked against its rules). */
export interface WorkspacePath {
  /** The subscription id (a GUID). */
  subscriptionId: string;
  /** The resource group. */
  resourceGroupName: string;
  /** The workspace's name. */
  workspaceName: string;
}

/**
 * The workspace's path parameters, checked against the spec at construction. The subscription id is
 * lower-cased: ARM ids are case-insensitive, the data-plane pattern is lowercase only.
 */
export function workspacePath(
  subscriptionId: unknown,
  resourceGroup: unknown,
  workspace: unknown,
): WorkspacePath {
  return checkPathParameters(
    pathRules,
    {
      subscriptionId:
        typeof subscriptionId === 'string' ? subscriptionId.trim().toLowerCase() : subscriptionId,
      resourceGroupName: resourceGroup,
      workspaceName: workspace,
    },
    { subscriptionId: 'subscriptionId', resourceGroupName: 'resourceGroup', workspaceName: 'workspace' },
  );
}
