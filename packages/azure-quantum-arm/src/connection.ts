import { QcError } from '@qc/core';
import type { QuantumWorkspace } from './generated/types.gen.js';
import { normalizeLocation, subscriptionIdParam } from './ids.js';
import { queryResources, type WorkspaceGraphRow, workspaceLookupQuery } from './resource-graph.js';
import type { ArmTransport } from './transport.js';
import { type CallOptions, getWorkspace } from './workspaces.js';

/**
 * Everything a data-plane client needs to reach a workspace, as a plain object. It spreads into
 * `createAzureQuantumClient({ ...connection, auth })` of `@qc/azure-quantum`: the data-plane host
 * comes from the workspace itself (`properties.endpointUri`), so no region is ever typed by hand.
 */
export interface WorkspaceConnection {
  /** The workspace's subscription id. */
  subscriptionId: string;
  /** The workspace's resource group. */
  resourceGroup: string;
  /** The workspace's name. */
  workspace: string;
  /** The workspace's data-plane base URL (`properties.endpointUri`), without a trailing slash. */
  baseUrl: string;
  /** The region in ARM's short form (`westus`), even when ARM reports the display name. */
  location: string;
  /** `V1` or `V2`, when ARM says (V2 workspaces use the `{location}-v2` host family). */
  workspaceKind?: 'V1' | 'V2';
  /** The workspace's ARM id. */
  resourceId?: string;
}

/** Why a workspace lookup failed: no such workspace, several of that name, or not provisioned yet. */
export type WorkspaceLookupFailure = 'not-found' | 'ambiguous' | 'not-ready';

/** Where a workspace of that name was found, for an ambiguous lookup. */
export interface WorkspaceCandidate {
  /** Its subscription id. */
  subscriptionId: string;
  /** Its resource group. */
  resourceGroup: string;
  /** Its region. */
  location: string;
}

/**
 * The workspace cannot be connected to: no workspace has that name (among the subscriptions searched),
 * several do (`candidates` says where; pass `resourceGroup`, `location` or a subscription), or it has no
 * data-plane endpoint yet (still provisioning, or failed: `provisioningState`).
 */
export class WorkspaceLookupError extends QcError {
  override name = 'WorkspaceLookupError';
  /** Why the lookup failed. */
  readonly reason: WorkspaceLookupFailure;
  /** The workspace name looked up. */
  readonly workspace: string;
  /** Where workspaces of that name were found (for `ambiguous`; empty otherwise). */
  readonly candidates: readonly WorkspaceCandidate[];
  /** The workspace's provisioning state (for `not-ready`). */
  readonly provisioningState: string | undefined;

  constructor(init: {
    reason: WorkspaceLookupFailure;
    workspace: string;
    candidates?: WorkspaceCandidate[];
    provisioningState?: string;
  }) {
    const candidates = init.candidates ?? [];
    const text = {
      'not-found': `No Azure Quantum workspace named "${init.workspace}" was found in the subscriptions searched`,
      ambiguous: `${candidates.length} Azure Quantum workspaces are named "${init.workspace}" (${candidates
        .map((c) => `${c.resourceGroup} in ${c.subscriptionId}, ${c.location}`)
        .join('; ')}); give a resourceGroup, location or subscription`,
      'not-ready': `Workspace "${init.workspace}" has no data-plane endpoint yet (provisioningState ${
        init.provisioningState ?? 'unknown'
      })`,
    }[init.reason];
    super(text);
    this.reason = init.reason;
    this.workspace = init.workspace;
    this.candidates = candidates;
    this.provisioningState = init.provisioningState;
  }
}

const WORKSPACE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Quantum\/workspaces\/([^/]+)$/i;

/** The connection of a workspace read from ARM (`getWorkspace`, `listWorkspaces`, a finished create). */
export function workspaceConnection(workspace: QuantumWorkspace): WorkspaceConnection {
  const match = WORKSPACE_ID.exec(workspace.id ?? '');
  const name = match?.[3] ?? workspace.name ?? '';
  const endpoint = workspace.properties?.endpointUri;
  if (!match || !endpoint) {
    throw new WorkspaceLookupError({
      reason: 'not-ready',
      workspace: name,
      provisioningState: workspace.properties?.provisioningState,
    });
  }
  return compact({
    subscriptionId: match[1] as string,
    resourceGroup: match[2] as string,
    workspace: name,
    baseUrl: endpoint.replace(/\/+$/, ''),
    location: normalizeLocation(workspace.location),
    workspaceKind: kindOf(workspace.properties?.workspaceKind),
    resourceId: workspace.id,
  });
}

/** GETs the workspace from ARM (what the official SDK does when it knows the resource group). */
export async function getWorkspaceConnection(
  transport: ArmTransport,
  subscriptionId: string | undefined,
  resourceGroup: string,
  workspaceName: string,
  options: CallOptions = {},
): Promise<WorkspaceConnection> {
  return workspaceConnection(
    await getWorkspace(transport, subscriptionId, resourceGroup, workspaceName, options),
  );
}

/** Options of {@link AzureQuantumArmClient.findWorkspace}: where to search. */
export interface FindWorkspaceOptions {
  /** Narrow the search to one resource group. */
  resourceGroup?: string;
  /** Narrow the search to one region (short form or display name). */
  location?: string;
  /**
   * Subscriptions to search. Default: the client's subscription, or every subscription the identity can
   * read when the client has none. `'all'` searches them all in any case.
   */
  subscriptions?: readonly string[] | 'all';
  /** Stops the search, and a request in flight. */
  signal?: AbortSignal;
}

/** Finds a workspace by name with Azure Resource Graph (what the official SDK does with a name alone). */
export async function findWorkspace(
  transport: ArmTransport,
  clientSubscription: string | undefined,
  workspaceName: string,
  options: FindWorkspaceOptions = {},
): Promise<WorkspaceConnection> {
  const query = workspaceLookupQuery({
    workspaceName,
    resourceGroup: options.resourceGroup,
    location: options.location,
  });
  const subscriptions =
    options.subscriptions === 'all'
      ? undefined
      : options.subscriptions !== undefined
        ? options.subscriptions.map((s) => subscriptionIdParam(s, 'subscriptions[]'))
        : clientSubscription === undefined
          ? undefined
          : [clientSubscription];
  const answer = await queryResources(
    transport,
    {
      query,
      ...(subscriptions ? { subscriptions } : {}),
      options: { resultFormat: 'objectArray', $top: 100 },
    },
    { signal: options.signal },
  );
  const rows = (Array.isArray(answer.data) ? answer.data : []) as unknown as WorkspaceGraphRow[];
  if (rows.length === 0) throw new WorkspaceLookupError({ reason: 'not-found', workspace: workspaceName });
  if (rows.length > 1) {
    throw new WorkspaceLookupError({
      reason: 'ambiguous',
      workspace: workspaceName,
      candidates: rows.map((r) => ({
        subscriptionId: r.subscriptionId,
        resourceGroup: r.resourceGroup,
        location: r.location,
      })),
    });
  }
  const row = rows[0] as WorkspaceGraphRow;
  if (!row.endpointUri) throw new WorkspaceLookupError({ reason: 'not-ready', workspace: row.name });
  return compact({
    subscriptionId: row.subscriptionId,
    resourceGroup: row.resourceGroup,
    workspace: row.name,
    baseUrl: row.endpointUri.replace(/\/+$/, ''),
    location: normalizeLocation(row.location),
    workspaceKind: kindOf(row.workspaceKind),
    resourceId: row.id || undefined,
  });
}

/** `V1`/`V2` in any case; other or missing values (ARG's tostring() of a missing property is "") drop out. */
function kindOf(value: string | undefined): 'V1' | 'V2' | undefined {
  const upper = value?.toUpperCase();
  return upper === 'V1' || upper === 'V2' ? upper : undefined;
}

/** Drops undefined members, so the object spreads cleanly into options with exact optional types. */
function compact(connection: WorkspaceConnection): WorkspaceConnection {
  return Object.fromEntries(
    Object.entries(connection).filter(([, value]) => value !== undefined),
  ) as unknown as WorkspaceConnection;
}
