// Waiting for a batch or a job to finish: which statuses are final, and how often to look.
import type { CallOptions } from '@qc/auth';
import type { WaitProgress } from '@qc/core';

/** Statuses after which a batch or job never changes. `PAUSED` and `CANCELING` are not among them. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['DONE', 'ERROR', 'CANCELED', 'TIMED_OUT']);

/** Whether a batch or job in this status never changes again (see {@link TERMINAL_STATUSES}). */
export function isTerminalStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** How waitForBatch and waitForJob poll. */
export interface WaitOptions<T> extends CallOptions {
  /** Give up after this long with a WaitTimeoutError carrying the last state. Default: no limit. */
  timeoutMs?: number;
  /** First wait between polls (default 2 000 ms, Pasqal's SDK's interval); grows by `factor`. */
  intervalMs?: number;
  /** Longest wait between polls (default 30 000 ms). */
  maxIntervalMs?: number;
  /** Growth of the wait after each poll (default 1.5). */
  factor?: number;
  /** Called after every poll, with the state read. */
  onProgress?: (progress: WaitProgress<T>) => void;
}

/** `waitFor`'s settings for these options, with Pasqal's SDK's defaults. */
export function waitSettings<T>(options: WaitOptions<T>) {
  return {
    initialDelayMs: options.intervalMs ?? 2_000,
    maxDelayMs: options.maxIntervalMs ?? 30_000,
    factor: options.factor ?? 1.5,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}
