import { AuthError } from './auth-error.js';
import { expiryFromExpiresIn, jwtExpiry } from './expiry.js';
import { DEFAULT_TOKEN_TIMEOUT_MS, type ReceivedToken, TokenCache, type TokenSource } from './token-cache.js';
import { missingField, type TokenEndpointCall, type TokenEndpointResult } from './token-request.js';
import type {
  AccessToken,
  AuthFlow,
  FlowTokenProvider,
  GetTokenOptions,
  TokenRequestOptions,
} from './types.js';

export interface CachedProviderInit {
  flow: AuthFlow;
  /** Every input that shapes the token, secrets excluded. */
  cacheKey: readonly unknown[];
  /** Shown in timeout errors. */
  url?: string | undefined;
  options: Pick<TokenRequestOptions, 'timeoutMs' | 'refreshMarginMs'>;
  /** The refresh margin when the user gave none; undefined: the proportional default. */
  defaultRefreshMarginMs?: number;
  source: TokenSource;
}

/** A provider whose tokens go through its own {@link TokenCache}: single-flight, margin, reset. */
export function cachedProvider(init: CachedProviderInit): FlowTokenProvider {
  const cache = new TokenCache({
    refreshMarginMs: init.options.refreshMarginMs ?? init.defaultRefreshMarginMs,
    timeoutMs: init.options.timeoutMs,
    timeoutError: (timeoutMs) =>
      new AuthError({
        flow: init.flow,
        reason: 'timeout',
        summary: `token request${init.url === undefined ? '' : ` to ${init.url}`} timed out after ${timeoutMs} ms`,
        url: init.url,
        secrets: [],
      }),
  });
  const key = JSON.stringify(init.cacheKey);
  return {
    flow: init.flow,
    getToken: (options?: GetTokenOptions): Promise<AccessToken> => cache.get(key, init.source, options),
  };
}

/**
 * The token of an OAuth 2 token response: `access_token` is required; the expiry comes from
 * `expires_in` counted from receipt, else from the JWT `exp` claim, else it is unknown (the token is
 * then kept until a 401 forces a refresh).
 */
export function oauthToken(
  call: Pick<TokenEndpointCall, 'flow' | 'url' | 'secrets'>,
  result: TokenEndpointResult,
): ReceivedToken {
  const token = result.body.access_token;
  if (typeof token !== 'string' || token === '') throw missingField(call, result, 'access_token');
  const expiresAt = expiryFromExpiresIn(result.body.expires_in, result.receivedAt) ?? jwtExpiry(token);
  return {
    accessToken: expiresAt === undefined ? { token } : { token, expiresAt },
    receivedAt: result.receivedAt,
  };
}

/** The per-call settings of {@link callTokenEndpoint} taken from a provider's options. */
export function requestSettings(
  options: TokenRequestOptions,
): Pick<TokenEndpointCall, 'fetch' | 'maxRetries' | 'maxWaitMs'> {
  return {
    fetch: options.fetch,
    maxRetries: options.maxRetries,
    // A Retry-After longer than the whole time limit cannot be honoured: fail at once and say so.
    maxWaitMs: options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS,
  };
}
