import type { QcLogger, RequestLogEntry } from './types.js';

/**
 * The logger a pipeline uses: the one given, else — on Node, when `QC_DEBUG` is `1`, `true` or `qc` —
 * one line per attempt on stderr. Reading the environment never throws (Deno without `--allow-env`,
 * browsers and workers have none).
 */
export function resolveLogger(given: QcLogger | undefined): QcLogger | undefined {
  if (given !== undefined) {
    if (typeof given !== 'function') throw new TypeError('logger must be a function');
    return given;
  }
  return debugFromEnvironment() ? writeToStderr : undefined;
}

/** `GET https://host/path?x=REDACTED → 200 in 12 ms (attempt 1, request id …)`. */
export function formatLogEntry(entry: RequestLogEntry): string {
  const outcome = entry.status !== undefined ? String(entry.status) : (entry.error ?? 'no answer');
  const details = [
    `attempt ${entry.attempt}`,
    entry.requestId ? `request id ${entry.requestId}` : undefined,
    entry.clientRequestId ? `client request id ${entry.clientRequestId}` : undefined,
    entry.retryInMs !== undefined ? `retry in ${entry.retryInMs} ms` : undefined,
  ].filter(Boolean);
  return `[${entry.client}] ${entry.method} ${entry.url} → ${outcome} in ${Math.round(entry.durationMs)} ms (${details.join(', ')})`;
}

function writeToStderr(entry: RequestLogEntry): void {
  console.error(formatLogEntry(entry));
}

function debugFromEnvironment(): boolean {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.QC_DEBUG?.trim().toLowerCase();
    return value === '1' || value === 'true' || value === 'qc';
  } catch {
    return false;
  }
}
