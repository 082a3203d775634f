import { AuthError } from './auth-error.js';
import { cachedProvider } from './cached-provider.js';
import { checkTokenRequestOptions, invalid, requireText } from './options.js';
import type { FlowTokenProvider, TokenRequestOptions } from './types.js';

/**
 * The shape of `@azure/core-auth`'s `TokenCredential`, written out so this package needs no Azure
 * dependency: `DefaultAzureCredential`, `ManagedIdentityCredential`, `AzureCliCredential` and the
 * other `@azure/identity` credentials all fit it.
 */
export interface TokenCredentialLike {
  /** A token for `scopes`, or null when the credential has none (which {@link fromTokenCredential} reports as an error). */
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal },
  ): Promise<{
    /** The access token. */
    token: string;
    /** When it expires, in epoch ms. */
    expiresOnTimestamp: number;
    /** When the credential suggests replacing it, in epoch ms; honoured when earlier than the refresh margin. */
    refreshAfterTimestamp?: number;
  } | null>;
}

/** Options of {@link fromTokenCredential}: the token requests' time limit and the refresh margin. */
export type TokenCredentialOptions = Pick<TokenRequestOptions, 'timeoutMs' | 'refreshMarginMs'>;

/**
 * Uses an Azure `TokenCredential` as a provider for one scope (e.g. {@link AZURE_QUANTUM_SCOPE}).
 * Tokens go through this package's cache too: some credentials (Azure CLI) do not cache, and the
 * single-flight rule then keeps a burst of requests to one credential call. A `null` answer becomes an
 * {@link AuthError} with reason `no-token`.
 */
export function fromTokenCredential(
  credential: TokenCredentialLike,
  scope: string | readonly string[],
  options: TokenCredentialOptions = {},
): FlowTokenProvider {
  const factory = 'fromTokenCredential';
  if (options === null || typeof options !== 'object') throw invalid(factory, 'options', 'must be an object');
  checkTokenRequestOptions(factory, options);
  if (credential === null || typeof credential !== 'object' || typeof credential.getToken !== 'function') {
    throw invalid(factory, 'credential', 'must have a getToken(scopes, options) method');
  }
  const scopes = (typeof scope === 'string' ? [scope] : [...scope]).map((s, i) =>
    requireText(factory, `scope[${i}]`, s),
  );
  if (scopes.length === 0) throw invalid(factory, 'scope', 'must name at least one scope');
  const flow = 'token-credential';
  return cachedProvider({
    flow,
    cacheKey: [flow, ...scopes],
    options,
    source: async (signal) => {
      const result = await credential.getToken(scopes.length === 1 ? (scopes[0] as string) : scopes, {
        abortSignal: signal,
      });
      const receivedAt = Date.now();
      if (result === null || typeof result?.token !== 'string' || result.token === '') {
        throw new AuthError({
          flow,
          reason: 'no-token',
          summary: `the TokenCredential returned no token for ${scopes.join(' ')}`,
          secrets: [],
        });
      }
      if (!Number.isFinite(result.expiresOnTimestamp)) {
        // Every TokenCredential says when its token expires. Without it the token would be cached
        // for good — and an @qc/auth provider without a `flow` (read as a TokenCredential) lands here.
        throw new AuthError({
          flow,
          reason: 'invalid-response',
          summary:
            'the TokenCredential returned a token without expiresOnTimestamp (an @qc/auth provider passed as auth needs its `flow`)',
          secrets: [result.token],
        });
      }
      const expiresAt = result.expiresOnTimestamp;
      return {
        accessToken: expiresAt === undefined ? { token: result.token } : { token: result.token, expiresAt },
        receivedAt,
        refreshAfter: Number.isFinite(result.refreshAfterTimestamp)
          ? result.refreshAfterTimestamp
          : undefined,
      };
    },
  });
}
