import type { FetchLike } from '@qc/auth';

/**
 * In-memory stand-ins for the network. Every overhead variant goes through the same
 * {@link allocationsTransport}, so whatever it costs (one Response and its body) is the same for all of
 * them and cancels out of the ratios.
 */

/** A host under the reserved `.invalid` TLD: nothing here can ever reach a real service. */
export const BENCH_BASE_URL = 'https://api.qci.invalid';
export const ALLOCATIONS_PATH = '/optimization/v1/jobs/allocations';
export const ALLOCATIONS_URL = `${BENCH_BASE_URL}${ALLOCATIONS_PATH}`;
export const ALLOCATIONS_BODY = '{"allocations":{"dirac":{"seconds":10,"metered":true}}}';

const JSON_HEADERS = { 'content-type': 'application/json' };

export interface AllocationsTransport {
  fetch: FetchLike;
  /**
   * What the last call received, kept as given (a reference store, nothing is parsed while timing) so
   * the correctness check can look at the request each variant really sent.
   */
  lastCall(): { input: RequestInfo | URL; init: RequestInit | undefined } | undefined;
}

/** Answers every request with QCi's allocations body, without looking at it. */
export function allocationsTransport(): AllocationsTransport {
  let last: { input: RequestInfo | URL; init: RequestInit | undefined } | undefined;
  return {
    fetch: async (input, init) => {
      last = { input, init };
      return new Response(ALLOCATIONS_BODY, { headers: JSON_HEADERS });
    },
    lastCall: () => last,
  };
}

export interface TokenEndpoint {
  /** The transport for the provider's token requests (`POST {url}/auth/v1/access-tokens/`). */
  fetch: FetchLike;
  /** Token requests answered so far. */
  calls(): number;
  /**
   * An API transport that accepts only tokens this endpoint issued and that have not expired yet
   * (401 otherwise), so a stale token served by the cache shows up instead of passing silently.
   */
  api: FetchLike;
}

/**
 * QCi's token endpoint in memory: each call issues a new access token whose lifetime is
 * `lifetimeMs(n)` for the n-th call (0-based), with an absolute `expires_at_rfc3339` as QCi sends it.
 */
export function qciTokenEndpoint(lifetimeMs: (call: number) => number): TokenEndpoint {
  const expiries = new Map<string, number>();
  let calls = 0;
  return {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/auth/v1/access-tokens/')) {
        return new Response('{"detail":"not found"}', { status: 404, headers: JSON_HEADERS });
      }
      const n = calls++;
      const token = `access-token-${n}`;
      const expiresAt = Date.now() + lifetimeMs(n);
      expiries.set(token, expiresAt);
      const body = {
        access_token: token,
        expires_at_rfc3339: new Date(expiresAt).toISOString(),
        token_type: 'Bearer',
      };
      return new Response(JSON.stringify(body), { headers: JSON_HEADERS });
    },
    calls: () => calls,
    api: async (input, init) => {
      const request = new Request(input, init);
      const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      const expiresAt = expiries.get(token);
      if (expiresAt === undefined || Date.now() >= expiresAt) {
        return new Response('{"detail":"token expired or unknown"}', { status: 401, headers: JSON_HEADERS });
      }
      return new Response(ALLOCATIONS_BODY, { headers: JSON_HEADERS });
    },
  };
}
