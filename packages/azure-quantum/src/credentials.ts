import {
  AZURE_QUANTUM_SCOPE,
  type AzureCredential,
  type AzureCredentialSettings,
  apiKey,
  azureCredential,
  type TokenProvider,
} from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import { parseConnectionString, type WorkspaceConnection } from './connection-string.js';

/** A workspace access key (the workspace must have `apiKeyEnabled`), sent as `x-ms-quantum-api-key`. */
export interface ApiKeyAuth {
  /** The primary or secondary key (ARM `listKeys`). */
  apiKey: string;
}

/** The workspace's connection string: it names the workspace, its endpoint and its key. */
export interface ConnectionStringAuth {
  /** `SubscriptionId=…;ResourceGroupName=…;WorkspaceName=…;ApiKey=…;QuantumEndpoint=…`. */
  connectionString: string;
}

/**
 * How the client authenticates: any {@link AzureCredential} (Entra client credentials, an
 * `@azure/identity` credential passed as it is, or a @qc/auth provider — the forms
 * @qc/azure-quantum-arm takes too), a workspace API key, or the workspace's connection string.
 */
export type AzureQuantumAuth = AzureCredential | ApiKeyAuth | ConnectionStringAuth;

export interface ResolvedCredentials {
  provider: TokenProvider;
  /** Values that must never appear in an error. */
  secrets: string[];
  /** Set when the credentials came from a connection string. */
  connection?: WorkspaceConnection;
}

/** Turns the `auth` option into a token provider for the data plane's audience. */
export function resolveCredentials(
  auth: AzureQuantumAuth,
  settings: AzureCredentialSettings,
): ResolvedCredentials {
  const forms =
    '{ tenantId, clientId, clientSecret }, a TokenCredential, an @qc/auth provider, { apiKey } or { connectionString }';
  if (auth === null || typeof auth !== 'object') throw new InvalidArgumentError(`auth is required: ${forms}`);
  if ('connectionString' in auth) {
    const connection = parseConnectionString(auth.connectionString);
    return { provider: apiKey({ key: connection.apiKey }), secrets: [connection.apiKey], connection };
  }
  if ('apiKey' in auth) return { provider: apiKey({ key: auth.apiKey }), secrets: [auth.apiKey] };
  const resolved = azureCredential(auth, AZURE_QUANTUM_SCOPE, settings);
  if (resolved === undefined) throw new InvalidArgumentError(`auth must be ${forms}`);
  return resolved;
}
