import {
  createContract,
  createMockService,
  jsonResponse,
  type MockOperation,
  type ResponseCheckPolicy,
} from '@qc/core/contract';
import { http, type RequestHandler } from 'msw';
import { openApiDocument } from '../generated/spec.gen.js';
import { type BlobStoreMock, createBlobStoreMock } from './blob-store.js';
import { createEntraMock, type EntraMock, type EntraMockClient } from './entra.js';
import { azureError, workspaceOperations } from './operations.js';
import { type Caller, WorkspaceState, type WorkspaceStateOptions } from './state.js';

export {
  BLOB_MOCK_VERSION,
  type BlobStoreMock,
  type BlobStoreMockOptions,
  type BlobStoreState,
  createBlobStoreMock,
  type SasGrant,
  type StoredBlob,
} from './blob-store.js';
export {
  audienceOf,
  createEntraMock,
  ENTRA_DEMO_CREDENTIALS,
  ENTRA_MOCK_RECORDED_TOKENS,
  type EntraMock,
  type EntraMockClient,
  type EntraMockOptions,
  type EntraMockState,
  type IssuedToken,
  type TokenCheck,
} from './entra.js';
export { ACCEPTED_FORMATS } from './outputs.js';
export type { Caller, MockJob, MockSession, WorkspaceStateOptions } from './state.js';
export { WorkspaceState } from './state.js';

/** The mock workspace's names (those of the recorded fixtures). */
export const AZURE_QUANTUM_DEMO_WORKSPACE = Object.freeze({
  /** The subscription id. */
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  /** The resource group. */
  resourceGroup: 'myresourcegroup',
  /** The workspace's name. */
  workspace: 'myworkspace',
  /** The workspace's region. */
  location: 'eastus',
});

/** A workspace key the mock accepts out of the box. Not a real credential. */
export const AZURE_QUANTUM_DEMO_API_KEY = 'qc-demo-workspace-key~not-a-real-one';

/** The audience of data-plane tokens (scope `https://quantum.microsoft.com/.default`). */
export const AZURE_QUANTUM_AUDIENCE = 'https://quantum.microsoft.com';

/** The demo workspace's connection string, pointing at `endpoint`. */
export function demoConnectionString(
  endpoint = 'https://eastus.quantum.azure.com/',
  apiKey = AZURE_QUANTUM_DEMO_API_KEY,
): string {
  const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
  return `SubscriptionId=${subscriptionId};ResourceGroupName=${resourceGroup};WorkspaceName=${workspace};ApiKey=${apiKey};QuantumEndpoint=${endpoint};`;
}

/** Options of {@link createAzureQuantumMock}: the workspace, its credentials, and the mocks it shares. */
export interface AzureQuantumMockOptions extends WorkspaceStateOptions {
  /** The data-plane base URL (default `https://eastus.quantum.azure.com`); a path prefix is kept. */
  endpoint?: string;
  /** The workspace's subscription id (default the demo workspace's). */
  subscriptionId?: string;
  /** The workspace's resource group (default the demo workspace's). */
  resourceGroup?: string;
  /** The workspace's name (default the demo workspace's). */
  workspace?: string;
  /** Workspace keys accepted in `x-ms-quantum-api-key` (default: {@link AZURE_QUANTUM_DEMO_API_KEY}). */
  apiKeys?: readonly string[];
  /** An Entra mock to share with other resource mocks (ARM); default: a new one. */
  entra?: EntraMock;
  /** For the Entra mock created here: its authority host and app registrations. */
  authorityHost?: string;
  /** For the Entra mock created here: the app registrations it accepts (default the demo one). */
  entraClients?: readonly EntraMockClient[];
  /** A blob store to share; default: a new one at `storageAccountUrl`. */
  blobStore?: BlobStoreMock;
  /** Default `https://mystorage.blob.core.windows.net`. */
  storageAccountUrl?: string;
  /** Largest page size (default 100, as the service). */
  pageSize?: number;
  /** What cancelJob answers: 204 like the live service (default) or 200 with the job, like the swagger. */
  cancelStatus?: 200 | 204;
  /**
   * Throw when a mock response breaks the spec: every response (`true`, the default) or those a policy
   * picks (`sampledResponseChecks()` of `@qc/core/contract`, as the mock cloud does).
   */
  validateResponses?: boolean | ResponseCheckPolicy;
}

/** A mock Azure Quantum workspace, made by {@link createAzureQuantumMock}. */
export interface AzureQuantumMock {
  /** The data-plane base URL, without a trailing slash. */
  readonly endpoint: string;
  /** Jobs, sessions and counters, for assertions. */
  readonly state: WorkspaceState;
  /** The Entra ID mock that issues its tokens (shared when one was given). */
  readonly entra: EntraMock;
  /** The workspace's storage account (shared when one was given). */
  readonly blobStore: BlobStoreMock;
  /** The whole mock (data plane, Entra, blob store) as a plain function; the mock cloud serves it. */
  handle(request: Request): Promise<Response | undefined>;
  /** msw handlers for `setupServer(...)` / `server.use(...)`. */
  handlers: RequestHandler[];
}

/**
 * A stateful, spec-validating mock of an Azure Quantum workspace: its data plane, the Entra ID token
 * endpoint and its storage account. Jobs move Waiting → Executing → Succeeded (or Failed), one step
 * per `getJob` poll, and write their output blob computed from the uploaded input; sessions track
 * their jobs and failure policy; tokens must be issued for the data plane's audience or the request
 * carries a valid workspace key. Requests that break specs/azure-quantum.yaml get a 400 naming the issues.
 */
export function createAzureQuantumMock(options: AzureQuantumMockOptions = {}): AzureQuantumMock {
  const endpoint = (options.endpoint ?? 'https://eastus.quantum.azure.com').replace(/\/+$/, '');
  const now = options.now ?? (() => Date.now());
  const entra =
    options.entra ??
    createEntraMock({
      now,
      ...(options.authorityHost === undefined ? {} : { authorityHost: options.authorityHost }),
      ...(options.entraClients === undefined ? {} : { clients: options.entraClients }),
    });
  const blobStore = options.blobStore ?? createBlobStoreMock({ now, accountUrl: options.storageAccountUrl });
  const state = new WorkspaceState(blobStore, { ...options, now });
  const apiKeys = new Set(options.apiKeys ?? [AZURE_QUANTUM_DEMO_API_KEY]);
  const callers = new WeakMap<Request, Caller>();
  const workspace = [
    options.subscriptionId ?? AZURE_QUANTUM_DEMO_WORKSPACE.subscriptionId,
    options.resourceGroup ?? AZURE_QUANTUM_DEMO_WORKSPACE.resourceGroup,
    options.workspace ?? AZURE_QUANTUM_DEMO_WORKSPACE.workspace,
  ].map((name) => name.toLowerCase());

  const operations = workspaceOperations(state, {
    pageSize: options.pageSize ?? 100,
    cancelStatus: options.cancelStatus ?? 204,
    callerOf: (request) => callers.get(request) ?? { id: 'unknown', type: 'Application' },
  });
  // Every operation is scoped to the one workspace this mock holds.
  const scoped: Record<string, MockOperation> = {};
  for (const [id, operation] of Object.entries(operations)) {
    scoped[id] = (ctx) => {
      const { subscriptionId, resourceGroupName, workspaceName } = ctx.path;
      const asked = [subscriptionId, resourceGroupName, workspaceName].map((name) =>
        String(name).toLowerCase(),
      );
      if (asked.some((name, i) => name !== workspace[i])) {
        return azureError(
          404,
          'WorkspaceNotFound',
          `Workspace '${String(workspaceName)}' was not found in this region.`,
        );
      }
      return operation(ctx);
    };
  }

  const unauthorized = (challenge: string) => {
    state.counters.unauthorized += 1;
    // The live service answers 401 with an empty body; the challenge says why.
    return new Response(null, { status: 401, headers: { 'www-authenticate': challenge } });
  };
  const dataPlane = createMockService({
    contract: createContract(openApiDocument),
    baseUrl: endpoint,
    operations: scoped,
    validateResponses: options.validateResponses ?? true,
    // Refusals in Azure's envelope, the schema issues beside it.
    refusal: (status, message, issues) =>
      jsonResponse(
        { error: { code: status === 400 ? 'InvalidRequest' : 'NotSupported', message }, issues },
        { status, headers: { 'x-ms-error-code': status === 400 ? 'InvalidRequest' : 'NotSupported' } },
      ),
    authorize: (request) => {
      const key = request.headers.get('x-ms-quantum-api-key');
      if (key !== null) {
        if (!apiKeys.has(key)) return unauthorized('Bearer error="invalid_token"');
        callers.set(request, { id: 'workspace key', type: 'Key' });
        state.counters.apiKeyRequests += 1;
        return undefined;
      }
      const check = entra.checkBearer(request, AZURE_QUANTUM_AUDIENCE);
      if (!check.ok) return unauthorized(check.challenge);
      callers.set(request, { id: check.token.clientId, type: 'Application' });
      state.counters.bearerRequests += 1;
      return undefined;
    },
  });
  const handle = async (request: Request) =>
    (await dataPlane(request)) ?? (await entra.handle(request)) ?? (await blobStore.handle(request));
  return {
    endpoint,
    state,
    entra,
    blobStore,
    handle,
    handlers: [http.all('*', ({ request }) => handle(request))],
  };
}
