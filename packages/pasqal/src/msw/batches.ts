// Batches in the mock: what is stored of a batch, how the service renders it, and the batch routes.
import type { MockContext, MockOperation } from '@qc/core/contract';
import type {
  Batch,
  CancelBatchesRequest,
  CreateBatchRequest,
  CreateJob,
  EmulatorConfiguration,
  ValidationIssue,
} from '../generated/types.gen.js';
import { isTerminalStatus } from '../waiting.js';
import { MOCK_DEVICES } from './devices.js';
import { renderJob, type StoredJob } from './jobs.js';
import { iso, isoOrNull, jsend, jsendError } from './jsend.js';
import { matchesBatch, matchesJob, paged } from './query.js';
import type { PasqalMockState } from './state.js';

/** A batch as the mock keeps it (times in epoch ms); its status is derived from its jobs. */
export interface StoredBatch {
  id: string;
  projectId: string;
  userId: string;
  deviceType: string;
  sequenceBuilder: string | null;
  open: boolean;
  canceled: boolean;
  timedOut: boolean;
  paused: boolean;
  status: string;
  createdAt: number;
  updatedAt: number;
  startAt: number | null;
  endAt: number | null;
  webhook: string | null;
  tags: string[];
  jobIds: string[];
  parentId: string | null;
  configuration: EmulatorConfiguration | null;
  backendConfiguration: string | null;
  queuePriority: string;
  lastActivityAt: number;
  polls: number;
  seq: number;
}

/** What a new batch is made of (`PasqalMockState.createBatch`). */
export interface NewMockBatch {
  projectId: string;
  userId: string;
  deviceType: string;
  sequenceBuilder: string | null;
  open: boolean;
  webhook: string | null;
  tags: string[];
  configuration: EmulatorConfiguration | null;
  backendConfiguration: string | null;
  parentId?: string | null;
}

/** A batch's status, derived from its own state (cancelled, timed out, paused, open) and its jobs'. */
export function batchStatus(batch: StoredBatch, jobs: readonly StoredJob[]): string {
  if (batch.canceled) return jobs.some((j) => j.status === 'CANCELING') ? 'CANCELING' : 'CANCELED';
  if (batch.timedOut) return 'TIMED_OUT';
  if (batch.paused) return 'PAUSED';
  if (jobs.length === 0) return batch.open ? 'PENDING' : 'DONE';
  if (jobs.some((j) => !isTerminalStatus(j.status))) {
    return jobs.every((j) => j.status === 'PENDING') ? 'PENDING' : 'RUNNING';
  }
  if (batch.open) return 'RUNNING';
  if (jobs.every((j) => j.status === 'CANCELED')) return 'CANCELED';
  if (jobs.every((j) => j.status !== 'DONE')) return 'ERROR';
  return 'DONE';
}

const JOB_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'ERROR', 'CANCELED', 'CANCELING'];

/** A batch as the service sends it: with its jobs embedded, or with their ids only. */
export function renderBatch(batch: StoredBatch, list: readonly StoredJob[], jobs: 'embed' | 'ids'): Batch {
  const perStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0]));
  for (const job of list) perStatus[job.status] = (perStatus[job.status] ?? 0) + 1;
  return {
    id: batch.id,
    status: batch.status,
    open: batch.open,
    complete: !batch.open,
    device_type: batch.deviceType,
    project_id: batch.projectId,
    user_id: batch.userId,
    created_at: iso(batch.createdAt),
    updated_at: iso(batch.updatedAt),
    start_datetime: isoOrNull(batch.startAt),
    end_datetime: isoOrNull(batch.endAt),
    webhook: batch.webhook,
    sequence_builder: batch.sequenceBuilder,
    jobs_count: list.length,
    jobs_count_per_status: perStatus,
    ...(jobs === 'embed'
      ? { jobs: list.map((job) => renderJob(job, batch)) }
      : { job_ids: [...batch.jobIds] }),
    parent_id: batch.parentId,
    configuration: batch.configuration,
    backend_configuration: batch.backendConfiguration,
    tags: [...batch.tags],
    device_status: null,
    queue_priority: batch.queuePriority,
  };
}

/** What the service checks in jobs beyond the schema (FastAPI-style issues, JSend 422). */
function jobIssues(jobs: readonly CreateJob[], sequenceBuilder: string | null, at: (string | number)[]) {
  const issues: ValidationIssue[] = [];
  jobs.forEach((job, index) => {
    if (job.runs === undefined || job.runs === null) {
      issues.push({ loc: [...at, index, 'runs'], msg: 'field required', type: 'value_error.missing' });
    }
    if ((job.sequence === undefined || job.sequence === null) && sequenceBuilder === null) {
      issues.push({
        loc: [...at, index, 'sequence'],
        msg: 'a job needs a sequence when the batch has no sequence_builder',
        type: 'value_error',
      });
    }
  });
  return issues;
}

/**
 * The batch operations of the core API: create, read (a poll moves its jobs), list, close, cancel (one
 * or many), rebatch, add jobs, tags, cancel jobs. `userOf` names the caller of a request.
 */
export function batchRoutes(
  state: PasqalMockState,
  userOf: (ctx: MockContext) => string,
): Record<string, MockOperation> {
  const batchOr404 = (ctx: MockContext): StoredBatch | Response =>
    state.batches.get(String(ctx.path.batch_id)) ??
    jsendError(404, `Batch ${String(ctx.path.batch_id)} not found`);

  return {
    createBatch: (ctx) => {
      const body = ctx.body as CreateBatchRequest;
      if (!state.projects.has(body.project_id)) {
        return jsendError(403, `You are not a member of project ${body.project_id}`);
      }
      const open = body.open ?? body.complete === false;
      const jobs = body.jobs ?? [];
      const sequenceBuilder = body.sequence_builder ?? null;
      const issues: ValidationIssue[] = [];
      if (jobs.length === 0 && !open) {
        issues.push({
          loc: ['body', 'jobs'],
          msg: 'at least one job is required unless the batch is open',
          type: 'value_error',
        });
      }
      issues.push(...jobIssues(jobs, sequenceBuilder, ['body', 'jobs']));
      if (issues.length > 0) return jsendError(422, issues);
      const deviceType = body.device_type ?? 'FRESNEL';
      const device = MOCK_DEVICES.find((d) => d.device_type === deviceType);
      if (!device) return jsendError(422, `Unknown device type ${deviceType}`);
      if (device.availability !== 'ACTIVE') return jsendError(400, `Device ${deviceType} is not available`);
      const batch = state.createBatch({
        projectId: body.project_id,
        userId: userOf(ctx),
        deviceType,
        sequenceBuilder,
        open,
        webhook: body.webhook ?? null,
        tags: body.tags ?? [],
        configuration: body.configuration ?? null,
        backendConfiguration: body.backend_configuration ?? null,
      });
      state.addJobs(batch, jobs);
      return jsend(state.batchJson(batch, 'embed'));
    },
    getBatch: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      state.observeBatch(batch);
      return jsend(state.batchJson(batch, 'ids'));
    },
    listBatches: (ctx) => {
      const batches = [...state.batches.values()].filter((batch) => matchesBatch(batch, ctx.query));
      return paged(
        batches,
        ctx.query,
        (batch, field) =>
          field === 'updated_at'
            ? batch.updatedAt
            : field === 'id'
              ? batch.id
              : field === 'status'
                ? batch.status
                : field === 'device_type'
                  ? batch.deviceType
                  : batch.createdAt,
        (batch) => {
          const { sequence_builder: _, ...withoutSequence } = state.batchJson(batch, 'ids');
          return withoutSequence;
        },
      );
    },
    closeBatch: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      if (batch.canceled || batch.timedOut) {
        return jsendError(400, `Batch ${batch.id} is ${batch.status} and cannot be closed`);
      }
      state.close(batch);
      return jsend(state.batchJson(batch, 'embed'));
    },
    cancelBatch: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      if (!state.cancelBatch(batch)) {
        return jsendError(400, `Batch ${batch.id} is ${batch.status} and cannot be cancelled`);
      }
      return jsend(state.batchJson(batch, 'embed'));
    },
    cancelBatches: (ctx) => {
      const body = ctx.body as CancelBatchesRequest;
      const errors: Record<string, string> = {};
      let targets: StoredBatch[];
      if (body.batch_ids !== undefined) {
        targets = [];
        for (const id of body.batch_ids) {
          const batch = state.batches.get(id);
          if (batch) targets.push(batch);
          else errors[id] = `Batch ${id} not found`;
        }
      } else {
        const { tags, start_date, batch_ids: _, cancel_all, ...filters } = body;
        const hasFilter = Object.keys(filters).length > 0 || tags !== undefined || start_date !== undefined;
        if (!hasFilter && cancel_all !== true) {
          return jsendError(400, 'Give batch_ids, filters, or cancel_all: true');
        }
        targets = [...state.batches.values()].filter(
          (batch) =>
            matchesBatch(batch, { ...filters, ...(start_date === undefined ? {} : { start_date }) }) &&
            (tags === undefined || tags.some((tag) => batch.tags.includes(tag))) &&
            !isTerminalStatus(batch.status),
        );
      }
      const cancelled: StoredBatch[] = [];
      for (const batch of targets) {
        if (state.cancelBatch(batch)) cancelled.push(batch);
        else errors[batch.id] = `Batch ${batch.id} is ${batch.status} and cannot be cancelled`;
      }
      return jsend({ batches: cancelled.map((batch) => state.batchJson(batch, 'ids')), errors });
    },
    rebatch: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      if (batch.open)
        return jsendError(400, `Batch ${batch.id} is open; only closed batches can be rebatched`);
      const jobs = state.jobsOf(batch).filter((job) => matchesJob(job, ctx.query, batch.userId));
      if (jobs.length === 0) return jsendError(400, `No job of batch ${batch.id} matches the filters`);
      const copy = state.createBatch({
        projectId: batch.projectId,
        userId: userOf(ctx),
        deviceType: batch.deviceType,
        sequenceBuilder: batch.sequenceBuilder,
        open: false,
        webhook: batch.webhook,
        tags: [...batch.tags],
        configuration: batch.configuration,
        backendConfiguration: batch.backendConfiguration,
        parentId: batch.id,
      });
      state.addJobs(
        copy,
        jobs.map((job) => ({
          runs: job.runs,
          variables: job.variables,
          sequence: job.sequence,
          parentId: job.id,
        })),
      );
      return jsend(state.batchJson(copy, 'embed'));
    },
    addJobs: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      if (!batch.open) {
        return jsendError(
          400,
          `Batch ${batch.id} is closed (${batch.status}); jobs can only be added to an open batch`,
        );
      }
      const jobs = ctx.body as CreateJob[];
      const issues = jobIssues(jobs, batch.sequenceBuilder, ['body']);
      if (issues.length > 0) return jsendError(422, issues);
      state.addJobs(batch, jobs);
      return jsend(state.batchJson(batch, 'embed'));
    },
    setBatchTags: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      batch.tags = [...(ctx.body as string[])];
      batch.updatedAt = state.now();
      return jsend(state.batchJson(batch, 'embed'));
    },
    cancelJobs: (ctx) => {
      const batch = batchOr404(ctx);
      if (batch instanceof Response) return batch;
      const errors: Record<string, string> = {};
      const cancelled: StoredJob[] = [];
      for (const job of state.jobsOf(batch).filter((j) => matchesJob(j, ctx.query, batch.userId))) {
        if (state.cancelJob(job)) cancelled.push(job);
        else errors[job.id] = `Job ${job.id} is ${job.status} and cannot be cancelled`;
      }
      return jsend({ jobs: cancelled.map((job) => state.jobJson(job)), errors });
    },
  };
}
