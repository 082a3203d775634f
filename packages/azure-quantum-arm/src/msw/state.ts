import type {
  BlobContainer,
  ListKeysResult,
  Provider,
  QuantumWorkspace,
  WorkspaceResourceProperties,
} from '../generated/types.gen.js';

/** The service writes the read-only members; the generated types mark them readonly for clients. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };
type MutableProperties = Writable<WorkspaceResourceProperties>;

/**
 * Names the mock (and the mock cloud) use out of the box: those of the SDK's sanitised recordings, and
 * of `@qc/azure-quantum/msw`'s demo workspace, so the two mocks describe the same workspace.
 */
export const AZURE_ARM_DEMO = {
  /** The subscription id. */
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  /** The resource group. */
  resourceGroup: 'myresourcegroup',
  /** The workspace's name. */
  workspace: 'myworkspace',
  /** The workspace's region. */
  location: 'eastus',
  /** The ARM id of the workspace's storage account. */
  storageAccountId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myresourcegroup/providers/Microsoft.Storage/storageAccounts/mystorage',
} as const;

/** A workspace that exists from the start (already provisioned). */
export interface SeedWorkspace {
  /** Default the demo subscription. */
  subscriptionId?: string;
  /** Default the demo resource group. */
  resourceGroup?: string;
  /** The workspace's name. */
  name: string;
  /** Short form or display name; default `eastus`. */
  location?: string;
  /** The data-plane base URL; default from the state's `dataPlaneBaseUrl`. */
  endpointUri?: string;
  /** `V1` (default) or `V2`. */
  workspaceKind?: string;
  /** Its providers (default: `microsoft-qc` with the `learn-and-develop` SKU). */
  providers?: Provider[];
  /** The ARM id of its storage account (default the demo one). */
  storageAccount?: string;
  /** Whether it accepts API keys (default true). */
  apiKeyEnabled?: boolean;
  /** Its tags. */
  tags?: Record<string, string>;
}

/** Where a workspace is: subscription, resource group, name and region. */
export interface WorkspaceAddress {
  /** The subscription id. */
  subscriptionId: string;
  /** The resource group. */
  resourceGroup: string;
  /** The workspace's name. */
  name: string;
  /** The region, in short form. */
  location: string;
}

/** How the ARM mock starts and paces its operations. */
export interface ArmMockStateOptions {
  /**
   * The `endpointUri` given to workspaces: a fixed URL (every workspace on one data-plane mock, as the
   * mock cloud serves it) or a function of the workspace. Default `https://{name}.{location}.quantum.azure.com`.
   */
  dataPlaneBaseUrl?: string | ((workspace: WorkspaceAddress) => string);
  /** Workspaces that exist from the start. */
  workspaces?: SeedWorkspace[];
  /** Status polls an operation takes to finish (default 2: one InProgress, then the outcome). */
  pollsToComplete?: number;
  /** `Retry-After` sent with every accepted operation and InProgress status, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Items per page of every list (default 100); smaller values exercise `nextLink`. */
  pageSize?: number;
  /** Clock for timestamps and token expiry. Default Date.now (fake timers move it). */
  now?: () => number;
}

/** A workspace as the mock keeps it. */
export interface StoredWorkspace extends WorkspaceAddress {
  /** The workspace as ARM returns it, updated in place. */
  resource: QuantumWorkspace;
  /** Its two API keys. */
  keys: {
    /** The primary key. */
    primary: {
      /** The key's value. */
      key: string;
      /** When it was generated (ISO 8601). */
      createdAt: string;
    };
    /** The secondary key. */
    secondary: {
      /** The key's value. */
      key: string;
      /** When it was generated (ISO 8601). */
      createdAt: string;
    };
  };
  /** The operation running on the workspace, if any. */
  operationId?: string;
}

/** What a long-running workspace operation does. */
export type OperationKind = 'create' | 'update' | 'delete';

/** A long-running operation as the mock keeps it (its status monitor reads it). */
export interface StoredOperation {
  /** The operation's id, in its monitor URL. */
  id: string;
  /** What it does. */
  kind: OperationKind;
  /** The workspace's key in {@link ArmMockState.workspaces}. */
  workspaceKey: string;
  /** The workspace it acts on. */
  address: WorkspaceAddress;
  /** Its status, as the monitor reports it. */
  status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
  /** Status polls so far. */
  polls: number;
  /** When it started (ISO 8601). */
  startTime: string;
  /** When it ended (ISO 8601). */
  endTime?: string;
  /** Why it failed, for a Failed or Canceled operation. */
  error?: {
    /** The error code. */
    code: string;
    /** The error message. */
    message: string;
  };
}

/** How an operation set up by {@link ArmMockState.failNextOperation} ends. */
export interface OperationFailure {
  /** Default `Failed`. */
  status?: 'Failed' | 'Canceled';
  /** The error code the monitor reports. */
  code: string;
  /** The error message the monitor reports. */
  message: string;
}

/** The mock's state: workspaces, their keys, operations, containers and counters. Inspectable by tests. */
export class ArmMockState {
  /** Workspaces by {@link ArmMockState.key}. */
  readonly workspaces = new Map<string, StoredWorkspace>();
  /** Operations by id. */
  readonly operations = new Map<string, StoredOperation>();
  /** Blob containers created through the Storage resource provider, by ARM id (lower case). */
  readonly containers = new Map<string, BlobContainer>();
  /** Counters tests assert on. */
  readonly counters = {
    /** Operation status polls. */
    statusPolls: 0,
    /** Requests refused for their token. */
    rejectedTokens: 0,
    /** Resource Graph queries. */
    graphQueries: 0,
    /** Key regenerations. */
    keyRegenerations: 0,
  };
  /** {@link ArmMockStateOptions.pollsToComplete}, default applied. */
  readonly pollsToComplete: number;
  /** {@link ArmMockStateOptions.retryAfterSeconds}, default applied. */
  readonly retryAfterSeconds: number;
  /** {@link ArmMockStateOptions.pageSize}, default applied. */
  readonly pageSize: number;
  /** The mock's clock, in epoch ms. */
  readonly now: () => number;
  readonly #dataPlane: ArmMockStateOptions['dataPlaneBaseUrl'];
  readonly #failures = new Map<string, OperationFailure>();

  constructor(options: ArmMockStateOptions = {}) {
    this.pollsToComplete = Math.max(1, options.pollsToComplete ?? 2);
    this.retryAfterSeconds = Math.max(0, options.retryAfterSeconds ?? 1);
    this.pageSize = Math.max(1, options.pageSize ?? 100);
    this.now = options.now ?? (() => Date.now());
    this.#dataPlane = options.dataPlaneBaseUrl;
    for (const seed of options.workspaces ?? []) this.seed(seed);
  }

  /** A workspace's key in {@link ArmMockState.workspaces}: its three names, lower case. */
  static key(subscriptionId: string, resourceGroup: string, name: string): string {
    return `${subscriptionId}/${resourceGroup}/${name}`.toLowerCase();
  }

  /** The mock's current time, ISO 8601. */
  timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** The data-plane base URL a workspace at `address` gets (see {@link ArmMockStateOptions.dataPlaneBaseUrl}). */
  endpointFor(address: WorkspaceAddress): string {
    if (typeof this.#dataPlane === 'function') return this.#dataPlane(address);
    return this.#dataPlane ?? `https://${address.name}.${address.location}.quantum.azure.com`;
  }

  /** Adds a provisioned workspace. */
  seed(seed: SeedWorkspace): StoredWorkspace {
    const address: WorkspaceAddress = {
      subscriptionId: seed.subscriptionId ?? AZURE_ARM_DEMO.subscriptionId,
      resourceGroup: seed.resourceGroup ?? AZURE_ARM_DEMO.resourceGroup,
      name: seed.name,
      location: shortLocation(seed.location ?? AZURE_ARM_DEMO.location),
    };
    const stored = this.#store(address, {
      location: address.location,
      tags: seed.tags,
      properties: {
        providers: seed.providers ?? [{ providerId: 'microsoft-qc', providerSku: 'learn-and-develop' }],
        storageAccount: seed.storageAccount ?? AZURE_ARM_DEMO.storageAccountId,
        workspaceKind: seed.workspaceKind ?? 'V1',
        apiKeyEnabled: seed.apiKeyEnabled ?? true,
      },
    });
    this.#settle(stored, 'Succeeded');
    if (seed.endpointUri !== undefined)
      (stored.resource.properties as MutableProperties).endpointUri = seed.endpointUri;
    return stored;
  }

  /** The workspace of that name (any case), or undefined. */
  find(subscriptionId: string, resourceGroup: string, name: string): StoredWorkspace | undefined {
    return this.workspaces.get(ArmMockState.key(subscriptionId, resourceGroup, name));
  }

  /** Makes the next operation of `kind` on the named workspace end Failed (or Canceled) with this error. */
  failNextOperation(workspaceName: string, kind: OperationKind, failure: OperationFailure): void {
    this.#failures.set(`${kind}:${workspaceName.toLowerCase()}`, failure);
  }

  /** A PUT: creates (201) or updates (200) the workspace and starts the operation that provisions it. */
  createOrUpdate(
    address: WorkspaceAddress,
    body: QuantumWorkspace,
  ): {
    /** True when the workspace is new. */
    created: boolean;
    /** The operation that provisions it. */
    operation: StoredOperation;
  } {
    const key = ArmMockState.key(address.subscriptionId, address.resourceGroup, address.name);
    const existing = this.workspaces.get(key);
    const stored = existing ?? this.#store(address, body);
    if (existing) {
      const properties = existing.resource.properties ?? {};
      const given = body.properties ?? {};
      if (given.providers !== undefined) properties.providers = structuredClone(given.providers);
      if (given.storageAccount !== undefined) properties.storageAccount = given.storageAccount;
      if (given.apiKeyEnabled !== undefined) properties.apiKeyEnabled = given.apiKeyEnabled;
      if (body.tags !== undefined) existing.resource.tags = { ...body.tags };
      existing.resource.properties = properties;
    }
    const launching = existing ? 'ProviderUpdating' : 'ProviderLaunching';
    const properties = stored.resource.properties as MutableProperties;
    properties.provisioningState = launching;
    if (!existing) properties.usable = 'No';
    for (const provider of properties.providers ?? []) {
      provider.provisioningState = existing ? 'Updating' : 'Launching';
      provider.applicationName ??= `${address.name}-${provider.providerId ?? 'provider'}`;
    }
    this.#touch(stored);
    return { created: !existing, operation: this.#start(existing ? 'update' : 'create', stored) };
  }

  /** A DELETE: starts the operation that removes the workspace. */
  startDelete(stored: StoredWorkspace): StoredOperation {
    (stored.resource.properties as MutableProperties).provisioningState = 'ProviderDeleting';
    for (const provider of stored.resource.properties?.providers ?? [])
      provider.provisioningState = 'Deleting';
    return this.#start('delete', stored);
  }

  /** One status poll of an operation: after `pollsToComplete` polls it ends, and the workspace with it. */
  observe(operation: StoredOperation): void {
    this.counters.statusPolls += 1;
    if (operation.status !== 'InProgress') return;
    operation.polls += 1;
    if (operation.polls < this.pollsToComplete) return;
    const stored = this.workspaces.get(operation.workspaceKey);
    const failure = this.#failures.get(`${operation.kind}:${operation.address.name.toLowerCase()}`);
    this.#failures.delete(`${operation.kind}:${operation.address.name.toLowerCase()}`);
    operation.endTime = this.timestamp();
    if (failure) {
      operation.status = failure.status ?? 'Failed';
      operation.error = { code: failure.code, message: failure.message };
      if (stored) this.#settle(stored, operation.kind === 'delete' ? 'Failed' : (failure.status ?? 'Failed'));
    } else {
      operation.status = 'Succeeded';
      if (operation.kind === 'delete') this.workspaces.delete(operation.workspaceKey);
      else if (stored) this.#settle(stored, 'Succeeded');
    }
    if (stored) delete stored.operationId;
  }

  /** The workspace's keys and connection strings, as ARM's `listKeys` returns them. */
  listKeys(stored: StoredWorkspace): ListKeysResult {
    const properties = stored.resource.properties ?? {};
    const connection = (key: string) =>
      `SubscriptionId=${stored.subscriptionId};ResourceGroupName=${stored.resourceGroup};WorkspaceName=${stored.name};ApiKey=${key};QuantumEndpoint=${properties.endpointUri ?? ''}/;`;
    return {
      apiKeyEnabled: properties.apiKeyEnabled ?? false,
      primaryKey: { ...stored.keys.primary },
      secondaryKey: { ...stored.keys.secondary },
      primaryConnectionString: connection(stored.keys.primary.key),
      secondaryConnectionString: connection(stored.keys.secondary.key),
    };
  }

  /** Replaces the named keys (`Primary`, `Secondary`) with new values. */
  regenerateKeys(stored: StoredWorkspace, keys: readonly string[]): void {
    this.counters.keyRegenerations += 1;
    if (keys.includes('Primary')) stored.keys.primary = this.#newKey();
    if (keys.includes('Secondary')) stored.keys.secondary = this.#newKey();
  }

  #store(address: WorkspaceAddress, body: QuantumWorkspace): StoredWorkspace {
    const now = this.timestamp();
    const id = `/subscriptions/${address.subscriptionId}/resourceGroups/${address.resourceGroup}/providers/Microsoft.Quantum/Workspaces/${address.name}`;
    const resource: QuantumWorkspace = {
      id,
      name: address.name,
      type: 'Microsoft.Quantum/Workspaces',
      location: address.location,
      ...(body.tags ? { tags: { ...body.tags } } : {}),
      identity: { type: 'SystemAssigned', principalId: crypto.randomUUID(), tenantId: crypto.randomUUID() },
      systemData: {
        createdBy: 'mock-app',
        createdByType: 'Application',
        createdAt: now,
        lastModifiedBy: 'mock-app',
        lastModifiedByType: 'Application',
        lastModifiedAt: now,
      },
      properties: {
        providers: structuredClone(body.properties?.providers ?? []),
        workspaceKind: body.properties?.workspaceKind ?? 'V1',
        apiKeyEnabled: body.properties?.apiKeyEnabled ?? false,
        ...(body.properties?.storageAccount ? { storageAccount: body.properties.storageAccount } : {}),
      },
    };
    const stored: StoredWorkspace = {
      ...address,
      resource,
      keys: { primary: this.#newKey(), secondary: this.#newKey() },
    };
    this.workspaces.set(
      ArmMockState.key(address.subscriptionId, address.resourceGroup, address.name),
      stored,
    );
    return stored;
  }

  #start(kind: OperationKind, stored: StoredWorkspace): StoredOperation {
    const operation: StoredOperation = {
      id: crypto.randomUUID(),
      kind,
      workspaceKey: ArmMockState.key(stored.subscriptionId, stored.resourceGroup, stored.name),
      address: {
        subscriptionId: stored.subscriptionId,
        resourceGroup: stored.resourceGroup,
        name: stored.name,
        location: stored.location,
      },
      status: 'InProgress',
      polls: 0,
      startTime: this.timestamp(),
    };
    this.operations.set(operation.id, operation);
    stored.operationId = operation.id;
    return operation;
  }

  /** Puts the workspace in a final state; a succeeded one is usable and has its endpoint. */
  #settle(stored: StoredWorkspace, state: 'Succeeded' | 'Failed' | 'Canceled'): void {
    const properties = stored.resource.properties as MutableProperties;
    properties.provisioningState = state;
    properties.usable = state === 'Succeeded' ? 'Yes' : 'No';
    for (const provider of properties.providers ?? []) {
      provider.provisioningState = state === 'Succeeded' ? 'Succeeded' : 'Failed';
      provider.resourceUsageId ??= crypto.randomUUID();
    }
    if (state === 'Succeeded') properties.endpointUri ??= this.endpointFor(stored);
    this.#touch(stored);
  }

  #touch(stored: StoredWorkspace): void {
    const systemData = stored.resource.systemData;
    if (systemData) systemData.lastModifiedAt = this.timestamp();
  }

  #newKey(): { key: string; createdAt: string } {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const key = btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
    return { key, createdAt: this.timestamp() };
  }
}

/** ARM's short region name: `West US 2` → `westus2`. */
export function shortLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}
