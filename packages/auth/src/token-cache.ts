import { throwIfAborted, untilAborted } from '@qc/core';
import { refreshTime } from './expiry.js';
import type { AccessToken, GetTokenOptions } from './types.js';

/** Default time limit of one shared token acquisition (attempts, retries and waits), in ms. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/**
 * After a refresh fails while the cached token is still valid, how long the old token keeps being
 * served before the next refresh attempt (the Azure SDK's token cycler waits 3 s the same way).
 */
export const REFRESH_RETRY_INTERVAL_MS = 5_000;

/** A token this close to its expiry is not served as a fallback: it would expire in flight. */
const FALLBACK_FLOOR_MS = 5_000;

/** What a token source hands the cache: the token and when it arrived (epoch ms, local clock). */
export interface ReceivedToken {
  accessToken: AccessToken;
  receivedAt: number;
  /** Epoch ms after which the issuer asks for a refresh (Entra `refresh_in`), when earlier than the margin. */
  refreshAfter?: number | undefined;
}

/** Fetches a new token. `signal` belongs to the shared request (its time limit), not to any caller. */
export type TokenSource = (signal: AbortSignal) => Promise<ReceivedToken>;

export interface TokenCacheOptions {
  /** Fixed refresh margin in ms; default: {@link refreshTime}'s proportional margin. */
  refreshMarginMs?: number;
  /** Time limit of one shared acquisition in ms (default {@link DEFAULT_TOKEN_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** The error a timed-out acquisition rejects with. */
  timeoutError: (timeoutMs: number) => Error;
}

interface Entry {
  token: AccessToken | undefined;
  /** Epoch ms after which the cached token is replaced; Infinity when its expiry is unknown. */
  refreshAt: number;
  inflight: Promise<AccessToken> | undefined;
  /** Ends the in-flight request (its time limit, or every caller having stopped waiting). */
  controller: AbortController | undefined;
  /** Callers waiting for the in-flight request. */
  waiters: number;
}

/**
 * Caches tokens per key and makes sure at most one token request per key is in flight.
 *
 * - The key holds every input that shapes the token (endpoint, tenant, client id, grant, audience or
 *   scope, realm, user), so two configurations never share a token. Each provider owns its own cache:
 *   there is no process-wide state.
 * - Callers that arrive while a request is in flight wait for it. A caller's `signal` only ends that
 *   caller's wait; the shared request keeps going for the others, bounded by its own time limit.
 * - A failed request removes the entry, so the next call starts from scratch instead of replaying a
 *   stale failure or a half-updated state — unless the previous token is still valid (a refresh
 *   ahead of expiry failed): then that token is served, and a new refresh is tried
 *   {@link REFRESH_RETRY_INTERVAL_MS} later.
 */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #options: TokenCacheOptions;

  constructor(options: TokenCacheOptions) {
    this.#options = options;
  }

  async get(key: string, source: TokenSource, options: GetTokenOptions = {}): Promise<AccessToken> {
    const { signal, forceRefresh = false, rejectedToken } = options;
    throwIfAborted(signal);
    let entry = this.#entries.get(key);
    if (entry?.token !== undefined && Date.now() < entry.refreshAt) {
      // A forced refresh after a 401 is satisfied by a token other than the rejected one: another
      // request already replaced it.
      const alreadyReplaced = rejectedToken !== undefined && entry.token.token !== rejectedToken;
      if (!forceRefresh || alreadyReplaced) return entry.token;
    }
    if (entry === undefined) {
      entry = { token: undefined, refreshAt: 0, inflight: undefined, controller: undefined, waiters: 0 };
      this.#entries.set(key, entry);
    }
    if (forceRefresh) entry.token = undefined;
    entry.inflight ??= this.#start(key, entry, source);
    // Past the refresh point the old token usually still works: when the refresh fails, it is served
    // until shortly before it expires, instead of failing every caller.
    const previous = entry.token;
    const attempt =
      previous !== undefined && usableFallback(previous)
        ? entry.inflight.catch((error: unknown) => {
            if (usableFallback(previous)) return previous;
            throw error;
          })
        : entry.inflight;
    return this.#wait(entry, entry.inflight, attempt, signal);
  }

  /**
   * One caller's wait. When the last caller stops waiting (every one aborted), the shared request is
   * aborted too: nobody needs it, and its socket and timer would otherwise keep a process alive.
   */
  async #wait(
    entry: Entry,
    request: Promise<AccessToken>,
    attempt: Promise<AccessToken>,
    signal: AbortSignal | undefined,
  ): Promise<AccessToken> {
    entry.waiters += 1;
    try {
      return await untilAborted(attempt, signal);
    } finally {
      entry.waiters -= 1;
      if (entry.waiters === 0 && signal?.aborted && entry.inflight === request) {
        entry.controller?.abort(signal.reason);
      }
    }
  }

  /** Forgets the cached token(s); the next call fetches again. */
  clear(key?: string): void {
    if (key === undefined) this.#entries.clear();
    else this.#entries.delete(key);
  }

  #start(key: string, entry: Entry, source: TokenSource): Promise<AccessToken> {
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    const controller = new AbortController();
    entry.controller = controller;
    // A plain timer rather than AbortSignal.timeout(): it can be cleared once the request settles, and
    // injected or fake clocks control it. It and the controller are held strongly (no AbortSignal.any,
    // whose links a garbage collection can break).
    const timer = setTimeout(() => controller.abort(this.#options.timeoutError(timeoutMs)), timeoutMs);
    const request: Promise<AccessToken> = (async () => {
      try {
        // Raced against the limit too: a source (or a fetch) that ignores its signal still ends on time.
        const received = await untilAborted(source(controller.signal), controller.signal);
        throwIfAborted(controller.signal);
        return received;
      } finally {
        clearTimeout(timer);
      }
    })().then(
      (received) => {
        if (entry.inflight === request) {
          const expiresAt = received.accessToken.expiresAt;
          entry.token = received.accessToken;
          entry.refreshAt = Math.min(
            expiresAt === undefined
              ? Number.POSITIVE_INFINITY
              : refreshTime(received.receivedAt, expiresAt, this.#options.refreshMarginMs),
            received.refreshAfter ?? Number.POSITIVE_INFINITY,
          );
          entry.inflight = undefined;
        }
        return received.accessToken;
      },
      (error: unknown) => {
        if (this.#entries.get(key) === entry && entry.inflight === request) {
          if (usableFallback(entry.token)) {
            // Keep serving the still-valid token; try again a little later.
            entry.inflight = undefined;
            entry.refreshAt = Date.now() + REFRESH_RETRY_INTERVAL_MS;
          } else {
            this.#entries.delete(key);
          }
        }
        throw error;
      },
    );
    // Every caller may have stopped waiting; the rejection is still delivered to those who did not.
    request.catch(() => undefined);
    return request;
  }
}

function usableFallback(token: AccessToken | undefined): boolean {
  return token?.expiresAt !== undefined && Date.now() < token.expiresAt - FALLBACK_FLOOR_MS;
}
