import { throwingClient } from '@qc/auth';
import {
  type FindWorkspaceOptions,
  findWorkspace,
  getWorkspaceConnection,
  type WorkspaceConnection,
} from './connection.js';
import type { Client } from './generated/client.gen.js';
import type {
  BlobContainer,
  CheckNameAvailabilityResponse,
  KeyType,
  ListKeysResult,
  Operation,
  ProviderDescription,
  QuantumSuiteOffer,
  QuantumWorkspace,
  QuantumWorkspaceWritable,
  ResourceGraphQueryRequest,
  ResourceGraphQueryResponse,
} from './generated/types.gen.js';
import { type StorageAccountRef, subscriptionIdParam } from './ids.js';
import { listKeys, regenerateKey } from './keys.js';
import type { LroPoller } from './lro.js';
import type { ListOptions } from './paging.js';
import {
  checkNameAvailability,
  type ListOfferingsOptions,
  listOfferings,
  listOperations,
  listSuiteOffers,
} from './provider.js';
import { queryResources } from './resource-graph.js';
import { type CreateBlobContainerOptions, createBlobContainer, jobContainerName } from './storage.js';
import { type ArmTransportOptions, createArmTransport } from './transport.js';
import {
  type CallOptions,
  createOrUpdateWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspaces,
  updateWorkspaceTags,
  type WorkspaceOperationOptions,
} from './workspaces.js';

/** Options of {@link createAzureQuantumArmClient}: credentials, ARM's URL, transport settings, the subscription. */
export interface AzureQuantumArmClientOptions extends ArmTransportOptions {
  /**
   * The subscription the workspace calls act in (a GUID). Optional: without it, `findWorkspace` searches
   * every subscription the identity can read, and calls that need one say so.
   */
  subscriptionId?: string;
}

/**
 * A client of Azure Resource Manager for Microsoft.Quantum, made by {@link createAzureQuantumArmClient}:
 * workspaces and their keys, offerings, storage containers, and the lookup of a workspace's connection.
 */
export interface AzureQuantumArmClient {
  /** The ARM base URL every request of this client goes to. */
  readonly baseUrl: string;
  /** The subscription workspace calls act in; undefined when none was given. */
  readonly subscriptionId: string | undefined;
  /**
   * The generated (hey-api) client, authenticated with the management scope; pass it to any generated
   * SDK function: `workspacesGet({ client: arm.client, path, query })`. Its errors are typed qc errors.
   */
  readonly client: Client;

  /** The operations of the Microsoft.Quantum provider. */
  listOperations(options?: ListOptions): AsyncGenerator<Operation, void, undefined>;
  /** Providers, targets, SKUs and quota dimensions offered in a region. */
  listOfferings(
    location: string,
    options?: ListOfferingsOptions,
  ): AsyncGenerator<ProviderDescription, void, undefined>;
  /** The quantum suite offers available to the subscription. */
  listSuiteOffers(options?: ListOptions): AsyncGenerator<QuantumSuiteOffer, void, undefined>;
  /** Whether a workspace name is available in a region (and why not). */
  checkNameAvailability(
    location: string,
    workspaceName: string,
    options?: CallOptions,
  ): Promise<CheckNameAvailabilityResponse>;

  /** Workspaces of the subscription, or of `options.resourceGroup`, page after page. */
  listWorkspaces(
    options?: ListOptions & { resourceGroup?: string },
  ): AsyncGenerator<QuantumWorkspace, void, undefined>;
  /** The workspace, with its location, data-plane `endpointUri` and `workspaceKind`. */
  getWorkspace(
    resourceGroup: string,
    workspaceName: string,
    options?: CallOptions,
  ): Promise<QuantumWorkspace>;
  /**
   * Creates or updates a workspace. Returns a poller at once (the PUT is sent right away): `await` it for
   * the provisioned workspace, or watch `state`/`onProgress`; a Failed/Canceled provisioning rejects
   * with OperationFailedError. Retried on 429/5xx (an idempotent PUT).
   */
  createOrUpdateWorkspace(
    resourceGroup: string,
    workspaceName: string,
    workspace: QuantumWorkspaceWritable,
    options?: WorkspaceOperationOptions,
  ): LroPoller<QuantumWorkspace>;
  /** Replaces the workspace's tags (synchronous). */
  updateWorkspaceTags(
    resourceGroup: string,
    workspaceName: string,
    tags: Record<string, string>,
    options?: CallOptions,
  ): Promise<QuantumWorkspace>;
  /** Deletes a workspace; the poller resolves when the deletion is over (at once when it did not exist). */
  deleteWorkspace(
    resourceGroup: string,
    workspaceName: string,
    options?: WorkspaceOperationOptions,
  ): LroPoller<void>;
  /** The workspace's API keys. Their values are kept out of every error of this client from then on. */
  listKeys(resourceGroup: string, workspaceName: string, options?: CallOptions): Promise<ListKeysResult>;
  /** Regenerates the primary and/or secondary key. */
  regenerateKey(
    resourceGroup: string,
    workspaceName: string,
    keys: KeyType | readonly KeyType[],
    options?: CallOptions,
  ): Promise<void>;

  /** Creates a blob container in a storage account (an ARM id or its parts) with the ARM token. */
  createBlobContainer(
    storageAccount: string | StorageAccountRef,
    containerName: string,
    options?: CreateBlobContainerOptions,
  ): Promise<BlobContainer>;
  /** Creates `job-{jobId}` in the workspace's storage account (its `properties.storageAccount`). */
  createJobContainer(
    workspace: QuantumWorkspace,
    jobId: string,
    options?: CreateBlobContainerOptions,
  ): Promise<BlobContainer>;

  /** Runs an Azure Resource Graph query. */
  queryResources(
    request: ResourceGraphQueryRequest,
    options?: CallOptions,
  ): Promise<ResourceGraphQueryResponse>;
  /** Finds a workspace by name (Resource Graph) and returns how to connect a data-plane client to it. */
  findWorkspace(workspaceName: string, options?: FindWorkspaceOptions): Promise<WorkspaceConnection>;
  /** Reads a workspace from ARM and returns how to connect a data-plane client to it. */
  getWorkspaceConnection(
    resourceGroup: string,
    workspaceName: string,
    options?: CallOptions,
  ): Promise<WorkspaceConnection>;
}

/**
 * Creates an independent client for Microsoft.Quantum on Azure Resource Manager: its own base URL,
 * credentials (for the management scope) and transport, no shared global state.
 */
export function createAzureQuantumArmClient(options: AzureQuantumArmClientOptions): AzureQuantumArmClient {
  const subscriptionId =
    options.subscriptionId === undefined ? undefined : subscriptionIdParam(options.subscriptionId);
  const exposed = createArmTransport(options);
  // The facade's own calls always throw, whatever a caller's options carry; `client` is for SDK users.
  const transport = { ...exposed, client: throwingClient(exposed.client) };
  const sub = subscriptionId;
  return {
    baseUrl: transport.baseUrl,
    subscriptionId,
    client: exposed.client,
    listOperations: (listOptions) => listOperations(transport, listOptions),
    listOfferings: (location, listOptions) => listOfferings(transport, sub, location, listOptions),
    listSuiteOffers: (listOptions) => listSuiteOffers(transport, sub, listOptions),
    checkNameAvailability: (location, name, callOptions) =>
      checkNameAvailability(transport, sub, location, name, callOptions),
    listWorkspaces: (listOptions) => listWorkspaces(transport, sub, listOptions),
    getWorkspace: (rg, name, callOptions) => getWorkspace(transport, sub, rg, name, callOptions),
    createOrUpdateWorkspace: (rg, name, workspace, lroOptions) =>
      createOrUpdateWorkspace(transport, sub, rg, name, workspace, lroOptions),
    updateWorkspaceTags: (rg, name, tags, callOptions) =>
      updateWorkspaceTags(transport, sub, rg, name, tags, callOptions),
    deleteWorkspace: (rg, name, lroOptions) => deleteWorkspace(transport, sub, rg, name, lroOptions),
    listKeys: (rg, name, callOptions) => listKeys(transport, sub, rg, name, callOptions),
    regenerateKey: (rg, name, keys, callOptions) =>
      regenerateKey(transport, sub, rg, name, keys, callOptions),
    createBlobContainer: (account, container, containerOptions) =>
      createBlobContainer(transport, sub, account, container, containerOptions),
    createJobContainer: async (workspace, jobId, containerOptions) =>
      createBlobContainer(
        transport,
        sub,
        workspace.properties?.storageAccount ?? '',
        jobContainerName(jobId),
        containerOptions,
      ),
    queryResources: (request, callOptions) => queryResources(transport, request, callOptions),
    findWorkspace: (name, findOptions) => findWorkspace(transport, sub, name, findOptions),
    getWorkspaceConnection: (rg, name, callOptions) =>
      getWorkspaceConnection(transport, sub, rg, name, callOptions),
  };
}
