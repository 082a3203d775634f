import { TimeoutError } from '../errors.js';
import { abortReason } from '../sleep.js';

/**
 * The time limit and the caller's abort of one exchange (connecting, headers, body), held so that a
 * garbage collection cannot break them.
 *
 * `AbortSignal.any([callerSignal, AbortSignal.timeout(ms)])` and copies of a `Request` follow their
 * sources through weak references: once the collector runs, undici may no longer see the abort, and a
 * call outlives its limit (nodejs/undici#4068, nodejs/node#55428). Here the timer and the caller's
 * listener hold the controller strongly, every await of the exchange is raced against {@link expired},
 * and the body is read through a reader that is cancelled on expiry — so the limit holds even for a
 * `fetch` that ignores its signal. {@link settle} clears the timer and the listener: nothing is left to
 * keep a process alive.
 */
export class Deadline {
  /** Give this signal to `fetch`: it fires when the limit is reached or the caller aborts. */
  readonly signal: AbortSignal;
  /** Rejects with the TimeoutError or the caller's abort reason; never resolves. */
  readonly expired: Promise<never>;
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reject!: (reason: Error) => void;
  #reason: Error | undefined;
  #byCaller = false;
  readonly #onExpiry: (() => void)[] = [];

  /**
   * @param timeoutMs the limit (already checked), or undefined for none
   * @param describe what timed out, for the TimeoutError's message (called only when it happens)
   */
  constructor(timeoutMs: number | undefined, callerSignal: AbortSignal | undefined, describe: () => string) {
    this.signal = this.#controller.signal;
    this.expired = new Promise<never>((_, reject) => {
      this.#reject = reject;
    });
    // Nobody may be racing the promise when it rejects.
    this.expired.catch(() => undefined);
    this.#callerSignal = callerSignal;
    if (callerSignal?.aborted) {
      this.#expire(abortReason(callerSignal), true);
      return;
    }
    if (callerSignal !== undefined) {
      this.#onCallerAbort = () => this.#expire(abortReason(callerSignal), true);
      callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
    if (timeoutMs !== undefined) {
      this.#timer = setTimeout(
        () => this.#expire(new TimeoutError(`${describe()} did not complete within ${timeoutMs} ms`), false),
        timeoutMs,
      );
    }
  }

  /** Why the exchange ended early, once it has: a TimeoutError or the caller's AbortError. */
  get reason(): Error | undefined {
    return this.#reason;
  }

  /** True when the caller's own signal ended the exchange (not the time limit). */
  get abortedByCaller(): boolean {
    return this.#byCaller;
  }

  /** Settles with `promise`, or rejects as soon as the deadline passes or the caller aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.#reason !== undefined) {
      promise.catch(() => undefined);
      return Promise.reject(this.#reason);
    }
    return Promise.race([promise, this.expired]);
  }

  /** Runs `action` when the deadline passes or the caller aborts (at once if it already has). */
  onExpiry(action: () => void): void {
    if (this.#reason !== undefined) action();
    else this.#onExpiry.push(action);
  }

  /** The exchange is over: clears the timer and stops listening to the caller's signal. */
  settle(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#onCallerAbort !== undefined) {
      this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    }
    this.#onExpiry.length = 0;
  }

  #expire(reason: Error, byCaller: boolean): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    this.#byCaller = byCaller;
    this.settle();
    this.#controller.abort(reason);
    this.#reject(reason);
    for (const action of this.#onExpiry.splice(0)) action();
  }
}
