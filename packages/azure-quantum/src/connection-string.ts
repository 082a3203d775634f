import { InvalidArgumentError } from '@qc/core';

/** What a workspace connection string (ARM `listKeys` → `primaryConnectionString`) holds. */
export interface WorkspaceConnection {
  /** `SubscriptionId`. */
  subscriptionId: string;
  /** `ResourceGroupName`. */
  resourceGroup: string;
  /** `WorkspaceName`. */
  workspace: string;
  /** `ApiKey`: the workspace access key. */
  apiKey: string;
  /** `QuantumEndpoint`, e.g. `https://eastus.quantum.azure.com/`: the data plane's base URL. */
  baseUrl: string;
  /** The region parsed from the endpoint host, when it has the regional form. */
  location?: string;
}

const KEYS = {
  subscriptionid: 'subscriptionId',
  resourcegroupname: 'resourceGroup',
  workspacename: 'workspace',
  apikey: 'apiKey',
  quantumendpoint: 'baseUrl',
} as const;

/**
 * Parses `SubscriptionId=…;ResourceGroupName=…;WorkspaceName=…;ApiKey=…;QuantumEndpoint=…;`. Keys are
 * matched case-insensitively in any order (the SDK's regex wants this exact order; the portal writes
 * it). Values may contain `=` (base64 keys end with it). Errors name keys, never values: the string
 * holds the workspace key.
 */
export function parseConnectionString(connectionString: string): WorkspaceConnection {
  if (typeof connectionString !== 'string' || connectionString.trim() === '') {
    throw new InvalidArgumentError('connectionString must be a non-empty string');
  }
  const found: Partial<Record<(typeof KEYS)[keyof typeof KEYS], string>> = {};
  for (const part of connectionString.trim().split(';')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at <= 0)
      throw new InvalidArgumentError('connectionString must be "Key=value" pairs separated by ";"');
    const key = KEYS[part.slice(0, at).trim().toLowerCase() as keyof typeof KEYS];
    if (key !== undefined) found[key] = part.slice(at + 1).trim();
  }
  const missing = Object.entries(KEYS)
    .filter(([, field]) => !found[field])
    .map(([name]) => name);
  if (missing.length > 0) {
    const names = ['SubscriptionId', 'ResourceGroupName', 'WorkspaceName', 'ApiKey', 'QuantumEndpoint'];
    throw new InvalidArgumentError(
      `connectionString lacks ${names.filter((n) => missing.includes(n.toLowerCase())).join(', ')}`,
    );
  }
  const connection = found as Omit<WorkspaceConnection, 'location'>;
  const location = /^https:\/\/([a-z0-9]+?)(?:-v2)?\.quantum(?:-test)?\.azure\.com\/?$/i.exec(
    connection.baseUrl,
  )?.[1];
  return location === undefined ? connection : { ...connection, location: location.toLowerCase() };
}
