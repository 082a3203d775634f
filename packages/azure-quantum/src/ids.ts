import { InvalidArgumentError, isGuid, pathSegment, randomUuid } from '@qc/core';

/**
 * Checks of every value the facade puts into a path, before any request: the same patterns the spec
 * declares, so a `../x` or a malformed GUID never reaches the network (or a different resource).
 */

/** A new job or session id. Azure Quantum ids are chosen by the client, which makes a submit retryable. */
export function newItemId(): string {
  return randomUuid();
}

function shown(value: unknown): string {
  // Only the kind and length: a value typed into the wrong field may be a key or a secret.
  return typeof value === 'string' ? `a string of ${value.length} characters` : typeof value;
}

/** A job or session id: a GUID (either case). */
export function checkItemId(name: string, value: unknown): string {
  pathSegment(name, value);
  if (!isGuid(value)) {
    throw new InvalidArgumentError(
      `${name} must be a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got ${shown(value)}`,
    );
  }
  return value as string;
}

export interface WorkspacePath {
  subscriptionId: string;
  resourceGroupName: string;
  workspaceName: string;
}

/**
 * The workspace's path parameters as the data plane constrains them. The subscription id is
 * lower-cased: ARM ids are case-insensitive, the data-plane pattern is lowercase only.
 */
export function checkWorkspacePath(
  subscriptionId: unknown,
  resourceGroup: unknown,
  workspace: unknown,
): WorkspacePath {
  pathSegment('subscriptionId', subscriptionId);
  const subscription = (subscriptionId as string).trim().toLowerCase();
  if (!isGuid(subscription)) {
    throw new InvalidArgumentError(
      `subscriptionId must be a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got ${shown(subscriptionId)}`,
    );
  }
  pathSegment('resourceGroup', resourceGroup);
  const group = resourceGroup as string;
  if (group.length > 90 || !/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(group)) {
    throw new InvalidArgumentError(
      `resourceGroup must be 1-90 letters, digits, "_", "-" or ".", starting with a letter, got ${shown(group)}`,
    );
  }
  pathSegment('workspace', workspace);
  const name = workspace as string;
  if (name.length < 2 || name.length > 50 || !/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(name)) {
    throw new InvalidArgumentError(
      `workspace must be 2-50 letters, digits, "_" or "-", starting with a letter, got ${shown(name)}`,
    );
  }
  return { subscriptionId: subscription, resourceGroupName: group, workspaceName: name };
}
