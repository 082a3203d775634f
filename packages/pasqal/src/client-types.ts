// The shapes of the Pasqal client: its options, queries and methods.
import type { CallOptions } from '@qc/auth';
import type { WaitProgress } from '@qc/core';
import type { PasqalEnvironment } from './environments.js';
import { SubmissionOutcomeUnknownError } from './errors.js';
import type { Client } from './generated/client.gen.js';
import type {
  AuthInfo,
  Batch,
  CancelBatchesRequest,
  CancelBatchesResult,
  CancelJobsData,
  CancelJobsResult,
  CreateBatchRequest,
  CreateJob,
  CreateWorkloadRequest,
  Device,
  DeviceSpecs,
  DeviceSpecsByType,
  Job,
  JobResult,
  ListBatchesData,
  ListDevicesData,
  ListJobsData,
  ListProjectsData,
  ListPublicDevicesData,
  Project,
  RebatchData,
  Workload,
} from './generated/types.gen.js';
import type { Page } from './paging.js';
import type { PasqalTransportOptions } from './transport.js';

export interface PasqalClientOptions extends PasqalTransportOptions {
  /**
   * The project batches and workloads are created in (`project_id`, which Pasqal's SDK adds to every
   * creation). Can be given per call instead.
   */
  projectId?: string;
}

export type { CallOptions };

/** A filter that takes a date-time accepts a Date too (sent as ISO 8601 with `Z`). */
type WithDates<Q> = { [K in keyof Q]: K extends 'start_date' | 'end_date' ? string | Date : Q[K] };
export type BatchQuery = WithDates<NonNullable<ListBatchesData['query']>>;
export type JobQuery = WithDates<NonNullable<ListJobsData['query']>>;
export type DeviceQuery = NonNullable<ListDevicesData['query']>;
export type PublicDeviceQuery = NonNullable<ListPublicDevicesData['query']>;
export type ProjectQuery = NonNullable<ListProjectsData['query']>;
export type RebatchFilters = WithDates<NonNullable<RebatchData['query']>>;
export type CancelJobsFilters = WithDates<NonNullable<CancelJobsData['query']>>;

/** createBatch's body; `project_id` defaults to the client's `projectId`. */
export type CreateBatchInput = Omit<CreateBatchRequest, 'project_id'> & { project_id?: string };
/** createWorkload's body; `project_id` defaults to the client's `projectId`. */
export type CreateWorkloadInput = Omit<CreateWorkloadRequest, 'project_id'> & { project_id?: string };

export interface IterateOptions extends CallOptions {
  /** Page size, 1 to 100 (default 100). */
  pageSize?: number;
  /** Stop after this many items. */
  maxItems?: number;
}

/** Statuses after which a batch or job never changes. `PAUSED` and `CANCELING` are not among them. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['DONE', 'ERROR', 'CANCELED', 'TIMED_OUT']);

export function isTerminalStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

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

/** A job and, when it finished with results, what its `results_link` served. */
export interface JobWithResult {
  job: Job;
  /** The downloaded results; undefined when the job has none (yet) or their download failed. */
  result: JobResult | undefined;
  /** Why this job's results could not be read; the other jobs' results are still returned. */
  error?: unknown;
}

export interface FindBatchesOptions extends CallOptions {
  /** When the lost request was sent (`SubmissionOutcomeUnknownError.sentAt`). */
  since: string | Date;
  /** A tag the batch was sent with. */
  tag?: string;
  /** How far before `since` to search, for clock skew between this machine and the service (default 5 min). */
  clockSkewMs?: number;
}

export interface PasqalClient {
  readonly environment: PasqalEnvironment;
  /** The project creations default to, if any. */
  readonly projectId: string | undefined;
  /**
   * The generated (hey-api) client of the **core** API, authenticated: pass it to any generated SDK
   * function (`getBatch({ client: pasqal.client, path: { batch_id } })`). Its errors are typed.
   */
  readonly client: Client;
  /** The generated client of the **account** API: use it for `listProjects` and `getAuthInfo`. */
  readonly accountClient: Client;

  // Batches
  /**
   * Creates a batch (the response embeds its jobs). Never retried; gzip body unless `gzip: false`; time
   * limit `submitTimeoutMs` (5 min). When the outcome is unknown (timeout, broken connection, 5xx) it
   * throws {@link SubmissionOutcomeUnknownError}: call {@link findBatchesSince} before sending it again.
   */
  createBatch(batch: CreateBatchInput, options?: CallOptions): Promise<Batch>;
  getBatch(batchId: string, options?: CallOptions): Promise<Batch>;
  listBatches(query?: BatchQuery, options?: CallOptions): Promise<Page<Batch>>;
  /** Every batch matching `query`, page after page (`offset`/`limit` are managed). */
  iterateBatches(query?: BatchQuery, options?: IterateOptions): AsyncGenerator<Batch, void, undefined>;
  /** Closes an open batch: no more jobs can be added, and it finishes once its jobs have run. */
  closeBatch(batchId: string, options?: CallOptions): Promise<Batch>;
  cancelBatch(batchId: string, options?: CallOptions): Promise<Batch>;
  cancelBatches(request: CancelBatchesRequest, options?: CallOptions): Promise<CancelBatchesResult>;
  /** Re-runs a closed batch's jobs matching `filters` (e.g. `{ status: ['ERROR'] }`) as a new batch. Never retried. */
  rebatch(batchId: string, filters?: RebatchFilters, options?: CallOptions): Promise<Batch>;
  /** Adds jobs to an open batch. Never retried; gzip body; outcome-unknown failures as for createBatch. */
  addJobs(batchId: string, jobs: CreateJob[], options?: CallOptions): Promise<Batch>;
  /** Replaces every tag of the batch. */
  setBatchTags(batchId: string, tags: string[], options?: CallOptions): Promise<Batch>;
  cancelJobs(batchId: string, filters?: CancelJobsFilters, options?: CallOptions): Promise<CancelJobsResult>;
  /** Polls the batch until DONE, ERROR, CANCELED or TIMED_OUT (PAUSED and CANCELING are not terminal). */
  waitForBatch(batchId: string, options?: WaitOptions<Batch>): Promise<Batch>;
  /** Every job of the batch in submission order, with the results of those that have them. */
  getBatchResults(
    batchId: string,
    options?: CallOptions & { concurrency?: number },
  ): Promise<JobWithResult[]>;
  /** After an outcome-unknown createBatch: the batches created since then (and with the tag), oldest first. */
  findBatchesSince(options: FindBatchesOptions): Promise<Batch[]>;

  // Jobs
  listJobs(query?: JobQuery, options?: CallOptions): Promise<Page<Job>>;
  /** Every job matching `query`; a batch's jobs (`batch_id`) come in submission order unless `order_by` says otherwise. */
  iterateJobs(query?: JobQuery, options?: IterateOptions): AsyncGenerator<Job, void, undefined>;
  getJob(jobId: string, options?: CallOptions): Promise<Job>;
  cancelJob(jobId: string, options?: CallOptions): Promise<Job>;
  /** Polls the job until DONE, ERROR or CANCELED. */
  waitForJob(jobId: string, options?: WaitOptions<Job>): Promise<Job>;
  /** The presigned URL of the job's results, or null when there are none. */
  getJobResultsLink(jobId: string, options?: CallOptions): Promise<string | null>;
  /**
   * The job's results, downloaded from its presigned link **without** the Authorization header (the
   * link carries its own credentials); undefined when the job has none (not finished, failed, cancelled).
   */
  getJobResults(jobId: string, options?: CallOptions): Promise<JobResult | undefined>;

  // Workloads
  createWorkload(workload: CreateWorkloadInput, options?: CallOptions): Promise<Workload>;
  getWorkload(workloadId: string, options?: CallOptions): Promise<Workload>;
  cancelWorkload(workloadId: string, options?: CallOptions): Promise<Workload>;

  // Devices
  listDevices(query?: DeviceQuery, options?: CallOptions): Promise<Page<Device>>;
  /** Needs no credentials. */
  listPublicDevices(query?: PublicDeviceQuery, options?: CallOptions): Promise<Device[]>;
  /** Each device type's specification (a JSON string). */
  getDeviceSpecs(options?: CallOptions): Promise<DeviceSpecsByType>;
  /** Needs no credentials. */
  getPublicDeviceSpecs(options?: CallOptions): Promise<DeviceSpecs[]>;

  // Account
  listProjects(query?: ProjectQuery, options?: CallOptions): Promise<Project[]>;
  getAuthInfo(options?: CallOptions): Promise<AuthInfo>;
}
