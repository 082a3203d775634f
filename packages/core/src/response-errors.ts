import { QcError } from './errors.js';
import { redactUrl } from './redact.js';

/** What was wrong with a 2xx answer. */
export type UnexpectedResponseProblem =
  /** The operation declares JSON and the body is not JSON (an HTML page from a proxy, say). */
  | 'not-json'
  /** The body ended before the JSON did. */
  | 'truncated'
  /** The JSON lacks what the operation answers with (a create answer without the new object's id). */
  | 'missing-field';

/**
 * The service answered with a success status but not with what the operation declares. For a call
 * that creates something, the object may exist although its identifier is unknown.
 */
export class UnexpectedResponseError extends QcError {
  override name = 'UnexpectedResponseError';
  /** Request method. */
  readonly method: string;
  /** The request URL, query values redacted. */
  readonly url: string;
  /** The (2xx) response status. */
  readonly status: number;
  /** What was wrong with the answer. */
  readonly problem: UnexpectedResponseProblem;
  /** A short, redacted excerpt of the body. */
  readonly bodyExcerpt: string | undefined;
  /** Correlation id the service returned, for support requests. */
  readonly requestId: string | undefined;

  constructor(init: {
    method: string;
    url: string;
    status: number;
    problem: UnexpectedResponseProblem;
    /** What was expected, for the message ("a JSON body", "the field job_id"). */
    expected: string;
    bodyExcerpt?: string | undefined;
    requestId?: string | undefined;
    cause?: unknown;
    /** Lower-case query parameter names whose values may be shown in the URL (see `redactUrl`). */
    safeQueryParameters?: readonly string[] | undefined;
  }) {
    const url = redactUrl(init.url, init.safeQueryParameters);
    const excerpt = init.bodyExcerpt ? `: ${init.bodyExcerpt}` : '';
    super(
      `${init.method} ${url} answered HTTP ${init.status} without ${init.expected} (${init.problem})${excerpt}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.method = init.method;
    this.url = url;
    this.status = init.status;
    this.problem = init.problem;
    this.bodyExcerpt = init.bodyExcerpt;
    this.requestId = init.requestId;
  }

  /** The fields worth logging, all already redacted; `JSON.stringify(error)` calls this. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      method: this.method,
      url: this.url,
      status: this.status,
      problem: this.problem,
      bodyExcerpt: this.bodyExcerpt,
      requestId: this.requestId,
    };
  }
}

/**
 * A submission (a call that creates something and is never retried) was sent, and no complete answer
 * came back: a time limit, a dropped connection, a cut or malformed body, a 5xx. The service may have
 * acted on it. Resending blindly can create a duplicate; look first, as `recovery` says.
 */
export class SubmissionOutcomeUnknownError extends QcError {
  override name = 'SubmissionOutcomeUnknownError';
  /** The operation, as the client names it (`createBatch`, `submitJob`). */
  readonly operation: string;
  /** When the request was sent (ISO 8601, local clock): search for what it created from here. */
  readonly sentAt: string;
  /** How to find out whether it took effect. */
  readonly recovery: string;
  /** The identifier the client chose for what it was creating (an Azure job id), when it chose one. */
  readonly id: string | undefined;

  constructor(init: { operation: string; sentAt: Date; recovery: string; cause: unknown; id?: string }) {
    super(
      `${init.operation} may or may not have taken effect (${describeFailure(init.cause)}); it was not retried: ${init.recovery}`,
      { cause: init.cause },
    );
    this.operation = init.operation;
    this.sentAt = init.sentAt.toISOString();
    this.recovery = init.recovery;
    this.id = init.id;
  }
}

function describeFailure(cause: unknown): string {
  if (!(cause instanceof Error)) return 'unknown failure';
  if (cause.name === 'TimeoutError') return 'timed out';
  if (cause.name === 'NetworkError') return 'the connection failed';
  if (cause instanceof UnexpectedResponseError) return `the answer was unusable: ${cause.problem}`;
  const status = (cause as { status?: unknown }).status;
  if (typeof status === 'number') return `HTTP ${status}`;
  return cause.name;
}
