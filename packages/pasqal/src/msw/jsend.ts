import { jsonResponse } from '@qc/core/contract';
// What the mock's answers look like: JSend envelopes, FastAPI's validation errors, the service's times.
import type { ValidationIssue } from '../generated/types.gen.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** A JSend success envelope; the core API writes `code` as a string, the account API as an integer. */
export function jsend(
  data: unknown,
  options: {
    account?: boolean;
    pagination?: { total: number; start: number; end: number };
    headers?: HeadersInit;
  } = {},
): Response {
  const body: Record<string, unknown> = {
    status: 'success',
    message: 'OK.',
    code: options.account ? 200 : '200',
    data,
  };
  if (options.pagination) body.pagination = options.pagination;
  return jsonResponse(body, options.headers === undefined ? {} : { headers: options.headers });
}

/** A JSend `fail` (4xx) or `error` (5xx) envelope whose `data.description` says why. */
export function jsendError(
  status: number,
  description: string | ValidationIssue[],
  options: { account?: boolean; headers?: HeadersInit } = {},
): Response {
  return jsonResponse(
    {
      status: status >= 500 ? 'error' : 'fail',
      message: REASONS[status] ?? 'Error',
      code: options.account ? status : String(status),
      data: { description },
    },
    { status, ...(options.headers === undefined ? {} : { headers: options.headers }) },
  );
}

/** FastAPI's request-validation answer. */
export function fastApiValidation(issues: ValidationIssue[]): Response {
  return jsonResponse({ detail: issues }, { status: 422 });
}

const written = new Map<number, string>();

/**
 * A time as the mock writes it: ISO 8601 with `Z`. A batch's times are written on every poll of it:
 * the latest ones are remembered (a bounded memo of a pure function).
 */
export function iso(ms: number): string {
  let text = written.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (written.size >= 1024) written.clear();
    written.set(ms, text);
  }
  return text;
}

/** {@link iso}, or null for a time that has not come. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
