import { type CallOptions, cleanPastedToken, throwingClient } from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import {
  type DownloadedFile,
  type DownloadOptions,
  downloadFile,
  type QciFile,
  type UploadOptions,
  uploadFile,
} from './files.js';
import type { Client } from './generated/client.gen.js';
import {
  createAccessToken,
  getAccessTokensHealth,
  getAccessTokensVersion,
  getAllocations,
} from './generated/sdk.gen.js';
import type {
  AccessTokensPostResponse,
  Allocations,
  HealthResponse,
  JobInfo,
  JobMetrics,
  JobStatus,
  JobSubmission,
  VersionResponse,
} from './generated/types.gen.js';
import type { QciJobRequest } from './job-request.js';
import {
  cancelJob,
  getJob,
  getJobResults,
  getJobStatus,
  getMetrics,
  type JobOutcome,
  submitJob,
  type WaitForJobOptions,
  waitForJob,
} from './jobs.js';
import { createQciTransport, type QciTransportOptions } from './transport.js';

/** Options of {@link createQciClient}: base URL, credentials and transport settings. */
export type QciClientOptions = QciTransportOptions;

export type { CallOptions };

/** Options of {@link QciClient.runJob}: how to wait, and where to hear of the job id. */
export interface RunJobOptions extends WaitForJobOptions {
  /** Called with the job id as soon as QCi accepted the job: persist it, QCi has no job listing. */
  onSubmitted?: (jobId: string) => void;
}

/** A client of one QCi account, made by {@link createQciClient}: files, jobs and the token service. */
export interface QciClient {
  /** The base URL every request of this client goes to. */
  readonly baseUrl: string;
  /**
   * The client of the generated SDK functions, authenticated, sending through the same pipeline as
   * every method here: `getFile({ client: qci.client, path: { file_id } })`. Errors are typed.
   */
  readonly client: Client;
  /** Exchanges a refresh token for an access token (the @qc/auth provider does this for you). */
  exchangeRefreshToken(refreshToken: string, options?: CallOptions): Promise<AccessTokensPostResponse>;
  /** Health of the token service; needs no credentials. */
  health(options?: CallOptions): Promise<HealthResponse>;
  /** Name and version of the token service; needs no credentials. */
  version(options?: CallOptions): Promise<VersionResponse>;
  /** Remaining device time: compare before and after a job for its cost. */
  allocations(options?: CallOptions): Promise<Allocations>;
  /** Uploads a file in parts (bounded concurrency, failed parts retried) and returns its id. */
  uploadFile(file: QciFile, options?: UploadOptions): Promise<string>;
  /** Downloads a file's parts and reassembles them. */
  downloadFile(fileId: string, options?: DownloadOptions): Promise<DownloadedFile>;
  /** Submits a job (by QCi's job-type names, or a raw `job_submission`) and returns its id. Never retried. */
  submitJob(job: QciJobRequest | JobSubmission, options?: CallOptions): Promise<string>;
  /** The job's record: its submission, status timestamps and result file id. */
  getJob(jobId: string, options?: CallOptions): Promise<JobInfo>;
  /** The job's status alone (SUBMITTED, QUEUED, RUNNING, COMPLETED, ERRORED, CANCELLED). */
  getJobStatus(jobId: string, options?: CallOptions): Promise<JobStatus>;
  /** Polls until COMPLETED, ERRORED or CANCELLED, with backoff, timeout, AbortSignal and progress. */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<JobStatus>;
  /** The job record and, for a COMPLETED job, its results from the result file. */
  getJobResults(jobId: string, options?: CallOptions): Promise<JobOutcome>;
  /** Submit, wait and fetch the results in one call. */
  runJob(job: QciJobRequest | JobSubmission, options?: RunJobOptions): Promise<JobOutcome>;
  /** Cancels a job; a finished job throws JobNotCancellableError. */
  cancelJob(jobId: string, options?: CallOptions): Promise<void>;
  /** The job's metrics: the v2 layout when the service has it, else the legacy one. */
  getJobMetrics(jobId: string, options?: CallOptions): Promise<JobMetrics>;
}

/**
 * Creates an independent QCi client: its own base URL, credentials and transport, no shared global
 * state. Credentials come from `refreshToken` (or `QCI_TOKEN`), or any @qc/auth provider in `auth`.
 */
export function createQciClient(options: QciClientOptions = {}): QciClient {
  const { baseUrl, client, secrets } = createQciTransport(options);
  // The facade's own calls always throw, whatever a caller's options carry; `client` is for SDK users.
  const calls = throwingClient(client);
  return {
    baseUrl,
    client,
    async exchangeRefreshToken(refreshToken, callOptions = {}) {
      const token = normalizeRefreshToken(refreshToken);
      secrets.addPermanent(token);
      const { data } = await createAccessToken({
        ...callOptions,
        client: calls,
        body: { refresh_token: token },
        // The body is a secret: a redirect must not re-post it elsewhere (the caller gets the 3xx).
        redirect: 'manual',
      });
      return data;
    },
    async health(callOptions = {}) {
      return (await getAccessTokensHealth({ ...callOptions, client: calls })).data;
    },
    async version(callOptions = {}) {
      return (await getAccessTokensVersion({ ...callOptions, client: calls })).data;
    },
    async allocations(callOptions = {}) {
      return (await getAllocations({ ...callOptions, client: calls })).data;
    },
    uploadFile: (file, uploadOptions) => uploadFile(calls, file, uploadOptions),
    downloadFile: (fileId, downloadOptions) => downloadFile(calls, fileId, downloadOptions),
    submitJob: (job, callOptions = {}) => submitJob(calls, job, callOptions),
    getJob: (jobId, callOptions = {}) => getJob(calls, jobId, callOptions),
    getJobStatus: (jobId, callOptions = {}) => getJobStatus(calls, jobId, callOptions),
    waitForJob: (jobId, waitOptions) => waitForJob(calls, jobId, waitOptions),
    getJobResults: (jobId, callOptions = {}) => getJobResults(calls, jobId, callOptions),
    async runJob(job, runOptions = {}) {
      const jobId = await submitJob(calls, job, { signal: runOptions.signal });
      runOptions.onSubmitted?.(jobId);
      await waitForJob(calls, jobId, runOptions);
      return getJobResults(calls, jobId, { signal: runOptions.signal });
    },
    cancelJob: (jobId, callOptions = {}) => cancelJob(calls, jobId, callOptions),
    getJobMetrics: (jobId, callOptions = {}) => getMetrics(calls, jobId, callOptions),
  };
}

/** Users paste the token with a `Bearer ` prefix or quotes; QCi wants the bare value. */
function normalizeRefreshToken(value: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('refreshToken must be a string');
  const token = cleanPastedToken(value);
  if (token === '') throw new InvalidArgumentError('refreshToken is empty');
  return token;
}
