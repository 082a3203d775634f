import {
  AZURE_MANAGEMENT_SCOPE,
  entraClientCredentials,
  type FetchLike,
  fromTokenCredential,
  type TokenCredentialLike,
  type TokenProvider,
} from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';

/** An Entra ID application (service principal) with a client secret. */
export interface EntraClientSecret {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra authority, default `https://login.microsoftonline.com` (sovereign clouds and mocks differ). */
  authorityHost?: string | URL;
}

/**
 * How the client gets its ARM tokens:
 * - `{ tenantId, clientId, clientSecret }`: Entra client credentials, for the management scope;
 * - any @qc/auth provider (`entraClientCredentials(…)`, `staticToken(…)`, …), bare or as
 *   `{ tokenProvider }` (the form `@qc/azure-quantum` takes): used as it is, so its scope is the
 *   caller's business;
 * - any Azure `TokenCredential` (`DefaultAzureCredential`, `ManagedIdentityCredential`, …): asked for
 *   the management scope.
 *
 * An @qc/auth provider is recognised by its `flow`; any other object with `getToken` is treated as a
 * TokenCredential (called as `getToken(scope, { abortSignal })`). A hand-written provider without a
 * `flow` therefore still works, but its `expiresAt` is not read: give it a `flow` or wrap it in
 * `staticToken` when expiry matters.
 */
export type ArmAuth =
  | EntraClientSecret
  | TokenProvider
  | TokenCredentialLike
  | { tokenProvider: TokenProvider };

export interface ResolvedArmAuth {
  provider: TokenProvider;
  /** Values this auth knows that must never appear in an error. */
  secrets: string[];
}

export function resolveArmAuth(
  auth: ArmAuth,
  options: {
    scope?: string | undefined;
    fetch?: FetchLike | undefined;
    timeoutMs?: number | undefined;
    dangerouslyAllowBrowser?: boolean | undefined;
    allowInsecureLoopback?: boolean;
  } = {},
): ResolvedArmAuth {
  const scope = options.scope ?? AZURE_MANAGEMENT_SCOPE;
  if (auth === null || typeof auth !== 'object') {
    throw new InvalidArgumentError(
      'auth is required: { tenantId, clientId, clientSecret }, a TokenCredential or an @qc/auth provider',
    );
  }
  // An @azure/identity credential first: ClientSecretCredential keeps `clientSecret` and `tenantId` as
  // fields of its own (but not `clientId`), so a shape test on the fields would misread it.
  const looksLikeCredential =
    typeof (auth as { getToken?: unknown }).getToken === 'function' &&
    !('flow' in auth) &&
    !('tokenProvider' in auth);
  if ('clientSecret' in auth && !looksLikeCredential) {
    const provider = entraClientCredentials({
      tenantId: auth.tenantId,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      scope,
      authorityHost: auth.authorityHost,
      fetch: options.fetch,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.dangerouslyAllowBrowser === undefined
        ? {}
        : { dangerouslyAllowBrowser: options.dangerouslyAllowBrowser }),
      allowInsecureLoopback: options.allowInsecureLoopback,
    });
    return { provider, secrets: [auth.clientSecret] };
  }
  if ('tokenProvider' in auth) {
    const provider = auth.tokenProvider;
    if (provider === null || typeof provider !== 'object' || typeof provider.getToken !== 'function') {
      throw new InvalidArgumentError('auth.tokenProvider must have a getToken() method');
    }
    return { provider, secrets: [] };
  }
  if (typeof (auth as { getToken?: unknown }).getToken !== 'function') {
    throw new InvalidArgumentError(
      'auth must be { tenantId, clientId, clientSecret }, a TokenCredential or an @qc/auth provider',
    );
  }
  if (typeof (auth as { flow?: unknown }).flow === 'string')
    return { provider: auth as TokenProvider, secrets: [] };
  return { provider: fromTokenCredential(auth as TokenCredentialLike, scope), secrets: [] };
}
