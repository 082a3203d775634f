// Results: a job's presigned results link, its download without the credential, and a whole batch's results.
import type { Pipeline } from '@qc/auth';
import { checkSecureScheme, InvalidArgumentError } from '@qc/core';
import { type CallOptions, checkId, type PasqalContext } from './context.js';
import * as sdk from './generated/sdk.gen.js';
import type { GetJobResultsLinkResponse, Job, JobResult } from './generated/types.gen.js';
import type { JobOperations } from './jobs.js';
import { isTerminalStatus } from './waiting.js';

/** A job and, when it finished with results, what its `results_link` served. */
export interface JobWithResult {
  /** The job, as listed. */
  job: Job;
  /** The downloaded results; undefined when the job has none (yet) or their download failed. */
  result: JobResult | undefined;
  /** Why this job's results could not be read; the other jobs' results are still returned. */
  error?: unknown;
}

/** What a Pasqal client does with results. */
export interface ResultOperations {
  /** The presigned URL of the job's results, or null when there are none. */
  getJobResultsLink(
    jobId: string,
    options?: CallOptions,
  ): Promise<GetJobResultsLinkResponse['data']['results_link']>;
  /**
   * The job's results, downloaded from its presigned link **without** the Authorization header (the
   * link carries its own credentials); undefined when the job has none (not finished, failed, cancelled).
   */
  getJobResults(jobId: string, options?: CallOptions): Promise<JobResult | undefined>;
  /** Every job of the batch in submission order, with the results of those that have them. */
  getBatchResults(
    batchId: string,
    options?: CallOptions & { concurrency?: number },
  ): Promise<JobWithResult[]>;
}

/** The result operations, bound to one client; a batch's jobs are read with `jobs`. */
export function resultOperations(
  context: PasqalContext,
  jobs: Pick<JobOperations, 'iterateJobs'>,
): ResultOperations {
  const { client } = context;

  const operations: ResultOperations = {
    async getJobResultsLink(id, callOptions = {}) {
      const { data } = await sdk.getJobResultsLink({
        client,
        path: { job_id: checkId('job_id', id, 'jobId') },
        ...callOptions,
      });
      return data.data.results_link ?? null;
    },
    async getJobResults(id, callOptions = {}) {
      const link = await operations.getJobResultsLink(id, callOptions);
      if (link === null) return undefined;
      return downloadJson<JobResult>(context.download, link, context.allowInsecureLoopback, callOptions);
    },
    async getBatchResults(id, resultOptions = {}) {
      const concurrency = resultOptions.concurrency ?? 4;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new InvalidArgumentError('concurrency must be a positive integer');
      }
      const found: Job[] = [];
      for await (const job of jobs.iterateJobs(
        { batch_id: [checkId('batch_id', id, 'batchId')] },
        { signal: resultOptions.signal },
      )) {
        found.push(job);
      }
      const out: JobWithResult[] = found.map((job) => ({ job, result: undefined }));
      let next = 0;
      const worker = async () => {
        while (next < out.length) {
          const entry = out[next++] as JobWithResult;
          // Every finished job is asked for its link (an ERROR job may have partial results, Pulser
          // #707); one failed download does not lose the others.
          if (!isTerminalStatus(String(entry.job.status))) continue;
          try {
            entry.result = await operations.getJobResults(entry.job.id, { signal: resultOptions.signal });
          } catch (error) {
            if (resultOptions.signal?.aborted) throw error;
            entry.error = error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, out.length) }, worker));
      return out;
    },
  };
  return operations;
}

/**
 * GETs a presigned URL through the download pipeline, which has no credential at all: no
 * Authorization header can ride along (storage services refuse a request with two credentials, and the
 * token must never reach the storage host). The link's signature is redacted from every error.
 */
async function downloadJson<T>(
  download: Pipeline,
  link: string,
  allowInsecureLoopback: boolean,
  call: CallOptions,
): Promise<T> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new InvalidArgumentError('the service returned a results_link that is not an absolute URL');
  }
  checkSecureScheme('the results_link', url, allowInsecureLoopback);
  const answer = await download.send({
    ...call,
    method: 'GET',
    url: url.href,
    headers: { ...call.headers, accept: 'application/json' },
  });
  return download.json(answer) as T;
}
