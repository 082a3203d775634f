// Jobs: list (a batch's in submission order), read, cancel, wait.
import { waitFor } from '@qc/core';
import { type CallOptions, checkId, type PasqalContext } from './context.js';
import { type WithDates, withIsoDates } from './dates.js';
import * as sdk from './generated/sdk.gen.js';
import type {
  CancelJobResponse,
  GetJobResponse,
  Job,
  ListJobsData,
  ListJobsResponse,
} from './generated/types.gen.js';
import { type IterateOptions, iterate, type Page, pageOf } from './paging.js';
import { isTerminalStatus, type WaitOptions, waitSettings } from './waiting.js';

/** Filters of listJobs and iterateJobs; `start_date` and `end_date` take a Date too. */
export type JobQuery = WithDates<NonNullable<ListJobsData['query']>>;

/** What a Pasqal client does with jobs. */
export interface JobOperations {
  /** One page of jobs, without `sequence` and without results. */
  listJobs(query?: JobQuery, options?: CallOptions): Promise<Page<ListJobsResponse['data'][number]>>;
  /** Every job matching `query`; a batch's jobs (`batch_id`) come in submission order unless `order_by` says otherwise. */
  iterateJobs(query?: JobQuery, options?: IterateOptions): AsyncGenerator<Job, void, undefined>;
  /** The job, with its `sequence`, without results. */
  getJob(jobId: string, options?: CallOptions): Promise<GetJobResponse['data']>;
  /** Cancels one job. */
  cancelJob(jobId: string, options?: CallOptions): Promise<CancelJobResponse['data']>;
  /** Polls the job until DONE, ERROR or CANCELED. */
  waitForJob(jobId: string, options?: WaitOptions<Job>): Promise<Job>;
}

/** The job operations, bound to one client. */
export function jobOperations(context: PasqalContext): JobOperations {
  const { client } = context;
  const jobId = (id: string) => checkId('job_id', id, 'jobId');

  const operations: JobOperations = {
    async listJobs(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listJobs({
        client,
        query: withIsoDates(query),
        ...callOptions,
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
        (page) => operations.listJobs({ ...ordered, ...page }, iterateOptions),
        ordered,
        iterateOptions,
      );
    },
    async getJob(id, callOptions = {}) {
      const { data } = await sdk.getJob({
        client,
        path: { job_id: jobId(id) },
        ...callOptions,
      });
      return data.data;
    },
    async cancelJob(id, callOptions = {}) {
      const { data } = await sdk.cancelJob({
        client,
        path: { job_id: jobId(id) },
        ...callOptions,
      });
      return data.data;
    },
    waitForJob(id, waitOptions = {}) {
      jobId(id);
      return waitFor({
        poll: (signal) => operations.getJob(id, { signal }),
        isDone: (job) => isTerminalStatus(job.status),
        ...waitSettings(waitOptions),
        description: `Pasqal job ${id} to finish`,
      });
    },
  };
  return operations;
}
