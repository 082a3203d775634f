import { copyHeaders, InvalidArgumentError } from '@qc/core';
import { type AuthFetchOptions, checkFetch, checkProvider, extraInit } from './auth-fetch.js';
import { runExchange } from './exchange.js';
import { createOriginPolicy } from './origin-policy.js';
import type { FetchLike, TokenProvider } from './types.js';

/** The scheme description hey-api passes to `auth` (its `Auth` type). */
export interface HeyApiAuthScheme {
  /** Where the credential goes; only `header` (the default) is supported. */
  in?: 'header' | 'query' | 'cookie';
  /** The header name, for an API key (e.g. `x-ms-quantum-api-key`); `Authorization` otherwise. */
  name?: string;
  /** The HTTP scheme, for `type: 'http'`; only `bearer` is supported. */
  scheme?: 'basic' | 'bearer';
  /** The OpenAPI security scheme type. */
  type: 'apiKey' | 'http';
}

/** Spread into hey-api's `createClient(createConfig({ baseUrl, ...heyApiAuth(provider, { baseUrl }) }))`. */
export interface HeyApiAuthConfig {
  /** Answers hey-api's credential request for a secured operation with a placeholder `fetch` replaces. */
  auth: (scheme: HeyApiAuthScheme) => string;
  /** Sends the request, with the real credential on secured operations to allowed origins. */
  fetch: FetchLike;
}

/**
 * hey-api client configuration that authenticates exactly the operations whose spec declares
 * `security`.
 *
 * hey-api calls `auth` only for secured operations and writes its answer into the header itself. The
 * answer here is not the token but a per-adapter placeholder: `fetch` then recognises secured requests
 * by it, removes it, applies the origin rules, requests the real credential with the request's signal,
 * and runs the same exchange as {@link authFetch} (redirects within the origin, one refresh and retry
 * after a 401). Public operations, such as QCi's token endpoint, carry no placeholder and get no token;
 * the token is never fetched before the origin check.
 */
export function heyApiAuth(provider: TokenProvider, options: AuthFetchOptions): HeyApiAuthConfig {
  checkProvider('heyApiAuth', provider);
  const policy = createOriginPolicy('heyApiAuth', options);
  checkFetch('heyApiAuth', options.fetch);
  const inner = (): FetchLike => options.fetch ?? globalThis.fetch;
  const placeholder = `qc-auth-placeholder-${randomId()}`;
  const bearerPlaceholder = `Bearer ${placeholder}`;

  const auth = (scheme: HeyApiAuthScheme): string => {
    if (scheme.in === 'query' || scheme.in === 'cookie' || scheme.scheme === 'basic') {
      throw new InvalidArgumentError(
        '[@qc/auth] heyApiAuth: only header credentials (bearer or API key) are supported',
      );
    }
    return placeholder;
  };

  const fetch: FetchLike = async (input, init) => {
    const template = input instanceof Request && init === undefined ? input : new Request(input, init);
    const headers = copyHeaders(template.headers);
    const marked = [...headers].filter(([, value]) => value === placeholder || value === bearerPlaceholder);
    const extras = extraInit(init);
    // Public operations carry no token, but may carry a secret of their own (QCi's token exchange posts
    // the refresh token): on an allowed origin they never follow a redirect, which would re-post the
    // body to wherever the Location points. The caller gets the 3xx.
    if (marked.length === 0) {
      const onAllowedOrigin = policy.allows(new URL(template.url));
      if (!onAllowedOrigin || template.redirect !== 'follow') return inner()(template, extras);
      return inner()(new Request(template, { redirect: 'manual' }), extras);
    }
    for (const [name] of marked) headers.delete(name);
    const cleaned = new Request(template, { headers });
    if (!policy.allows(new URL(cleaned.url))) return inner()(cleaned, extras);
    return runExchange(provider, cleaned, (request) => inner()(request, extras));
  };

  return { auth, fetch };
}

function randomId(): string {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  if (cryptoApi?.randomUUID !== undefined) return cryptoApi.randomUUID();
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}
