import {
  AZURE_QUANTUM_SCOPE,
  apiKey,
  entraClientCredentials,
  type FetchLike,
  fromTokenCredential,
  type TokenCredentialLike,
  type TokenProvider,
} from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import { parseConnectionString, type WorkspaceConnection } from './connection-string.js';

/** A Microsoft Entra ID app registration (service principal) with a client secret. */
export interface ClientSecretAuth {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default `https://login.microsoftonline.com`; a sovereign cloud's or a local mock's authority. */
  authorityHost?: string;
}

/** A workspace access key (the workspace must have `apiKeyEnabled`), sent as `x-ms-quantum-api-key`. */
export interface ApiKeyAuth {
  apiKey: string;
}

/** The workspace's connection string: it names the workspace, its endpoint and its key. */
export interface ConnectionStringAuth {
  connectionString: string;
}

/** Any @qc/auth token provider; it must yield tokens for the Azure Quantum audience. */
export interface TokenProviderAuth {
  tokenProvider: TokenProvider;
}

/**
 * How the client authenticates: Entra client credentials, any `@azure/identity` credential
 * (`DefaultAzureCredential`, managed identity, Azure CLI…) passed as it is, an API key, a connection
 * string, or a @qc/auth provider.
 */
export type AzureQuantumAuth =
  | ClientSecretAuth
  | TokenCredentialLike
  | ApiKeyAuth
  | ConnectionStringAuth
  | TokenProviderAuth;

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
  settings: {
    fetch?: FetchLike | undefined;
    timeoutMs?: number | undefined;
    dangerouslyAllowBrowser?: boolean | undefined;
    allowInsecureLoopback?: boolean;
  },
): ResolvedCredentials {
  if (auth === null || typeof auth !== 'object') {
    throw new InvalidArgumentError(
      'auth is required: { tenantId, clientId, clientSecret }, a TokenCredential, { apiKey }, { connectionString } or { tokenProvider }',
    );
  }
  if ('connectionString' in auth) {
    const connection = parseConnectionString(auth.connectionString);
    return { provider: apiKey({ key: connection.apiKey }), secrets: [connection.apiKey], connection };
  }
  if ('apiKey' in auth) return { provider: apiKey({ key: auth.apiKey }), secrets: [auth.apiKey] };
  // An @azure/identity credential first: ClientSecretCredential keeps `clientSecret` and `tenantId` as
  // fields of its own (but not `clientId`), so a shape test on the fields would misread it.
  if (
    typeof (auth as TokenCredentialLike).getToken === 'function' &&
    !('flow' in auth) &&
    !('tokenProvider' in auth)
  ) {
    return { provider: fromTokenCredential(auth as TokenCredentialLike, AZURE_QUANTUM_SCOPE), secrets: [] };
  }
  if ('clientSecret' in auth) {
    const provider = entraClientCredentials({
      tenantId: auth.tenantId,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      scope: AZURE_QUANTUM_SCOPE,
      authorityHost: auth.authorityHost,
      fetch: settings.fetch,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(settings.dangerouslyAllowBrowser === undefined
        ? {}
        : { dangerouslyAllowBrowser: settings.dangerouslyAllowBrowser }),
      allowInsecureLoopback: settings.allowInsecureLoopback,
    });
    return { provider, secrets: [auth.clientSecret] };
  }
  if ('tokenProvider' in auth) return { provider: auth.tokenProvider, secrets: [] };
  if (typeof (auth as TokenCredentialLike).getToken === 'function') {
    return { provider: fromTokenCredential(auth as TokenCredentialLike, AZURE_QUANTUM_SCOPE), secrets: [] };
  }
  throw new InvalidArgumentError(
    'auth must be { tenantId, clientId, clientSecret }, a TokenCredential, { apiKey }, { connectionString } or { tokenProvider }',
  );
}
