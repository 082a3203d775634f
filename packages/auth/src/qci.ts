import { cachedProvider, requestSettings } from './cached-provider.js';
import { expiryFromAbsolute, jwtExpiry, parseRfc3339, QCI_REFRESH_MARGIN_MS } from './expiry.js';
import {
  checkTokenRequestOptions,
  cleanPastedToken,
  invalid,
  requireEndpoint,
  requireOptions,
  requireText,
} from './options.js';
import { callTokenEndpoint, missingField } from './token-request.js';
import type { FlowTokenProvider, TokenRequestOptions } from './types.js';

/** Options of {@link qciRefreshToken}: the API and the long-lived token to exchange. */
export interface QciRefreshTokenOptions extends TokenRequestOptions {
  /** The API base URL, e.g. `https://api.qci-prod.com`; a path prefix is kept. */
  baseUrl: string | URL;
  /**
   * The long-lived API token from QCi's dashboard. A pasted `Bearer ` prefix and surrounding quotes are
   * removed.
   */
  refreshToken: string;
}

/**
 * Access tokens for QCi: the refresh token is exchanged at `POST {baseUrl}/auth/v1/access-tokens/` with the
 * JSON body `{ refresh_token }`. The answer's absolute `expires_at_rfc3339` sets the expiry, and the
 * token is replaced when less than 10 minutes remain, like QCi's own client (override with
 * `refreshMarginMs`).
 */
export function qciRefreshToken(options: QciRefreshTokenOptions): FlowTokenProvider {
  const factory = 'qciRefreshToken';
  requireOptions(factory, options);
  checkTokenRequestOptions(factory, options);
  const base = requireEndpoint(factory, 'baseUrl', options.baseUrl, options.allowInsecureLoopback);
  if (base.search !== '') throw invalid(factory, 'baseUrl', 'must not contain a query');
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  const url = new URL('auth/v1/access-tokens/', base).href;
  const pasted = requireText(factory, 'refreshToken', options.refreshToken);
  const refreshToken = cleanPastedToken(pasted);
  if (refreshToken === '')
    throw invalid(factory, 'refreshToken', 'is empty once quotes and "Bearer " are removed');
  const flow = 'qci-refresh-token';
  // The pasted form too: an echo of the raw input must be caught as well.
  const secrets = [refreshToken, pasted.trim()];
  return cachedProvider({
    flow,
    cacheKey: [flow, url],
    url,
    options,
    defaultRefreshMarginMs: QCI_REFRESH_MARGIN_MS,
    source: async (signal) => {
      const call = { flow, url, secrets } as const;
      const result = await callTokenEndpoint({
        ...call,
        body: { refresh_token: refreshToken },
        signal,
        ...requestSettings(options),
      });
      const token = result.body.access_token;
      if (typeof token !== 'string' || token === '') throw missingField(call, result, 'access_token');
      const absolute = parseRfc3339(result.body.expires_at_rfc3339);
      const expiresAt =
        absolute === undefined
          ? jwtExpiry(token)
          : expiryFromAbsolute(absolute, result.receivedAt, result.headers.get('date'));
      return {
        accessToken: expiresAt === undefined ? { token } : { token, expiresAt },
        receivedAt: result.receivedAt,
      };
    },
  });
}
