import {
  SubmissionOutcomeUnknownError as CoreSubmissionOutcomeUnknownError,
  HttpError,
  NetworkError,
  type ProviderErrorDetails,
  redactCredentials,
  redactSecrets,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
} from '@qc/core';
import type { ValidationIssue } from './generated/types.gen.js';

/**
 * What Pasqal said about a failed request, from its JSend `fail`/`error` envelope or FastAPI's 422
 * `{detail}`. Every HttpError thrown by this package carries it as `error.pasqal` (read it with
 * {@link pasqalErrorDetails}); `error.code` is the envelope's `code` as a string and `error.status` the
 * HTTP status.
 */
export interface PasqalErrorDetails {
  /** The JSend status: `fail` (the caller's error) or `error` (the service's). */
  jsendStatus?: string;
  /** The envelope's `code`, as a string (the service sends `"422"` or `422`). */
  code?: string;
  /** The envelope's `message`, e.g. `Unprocessable Entity`. */
  message?: string;
  /** `data.description` when it is a sentence, or FastAPI's `detail` when it is a string. */
  description?: string;
  /** The validation issues: `data.description` when it is a list, or FastAPI's `detail` list. */
  validationIssues?: ValidationIssue[];
  /** The envelope's `data`, as sent. */
  data?: unknown;
}

/** An HttpError of this package: the status's subclass (NotFoundError, …) with Pasqal's details. */
export type PasqalHttpError = HttpError & {
  /** What Pasqal's error envelope said (non-enumerable). */
  readonly pasqal: PasqalErrorDetails;
};

/** The Pasqal details of an error thrown by this package, or undefined for other errors. */
export function pasqalErrorDetails(error: unknown): PasqalErrorDetails | undefined {
  return error instanceof HttpError ? (error as Partial<PasqalHttpError>).pasqal : undefined;
}

/**
 * Reads the JSend error envelope or FastAPI's `{detail}` out of an error body. Every string in it is
 * cleaned: credentials (bearer tokens, keys) and the given `secrets` are replaced by `REDACTED`, since
 * services sometimes echo input back in their errors.
 */
export function parsePasqalError(body: unknown, secrets: readonly string[] = []): PasqalErrorDetails {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const record = redactDeep(body, secrets) as Record<string, unknown>;
  const details: PasqalErrorDetails = {};
  if (record.status === 'fail' || record.status === 'error' || 'code' in record || 'message' in record) {
    if (typeof record.status === 'string') details.jsendStatus = record.status;
    const code = record.code;
    if (typeof code === 'string' || typeof code === 'number') details.code = String(code);
    if (typeof record.message === 'string') details.message = clean(record.message);
    if ('data' in record) details.data = record.data;
    const data = record.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const description = (data as Record<string, unknown>).description;
      if (typeof description === 'string') details.description = clean(description);
      else if (Array.isArray(description)) details.validationIssues = issues(description);
    }
  }
  const detail = record.detail;
  if (typeof detail === 'string') details.description ??= clean(detail);
  else if (Array.isArray(detail)) details.validationIssues ??= issues(detail);
  return details;
}

/** One line per issue: `body.jobs.0.runs: field required`. */
export function describeIssues(list: readonly ValidationIssue[]): string {
  return list
    .map((issue) => {
      const where = Array.isArray(issue.loc) ? issue.loc.join('.') : '';
      return where ? `${where}: ${issue.msg}` : issue.msg;
    })
    .join('; ');
}

function issues(list: unknown[]): ValidationIssue[] {
  return list
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .map((item) => ({
      ...item,
      loc: Array.isArray(item.loc) ? (item.loc as (string | number)[]) : [],
      msg: typeof item.msg === 'string' ? clean(item.msg) : String(item.msg ?? ''),
      type: typeof item.type === 'string' ? item.type : '',
    }));
}

function clean(text: string): string {
  return redactCredentials(text);
}

function redactDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactCredentials(redactSecrets(value, secrets));
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets, depth + 1)]),
  );
}

/**
 * Pasqal's error envelope for the request pipeline: a non-2xx response becomes the HttpError subclass
 * of its status whose message is the envelope's description (or the validation issues, or its
 * message) and whose `code` is the envelope's code, with the details on `error.pasqal`.
 */
export function describePasqalError(
  body: unknown,
  _headers: Headers,
  secrets: readonly string[],
): (ProviderErrorDetails & { properties: Record<string, unknown> }) | undefined {
  const pasqal = parsePasqalError(body, secrets);
  const message =
    pasqal.description ??
    (pasqal.validationIssues && pasqal.validationIssues.length > 0
      ? describeIssues(pasqal.validationIssues)
      : undefined) ??
    pasqal.message;
  // A body that is neither JSend nor FastAPI (an HTML page from a proxy) keeps core's own parsing.
  return { code: pasqal.code, message, properties: { pasqal } };
}

/** The operations that create something and are therefore never retried automatically. */
export type SubmissionOperation = 'createBatch' | 'addJobs' | 'rebatch' | 'createWorkload';

/**
 * A submission (create batch, add jobs, rebatch, create workload) failed in a way that does not tell
 * whether the service acted on it: the client's time limit ran out, the connection broke after the
 * request was sent, or a 5xx came back (a gateway timeout while the service kept working). Sending it
 * again may create a duplicate and spend credits twice (pasqal-io/pasqal-cloud#285).
 *
 * What to do: look first. For a batch, list the batches created since {@link sentAt} (`listBatches`
 * with `start_date`, plus `tag` when you tagged the batch; `findBatchesSince` does this); for jobs, list
 * the batch's jobs (`listJobs` with `batch_id`) and compare. Only resend what is missing. The original
 * error is the `cause`.
 */
export class SubmissionOutcomeUnknownError extends CoreSubmissionOutcomeUnknownError {
  declare readonly operation: SubmissionOperation;
  /** The batch jobs were added to, for `addJobs` and `rebatch`. */
  readonly batchId: string | undefined;
  /** The tags the new batch was sent with, for `createBatch`: search by one of them. */
  readonly tags: readonly string[];

  constructor(init: {
    operation: SubmissionOperation;
    sentAt: Date;
    batchId?: string;
    tags?: readonly string[];
    cause: unknown;
  }) {
    const recovery =
      init.operation === 'addJobs'
        ? `list the jobs of batch ${init.batchId} before adding them again`
        : init.operation === 'createWorkload'
          ? 'check your workloads before creating it again'
          : `list the batches created since ${init.sentAt.toISOString()}${
              init.tags && init.tags.length > 0 ? ` with tag "${init.tags[0]}"` : ''
            } before sending it again (findBatchesSince)`;
    super({ operation: init.operation, sentAt: init.sentAt, recovery, cause: init.cause });
    this.batchId = init.batchId;
    this.tags = [...(init.tags ?? [])];
  }
}

/** Whether a failed submission may still have taken effect (see {@link SubmissionOutcomeUnknownError}). */
export function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof CoreSubmissionOutcomeUnknownError) return true;
  if (error instanceof TimeoutError || error instanceof NetworkError) return true;
  if (error instanceof ServerError || error instanceof UnexpectedResponseError) return true;
  return false;
}

/**
 * Runs a submission: a failure that leaves its outcome unknown becomes this package's
 * {@link SubmissionOutcomeUnknownError}, carrying the batch id and tags to search by.
 */
export async function runSubmission<T>(
  operation: SubmissionOperation,
  context: { batchId?: string; tags?: readonly string[] },
  send: () => Promise<T>,
): Promise<T> {
  const sentAt = new Date();
  try {
    return await send();
  } catch (error) {
    // The pipeline reports a lost submission (sent, then no complete answer, a 5xx or an unusable
    // 2xx) as core's error; it gains the batch id and tags to search by here.
    if (
      error instanceof CoreSubmissionOutcomeUnknownError &&
      !(error instanceof SubmissionOutcomeUnknownError)
    ) {
      const sent = new Date(error.sentAt);
      throw new SubmissionOutcomeUnknownError({ operation, sentAt: sent, ...context, cause: error.cause });
    }
    if (isOutcomeUnknown(error)) {
      throw new SubmissionOutcomeUnknownError({ operation, sentAt, ...context, cause: error });
    }
    throw error;
  }
}
