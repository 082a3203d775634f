import { QcError, redactCredentials, type WaitProgress, waitFor } from '@qc/core';
import { API_VERSION_QUERY, type CallOptions, type WorkspaceContext } from './context.js';
import { cancelJob as cancelJobCall, getJob as getJobCall } from './generated/sdk.gen.js';
import type { JobDetails, JobStatus, WorkspaceItemError } from './generated/types.gen.js';

/** Statuses after which a job never changes (what the official SDK's `has_completed` checks). */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set([
  'Completed',
  'Succeeded',
  'Failed',
  'Cancelled',
]);
/** Final statuses that mean success. */
export const SUCCEEDED_JOB_STATUSES: ReadonlySet<string> = new Set(['Completed', 'Succeeded']);

/** How {@link AzureQuantumClient.waitForJob} polls, and each poll's call options. */
export interface WaitForJobOptions extends CallOptions {
  /** Give up after this long with a WaitTimeoutError carrying the last job seen. Default: no limit. */
  timeoutMs?: number;
  /** First wait between polls (default 200 ms); it grows ×1.5 up to `maxIntervalMs` (default 30 s). */
  intervalMs?: number;
  /** Longest wait between polls (default 30 s). */
  maxIntervalMs?: number;
  /** Called after every poll with the job as just read. */
  onProgress?: (progress: WaitProgress<JobDetails>) => void;
}

/** A job ended Failed or Cancelled; `errorData` is what the service said (code and message). */
export class JobFailedError extends QcError {
  override name = 'JobFailedError';
  /** The job's id. */
  readonly jobId: string;
  /** `Failed` or `Cancelled`. */
  readonly status: JobStatus;
  /** The service's `errorData` (code and message, credentials redacted); undefined when it gave none. */
  readonly errorData: WorkspaceItemError | undefined;
  constructor(job: JobDetails) {
    const error = job.errorData ?? undefined;
    const why = error ? `: [${error.code}] ${redactCredentials(error.message)}` : '';
    super(`Job ${job.id} ${job.status === 'Cancelled' ? 'was cancelled' : 'failed'}${why}`);
    this.jobId = job.id;
    this.status = job.status ?? 'Failed';
    this.errorData =
      error === undefined ? undefined : { ...error, message: redactCredentials(error.message) };
  }
}

/** Output was asked for a job that has not finished. */
export class JobNotFinishedError extends QcError {
  override name = 'JobNotFinishedError';
  constructor(
    /** The job's id. */
    readonly jobId: string,
    /** Its status when output was asked for; undefined when the service gave none. */
    readonly status: JobStatus | undefined,
  ) {
    super(`Job ${jobId} has not finished (status ${status ?? 'unknown'}); wait for it with waitForJob first`);
  }
}

export async function getJob(
  context: WorkspaceContext,
  jobId: string,
  call: CallOptions = {},
): Promise<JobDetails> {
  const { data } = await getJobCall({
    client: context.client,
    path: { ...context.path, jobId: jobId },
    query: API_VERSION_QUERY,
    ...call,
  });
  return data;
}

/** Polls the job (0.2 s, ×1.5, capped at 30 s, as the official SDK does) until it is final. */
export async function waitForJob(
  context: WorkspaceContext,
  jobId: string,
  options: WaitForJobOptions = {},
): Promise<JobDetails> {
  return waitFor({
    poll: (signal) => getJob(context, jobId, { signal }),
    isDone: (job) => job.status !== undefined && FINAL_JOB_STATUSES.has(job.status),
    initialDelayMs: options.intervalMs ?? 200,
    maxDelayMs: options.maxIntervalMs ?? 30_000,
    factor: 1.5,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onProgress: options.onProgress,
    description: `Azure Quantum job ${jobId} to finish`,
  });
}

/**
 * Requests cancellation. The live service answers 204 No Content (its swagger promises 200 with the
 * job); either way the job as it is now is returned, read again after a 204.
 */
export async function cancelJob(
  context: WorkspaceContext,
  jobId: string,
  call: CallOptions = {},
): Promise<JobDetails> {
  const result = await cancelJobCall({
    client: context.client,
    path: { ...context.path, jobId: jobId },
    query: API_VERSION_QUERY,
    ...call,
  });
  const data = result.data as JobDetails | Record<string, never>;
  if (result.response.status === 200 && typeof data.id === 'string') return data as JobDetails;
  return getJob(context, jobId, call);
}
