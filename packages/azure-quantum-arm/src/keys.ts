import { InvalidArgumentError } from '@qc/core';
import { workspacesListKeys, workspacesRegenerateKeys } from './generated/sdk.gen.js';
import type { KeyType, ListKeysResult } from './generated/types.gen.js';
import { type ArmTransport, QUANTUM_ARM_API_VERSION } from './transport.js';
import { type CallOptions, workspacePath } from './workspaces.js';

const query = { 'api-version': QUANTUM_ARM_API_VERSION } as const;
const KEY_TYPES: ReadonlySet<string> = new Set(['Primary', 'Secondary']);

/**
 * Reads the workspace's API keys. Every key and connection string read is added to the client's
 * redaction set at once, so no later error of this client (an echo in an error body, a URL) shows it.
 * Not retried automatically (a POST).
 */
export async function listKeys(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  options: CallOptions = {},
): Promise<ListKeysResult> {
  const path = workspacePath(subscriptionId, resourceGroup, workspaceName);
  const { data } = await workspacesListKeys({
    client: transport.client,
    path,
    query,
    ...options,
  });
  for (const value of [
    data.primaryKey?.key,
    data.secondaryKey?.key,
    data.primaryConnectionString,
    data.secondaryConnectionString,
  ]) {
    if (typeof value === 'string' && value !== '') transport.secrets.addPermanent(value);
  }
  return data;
}

/** Regenerates the named keys (the old ones stop working at once). Not retried automatically. */
export async function regenerateKey(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  keys: KeyType | readonly KeyType[],
  options: CallOptions = {},
): Promise<void> {
  const path = workspacePath(subscriptionId, resourceGroup, workspaceName);
  const list = [...new Set(typeof keys === 'string' ? [keys] : keys)];
  if (list.length === 0 || !list.every((key) => KEY_TYPES.has(key))) {
    throw new InvalidArgumentError('keys must name "Primary", "Secondary" or both');
  }
  await workspacesRegenerateKeys({
    client: transport.client,
    path,
    query,
    body: { keys: list },
    ...options,
  });
}
