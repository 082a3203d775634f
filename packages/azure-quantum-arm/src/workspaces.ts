import { type CallOptions, requireField } from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import {
  workspacesCreateOrUpdate,
  workspacesDelete,
  workspacesGet,
  workspacesListByResourceGroup,
  workspacesListBySubscription,
  workspacesUpdateTags,
} from './generated/sdk.gen.js';
import type { QuantumWorkspace, QuantumWorkspaceWritable } from './generated/types.gen.js';
import { resourceGroupParam, workspaceNameParam } from './ids.js';
import { createLroPoller, type LroPoller, type LroWaitOptions } from './lro.js';
import { type ListOptions, listAll } from './paging.js';
import { type ArmTransport, QUANTUM_ARM_API_VERSION } from './transport.js';

/** Options of the long-running workspace operations: timeout, AbortSignal, progress, poll pacing. */
export type WorkspaceOperationOptions = LroWaitOptions;

export type { CallOptions };

const query = { 'api-version': QUANTUM_ARM_API_VERSION } as const;

/** The three path parameters of a workspace, checked (the subscription comes from the client). */
export function workspacePath(
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
) {
  return {
    subscriptionId: requireSubscription(subscriptionId),
    resourceGroupName: resourceGroupParam(resourceGroup),
    workspaceName: workspaceNameParam(workspaceName),
  };
}

/** The client's subscription (checked when the client was created), or a clear error when it has none. */
export function requireSubscription(subscriptionId: string | undefined): string {
  if (subscriptionId === undefined) {
    throw new InvalidArgumentError(
      'this call needs a subscription: pass subscriptionId to createAzureQuantumArmClient',
    );
  }
  return subscriptionId;
}

export async function getWorkspace(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  options: CallOptions = {},
): Promise<QuantumWorkspace> {
  const path = workspacePath(subscriptionId, resourceGroup, workspaceName);
  const { data } = await workspacesGet({
    client: transport.client,
    path,
    query,
    ...options,
  });
  return data;
}

/** Workspaces of the subscription, or of one resource group. */
export function listWorkspaces(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  options: ListOptions & { resourceGroup?: string } = {},
): AsyncGenerator<QuantumWorkspace, void, undefined> {
  const sub = requireSubscription(subscriptionId);
  const client = transport.client;
  if (options.resourceGroup === undefined) {
    return listAll(
      transport,
      async (signal) =>
        (
          await workspacesListBySubscription({
            client,
            path: { subscriptionId: sub },
            query,
            signal,
          })
        ).data,
      options,
    );
  }
  const resourceGroupName = resourceGroupParam(options.resourceGroup);
  return listAll(
    transport,
    async (signal) =>
      (
        await workspacesListByResourceGroup({
          client,
          path: { subscriptionId: sub, resourceGroupName },
          query,
          signal,
        })
      ).data,
    options,
  );
}

/**
 * PUT the workspace and follow the operation: the poller resolves with the workspace as it is once
 * provisioning succeeded (a GET after the `Azure-AsyncOperation` monitor said Succeeded), and rejects
 * with an OperationFailedError carrying the service's reason when it Failed or was Canceled.
 */
export function createOrUpdateWorkspace(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  workspace: QuantumWorkspaceWritable,
  options: WorkspaceOperationOptions = {},
): LroPoller<QuantumWorkspace> {
  const path = workspacePath(subscriptionId, resourceGroup, workspaceName);
  return createLroPoller<QuantumWorkspace>({
    ...options,
    description: `creation or update of workspace ${path.workspaceName}`,
    secrets: () => transport.secrets,
    get: transport.get,
    start: async (signal) => {
      const result = await workspacesCreateOrUpdate({
        client: transport.client,
        path,
        query,
        body: workspace,
        signal,
      });
      // ARM answers a create with the resource (200/201): one without its id is not a create answer.
      // (A 202 may come without a body; its monitor URLs say the rest.)
      if (result.info.status !== 202)
        requireField(result, 'id', (body) => (body as { id?: string } | null)?.id);
      const { data, request, response } = result;
      return {
        method: 'PUT',
        url: request.url,
        status: response.status,
        headers: response.headers,
        body: data,
      };
    },
    parseResult: (body) => body as QuantumWorkspace,
  });
}

/**
 * DELETE the workspace and follow the `Location` monitor until the deletion is over. Resolves at once
 * when the workspace did not exist (204); `(await poller.started).status` tells 202 from 204.
 */
export function deleteWorkspace(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  options: WorkspaceOperationOptions = {},
): LroPoller<void> {
  const path = workspacePath(subscriptionId, resourceGroup, workspaceName);
  return createLroPoller<void>({
    ...options,
    description: `deletion of workspace ${path.workspaceName}`,
    secrets: () => transport.secrets,
    get: transport.get,
    start: async (signal) => {
      const { request, response } = await workspacesDelete({
        client: transport.client,
        path,
        query,
        signal,
      });
      return { method: 'DELETE', url: request.url, status: response.status, headers: response.headers };
    },
    parseResult: () => undefined,
  });
}

export async function updateWorkspaceTags(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  tags: Record<string, string>,
  options: CallOptions = {},
): Promise<QuantumWorkspace> {
  const path = workspacePath(subscriptionId, resourceGroup, workspaceName);
  const { data } = await workspacesUpdateTags({
    client: transport.client,
    path,
    query,
    body: { tags },
    ...options,
  });
  return data;
}
