import { setTimeout as sleep } from 'node:timers/promises';
import { authFetch, type FetchLike, qciRefreshToken } from '@qc/auth';
import { ALLOCATIONS_URL, BENCH_BASE_URL, qciTokenEndpoint } from './transports.js';

const HOUR_MS = 60 * 60_000;

export interface ColdBurstResult {
  calls: number;
  tokenRequests: number;
  failedCalls: number;
}

export interface ExpiryResult {
  calls: number;
  /** Token requests after the first one. */
  refreshes: number;
  failedCalls: number;
  /** How long the first token lived, and how long traffic ran. */
  firstLifetimeMs: number;
  trafficMs: number;
}

/**
 * `concurrency` calls at once through `authFetch` on a cold cache (QCi refresh-token flow): the
 * single-flight cache should send one token request, whoever asked first, and every call should
 * succeed with that token.
 */
export async function coldBurst(concurrency: number): Promise<ColdBurstResult> {
  const endpoint = qciTokenEndpoint(() => HOUR_MS);
  const fetch = authFetch(qciProvider(endpoint.fetch), { baseUrl: BENCH_BASE_URL, fetch: endpoint.api });
  const failedCalls = await burst(fetch, concurrency);
  return { calls: concurrency, tokenRequests: endpoint.calls(), failedCalls };
}

/**
 * Traffic across a token's expiry. The cache reads `Date.now()` directly (token-cache.ts: no clock can
 * be injected), so real time passes instead: the token endpoint's first token lives
 * `firstLifetimeMs`, later ones an hour. The QCi provider's 10-minute refresh margin is capped at half
 * a token's lifetime, so the first token is due for replacement halfway through its life.
 *
 * Bursts of `concurrency` calls start every `everyMs` from the cold start until well after the first
 * token's expiry; they straddle both its refresh point and its expiry. The API transport rejects an
 * expired or unknown token with 401, so a stale token served from the cache would show up as an extra
 * refresh (the 401 retry) or a failed call. Expected: exactly one refresh, no failed call.
 */
export async function acrossExpiry(
  concurrency: number,
  { firstLifetimeMs = 2_000, everyMs = 100 } = {},
): Promise<ExpiryResult> {
  const endpoint = qciTokenEndpoint((n) => (n === 0 ? firstLifetimeMs : HOUR_MS));
  const fetch = authFetch(qciProvider(endpoint.fetch), { baseUrl: BENCH_BASE_URL, fetch: endpoint.api });
  const trafficMs = firstLifetimeMs * 1.5;
  const started = Date.now();
  let calls = 0;
  let failedCalls = 0;
  for (let tick = 0; tick * everyMs <= trafficMs; tick++) {
    const wait = started + tick * everyMs - Date.now();
    if (wait > 0) await sleep(wait);
    failedCalls += await burst(fetch, concurrency);
    calls += concurrency;
  }
  return {
    calls,
    refreshes: Math.max(0, endpoint.calls() - 1),
    failedCalls,
    firstLifetimeMs,
    trafficMs: Date.now() - started,
  };
}

function qciProvider(fetch: FetchLike) {
  return qciRefreshToken({ baseUrl: BENCH_BASE_URL, refreshToken: 'bench-refresh-token', fetch });
}

/** Starts `count` calls at once; returns how many did not end in a 200 with the allocations body. */
async function burst(fetch: FetchLike, count: number): Promise<number> {
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const response = await fetch(ALLOCATIONS_URL);
      const data = (await response.json()) as { allocations?: unknown };
      return response.status === 200 && data.allocations !== undefined;
    }),
  );
  return outcomes.filter((outcome) => outcome.status === 'rejected' || !outcome.value).length;
}
