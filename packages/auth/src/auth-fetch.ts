import { runExchange } from './exchange.js';
import { invalid } from './options.js';
import { createOriginPolicy, type OriginOptions } from './origin-policy.js';
import type { FetchLike, TokenProvider } from './types.js';

/** Options of {@link authFetch} and {@link heyApiAuth}: where the credential may go, and the inner `fetch`. */
export interface AuthFetchOptions extends OriginOptions {
  /**
   * The `fetch` that sends requests. Default: `globalThis.fetch`, looked up on every call so test doubles
   * installed later (msw) apply.
   */
  fetch?: FetchLike;
}

// RequestInit members the Request constructor consumes; anything else (undici's `dispatcher`,
// openapi-fetch's `requestInitExt`) is handed to the inner fetch as its second argument.
const REQUEST_INIT_KEYS = new Set([
  'method',
  'headers',
  'body',
  'referrer',
  'referrerPolicy',
  'mode',
  'credentials',
  'cache',
  'redirect',
  'integrity',
  'keepalive',
  'signal',
  'window',
  'duplex',
  'priority',
]);

/**
 * A `fetch` that authenticates requests to the allowed origins:
 * - attaches `Authorization: Bearer <token>` (or the API-key header the provider names) only when the
 *   request's origin is in `origins`/`baseUrl`; other requests pass through untouched;
 * - refuses `http:` to an allowed host ({@link InsecureConnectionError}) before any token is requested;
 * - on a 401 forces one token refresh and re-sends once (the body is buffered first), never more;
 * - follows redirects itself and drops the credential as soon as a hop leaves the origin.
 *
 * Works as `fetch(url, init)`, `fetch(request)` (hey-api) and `fetch(request, init)` (openapi-fetch).
 */
export function authFetch(provider: TokenProvider, options: AuthFetchOptions): FetchLike {
  checkProvider('authFetch', provider);
  const policy = createOriginPolicy('authFetch', options);
  checkFetch('authFetch', options.fetch);
  const inner = (): FetchLike => options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!policy.allows(url)) return inner()(input, init);
    const template = input instanceof Request && init === undefined ? input : new Request(input, init);
    const extras = extraInit(init);
    return runExchange(provider, template, (request) => inner()(request, extras));
  };
}

export function checkProvider(factory: string, provider: TokenProvider): void {
  if (provider === null || typeof provider !== 'object' || typeof provider.getToken !== 'function') {
    throw invalid(factory, 'provider', 'must have a getToken() method');
  }
}

export function checkFetch(factory: string, fetch: unknown): void {
  if (fetch !== undefined && typeof fetch !== 'function')
    throw invalid(factory, 'fetch', 'must be a function');
}

/** The non-standard part of `init`, or undefined when there is none. */
export function extraInit(init: RequestInit | undefined): RequestInit | undefined {
  if (init === undefined || init === null) return undefined;
  const extras = Object.fromEntries(Object.entries(init).filter(([key]) => !REQUEST_INIT_KEYS.has(key)));
  return Object.keys(extras).length === 0 ? undefined : (extras as RequestInit);
}
