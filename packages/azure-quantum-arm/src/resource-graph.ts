import type { CallOptions } from '@qc/auth';
import { resourceGraphResources } from './generated/sdk.gen.js';
import type { ResourceGraphQueryRequest, ResourceGraphQueryResponse } from './generated/types.gen.js';
import { normalizeLocation, resourceGroupParam, workspaceNameParam } from './ids.js';
import { type ArmTransport, RESOURCE_GRAPH_API_VERSION } from './transport.js';

/** Runs an Azure Resource Graph query (KQL). Not retried automatically (a POST). */
export async function queryResources(
  transport: ArmTransport,
  request: ResourceGraphQueryRequest,
  options: CallOptions = {},
): Promise<ResourceGraphQueryResponse> {
  const { data } = await resourceGraphResources({
    client: transport.client,
    query: { 'api-version': RESOURCE_GRAPH_API_VERSION },
    body: request,
    ...options,
  });
  return data;
}

/** One row of {@link workspaceLookupQuery}. */
export interface WorkspaceGraphRow {
  /** The workspace's ARM id. */
  id?: string;
  /** The workspace's name. */
  name: string;
  /** Its subscription id. */
  subscriptionId: string;
  /** Its resource group. */
  resourceGroup: string;
  /** Its region, as ARM reports it. */
  location: string;
  /** Its data-plane base URL; absent while it is provisioned. */
  endpointUri?: string;
  /** `V1` or `V2`, when ARM says. */
  workspaceKind?: string;
}

/** What {@link workspaceLookupQuery} searches for. */
export interface WorkspaceLookup {
  /** The workspace's name. */
  workspaceName: string;
  /** Only in this resource group. */
  resourceGroup?: string;
  /** Only in this region (short form or display name). */
  location?: string;
}

/**
 * The query the official SDK sends to find a workspace by name (reference §2.5), plus the workspace's
 * kind and id. Every value is checked against its naming rule first, so none can change the query;
 * quotes are escaped all the same.
 */
export function workspaceLookupQuery(lookup: WorkspaceLookup): string {
  const lines = [
    'Resources',
    "| where type =~ 'microsoft.quantum/workspaces'",
    `| where name =~ '${kqlString(workspaceNameParam(lookup.workspaceName))}'`,
  ];
  if (lookup.resourceGroup !== undefined) {
    lines.push(`| where resourceGroup =~ '${kqlString(resourceGroupParam(lookup.resourceGroup))}'`);
  }
  if (lookup.location !== undefined) {
    lines.push(`| where location =~ '${kqlString(normalizeLocation(lookup.location))}'`);
  }
  lines.push(
    '| extend endpointUri = tostring(properties.endpointUri), workspaceKind = tostring(properties.workspaceKind)',
    '| project id, name, subscriptionId, resourceGroup, location, endpointUri, workspaceKind',
  );
  return lines.join('\n');
}

function kqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
