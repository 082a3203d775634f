import { jsonResponse, type MockContext, type MockOperation } from '@qc/core/contract';
import type {
  BlobContainer,
  CheckNameAvailabilityRequest,
  QuantumWorkspace,
  RegenerateKeyRequest,
  ResourceGraphQueryRequest,
} from '../generated/types.gen.js';
import { OFFERINGS, OPERATIONS, suiteOffers } from './catalog.js';
import { runGraphQuery } from './resource-graph.js';
import { type ArmMockState, type StoredOperation, type StoredWorkspace, shortLocation } from './state.js';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  jsonResponse(body, { status, headers });

/** An error in ARM's envelope. */
export function armError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status, { 'x-ms-error-code': code });
}

const WORKSPACE_NAME = /^[a-zA-Z0-9]+(-*[a-zA-Z0-9])*$/;
/** The version the upstream example's Location URL carries (older than the request's). */
const MONITOR_API_VERSION = '2023-11-13-preview';
const API_VERSION = '2025-12-15-preview';

/** The implementation of every operation of specs/azure-quantum-arm.yaml over an {@link ArmMockState}. */
export function armOperations(state: ArmMockState, baseUrl: string): Record<string, MockOperation> {
  const retryAfter = { 'retry-after': String(state.retryAfterSeconds) };

  const address = (ctx: MockContext) => ({
    subscriptionId: String(ctx.path.subscriptionId),
    resourceGroup: String(ctx.path.resourceGroupName),
    name: String(ctx.path.workspaceName),
  });
  const workspaceOr404 = (ctx: MockContext): StoredWorkspace | Response => {
    const { subscriptionId, resourceGroup, name } = address(ctx);
    return (
      state.find(subscriptionId, resourceGroup, name) ??
      armError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.Quantum/Workspaces/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      )
    );
  };
  const busy = (stored: StoredWorkspace) =>
    armError(
      409,
      'AnotherOperationInProgress',
      `Another operation on workspace '${stored.name}' is in progress; retry when it has finished.`,
    );

  /** One page of `items`; the next page is the same URL with `$skiptoken`, like ARM's nextLinks. */
  const page = (items: readonly unknown[], request: Request) => {
    const url = new URL(request.url);
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0') || 0;
    const value = items.slice(skip, skip + state.pageSize);
    if (skip + state.pageSize >= items.length) return json({ value });
    url.searchParams.set('$skiptoken', String(skip + state.pageSize));
    return json({ value, nextLink: url.href });
  };

  const asyncOperationUrl = (operation: StoredOperation) =>
    `${baseUrl}/subscriptions/${operation.address.subscriptionId}/providers/Microsoft.Quantum/locations/${operation.address.location}/operationStatuses/${operation.id}?api-version=${API_VERSION}`;
  const locationUrl = (operation: StoredOperation) =>
    `${baseUrl}/subscriptions/${operation.address.subscriptionId}/resourceGroups/${operation.address.resourceGroup}/providers/Microsoft.Quantum/locations/${operation.address.location}/operationStatus/default/operationId/${operation.id}?api-version=${MONITOR_API_VERSION}`;

  const operationOr404 = (ctx: MockContext): StoredOperation | Response => {
    const operation = state.operations.get(String(ctx.path.operationId));
    if (
      !operation ||
      operation.address.subscriptionId.toLowerCase() !== String(ctx.path.subscriptionId).toLowerCase()
    ) {
      return armError(404, 'OperationNotFound', `Operation '${String(ctx.path.operationId)}' was not found.`);
    }
    return operation;
  };

  return {
    Operations_List: ({ request }) => page(OPERATIONS, request),

    Workspaces_CheckNameAvailability: (ctx) => {
      const { name = '' } = ctx.body as CheckNameAvailabilityRequest;
      if (!WORKSPACE_NAME.test(name)) {
        return json({
          nameAvailable: false,
          reason: 'Invalid',
          message: 'The name is not a valid workspace name.',
        });
      }
      const location = String(ctx.path.location);
      const taken = [...state.workspaces.values()].some(
        (w) => w.name.toLowerCase() === name.toLowerCase() && w.location === location,
      );
      return taken
        ? json({ nameAvailable: false, reason: 'AlreadyExists', message: 'Resource name already exists' })
        : json({ nameAvailable: true });
    },

    Offerings_List: ({ request }) => page(OFFERINGS, request),
    SuiteOffers_ListBySubscription: (ctx) => page(suiteOffers(String(ctx.path.subscriptionId)), ctx.request),

    Workspaces_ListBySubscription: (ctx) => {
      const sub = String(ctx.path.subscriptionId).toLowerCase();
      const items = [...state.workspaces.values()].filter((w) => w.subscriptionId.toLowerCase() === sub);
      return page(
        items.map((w) => w.resource),
        ctx.request,
      );
    },
    Workspaces_ListByResourceGroup: (ctx) => {
      const sub = String(ctx.path.subscriptionId).toLowerCase();
      const rg = String(ctx.path.resourceGroupName).toLowerCase();
      const items = [...state.workspaces.values()].filter(
        (w) => w.subscriptionId.toLowerCase() === sub && w.resourceGroup.toLowerCase() === rg,
      );
      return page(
        items.map((w) => w.resource),
        ctx.request,
      );
    },

    Workspaces_Get: (ctx) => {
      const stored = workspaceOr404(ctx);
      return stored instanceof Response ? stored : json(stored.resource);
    },

    Workspaces_CreateOrUpdate: (ctx) => {
      const body = ctx.body as QuantumWorkspace;
      const target = { ...address(ctx), location: shortLocation(body.location) };
      const existing = state.find(target.subscriptionId, target.resourceGroup, target.name);
      if (existing?.operationId !== undefined) return busy(existing);
      if (existing && existing.location !== target.location) {
        return armError(
          409,
          'InvalidResourceLocation',
          `The resource '${target.name}' already exists in location '${existing.location}' in resource group '${target.resourceGroup}'. A resource with the same name cannot be created in location '${target.location}'.`,
        );
      }
      const { created, operation } = state.createOrUpdate(target, body);
      const stored = state.find(target.subscriptionId, target.resourceGroup, target.name) as StoredWorkspace;
      return json(stored.resource, created ? 201 : 200, {
        'azure-asyncoperation': asyncOperationUrl(operation),
        ...retryAfter,
      });
    },

    Workspaces_UpdateTags: (ctx) => {
      const stored = workspaceOr404(ctx);
      if (stored instanceof Response) return stored;
      stored.resource.tags = { ...((ctx.body as { tags?: Record<string, string> }).tags ?? {}) };
      return json(stored.resource);
    },

    Workspaces_Delete: (ctx) => {
      const { subscriptionId, resourceGroup, name } = address(ctx);
      const stored = state.find(subscriptionId, resourceGroup, name);
      if (!stored) return new Response(null, { status: 204 });
      if (stored.operationId !== undefined) return busy(stored);
      const operation = state.startDelete(stored);
      return new Response(null, {
        status: 202,
        headers: { location: locationUrl(operation), ...retryAfter },
      });
    },

    Workspaces_ListKeys: (ctx) => {
      const stored = workspaceOr404(ctx);
      return stored instanceof Response ? stored : json(state.listKeys(stored));
    },

    Workspaces_RegenerateKeys: (ctx) => {
      const stored = workspaceOr404(ctx);
      if (stored instanceof Response) return stored;
      state.regenerateKeys(stored, (ctx.body as RegenerateKeyRequest).keys ?? []);
      return new Response(null, { status: 204 });
    },

    OperationStatuses_Get: (ctx) => {
      const operation = operationOr404(ctx);
      if (operation instanceof Response) return operation;
      state.observe(operation);
      const running = operation.status === 'InProgress';
      return json(
        {
          id: `/subscriptions/${operation.address.subscriptionId}/providers/Microsoft.Quantum/locations/${operation.address.location}/operationStatuses/${operation.id}`,
          name: operation.id,
          status: operation.status,
          startTime: operation.startTime,
          ...(operation.endTime ? { endTime: operation.endTime } : {}),
          percentComplete: running ? Math.round((100 * operation.polls) / state.pollsToComplete) : 100,
          ...(operation.error ? { error: operation.error } : {}),
        },
        200,
        running ? retryAfter : {},
      );
    },

    OperationResults_Get: (ctx) => {
      const operation = operationOr404(ctx);
      if (operation instanceof Response) return operation;
      state.observe(operation);
      if (operation.status === 'InProgress') {
        return new Response(null, {
          status: 202,
          headers: { location: locationUrl(operation), ...retryAfter },
        });
      }
      if (operation.error) return armError(409, operation.error.code, operation.error.message);
      return new Response(null, { status: 204 });
    },

    BlobContainers_Create: (ctx) => {
      const { subscriptionId, resourceGroupName, accountName, containerName } = ctx.path as Record<
        string,
        string
      >;
      const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${accountName}/blobServices/default/containers/${containerName}`;
      const existing = state.containers.get(id.toLowerCase());
      if (existing) return json(existing, 200);
      const given = (ctx.body as BlobContainer).properties ?? {};
      const container: BlobContainer = {
        id,
        name: containerName,
        type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
        etag: `"0x${state.now().toString(16).toUpperCase()}"`,
        properties: {
          publicAccess: given.publicAccess ?? 'None',
          ...(given.metadata ? { metadata: given.metadata } : {}),
          lastModifiedTime: state.timestamp(),
          leaseStatus: 'Unlocked',
          leaseState: 'Available',
          hasImmutabilityPolicy: false,
          hasLegalHold: false,
          deleted: false,
        },
      };
      state.containers.set(id.toLowerCase(), container);
      return json(container, 201);
    },

    ResourceGraph_Resources: (ctx) => {
      state.counters.graphQueries += 1;
      const request = ctx.body as ResourceGraphQueryRequest;
      const scope = request.subscriptions?.map((s) => s.toLowerCase());
      const table = [...state.workspaces.values()]
        .filter((w) => scope === undefined || scope.includes(w.subscriptionId.toLowerCase()))
        .map((w) => ({
          id: w.resource.id,
          name: w.name,
          type: 'microsoft.quantum/workspaces',
          location: w.location,
          // Resource Graph reports resource groups in lowercase.
          resourceGroup: w.resourceGroup.toLowerCase(),
          subscriptionId: w.subscriptionId,
          tags: w.resource.tags ?? {},
          properties: w.resource.properties ?? {},
        }));
      const outcome = runGraphQuery(request.query, table);
      if ('error' in outcome) return armError(400, 'InvalidQuery', `Query is invalid: ${outcome.error}`);
      const top = request.options?.$top ?? 1000;
      const data = outcome.rows.slice(0, top);
      return json({
        totalRecords: outcome.rows.length,
        count: data.length,
        data,
        facets: [],
        resultTruncated: data.length < outcome.rows.length ? 'true' : 'false',
      });
    },
  };
}
