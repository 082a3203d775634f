import { InvalidArgumentError, parseRetryAfter } from './errors.js';
import { DEFAULT_MAX_RETRY_AFTER_MS } from './http/limits.js';
import { redactUrl } from './redact.js';
import { sleep as abortableSleep, throwIfAborted } from './sleep.js';

/**
 * Retry policy as a fetch wrapper: the one seam every generated client shares is its `fetch`, and only
 * the code that sends a request can re-send it.
 *
 * - 429 and 503 wait as long as the service asks (`retry-after-ms`, `x-ms-retry-after-ms`,
 *   `Retry-After` in seconds or as an HTTP date); without such a header, and for 408, 500, 502, 504 and
 *   network errors, the wait is exponential with jitter in [d/2, d].
 * - Only idempotent methods are retried unless the request opts in (see RETRY_HEADER, `isRetryable`).
 * - Attempts are capped (`maxRetries`) and so is the time spent waiting (`maxTotalDelayMs`): when the next
 *   wait does not fit the remaining budget, the last response is returned (or the last error thrown).
 * - The wrapper behaves like fetch: a failed status is returned as a Response, a network error rejects
 *   with the error fetch threw.
 */

/** The call shape of `fetch`, which generated clients and test fakes both satisfy. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A per-request header the wrapper reads and removes before sending: `idempotent` lets a non-idempotent
 * method (a POST with a client-chosen id, say) be retried, `never` turns retries off for this request.
 */
export const RETRY_HEADER = 'x-qc-retry';

/** Values of RETRY_HEADER. */
export type RetryHeaderValue = 'idempotent' | 'never';

/** Methods whose repetition has the same effect as one call (RFC 9110 §9.2.2). */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** 501 and 505 mean the server will never handle the request, so they are absent. */
export const DEFAULT_RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** Statuses whose Retry-After family of headers is honoured (the throttling responses). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** What {@link RetryOptions.onRetry} is told before each wait. */
export interface RetryEvent {
  /** Which retry is about to be sent: 1 for the first retry. */
  attempt: number;
  /** How long the wrapper waits before sending it. */
  delayMs: number;
  /** Whether the wait came from the service's Retry-After or from exponential backoff. */
  delaySource: 'retry-after' | 'backoff';
  /** Status of the response that is retried; absent after a network error. */
  status?: number;
  /** The network error that is retried; absent after a response. */
  error?: unknown;
  /** Method and URL with sensitive query values redacted; headers and bodies are never included. */
  request: {
    /** Request method. */
    method: string;
    /** Request URL, sensitive query values redacted. */
    url: string;
  };
}

/** How {@link withRetry} retries; every field is optional and has the default it names. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** Backoff ceiling of the first retry; doubles for each next one. Default 1000 ms. */
  baseDelayMs?: number;
  /** Largest backoff delay of a single wait (Retry-After is not capped by it). Default 30 000 ms. */
  maxDelayMs?: number;
  /** Largest total time spent waiting across all retries of one request. Default 60 000 ms. */
  maxTotalDelayMs?: number;
  /**
   * Longest single wait a `Retry-After` header may ask for (default {@link DEFAULT_MAX_RETRY_AFTER_MS}):
   * when it asks for more, the answer is returned at once instead of waited out (a RateLimitError
   * carries `retryAfterMs` for the caller to decide). The total also stays within `maxTotalDelayMs`.
   */
  maxRetryAfterMs?: number;
  /** Statuses that are retried. Default DEFAULT_RETRYABLE_STATUSES. */
  retryableStatuses?: readonly number[];
  /**
   * Whether a request may be retried at all, when RETRY_HEADER does not say. Default: its method is in
   * IDEMPOTENT_METHODS. Receives the request without RETRY_HEADER.
   */
  isRetryable?: (request: Request) => boolean;
  /** Called before each wait, for progress reporting and logging. */
  onRetry?: (event: RetryEvent) => void;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
  /** Waits `ms` and rejects when `signal` fires. Default: a setTimeout-based abortable sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Current time in epoch ms, to turn an HTTP-date Retry-After into a delay. Default Date.now. */
  now?: () => number;
}

/** Retry options with every default filled in and checked. */
export interface RetryPolicy {
  /** {@link RetryOptions.maxRetries}, default applied. */
  maxRetries: number;
  /** {@link RetryOptions.maxRetryAfterMs}, default applied. */
  maxRetryAfterMs: number;
  /** {@link RetryOptions.baseDelayMs}, default applied. */
  baseDelayMs: number;
  /** {@link RetryOptions.maxDelayMs}, default applied. */
  maxDelayMs: number;
  /** {@link RetryOptions.maxTotalDelayMs}, default applied. */
  maxTotalDelayMs: number;
  /** {@link RetryOptions.retryableStatuses} as a set, default applied. */
  retryableStatuses: ReadonlySet<number>;
  /** {@link RetryOptions.isRetryable}, default applied. */
  isRetryable: (request: Request) => boolean;
  /** {@link RetryOptions.onRetry}; undefined when not given. */
  onRetry: ((event: RetryEvent) => void) | undefined;
  /** {@link RetryOptions.random}, default applied. */
  random: () => number;
  /** {@link RetryOptions.sleep}, default applied. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** {@link RetryOptions.now}, default applied. */
  now: () => number;
}

/** Whether `method` may be repeated without changing the outcome. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Wraps `fetchFn` with the retry policy. Options are validated now, so a bad option fails at start-up,
 * not on the first request.
 */
export function withRetry(fetchFn: FetchLike, options: RetryOptions = {}): typeof fetch {
  const policy = resolvePolicy(options);
  return async function fetchWithRetry(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // A Request given alone is used as it is (building another costs as much as the rest of the
    // wrapper); only qc's own RETRY_HEADER is removed from it.
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const hint = readRetryHeader(request.headers);
    if (hint !== undefined) request.headers.delete(RETRY_HEADER);
    const retryable = hint === undefined ? policy.isRetryable(request) : hint === 'idempotent';
    if (!retryable || policy.maxRetries === 0) return fetchFn(request);
    return sendWithRetries(fetchFn, request, policy);
  };
}

async function sendWithRetries(
  fetchFn: FetchLike,
  original: Request,
  policy: RetryPolicy,
): Promise<Response> {
  const signal = original.signal;
  // A body can be sent once; keep its bytes so that every attempt sends the same ones.
  const body = original.body === null ? null : await original.arrayBuffer();
  const shown = { method: original.method, url: redactUrl(original.url) };
  let waitedMs = 0;

  for (let retry = 0; ; retry += 1) {
    throwIfAborted(signal);
    // A request without a body can be sent again as it is; one with a body gets its bytes back.
    const attempt = body === null ? original : new Request(original, { body });
    let response: Response | undefined;
    let error: unknown;
    try {
      response = await fetchFn(attempt);
    } catch (caught) {
      // The caller's own abort is final, and only a network failure (fetch's TypeError) is transient.
      if (signal.aborted || !isTransientFailure(caught) || retry >= policy.maxRetries) throw caught;
      error = caught;
    }
    if (
      response !== undefined &&
      (retry >= policy.maxRetries || !policy.retryableStatuses.has(response.status))
    ) {
      return response;
    }

    const { delayMs, delaySource } = planRetryDelay(retry + 1, response, policy);
    if (!fitsRetryBudget(delayMs, delaySource, waitedMs, policy)) {
      // Waiting longer than the budget allows would hang the caller; give them what we have.
      if (response !== undefined) return response;
      throw error;
    }
    if (response !== undefined) discardBody(response);
    waitedMs += delayMs;
    policy.onRetry?.({
      attempt: retry + 1,
      delayMs,
      delaySource,
      ...(response === undefined ? { error } : { status: response.status }),
      request: { ...shown },
    });
    await policy.sleep(delayMs, signal);
  }
}

/**
 * Whether a planned wait may be taken: within the total budget, and — for a service's Retry-After —
 * within the single-wait limit (a misconfigured `Retry-After: 999999` is not waited out).
 */
export function fitsRetryBudget(
  delayMs: number,
  delaySource: RetryEvent['delaySource'],
  waitedMs: number,
  policy: RetryPolicy,
): boolean {
  if (delaySource === 'retry-after' && delayMs > policy.maxRetryAfterMs) return false;
  return waitedMs + delayMs <= policy.maxTotalDelayMs;
}

/** Delay before retry number `retry` (1-based). */
export function planRetryDelay(
  retry: number,
  response: Response | undefined,
  policy: RetryPolicy,
): {
  /** How long to wait, in ms. */
  delayMs: number;
  /** Whether the service asked for this wait or backoff chose it. */
  delaySource: RetryEvent['delaySource'];
} {
  if (response !== undefined && RETRY_AFTER_STATUSES.has(response.status)) {
    const retryAfterMs = parseRetryAfter(response.headers, policy.now());
    if (retryAfterMs !== undefined) return { delayMs: Math.ceil(retryAfterMs), delaySource: 'retry-after' };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = ceiling / 2 + (policy.random() * ceiling) / 2;
  return { delayMs: Math.round(jittered), delaySource: 'backoff' };
}

/** Frees the connection of a response that will not be read. */
export function discardBody(response: Response): void {
  if (response.body === null || response.bodyUsed) return;
  response.body.cancel().catch(() => {
    // Nothing to do: the response is being dropped anyway.
  });
}

function readRetryHeader(headers: Headers): RetryHeaderValue | undefined {
  const value = headers.get(RETRY_HEADER);
  if (value === null) return undefined;
  // Clients that merge header sets may repeat it ("idempotent, idempotent"); repeats of one value agree.
  const values = new Set(value.split(',').map((v) => v.trim().toLowerCase()));
  const [normalized] = values;
  if (values.size === 1 && (normalized === 'idempotent' || normalized === 'never')) return normalized;
  throw new InvalidArgumentError(
    `${RETRY_HEADER} must be "idempotent" or "never", got "${value.slice(0, 40)}"`,
  );
}

/** Fills in and checks retry options (throws InvalidArgumentError for a bad one). */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return resolvePolicy({ maxRetries: 0 });
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new InvalidArgumentError('retry must be an options object or false');
  }
  return resolvePolicy(options ?? {});
}

function resolvePolicy(options: RetryOptions): RetryPolicy {
  const maxRetries = nonNegative('maxRetries', options.maxRetries ?? 3, { integer: true });
  const baseDelayMs = nonNegative('baseDelayMs', options.baseDelayMs ?? 1000);
  const maxDelayMs = nonNegative('maxDelayMs', options.maxDelayMs ?? 30_000);
  const maxTotalDelayMs = nonNegative('maxTotalDelayMs', options.maxTotalDelayMs ?? 60_000, {
    infinite: true,
  });
  const statuses = options.retryableStatuses ?? DEFAULT_RETRYABLE_STATUSES;
  for (const status of statuses) {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new InvalidArgumentError(`retryableStatuses must hold HTTP statuses, got ${String(status)}`);
    }
  }
  const maxRetryAfterMs = nonNegative(
    'maxRetryAfterMs',
    options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
  );
  return {
    maxRetries,
    maxRetryAfterMs,
    baseDelayMs,
    maxDelayMs,
    maxTotalDelayMs,
    retryableStatuses: new Set(statuses),
    isRetryable: options.isRetryable ?? ((request) => isIdempotentMethod(request.method)),
    onRetry: options.onRetry,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? Date.now,
  };
}

function nonNegative(name: string, value: number, { integer = false, infinite = false } = {}): number {
  const valid = integer
    ? Number.isInteger(value)
    : Number.isFinite(value) || (infinite && value === Infinity);
  if (!valid || value < 0) {
    throw new InvalidArgumentError(
      `${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${value}`,
    );
  }
  return value;
}

/**
 * A network failure (fetch's TypeError) or a per-attempt time limit running out (a TimeoutError from
 * a wrapper inside this one, or AbortSignal.timeout's): the same request may well succeed next time.
 * The caller's own abort is ruled out before this is asked.
 */
export function isTransientFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'NetworkError'))
  );
}
