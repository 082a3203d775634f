import { InvalidArgumentError, TimeoutError } from './errors.js';
import { capRetryAfter, checkTimeLimit, DEFAULT_MAX_RETRY_AFTER_MS } from './http/limits.js';
import { sleep as abortableSleep, throwIfAborted, untilAborted } from './sleep.js';

/**
 * Polling until a long-running operation (a batch, a job, an Azure LRO) reaches a terminal state:
 * poll at once, then wait `initialDelayMs`, growing by `factor` up to `maxDelayMs`, until `isDone`.
 */

/** What {@link WaitForOptions.onProgress} is told after each poll. */
export interface WaitProgress<T> {
  /** What the latest poll returned. */
  value: T;
  /** How many polls have completed, this one included. */
  attempt: number;
  /** Time since waitFor started. */
  elapsedMs: number;
  /** Whether `value` is terminal. */
  done: boolean;
  /** The wait before the next poll; undefined when done or when the time is up. */
  nextDelayMs: number | undefined;
}

/** What {@link waitFor} polls, how often, and for how long. */
export interface WaitForOptions<T> {
  /** Reads the current state. Its errors propagate: transient ones belong to the caller's retry policy. */
  poll: (signal: AbortSignal | undefined) => Promise<T>;
  /** Whether a state is terminal (succeeded, failed or cancelled alike). */
  isDone: (value: T) => boolean;
  /** Wait after the first poll. Default 1000 ms. */
  initialDelayMs?: number;
  /** Longest wait between polls. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Growth of the wait after each poll, at least 1. Default 2. */
  factor?: number;
  /**
   * Give up after this long with a WaitTimeoutError carrying the last value. Default: no limit (bound the
   * wait with `signal`). A poll still in flight at the deadline is abandoned (its signal fires) and the wait ends there.
   */
  timeoutMs?: number;
  /**
   * The wait the service asked for after this value (e.g. an LRO's Retry-After), in ms. When it returns a
   * number, that number replaces the computed backoff for this wait.
   */
  delayHint?: (value: T) => number | undefined;
  /** Longest delay a `delayHint` (a service's Retry-After) may set (default 60 s); longer ones are capped. */
  maxRetryAfterMs?: number;
  /** Called after every poll, terminal or not. */
  onProgress?: (progress: WaitProgress<T>) => void;
  /** What is awaited, for the timeout message: e.g. `"batch 42 to finish"`. */
  description?: string;
  /** Stops the wait: passed to every poll, and ends a sleep between polls at once. */
  signal?: AbortSignal;
  /** Waits `ms` and rejects when `signal` fires. Default: a setTimeout-based abortable sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A monotonic clock in ms. Default performance.now. */
  now?: () => number;
}

/**
 * waitFor ran out of time. `lastValue` is what the last poll returned (undefined when no poll completed),
 * so nothing observed is lost. It is kept out of `toJSON` and of default `util.inspect` output because a
 * job's state can hold URLs with credentials (SAS tokens).
 */
export class WaitTimeoutError<T = unknown> extends TimeoutError {
  override name = 'WaitTimeoutError';
  /** What the last completed poll returned; undefined when none completed. Not enumerable. */
  declare readonly lastValue: T | undefined;
  /** Polls that completed. */
  readonly attempts: number;
  /** Time from the start of the wait until it gave up. */
  readonly elapsedMs: number;

  constructor(init: {
    description?: string;
    timeoutMs: number;
    elapsedMs: number;
    attempts: number;
    lastValue?: T;
  }) {
    const what = init.description ? ` waiting for ${init.description}` : '';
    super(
      `Timed out after ${Math.round(init.elapsedMs)} ms${what} (limit ${init.timeoutMs} ms, ${init.attempts} polls)`,
    );
    Object.defineProperty(this, 'lastValue', { value: init.lastValue, enumerable: false });
    this.attempts = init.attempts;
    this.elapsedMs = init.elapsedMs;
  }

  /** The fields worth logging; `lastValue` is left out, as it can hold credentials. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, attempts: this.attempts, elapsedMs: this.elapsedMs };
  }
}

/** Polls until `isDone(value)` and resolves with that terminal value. */
export async function waitFor<T>(options: WaitForOptions<T>): Promise<T> {
  const { poll, isDone, delayHint, onProgress, description, signal } = options;
  const initialDelayMs = check('initialDelayMs', options.initialDelayMs ?? 1000, 0);
  const maxDelayMs = check('maxDelayMs', options.maxDelayMs ?? 30_000, 0);
  const factor = check('factor', options.factor ?? 2, 1);
  const maxHintMs = check('maxRetryAfterMs', options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS, 0);
  // Infinity (or nothing) waits without a limit; anything else must fit a timer.
  const timeoutMs =
    options.timeoutMs === undefined || options.timeoutMs === Infinity
      ? Infinity
      : checkTimeLimit('timeoutMs', options.timeoutMs);
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? (() => performance.now());

  throwIfAborted(signal);
  const start = now();
  const deadline = start + timeoutMs;
  let backoffMs = initialDelayMs;

  let lastValue: T | undefined;
  // A poll that hangs (a request that never answers) must not outlive the wait's time limit: it gets a
  // signal that also fires at the deadline, and the wait ends there with the last value seen.
  const pollWithinDeadline = async (attempt: number): Promise<T> => {
    if (!Number.isFinite(timeoutMs)) return untilAborted(poll(signal), signal);
    // One controller, held by the timer and the caller's listener: AbortSignal.any's links are weak
    // and a garbage collection can break them (see http/deadline.ts).
    const deadlineController = new AbortController();
    const timer = setTimeout(() => deadlineController.abort(), Math.max(0, deadline - now()));
    const onAbort = () => deadlineController.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const pollSignal = deadlineController.signal;
    try {
      return await untilAborted(poll(pollSignal), pollSignal);
    } catch (error) {
      if (deadlineController.signal.aborted && !signal?.aborted) {
        throw new WaitTimeoutError<T>({
          description,
          timeoutMs,
          elapsedMs: now() - start,
          attempts: attempt,
          lastValue: lastValue as T,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  for (let attempt = 1; ; attempt += 1) {
    const value = await pollWithinDeadline(attempt);
    lastValue = value;
    const done = isDone(value);
    const elapsedMs = now() - start;
    const remainingMs = deadline - now();
    const plannedMs = done
      ? undefined
      : (validHint(delayHint?.(value), maxHintMs) ?? Math.min(backoffMs, maxDelayMs));
    const nextDelayMs =
      plannedMs === undefined || remainingMs <= 0 ? undefined : Math.min(plannedMs, remainingMs);
    onProgress?.({ value, attempt, elapsedMs, done, nextDelayMs });
    if (done) return value;
    if (nextDelayMs === undefined) {
      throw new WaitTimeoutError<T>({
        description,
        timeoutMs,
        elapsedMs,
        attempts: attempt,
        lastValue: value,
      });
    }
    await sleep(nextDelayMs, signal);
    throwIfAborted(signal);
    backoffMs = Math.min(backoffMs * factor, maxDelayMs);
  }
}

/** A service's delay hint (a Retry-After), bounded so that a bad header cannot stall the wait. */
function validHint(hint: number | undefined, maxHintMs: number): number | undefined {
  return hint !== undefined && Number.isFinite(hint) && hint >= 0
    ? capRetryAfter(hint, maxHintMs)
    : undefined;
}

function check(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) {
    throw new InvalidArgumentError(`${name} must be a finite number of at least ${min}, got ${value}`);
  }
  return value;
}
