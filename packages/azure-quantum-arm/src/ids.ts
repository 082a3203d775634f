import { InvalidArgumentError, isGuid, pathSegment } from '@qc/core';

/**
 * Checks of the values that become path segments, with the rules of specs/azure-quantum-arm.yaml, before
 * any request: a bad name fails here with a clear message instead of as an ARM 400/404 later (or, for
 * `..`, as a request to another resource). Messages state the rule, not the value: a value typed into
 * the wrong field may be a secret.
 */

const RESOURCE_GROUP = /^[-\w._()]+$/;
const WORKSPACE_NAME = /^[a-zA-Z0-9]+(-*[a-zA-Z0-9])*$/;
const LOCATION = /^[a-z][a-z0-9]*$/;
const STORAGE_ACCOUNT = /^[a-z0-9]{3,24}$/;
const CONTAINER = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

function check(name: string, value: unknown, valid: (text: string) => boolean, rule: string): string {
  const text = pathSegment(name, value);
  if (!valid(text)) throw new InvalidArgumentError(`${name} ${rule}`);
  return text;
}

export function subscriptionIdParam(value: unknown, name = 'subscriptionId'): string {
  return check(name, value, (v) => isGuid(v), 'must be a subscription id (a GUID)');
}

export function resourceGroupParam(value: unknown, name = 'resourceGroup'): string {
  return check(
    name,
    value,
    (v) => v.length <= 90 && RESOURCE_GROUP.test(v),
    'must be a resource group name: 1 to 90 letters, digits, "-", "_", ".", "(" or ")"',
  );
}

export function workspaceNameParam(value: unknown, name = 'workspaceName'): string {
  return check(
    name,
    value,
    (v) => WORKSPACE_NAME.test(v),
    'must be a workspace name: letters and digits, with hyphens only between them',
  );
}

/**
 * A region in ARM's short form. Display names copied from the portal (`West US 2`) are accepted and
 * shortened (`westus2`): they differ only by case and spaces, and the wrong form was a top cause of
 * failed connections (reference §6).
 */
export function normalizeLocation(value: unknown, name = 'location'): string {
  const text = pathSegment(name, value);
  const short = text.replace(/\s+/g, '').toLowerCase();
  if (!LOCATION.test(short) || short.length > 90) {
    throw new InvalidArgumentError(`${name} must be an Azure region such as "westus2" (or "West US 2")`);
  }
  return short;
}

export function storageAccountParam(value: unknown, name = 'accountName'): string {
  return check(name, value, (v) => STORAGE_ACCOUNT.test(v), 'must be 3 to 24 lowercase letters and digits');
}

export function containerNameParam(value: unknown, name = 'containerName'): string {
  return check(
    name,
    value,
    (v) => CONTAINER.test(v),
    'must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
  );
}

/** The parts of a storage account's ARM id (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Storage/storageAccounts/…`). */
export interface StorageAccountRef {
  subscriptionId?: string;
  resourceGroup: string;
  accountName: string;
}

const STORAGE_ACCOUNT_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)\/?$/i;

/** Parses and checks a storage account ARM id (as in a workspace's `properties.storageAccount`). */
export function parseStorageAccountId(id: unknown): Required<StorageAccountRef> {
  const match = typeof id === 'string' ? STORAGE_ACCOUNT_ID.exec(id.trim()) : null;
  if (!match) {
    throw new InvalidArgumentError(
      'storageAccount must be an ARM id: /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/{name}',
    );
  }
  return {
    subscriptionId: subscriptionIdParam(match[1], "the storage account id's subscription"),
    resourceGroup: resourceGroupParam(match[2], "the storage account id's resource group"),
    accountName: storageAccountParam(match[3], "the storage account id's account name"),
  };
}
