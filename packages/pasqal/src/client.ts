import { requireField } from '@qc/auth';
import {
  SubmissionOutcomeUnknownError as CoreSubmissionOutcomeUnknownError,
  InvalidArgumentError,
  pathSegment,
  waitFor,
} from '@qc/core';
import { checkJobs, downloadJson, iterate, uuid, waitSettings, withIsoDates } from './client-helpers.js';
import {
  type BatchQuery,
  isTerminalStatus,
  type JobQuery,
  type JobWithResult,
  type PasqalClient,
  type PasqalClientOptions,
} from './client-types.js';
import { isOutcomeUnknown, type SubmissionOperation, SubmissionOutcomeUnknownError } from './errors.js';
import * as sdk from './generated/sdk.gen.js';
import type {
  Batch,
  CreateBatchRequest,
  CreateWorkloadRequest,
  Job,
  JobResult,
} from './generated/types.gen.js';
import { pageOf } from './paging.js';
import { createPasqalTransport } from './transport.js';

export {
  type BatchQuery,
  type CallOptions,
  type CancelJobsFilters,
  type CreateBatchInput,
  type CreateWorkloadInput,
  type DeviceQuery,
  type FindBatchesOptions,
  type IterateOptions,
  isTerminalStatus,
  type JobQuery,
  type JobWithResult,
  type PasqalClient,
  type PasqalClientOptions,
  type ProjectQuery,
  type PublicDeviceQuery,
  type RebatchFilters,
  TERMINAL_STATUSES,
  type WaitOptions,
} from './client-types.js';

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
        const result = await sdk.createBatch({ ...callOptions, client, body, throwOnError: true });
        requireField(result, 'data.id', (data) => (data as { data?: { id?: string } } | null)?.data?.id);
        return result.data.data;
      });
    },
    async getBatch(id, callOptions = {}) {
      const { data } = await sdk.getBatch({
        client,
        path: { batch_id: batchId(id) },
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async listBatches(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listBatches({
        client,
        query: withIsoDates(query),
        ...callOptions,
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
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelBatch(id, callOptions = {}) {
      const { data } = await sdk.cancelBatch({
        client,
        path: { batch_id: batchId(id) },
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelBatches(request, callOptions = {}) {
      const { data } = await sdk.cancelBatches({
        client,
        body: request,
        ...callOptions,
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
          ...callOptions,
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
          ...callOptions,
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
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelJobs(id, filters = {}, callOptions = {}) {
      const { data } = await sdk.cancelJobs({
        client,
        path: { batch_id: batchId(id) },
        query: withIsoDates(filters),
        ...callOptions,
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
        ...callOptions,
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
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelJob(id, callOptions = {}) {
      const { data } = await sdk.cancelJob({
        client,
        path: { job_id: jobId(id) },
        ...callOptions,
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
        ...callOptions,
        throwOnError: true,
      });
      return data.data.results_link ?? null;
    },
    async getJobResults(id, callOptions = {}) {
      const link = await api.getJobResultsLink(id, callOptions);
      if (link === null) return undefined;
      return downloadJson<JobResult>(transport.download, link, allowInsecureLoopback, callOptions);
    },

    async createWorkload(workload, callOptions = {}) {
      const body: CreateWorkloadRequest = {
        ...workload,
        project_id: projectOf(workload.project_id, 'createWorkload'),
      };
      return submit('createWorkload', {}, async () => {
        const result = await sdk.createWorkload({ ...callOptions, client, body, throwOnError: true });
        requireField(result, 'data.id', (data) => (data as { data?: { id?: string } } | null)?.data?.id);
        return result.data.data;
      });
    },
    async getWorkload(id, callOptions = {}) {
      const { data } = await sdk.getWorkload({
        client,
        path: { workload_id: pathSegment('workloadId', id) },
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async cancelWorkload(id, callOptions = {}) {
      const { data } = await sdk.cancelWorkload({
        client,
        path: { workload_id: pathSegment('workloadId', id) },
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },

    async listDevices(query = {}, callOptions = {}) {
      const { data, response } = await sdk.listDevices({
        client,
        query,
        ...callOptions,
        throwOnError: true,
      });
      return pageOf(data, response);
    },
    async listPublicDevices(query = {}, callOptions = {}) {
      const { data } = await sdk.listPublicDevices({
        client,
        query,
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async getDeviceSpecs(callOptions = {}) {
      const { data } = await sdk.getDeviceSpecs({ ...callOptions, client, throwOnError: true });
      return data.data;
    },
    async getPublicDeviceSpecs(callOptions = {}) {
      const { data } = await sdk.getPublicDeviceSpecs({
        client,
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },

    async listProjects(query = {}, callOptions = {}) {
      const { data } = await sdk.listProjects({
        client: accountClient,
        query,
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
    async getAuthInfo(callOptions = {}) {
      const { data } = await sdk.getAuthInfo({
        client: accountClient,
        ...callOptions,
        throwOnError: true,
      });
      return data.data;
    },
  };
  return api;
}
