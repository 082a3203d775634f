/**
 * When a token expires and when to replace it.
 *
 * Expiry is computed from durations measured on the local clock (`expires_in` at the moment the
 * response arrived), never by comparing the local clock with a server timestamp: a laptop whose clock
 * is five minutes off would otherwise use expired tokens or refresh on every call.
 *
 * Refresh margin (how long before expiry a cached token is replaced): 10 % of the token's lifetime,
 * at least 60 s and at most 5 min, and never more than half the lifetime.
 * - Entra ID tokens live about 1 h: 10 % is 6 min, capped to 5 min, so a token serves ~55 min.
 * - Auth0 tokens (Pasqal) live up to 24 h: 10 % is 2.4 h, capped to 5 min. A longer margin buys nothing
 *   once requests, clock drift and a retried token request all fit inside 5 min, and every early refresh
 *   counts against Auth0's machine-to-machine quota.
 * - Short-lived tokens (a 10 min test token) still get 60 s; a 90 s token is used for 45 s.
 * QCi's own client replaces its token when less than 10 min remain; the QCi provider keeps that
 * ({@link QCI_REFRESH_MARGIN_MS}), also bounded by half the lifetime.
 */

/** Shortest default refresh margin: 60 s. */
export const MIN_REFRESH_MARGIN_MS = 60_000;
/** Longest default refresh margin: 5 min. */
export const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
/** Default refresh margin as a share of the token's lifetime, before the bounds apply: 10 %. */
export const REFRESH_MARGIN_FRACTION = 0.1;
/** The QCi provider's refresh margin, as QCi's own client: 10 min (at most half the lifetime). */
export const QCI_REFRESH_MARGIN_MS = 10 * 60_000;

/** The default refresh margin for a token that lives `lifetimeMs`. */
export function defaultRefreshMargin(lifetimeMs: number): number {
  const proportional = lifetimeMs * REFRESH_MARGIN_FRACTION;
  return Math.min(Math.max(proportional, MIN_REFRESH_MARGIN_MS), MAX_REFRESH_MARGIN_MS);
}

/** The moment (epoch ms) a token received at `receivedAt` and expiring at `expiresAt` should be replaced. */
export function refreshTime(receivedAt: number, expiresAt: number, marginMs?: number): number {
  const lifetime = Math.max(0, expiresAt - receivedAt);
  const margin = Math.min(marginMs ?? defaultRefreshMargin(lifetime), lifetime / 2);
  return expiresAt - margin;
}

/** `expires_in` (seconds, number or numeric string) turned into an absolute expiry from `receivedAt`. */
export function expiryFromExpiresIn(value: unknown, receivedAt: number): number | undefined {
  const seconds = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return receivedAt + seconds * 1000;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an RFC 3339 timestamp with an explicit offset; undefined for anything else. */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const time = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : time;
}

/**
 * An absolute expiry from the server (QCi's `expires_at_rfc3339`) turned into local time: the remaining
 * lifetime is measured against the server's own `Date` header when it sent one, so a skewed local clock
 * does not shift the expiry.
 */
export function expiryFromAbsolute(expiresAt: number, receivedAt: number, serverDate: string | null): number {
  const serverNow = serverDate === null ? Number.NaN : Date.parse(serverDate);
  if (Number.isNaN(serverNow)) return expiresAt;
  // The Date header has one-second precision: round the remaining lifetime down by up to a second.
  return receivedAt + (expiresAt - serverNow) - 1000;
}

/**
 * The `exp` claim of a JWT access token, in epoch ms, read without verifying the signature: only used
 * to schedule a refresh when the response gave no lifetime. Opaque tokens give undefined.
 */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || token.split('.').length !== 3) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    const exp = json !== null && typeof json === 'object' ? (json as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
