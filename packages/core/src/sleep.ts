import { AbortError, QcError, TimeoutError } from './errors.js';

/**
 * The reason an AbortSignal fired, as a qc error: a QcError reason as it is, `AbortSignal.timeout()`'s
 * DOMException as a TimeoutError, anything else as an AbortError (the original as its `cause`).
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof QcError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new TimeoutError('The signal given to the call timed out', { cause: reason });
  }
  return new AbortError('The operation was aborted', { cause: reason });
}

/** Throws the signal's reason when it has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

// setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days); clamp instead of overflowing.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Waits `ms` milliseconds; rejects with an AbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(MAX_TIMER_DELAY_MS, Math.max(0, ms || 0)),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles with `promise`, or rejects with the abort reason as soon as `signal` fires. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
