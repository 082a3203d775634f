import {
  httpErrorFromResponse,
  InvalidArgumentError,
  paginateOffset,
  pathSegment,
  type WaitProgress,
  waitFor,
} from '@qc/core';
import type { PasqalEnvironment } from './environments.js';
import { isOutcomeUnknown, type SubmissionOperation, SubmissionOutcomeUnknownError } from './errors.js';
import type { Client } from './generated/client/index.js';
import * as sdk from './generated/sdk.gen.js';
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
import { MAX_PAGE_SIZE, type Page, pageOf } from './paging.js';
import { createPasqalTransport, type FetchLike, type PasqalTransportOptions } from './transport.js';

export interface PasqalClientOptions extends PasqalTransportOptions {
  /**
   * The project batches and workloads are created in (`project_id`, which Pasqal's SDK adds to every
   * creation). Can be given per call instead.
   */
  projectId?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

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

/**
 * Creates an independent Pasqal Cloud client: one environment (core and account URLs bound to their
 * identity provider), its credentials, its own transport. No global state.
 */
export function createPasqalClient(options: PasqalClientOptions = {}): PasqalClient {
  const transport = createPasqalTransport(options);
  const { client, accountClient, environment } = transport;
  const defaultProject = options.projectId === undefined ? undefined : uuid('projectId', options.projectId);
  const allowInsecureLoopback = options.allowInsecureLoopback === true;

  const projectOf = (given: string | undefined, operation: string): string => {
    const projectId = given ?? defaultProject;
    if (projectId === undefined) {
      throw new InvalidArgumentError(
        `${operation} needs a project: pass projectId to createPasqalClient or project_id in the call`,
      );
    }
    return uuid('project_id', projectId);
  };

  /** Runs a submission; an unknown outcome becomes SubmissionOutcomeUnknownError. */
  async function submit<T>(
    operation: SubmissionOperation,
    context: { batchId?: string; tags?: readonly string[] },
    send: () => Promise<T>,
  ): Promise<T> {
    const sentAt = new Date();
    try {
      return await send();
    } catch (error) {
      // The caller's abort while the request was out leaves the outcome just as unknown as a timeout.
      const aborted = error instanceof Error && error.name === 'AbortError';
      if (isOutcomeUnknown(error) || aborted) {
        throw new SubmissionOutcomeUnknownError({ operation, sentAt, ...context, cause: error });
      }
      throw error;
    }
  }

  const batchId = (id: string) => pathSegment('batchId', id);
  const jobId = (id: string) => pathSegment('jobId', id);

  const api: PasqalClient = {
    environment,
    projectId: defaultProject,
    client,
    accountClient,

    async createBatch(batch, callOptions = {}) {
      const body: CreateBatchRequest = {
        ...batch,
        project_id: projectOf(batch.project_id, 'createBatch'),
      };
      checkJobs(body.jobs ?? []);
      return submit('createBatch', { tags: body.tags ?? [] }, async () => {
        const { data } = await sdk.createBatch({
          client,
          body,
          signal: callOptions.signal,
          throwOnError: true,
        });
        return data.data;
      });
    },
    async getBatch(id, callOptions = {}) {
      const { data } = await sdk.getBatch({
        client,
        path: { batch_id: batchId(id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async listBatches(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listBatches({
        client,
        query: withIsoDates(query),
        signal: callOptions.signal,
        throwOnError: true,
      });
      return pageOf(data, response);
    },
    iterateBatches(query = {}, iterateOptions = {}) {
      return iterate((page) => api.listBatches({ ...query, ...page }, iterateOptions), query, iterateOptions);
    },
    async closeBatch(id, callOptions = {}) {
      const { data } = await sdk.closeBatch({
        client,
        path: { batch_id: batchId(id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelBatch(id, callOptions = {}) {
      const { data } = await sdk.cancelBatch({
        client,
        path: { batch_id: batchId(id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelBatches(request, callOptions = {}) {
      const { data } = await sdk.cancelBatches({
        client,
        body: request,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async rebatch(id, filters = {}, callOptions = {}) {
      const path = { batch_id: batchId(id) };
      return submit('rebatch', { batchId: id }, async () => {
        const { data } = await sdk.rebatch({
          client,
          path,
          query: withIsoDates(filters),
          signal: callOptions.signal,
          throwOnError: true,
        });
        return data.data;
      });
    },
    async addJobs(id, jobs, callOptions = {}) {
      const path = { batch_id: batchId(id) };
      if (!Array.isArray(jobs) || jobs.length === 0) {
        throw new InvalidArgumentError('addJobs needs at least one job');
      }
      checkJobs(jobs);
      return submit('addJobs', { batchId: id }, async () => {
        const { data } = await sdk.addJobs({
          client,
          path,
          body: jobs,
          signal: callOptions.signal,
          throwOnError: true,
        });
        return data.data;
      });
    },
    async setBatchTags(id, tags, callOptions = {}) {
      if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
        throw new InvalidArgumentError('tags must be an array of strings');
      }
      const { data } = await sdk.setBatchTags({
        client,
        path: { batch_id: batchId(id) },
        body: [...new Set(tags)],
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelJobs(id, filters = {}, callOptions = {}) {
      const { data } = await sdk.cancelJobs({
        client,
        path: { batch_id: batchId(id) },
        query: withIsoDates(filters),
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    waitForBatch(id, waitOptions = {}) {
      batchId(id);
      return waitFor({
        poll: (signal) => api.getBatch(id, { signal }),
        isDone: (batch) => isTerminalStatus(batch.status),
        ...waitSettings(waitOptions),
        description: `Pasqal batch ${id} to finish`,
      });
    },
    async getBatchResults(id, resultOptions = {}) {
      const concurrency = resultOptions.concurrency ?? 4;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new InvalidArgumentError('concurrency must be a positive integer');
      }
      const jobs: Job[] = [];
      for await (const job of api.iterateJobs(
        { batch_id: [batchId(id)] },
        { signal: resultOptions.signal },
      )) {
        jobs.push(job);
      }
      const out: JobWithResult[] = jobs.map((job) => ({ job, result: undefined }));
      let next = 0;
      const worker = async () => {
        while (next < out.length) {
          const entry = out[next++] as JobWithResult;
          // Every finished job is asked for its link (an ERROR job may have partial results, Pulser
          // #707); one failed download does not lose the others.
          if (!isTerminalStatus(String(entry.job.status))) continue;
          try {
            entry.result = await api.getJobResults(entry.job.id, { signal: resultOptions.signal });
          } catch (error) {
            if (resultOptions.signal?.aborted) throw error;
            entry.error = error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, out.length) }, worker));
      return out;
    },
    async findBatchesSince(findOptions) {
      const since = findOptions.since instanceof Date ? findOptions.since : new Date(findOptions.since);
      if (Number.isNaN(since.getTime())) throw new InvalidArgumentError('since must be a date');
      const skew = findOptions.clockSkewMs ?? 5 * 60_000;
      const query: BatchQuery = {
        start_date: new Date(since.getTime() - skew),
        order_by: 'created_at',
        order_by_direction: 'ASC',
        ...(findOptions.tag === undefined ? {} : { tag: findOptions.tag }),
      };
      const found: Batch[] = [];
      for await (const batch of api.iterateBatches(query, { signal: findOptions.signal })) found.push(batch);
      return found;
    },

    async listJobs(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listJobs({
        client,
        query: withIsoDates(query),
        signal: callOptions.signal,
        throwOnError: true,
      });
      return pageOf(data, response);
    },
    iterateJobs(query = {}, iterateOptions = {}) {
      // A batch's jobs in submission order, as Pasqal's SDK reads them.
      const ordered: JobQuery =
        query.batch_id !== undefined && query.order_by === undefined
          ? { ...query, order_by: 'creation_order', order_by_direction: query.order_by_direction ?? 'ASC' }
          : query;
      return iterate(
        (page) => api.listJobs({ ...ordered, ...page }, iterateOptions),
        ordered,
        iterateOptions,
      );
    },
    async getJob(id, callOptions = {}) {
      const { data } = await sdk.getJob({
        client,
        path: { job_id: jobId(id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelJob(id, callOptions = {}) {
      const { data } = await sdk.cancelJob({
        client,
        path: { job_id: jobId(id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    waitForJob(id, waitOptions = {}) {
      jobId(id);
      return waitFor({
        poll: (signal) => api.getJob(id, { signal }),
        isDone: (job) => isTerminalStatus(job.status),
        ...waitSettings(waitOptions),
        description: `Pasqal job ${id} to finish`,
      });
    },
    async getJobResultsLink(id, callOptions = {}) {
      const { data } = await sdk.getJobResultsLink({
        client,
        path: { job_id: jobId(id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data.results_link ?? null;
    },
    async getJobResults(id, callOptions = {}) {
      const link = await api.getJobResultsLink(id, callOptions);
      if (link === null) return undefined;
      return downloadJson<JobResult>(transport.download, link, allowInsecureLoopback, callOptions.signal);
    },

    async createWorkload(workload, callOptions = {}) {
      const body: CreateWorkloadRequest = {
        ...workload,
        project_id: projectOf(workload.project_id, 'createWorkload'),
      };
      return submit('createWorkload', {}, async () => {
        const { data } = await sdk.createWorkload({
          client,
          body,
          signal: callOptions.signal,
          throwOnError: true,
        });
        return data.data;
      });
    },
    async getWorkload(id, callOptions = {}) {
      const { data } = await sdk.getWorkload({
        client,
        path: { workload_id: pathSegment('workloadId', id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelWorkload(id, callOptions = {}) {
      const { data } = await sdk.cancelWorkload({
        client,
        path: { workload_id: pathSegment('workloadId', id) },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },

    async listDevices(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listDevices({
        client,
        query,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return pageOf(data, response);
    },
    async listPublicDevices(query = {}, callOptions = {}) {
      const { data } = await sdk.listPublicDevices({
        client,
        query,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async getDeviceSpecs(callOptions = {}) {
      const { data } = await sdk.getDeviceSpecs({ client, signal: callOptions.signal, throwOnError: true });
      return data.data;
    },
    async getPublicDeviceSpecs(callOptions = {}) {
      const { data } = await sdk.getPublicDeviceSpecs({
        client,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },

    async listProjects(query = {}, callOptions = {}) {
      const { data } = await sdk.listProjects({
        client: accountClient,
        query,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
    async getAuthInfo(callOptions = {}) {
      const { data } = await sdk.getAuthInfo({
        client: accountClient,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data.data;
    },
  };
  return api;
}

function iterate<T, Q extends { offset?: number; limit?: number }>(
  fetchPage: (page: { offset: number; limit: number }) => Promise<Page<T>>,
  query: Q,
  options: IterateOptions,
): AsyncGenerator<T, void, undefined> {
  const limit = options.pageSize ?? query.limit ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return paginateOffset<T>({
    limit,
    offset: query.offset ?? 0,
    ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    fetchPage: async ({ offset, limit: size }) => {
      const page = await fetchPage({ offset, limit: size });
      return { items: page.items, total: page.pagination?.total };
    },
  });
}

function waitSettings<T>(options: WaitOptions<T>) {
  return {
    initialDelayMs: options.intervalMs ?? 2_000,
    maxDelayMs: options.maxIntervalMs ?? 30_000,
    factor: options.factor ?? 1.5,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
}

/** Dates become ISO 8601 strings with `Z`; everything else is passed as given. */
function withIsoDates<Q extends Record<string, unknown>>(
  query: Q,
): { [K in keyof Q]: Q[K] extends string | Date | undefined ? Exclude<Q[K], Date> : Q[K] } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as never;
}

/** Pasqal's SDK refuses a job that brings its own sequence and variables: they would be ignored. */
function checkJobs(jobs: readonly CreateJob[]): void {
  if (!Array.isArray(jobs)) throw new InvalidArgumentError('jobs must be an array');
  jobs.forEach((job, index) => {
    if (job === null || typeof job !== 'object')
      throw new InvalidArgumentError(`jobs[${index}] must be an object`);
    const hasVariables = job.variables !== undefined && job.variables !== null;
    if (typeof job.sequence === 'string' && hasVariables) {
      throw new InvalidArgumentError(
        `jobs[${index}] has both its own sequence and variables; give variables only with the batch's sequence_builder`,
      );
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(name: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw new InvalidArgumentError(`${name} must be a UUID`);
  return value;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * GETs a presigned URL with no credential of ours: a fresh request with only `Accept`, so no
 * Authorization header can ride along (storage services refuse a request with two credentials, and the
 * token must never reach the storage host).
 */
async function downloadJson<T>(
  download: FetchLike,
  link: string,
  allowInsecureLoopback: boolean,
  signal: AbortSignal | undefined,
): Promise<T> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new InvalidArgumentError('the service returned a results_link that is not an absolute URL');
  }
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(loopbackHttp && allowInsecureLoopback)) {
    throw new InvalidArgumentError(
      `refusing to download results over ${url.protocol}//${url.host}: the presigned link must be https:`,
    );
  }
  const response = await download(url.href, {
    method: 'GET',
    headers: { accept: 'application/json' },
    credentials: 'omit',
    redirect: 'follow',
    ...(signal === undefined ? {} : { signal }),
  });
  if (!response.ok) throw await httpErrorFromResponse(response, { method: 'GET', url: url.href });
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new InvalidArgumentError('the results link served a body that is not JSON');
  }
}
