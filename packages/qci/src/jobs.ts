import { type CallOptions, requireField } from '@qc/auth';
import {
  BadRequestError,
  isSafeIdentifier,
  NotFoundError,
  QcError,
  type WaitProgress,
  waitFor,
} from '@qc/core';
import { downloadFile } from './files.js';
import type { Client } from './generated/client.gen.js';
import {
  cancelJob as cancelJobCall,
  getJob as getJobCall,
  getJobMetrics,
  getJobMetricsV2,
  getJobStatus as getJobStatusCall,
  submitJob as submitJobCall,
} from './generated/sdk.gen.js';
import type { JobInfo, JobMetrics, JobStatus, JobSubmission } from './generated/types.gen.js';
import { type QciJobRequest, toJobSubmission } from './job-request.js';

/** Statuses after which a job never changes. There is no FAILED: a failed job is ERRORED. */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'ERRORED', 'CANCELLED']);

/** How {@link QciClient.waitForJob} polls. */
export interface WaitForJobOptions {
  /** Stops the wait (and a poll in flight). */
  signal?: AbortSignal;
  /** Give up after this long (a WaitTimeoutError carrying the last status). Default: no limit. */
  timeoutMs?: number;
  /** First wait between status polls (default 2 500 ms, QCi's client's interval); it grows to `maxIntervalMs`. */
  intervalMs?: number;
  /** Longest wait between status polls (default 30 000 ms). */
  maxIntervalMs?: number;
  /** Called after every status poll. */
  onProgress?: (progress: WaitProgress<JobStatus>) => void;
}

/** A job's record and what it produced, from {@link QciClient.getJobResults}. */
export interface JobOutcome {
  /** The job's id. */
  jobId: string;
  /** Its status when it was read. */
  status: JobStatus;
  /** Its record. */
  job: JobInfo;
  /** The result file's payload (its one `file_config` value) when the job COMPLETED. */
  results?: Record<string, unknown>;
  /** What QCi reported for an ERRORED job, when it said anything. */
  error?: unknown;
}

/** Cancelling a job that already finished: QCi answers 400. */
export class JobNotCancellableError extends QcError {
  override name = 'JobNotCancellableError';
  constructor(
    /** The job asked to be cancelled. */
    readonly jobId: string,
    /** Its final status. */
    readonly status: JobStatus,
    options: { cause: unknown },
  ) {
    super(`Job ${jobId} cannot be cancelled: it has already finished (${status})`, options);
  }
}

export async function submitJob(
  client: Client,
  job: QciJobRequest | JobSubmission,
  call: CallOptions = {},
): Promise<string> {
  const submission = 'jobType' in job ? toJobSubmission(job) : job;
  const result = await submitJobCall({
    ...call,
    client,
    body: { job_submission: submission },
  });
  // A 2xx without the id: the job may exist, so this is outcome-unknown, not a plain failure.
  return requireField(result, 'job_id', (data) => (data as { job_id?: string } | null)?.job_id);
}

export async function getJob(client: Client, jobId: string, call: CallOptions = {}): Promise<JobInfo> {
  const { data } = await getJobCall({
    client,
    path: { job_id: jobId },
    ...call,
  });
  return data;
}

export async function getJobStatus(
  client: Client,
  jobId: string,
  call: CallOptions = {},
): Promise<JobStatus> {
  const { data } = await getJobStatusCall({
    client,
    path: { job_id: jobId },
    ...call,
  });
  return data.status;
}

/** Polls the job's status with backoff until it is COMPLETED, ERRORED or CANCELLED. */
export function waitForJob(
  client: Client,
  jobId: string,
  options: WaitForJobOptions = {},
): Promise<JobStatus> {
  return waitFor({
    poll: (signal) => getJobStatus(client, jobId, { signal }),
    isDone: (status) => FINAL_JOB_STATUSES.has(status),
    initialDelayMs: options.intervalMs ?? 2_500,
    maxDelayMs: options.maxIntervalMs ?? 30_000,
    factor: 1.5,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onProgress: options.onProgress,
    description: `QCi job ${jobId} to finish`,
  });
}

/** The job record and, when it COMPLETED, its results read from the result file. */
export async function getJobResults(
  client: Client,
  jobId: string,
  call: CallOptions = {},
): Promise<JobOutcome> {
  const status = await getJobStatus(client, jobId, call);
  const job = await getJob(client, jobId, call);
  const outcome: JobOutcome = { jobId, status, job };
  if (status === 'COMPLETED' && job.job_result?.file_id) {
    const resultFileId = job.job_result.file_id;
    if (!isSafeIdentifier(resultFileId)) {
      throw new QcError(`QCi job ${jobId} names a result file id that is not a valid identifier`);
    }
    const file = await downloadFile(client, resultFileId, call);
    outcome.results = Object.values(file.file_config)[0];
  }
  if (status === 'ERRORED' && job.job_result?.error !== undefined) outcome.error = job.job_result.error;
  return outcome;
}

/** Asks QCi to cancel a SUBMITTED, QUEUED or RUNNING job. */
export async function cancelJob(client: Client, jobId: string, call: CallOptions = {}): Promise<void> {
  try {
    await cancelJobCall({
      client,
      path: { job_id: jobId },
      body: { job_status: { cancelled_at_rfc3339nano: microsecondTimestamp(new Date()) } },
      ...call,
    });
  } catch (error) {
    // QCi answers 400 for a finished job, but also for a malformed request: only the first is "finished".
    if (error instanceof BadRequestError) {
      const status = await getJobStatus(client, jobId, call).catch(() => undefined);
      if (status !== undefined && FINAL_JOB_STATUSES.has(status)) {
        throw new JobNotCancellableError(jobId, status, { cause: error });
      }
    }
    throw error;
  }
}

/** Metrics, v2 layout when the service has it, else the legacy endpoint (QCi's client's order). */
export async function getMetrics(client: Client, jobId: string, call: CallOptions = {}): Promise<JobMetrics> {
  try {
    const v2 = await getJobMetricsV2({ ...call, client, path: { job_id: jobId } });
    if (v2.data?.job_metrics !== undefined) return v2.data;
  } catch (error) {
    // A service without the v2 layout answers 404: the legacy endpoint has the metrics.
    if (!(error instanceof NotFoundError)) throw error;
  }
  const { data } = await getJobMetrics({
    client,
    path: { job_id: jobId },
    ...call,
  });
  return data;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the form QCi's client sends. */
function microsecondTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}
