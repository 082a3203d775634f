import { InvalidArgumentError } from '../errors.js';

/** The longest delay a timer can hold: setTimeout fires at once for anything above 2^31−1 ms. */
export const MAX_TIME_LIMIT_MS = 2_147_483_647;

/**
 * The longest wait a service's `Retry-After` (or `retry-after-ms`) can impose on a retry, a poll or a
 * long-running operation, unless the caller says otherwise. A header asking for more (a misconfigured
 * proxy's `Retry-After: 999999`, an HTTP date far ahead) is read as this much.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * Checks a time limit given by the caller: a finite number of milliseconds, above 0 and at most
 * {@link MAX_TIME_LIMIT_MS}. A string, `Infinity`, `NaN`, 0 or a negative number is refused with an
 * error naming the option, before any request is sent.
 */
export function checkTimeLimit(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIME_LIMIT_MS) {
    const shown = typeof value === 'number' ? String(value) : `a ${typeof value}`;
    throw new InvalidArgumentError(
      `${name} must be a number of milliseconds above 0 and at most ${MAX_TIME_LIMIT_MS} (about 24.8 days), got ${shown}`,
    );
  }
  return value;
}

/** `checkTimeLimit` for an optional value: undefined stays undefined. */
export function checkOptionalTimeLimit(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : checkTimeLimit(name, value);
}

/** A delay the service asked for, bounded by `capMs` (default {@link DEFAULT_MAX_RETRY_AFTER_MS}). */
export function capRetryAfter(delayMs: number, capMs: number = DEFAULT_MAX_RETRY_AFTER_MS): number {
  return Math.min(Math.max(0, delayMs), capMs);
}
