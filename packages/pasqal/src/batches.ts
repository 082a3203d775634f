// Batches: create, read, list, close, cancel, rebatch, add jobs, tags, wait, and the search after a
// lost creation.
import { requireField } from '@qc/auth';
import { InvalidArgumentError, waitFor } from '@qc/core';
import { type CallOptions, checkId, type PasqalContext, projectOf } from './context.js';
import { type WithDates, withIsoDates } from './dates.js';
import { runSubmission, type SubmissionOutcomeUnknownError } from './errors.js';
import * as sdk from './generated/sdk.gen.js';
import type {
  AddJobsData,
  AddJobsResponse,
  Batch,
  CancelBatchesData,
  CancelBatchesResponse,
  CancelBatchResponse,
  CancelJobsData,
  CancelJobsResponse,
  CloseBatchResponse,
  CreateBatchData,
  CreateBatchResponse,
  CreateJob,
  GetBatchResponse,
  ListBatchesData,
  ListBatchesResponse,
  RebatchData,
  RebatchResponse,
  SetBatchTagsData,
  SetBatchTagsResponse,
} from './generated/types.gen.js';
import { type IterateOptions, iterate, type Page, pageOf } from './paging.js';
import { isTerminalStatus, type WaitOptions, waitSettings } from './waiting.js';

/** Filters of listBatches and iterateBatches; `start_date` and `end_date` take a Date too. */
export type BatchQuery = WithDates<NonNullable<ListBatchesData['query']>>;
/** Which jobs of a closed batch rebatch runs again; `start_date` and `end_date` take a Date too. */
export type RebatchFilters = WithDates<NonNullable<RebatchData['query']>>;
/** Which jobs of a batch cancelJobs cancels; `start_date` and `end_date` take a Date too. */
export type CancelJobsFilters = WithDates<NonNullable<CancelJobsData['query']>>;

/** createBatch's body; `project_id` defaults to the client's `projectId`. */
export type CreateBatchInput = Omit<CreateBatchData['body'], 'project_id'> & {
  /** The project to create the batch in; default the client's `projectId`. */
  project_id?: string;
};

/** Where findBatchesSince looks for the batches a lost createBatch may have made. */
export interface FindBatchesOptions extends CallOptions {
  /** When the lost request was sent (`SubmissionOutcomeUnknownError.sentAt`). */
  since: string | Date;
  /** A tag the batch was sent with. */
  tag?: string;
  /** How far before `since` to search, for clock skew between this machine and the service (default 5 min). */
  clockSkewMs?: number;
}

/** What a Pasqal client does with batches. */
export interface BatchOperations {
  /**
   * Creates a batch (the response embeds its jobs). Never retried; gzip body unless `gzip: false`; time
   * limit `submitTimeoutMs` (5 min). When the outcome is unknown (timeout, broken connection, 5xx) it
   * throws {@link SubmissionOutcomeUnknownError}: call {@link findBatchesSince} before sending it again.
   */
  createBatch(batch: CreateBatchInput, options?: CallOptions): Promise<CreateBatchResponse['data']>;
  /** The batch without its jobs (it carries `job_ids`); read those with {@link PasqalClient.iterateJobs}. */
  getBatch(batchId: string, options?: CallOptions): Promise<GetBatchResponse['data']>;
  /** One page of the caller's batches, each without its jobs. */
  listBatches(query?: BatchQuery, options?: CallOptions): Promise<Page<ListBatchesResponse['data'][number]>>;
  /** Every batch matching `query`, page after page (`offset`/`limit` are managed). */
  iterateBatches(query?: BatchQuery, options?: IterateOptions): AsyncGenerator<Batch, void, undefined>;
  /** Closes an open batch: no more jobs can be added, and it finishes once its jobs have run. */
  closeBatch(batchId: string, options?: CallOptions): Promise<CloseBatchResponse['data']>;
  /** Cancels the batch and its unfinished jobs; the answer's status is CANCELED, or CANCELING while jobs stop. */
  cancelBatch(batchId: string, options?: CallOptions): Promise<CancelBatchResponse['data']>;
  /** Cancels the batches named in `batch_ids`; those that could not be cancelled are listed in `errors`. */
  cancelBatches(
    request: CancelBatchesData['body'],
    options?: CallOptions,
  ): Promise<CancelBatchesResponse['data']>;
  /** Re-runs a closed batch's jobs matching `filters` (e.g. `{ status: ['ERROR'] }`) as a new batch. Never retried. */
  rebatch(batchId: string, filters?: RebatchFilters, options?: CallOptions): Promise<RebatchResponse['data']>;
  /** Adds jobs to an open batch. Never retried; gzip body; outcome-unknown failures as for createBatch. */
  addJobs(
    batchId: string,
    jobs: AddJobsData['body'],
    options?: CallOptions,
  ): Promise<AddJobsResponse['data']>;
  /** Replaces every tag of the batch. */
  setBatchTags(
    batchId: string,
    tags: SetBatchTagsData['body'],
    options?: CallOptions,
  ): Promise<SetBatchTagsResponse['data']>;
  /** Cancels the batch's jobs matching `filters`; those that could not be cancelled are listed in `errors`. */
  cancelJobs(
    batchId: string,
    filters?: CancelJobsFilters,
    options?: CallOptions,
  ): Promise<CancelJobsResponse['data']>;
  /** Polls the batch until DONE, ERROR, CANCELED or TIMED_OUT (PAUSED and CANCELING are not terminal). */
  waitForBatch(batchId: string, options?: WaitOptions<Batch>): Promise<Batch>;
  /** After an outcome-unknown createBatch: the batches created since then (and with the tag), oldest first. */
  findBatchesSince(options: FindBatchesOptions): Promise<Batch[]>;
}

/** The batch operations, bound to one client. */
export function batchOperations(context: PasqalContext): BatchOperations {
  const { client } = context;
  const batchId = (id: string) => checkId('batch_id', id, 'batchId');

  const operations: BatchOperations = {
    async createBatch(batch, callOptions = {}) {
      const body: CreateBatchData['body'] = {
        ...batch,
        project_id: projectOf(context, batch.project_id, 'createBatch'),
      };
      checkJobs(body.jobs ?? []);
      return runSubmission('createBatch', { tags: body.tags ?? [] }, async () => {
        const result = await sdk.createBatch({ ...callOptions, client, body });
        requireField(result, 'data.id', (data) => (data as { data?: { id?: string } } | null)?.data?.id);
        return result.data.data;
      });
    },
    async getBatch(id, callOptions = {}) {
      const { data } = await sdk.getBatch({
        client,
        path: { batch_id: batchId(id) },
        ...callOptions,
      });
      return data.data;
    },
    async listBatches(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listBatches({
        client,
        query: withIsoDates(query),
        ...callOptions,
      });
      return pageOf(data, response);
    },
    iterateBatches(query = {}, iterateOptions = {}) {
      return iterate(
        (page) => operations.listBatches({ ...query, ...page }, iterateOptions),
        query,
        iterateOptions,
      );
    },
    async closeBatch(id, callOptions = {}) {
      const { data } = await sdk.closeBatch({
        client,
        path: { batch_id: batchId(id) },
        ...callOptions,
      });
      return data.data;
    },
    async cancelBatch(id, callOptions = {}) {
      const { data } = await sdk.cancelBatch({
        client,
        path: { batch_id: batchId(id) },
        ...callOptions,
      });
      return data.data;
    },
    async cancelBatches(request, callOptions = {}) {
      const { data } = await sdk.cancelBatches({
        client,
        body: request,
        ...callOptions,
      });
      return data.data;
    },
    async rebatch(id, filters = {}, callOptions = {}) {
      const path = { batch_id: batchId(id) };
      return runSubmission('rebatch', { batchId: id }, async () => {
        const { data } = await sdk.rebatch({
          client,
          path,
          query: withIsoDates(filters),
          ...callOptions,
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
      return runSubmission('addJobs', { batchId: id }, async () => {
        const { data } = await sdk.addJobs({
          client,
          path,
          body: jobs,
          ...callOptions,
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
        ...callOptions,
      });
      return data.data;
    },
    async cancelJobs(id, filters = {}, callOptions = {}) {
      const { data } = await sdk.cancelJobs({
        client,
        path: { batch_id: batchId(id) },
        query: withIsoDates(filters),
        ...callOptions,
      });
      return data.data;
    },
    waitForBatch(id, waitOptions = {}) {
      batchId(id);
      return waitFor({
        poll: (signal) => operations.getBatch(id, { signal }),
        isDone: (batch) => isTerminalStatus(batch.status),
        ...waitSettings(waitOptions),
        description: `Pasqal batch ${id} to finish`,
      });
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
      for await (const batch of operations.iterateBatches(query, { signal: findOptions.signal })) {
        found.push(batch);
      }
      return found;
    },
  };
  return operations;
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
