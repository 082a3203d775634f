// Jobs in the mock: what is stored of a job, how the service renders it, and the job routes.
import type { MockContext, MockOperation } from '@qc/core/contract';
import type { Job } from '../generated/types.gen.js';
import type { StoredBatch } from './batches.js';
import { iso, isoOrNull, jsend, jsendError } from './jsend.js';
import { matchesJob, paged } from './query.js';
import type { PasqalMockState } from './state.js';

/** What decides a finished job's fate in the mock. */
export interface MockJobInput {
  /** The job's id. */
  id: string;
  /** Its batch's id. */
  batchId: string;
  /** Shots asked for. */
  runs: number;
  /** The sequence's variable values, if any. */
  variables: Record<string, unknown> | null;
  /** The batch's serialised sequence, if known. */
  sequence: string | null;
}

/** `DONE`, or `{ error }` for a job that ends in ERROR with that message. */
export type MockJobOutcome =
  | 'DONE'
  | {
      /** The job's error message. */
      error: string;
    };

/** A job as the mock keeps it (times in epoch ms). */
export interface StoredJob {
  id: string;
  batchId: string;
  projectId: string;
  status: string;
  runs: number;
  variables: Record<string, unknown> | null;
  sequence: string | null;
  createdAt: number;
  updatedAt: number;
  startAt: number | null;
  endAt: number | null;
  errors: string[] | null;
  parentId: string | null;
  creationOrder: number;
  seq: number;
  polls: number;
  nextStepAt: number;
}

/**
 * One step of a job's life at `at`: PENDING → RUNNING → DONE or ERROR (as `outcome` decides), and
 * CANCELING → CANCELED.
 */
export function stepJob(job: StoredJob, at: number, outcome: (job: MockJobInput) => MockJobOutcome): void {
  if (job.status === 'PENDING') {
    job.status = 'RUNNING';
    job.startAt = at;
  } else if (job.status === 'CANCELING') {
    job.status = 'CANCELED';
    job.endAt = at;
  } else if (job.status === 'RUNNING') {
    const ending = outcome({
      id: job.id,
      batchId: job.batchId,
      runs: job.runs,
      variables: job.variables,
      sequence: job.sequence,
    });
    if (ending === 'DONE') {
      job.status = 'DONE';
    } else {
      job.status = 'ERROR';
      job.errors = [ending.error];
    }
    job.endAt = at;
  }
  job.updatedAt = at;
}

/** A job as the service sends it; `withSequence` adds its sequence (or its batch's), as getJob does. */
export function renderJob(job: StoredJob, batch: StoredBatch | undefined, withSequence = false): Job {
  return {
    id: job.id,
    batch_id: job.batchId,
    project_id: job.projectId,
    status: job.status,
    runs: job.runs,
    created_at: iso(job.createdAt),
    updated_at: iso(job.updatedAt),
    start_timestamp: isoOrNull(job.startAt),
    end_timestamp: isoOrNull(job.endAt),
    errors: job.errors,
    variables: job.variables,
    parent_id: job.parentId,
    creation_order: job.creationOrder,
    ...(withSequence ? { sequence: job.sequence ?? batch?.sequenceBuilder ?? null } : {}),
  };
}

/** The job operations of the core API: list, read (a poll moves the job), cancel, results link. */
export function jobRoutes(state: PasqalMockState): Record<string, MockOperation> {
  const jobOr404 = (ctx: MockContext): StoredJob | Response =>
    state.jobs.get(String(ctx.path.job_id)) ?? jsendError(404, `Job ${String(ctx.path.job_id)} not found`);

  return {
    listJobs: (ctx) => {
      const jobs = [...state.jobs.values()].filter((job) =>
        matchesJob(job, ctx.query, state.batches.get(job.batchId)?.userId),
      );
      return paged(
        jobs,
        ctx.query,
        (job, field) =>
          field === 'creation_order'
            ? job.creationOrder
            : field === 'updated_at'
              ? job.updatedAt
              : field === 'runs'
                ? job.runs
                : field === 'id'
                  ? job.id
                  : field === 'status'
                    ? job.status
                    : job.createdAt,
        (job) => state.jobJson(job),
      );
    },
    getJob: (ctx) => {
      const job = jobOr404(ctx);
      if (job instanceof Response) return job;
      state.observeJob(job);
      return jsend(state.jobJson(job, true));
    },
    cancelJob: (ctx) => {
      const job = jobOr404(ctx);
      if (job instanceof Response) return job;
      if (!state.cancelJob(job))
        return jsendError(400, `Job ${job.id} is ${job.status} and cannot be cancelled`);
      return jsend(state.jobJson(job));
    },
    getJobResultsLink: (ctx) => {
      const job = jobOr404(ctx);
      if (job instanceof Response) return job;
      return jsend({ results_link: state.resultsLink(job) });
    },
  };
}
