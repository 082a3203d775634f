import { checkPathParameter, normalizeAzureRegion } from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import { pathRules } from './generated/rules.gen.js';

/**
 * Checks of the values that become path segments (or KQL strings), with the rules
 * specs/azure-quantum-arm.yaml declares (`rules.gen.ts`), before any request: a bad name fails here with
 * what the spec wants instead of as an ARM 400/404 later (or, for `..`, as a request to another
 * resource). Messages give the value's kind and length, not the value: it may be a secret.
 */

export function subscriptionIdParam(value: unknown, name = 'subscriptionId'): string {
  return checkPathParameter('subscriptionId', value, pathRules.subscriptionId, name);
}

export function resourceGroupParam(value: unknown, name = 'resourceGroup'): string {
  return checkPathParameter('resourceGroupName', value, pathRules.resourceGroupName, name);
}

export function workspaceNameParam(value: unknown, name = 'workspaceName'): string {
  return checkPathParameter('workspaceName', value, pathRules.workspaceName, name);
}

/**
 * A region in ARM's short form. Display names copied from the portal (`West US 2`) are accepted and
 * shortened (`westus2`): they differ only by case and spaces, and the wrong form was a top cause of
 * failed connections (reference §6).
 */
export function normalizeLocation(value: unknown, name = 'location'): string {
  return checkPathParameter('location', normalizeAzureRegion(value, name), pathRules.location, name);
}

export function storageAccountParam(value: unknown, name = 'accountName'): string {
  return checkPathParameter('accountName', value, pathRules.accountName, name);
}

export function containerNameParam(value: unknown, name = 'containerName'): string {
  return checkPathParameter('containerName', value, pathRules.containerName, name);
}

/** The parts of a storage account's ARM id (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Storage/storageAccounts/…`). */
export interface StorageAccountRef {
  /** The account's subscription; default the client's. */
  subscriptionId?: string;
  /** The account's resource group. */
  resourceGroup: string;
  /** The storage account's name. */
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
