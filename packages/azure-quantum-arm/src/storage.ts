import type { CallOptions } from '@qc/auth';
import { blobContainersCreate } from './generated/sdk.gen.js';
import type { BlobContainer, ContainerProperties } from './generated/types.gen.js';
import {
  containerNameParam,
  parseStorageAccountId,
  resourceGroupParam,
  type StorageAccountRef,
  storageAccountParam,
  subscriptionIdParam,
} from './ids.js';
import { type ArmTransport, STORAGE_API_VERSION } from './transport.js';
import { requireSubscription } from './workspaces.js';

/** Options of {@link AzureQuantumArmClient.createBlobContainer}: the call's, and the container's settings. */
export interface CreateBlobContainerOptions extends CallOptions {
  /** Anonymous read access; default `None`. */
  publicAccess?: ContainerProperties['publicAccess'];
  /** The container's metadata (name–value pairs). */
  metadata?: Record<string, string>;
}

/**
 * Creates a blob container through the Storage resource provider with the ARM token (reference §2.6):
 * no account key or SAS needed. `storageAccount` is the account's ARM id (a workspace's
 * `properties.storageAccount`) or its parts; the client's subscription is used when they name none.
 * Resolves with the container; creating one that exists succeeds (200) and changes nothing.
 */
export async function createBlobContainer(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  storageAccount: string | StorageAccountRef,
  containerName: string,
  options: CreateBlobContainerOptions = {},
): Promise<BlobContainer> {
  const account =
    typeof storageAccount === 'string'
      ? parseStorageAccountId(storageAccount)
      : {
          subscriptionId:
            storageAccount.subscriptionId === undefined
              ? requireSubscription(subscriptionId)
              : subscriptionIdParam(storageAccount.subscriptionId),
          resourceGroup: resourceGroupParam(storageAccount.resourceGroup),
          accountName: storageAccountParam(storageAccount.accountName),
        };
  const properties: ContainerProperties = { publicAccess: options.publicAccess ?? 'None' };
  if (options.metadata !== undefined) properties.metadata = options.metadata;
  const { data } = await blobContainersCreate({
    client: transport.client,
    path: {
      subscriptionId: account.subscriptionId,
      resourceGroupName: account.resourceGroup,
      accountName: account.accountName,
      containerName: containerNameParam(containerName),
    },
    query: { 'api-version': STORAGE_API_VERSION },
    body: { properties },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    headers: options.headers,
    onResponse: options.onResponse,
  });
  return data;
}

/** The container name the official SDK uses for a job's input and output: `job-{jobId}`, lowercase. */
export function jobContainerName(jobId: string): string {
  return containerNameParam(`job-${String(jobId).toLowerCase()}`, 'jobId');
}
