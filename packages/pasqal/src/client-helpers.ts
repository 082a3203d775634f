// What the Pasqal client's methods share: paging, waiting, id checks, result downloads.
import type { CallOptions, Pipeline } from '@qc/auth';
import { checkSecureScheme, InvalidArgumentError, isGuid, paginateOffset } from '@qc/core';
import type { IterateOptions, WaitOptions } from './client-types.js';
import type { CreateJob } from './generated/types.gen.js';
import { MAX_PAGE_SIZE, type Page } from './paging.js';

export function iterate<T, Q extends { offset?: number; limit?: number }>(
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

export function waitSettings<T>(options: WaitOptions<T>) {
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
export function withIsoDates<Q extends Record<string, unknown>>(
  query: Q,
): { [K in keyof Q]: Q[K] extends string | Date | undefined ? Exclude<Q[K], Date> : Q[K] } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as never;
}

/** Pasqal's SDK refuses a job that brings its own sequence and variables: they would be ignored. */
export function checkJobs(jobs: readonly CreateJob[]): void {
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

export function uuid(name: string, value: unknown): string {
  if (!isGuid(value)) throw new InvalidArgumentError(`${name} must be a UUID`);
  return value;
}

/**
 * GETs a presigned URL through the download pipeline, which has no credential at all: no
 * Authorization header can ride along (storage services refuse a request with two credentials, and the
 * token must never reach the storage host). The link's signature is redacted from every error.
 */
export async function downloadJson<T>(
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
