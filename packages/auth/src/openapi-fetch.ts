import { checkProvider } from './auth-fetch.js';
import { type Exchange, finishExchange, prepareExchange } from './exchange.js';
import { createOriginPolicy, type OriginOptions } from './origin-policy.js';
import type { TokenProvider } from './types.js';

/**
 * The part of openapi-fetch's `Middleware` this adapter implements, written out so @qc/auth does not
 * depend on openapi-fetch: the object fits `client.use(...)` of openapi-fetch 0.13 and later.
 */
export interface AuthMiddleware {
  /**
   * Attaches the credential when the request goes to an allowed origin (refusing `http:`), and buffers
   * its body for a possible re-send; resolves undefined (request untouched) for any other origin.
   */
  onRequest(params: {
    request: Request;
    readonly options: { readonly fetch: (input: Request) => Promise<Response> };
  }): Promise<Request | undefined>;
  /**
   * Follows a redirect within the origin, or refreshes once and re-sends after a 401; resolves
   * undefined (response untouched) when there is nothing to do.
   */
  onResponse(params: { request: Request; response: Response }): Promise<Response | undefined>;
}

/**
 * openapi-fetch middleware with the same rules as {@link authFetch}: `onRequest` attaches the
 * credential for allowed origins (and refuses `http:`); `onResponse` follows redirects within the origin
 * and, after a 401, refreshes once and re-sends once through the client's own `fetch` with the body
 * buffered in `onRequest`.
 *
 * Middleware registered after this one sees the first response before this one retries, and the
 * retried request skips the other middleware's `onRequest`. When that matters, pass
 * `fetch: authFetch(provider, { baseUrl })` to `createClient` instead of using this middleware.
 */
export function authMiddleware(provider: TokenProvider, options: OriginOptions): AuthMiddleware {
  checkProvider('authMiddleware', provider);
  const policy = createOriginPolicy('authMiddleware', options);
  // Keyed by the request this middleware returned: if a later middleware replaces the request, the
  // retry is skipped rather than applied to a request this middleware did not build.
  const pending = new WeakMap<Request, Exchange>();
  return {
    async onRequest({ request, options: clientOptions }) {
      if (!policy.allows(new URL(request.url))) return undefined;
      const fetch = clientOptions.fetch;
      const { exchange, request: authenticated } = await prepareExchange(provider, request, (next) =>
        fetch(next),
      );
      pending.set(authenticated, exchange);
      return authenticated;
    },
    async onResponse({ request, response }) {
      const exchange = pending.get(request);
      if (exchange === undefined) return undefined;
      pending.delete(request);
      return finishExchange(exchange, request, response);
    },
  };
}
