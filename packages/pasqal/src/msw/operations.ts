import type { MockContext, MockOperation } from '@qc/core/contract';
import type {
  CancelBatchesRequest,
  CreateBatchRequest,
  CreateJob,
  CreateWorkloadRequest,
  ValidationIssue,
} from '../generated/types.gen.js';
import type { Principal } from './identity.js';
import {
  deviceSpecs,
  isFinal,
  MOCK_DEVICES,
  type PasqalMockState,
  type StoredBatch,
  type StoredJob,
} from './state.js';

type Query = Record<string, unknown>;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** A JSend success envelope; the core API writes `code` as a string, the account API as an integer. */
export function jsend(
  data: unknown,
  options: {
    account?: boolean;
    pagination?: { total: number; start: number; end: number };
    headers?: HeadersInit;
  } = {},
): Response {
  const body: Record<string, unknown> = {
    status: 'success',
    message: 'OK.',
    code: options.account ? 200 : '200',
    data,
  };
  if (options.pagination) body.pagination = options.pagination;
  return Response.json(body, options.headers === undefined ? {} : { headers: options.headers });
}

/** A JSend `fail` (4xx) or `error` (5xx) envelope whose `data.description` says why. */
export function jsendError(
  status: number,
  description: string | ValidationIssue[],
  options: { account?: boolean; headers?: HeadersInit } = {},
): Response {
  return Response.json(
    {
      status: status >= 500 ? 'error' : 'fail',
      message: REASONS[status] ?? 'Error',
      code: options.account ? status : String(status),
      data: { description },
    },
    { status, ...(options.headers === undefined ? {} : { headers: options.headers }) },
  );
}

/** FastAPI's request-validation answer. */
export function fastApiValidation(issues: ValidationIssue[]): Response {
  return Response.json({ detail: issues }, { status: 422 });
}

const SORTABLE = new Set([
  'created_at',
  'updated_at',
  'creation_order',
  'id',
  'status',
  'runs',
  'device_type',
]);

/** One page of `items` after ordering, with `pagination` and `Content-Range` as the service sends them. */
function paged<T extends { seq: number }>(
  items: T[],
  query: Query,
  key: (item: T, field: string) => string | number,
  render: (item: T) => unknown,
): Response {
  const field = typeof query.order_by === 'string' ? query.order_by : 'created_at';
  if (!SORTABLE.has(field)) return jsendError(400, `Cannot order by ${field}`);
  const direction = query.order_by_direction === 'ASC' ? 1 : -1;
  const sorted = [...items].sort((a, b) => {
    const x = key(a, field);
    const y = key(b, field);
    const order = x < y ? -1 : x > y ? 1 : a.seq - b.seq;
    return order * direction;
  });
  const offset = typeof query.offset === 'number' ? query.offset : 0;
  const limit = typeof query.limit === 'number' ? query.limit : 100;
  const slice = sorted.slice(offset, offset + limit);
  const total = sorted.length;
  const end = offset + slice.length;
  return jsend(slice.map(render), {
    pagination: { total, start: offset, end },
    headers: {
      'content-range': slice.length === 0 ? `*/${total}` : `${offset + 1}-${end}/${total}`,
      'access-control-expose-headers': 'Content-Range',
    },
  });
}

/** Date filters: naive date-times are UTC, as the service stores them. */
function time(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const parsed = Date.parse(withZone);
  return Number.isNaN(parsed) ? undefined : parsed;
}

const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);

function matchesCommon(
  item: { id: string; createdAt: number },
  query: Query,
  fields: { projectId: string; userId?: string },
): boolean {
  const ids = list(query.id);
  if (ids && !ids.includes(item.id)) return false;
  const projects = list(query.project_id);
  if (projects && !projects.includes(fields.projectId)) return false;
  const users = list(query.user_id);
  if (users && (fields.userId === undefined || !users.includes(fields.userId))) return false;
  const from = time(query.start_date);
  if (from !== undefined && item.createdAt < from) return false;
  const to = time(query.end_date);
  if (to !== undefined && item.createdAt > to) return false;
  if (typeof query.id__starts_with === 'string' && !item.id.startsWith(query.id__starts_with)) return false;
  return true;
}

/** The implementation of every operation of specs/pasqal-cloud.yaml over a {@link PasqalMockState}. */
export function pasqalOperations(
  state: PasqalMockState,
  principalOf: (request: Request) => Principal | undefined,
): { core: Record<string, MockOperation>; account: Record<string, MockOperation> } {
  const userOf = (ctx: MockContext) => principalOf(ctx.request)?.subject ?? 'anonymous';
  const batchOr404 = (ctx: MockContext): StoredBatch | Response =>
    state.batches.get(String(ctx.path.batch_id)) ??
    jsendError(404, `Batch ${String(ctx.path.batch_id)} not found`);
  const jobOr404 = (ctx: MockContext): StoredJob | Response =>
    state.jobs.get(String(ctx.path.job_id)) ?? jsendError(404, `Job ${String(ctx.path.job_id)} not found`);

  const matchesJob = (job: StoredJob, query: Query, userId: string | undefined): boolean => {
    if (
      !matchesCommon(job, query, { projectId: job.projectId, ...(userId === undefined ? {} : { userId }) })
    ) {
      return false;
    }
    const batches = list(query.batch_id);
    if (batches && !batches.includes(job.batchId)) return false;
    const statuses = list(query.status);
    if (statuses && !statuses.includes(job.status)) return false;
    if (typeof query.min_runs === 'number' && job.runs < query.min_runs) return false;
    if (typeof query.max_runs === 'number' && job.runs > query.max_runs) return false;
    if (
      typeof query.errors === 'boolean' &&
      (job.errors !== null && job.errors.length > 0) !== query.errors
    ) {
      return false;
    }
    const origins = list(query.origin);
    if (origins && !origins.includes('CLIENT')) return false;
    return true;
  };

  const matchesBatch = (batch: StoredBatch, query: Query): boolean => {
    if (!matchesCommon(batch, query, { projectId: batch.projectId, userId: batch.userId })) return false;
    const devices = list(query.device_type);
    if (devices && !devices.includes(batch.deviceType)) return false;
    const statuses = list(query.status);
    if (statuses && !statuses.includes(batch.status)) return false;
    if (typeof query.open === 'boolean' && batch.open !== query.open) return false;
    if (typeof query.complete === 'boolean' && batch.open === query.complete) return false;
    const priorities = list(query.queue_priority);
    if (priorities && !priorities.includes(batch.queuePriority)) return false;
    if (typeof query.tag === 'string' && !batch.tags.includes(query.tag)) return false;
    const count = batch.jobIds.length;
    if (typeof query.min_jobs === 'number' && count < query.min_jobs) return false;
    if (typeof query.max_jobs === 'number' && count > query.max_jobs) return false;
    return true;
  };

  /** What the service checks in jobs beyond the schema (FastAPI-style issues, JSend 422). */
  const jobIssues = (jobs: readonly CreateJob[], sequenceBuilder: string | null, at: (string | number)[]) => {
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
  };

  const core: Record<string, MockOperation> = {
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
            !isFinal(batch.status),
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

    createWorkload: (ctx) => {
      const body = ctx.body as CreateWorkloadRequest;
      if (!state.projects.has(body.project_id)) {
        return jsendError(403, `You are not a member of project ${body.project_id}`);
      }
      const workload = state.createWorkload({
        projectId: body.project_id,
        userId: userOf(ctx),
        backend: body.backend,
        workloadType: body.workload_type,
        config: body.config,
      });
      return jsend(state.workloadJson(workload));
    },
    getWorkload: (ctx) => {
      const workload = state.workloads.get(String(ctx.path.workload_id));
      if (!workload) return jsendError(404, `Workload ${String(ctx.path.workload_id)} not found`);
      state.observeWorkload(workload);
      return jsend(state.workloadJson(workload));
    },
    cancelWorkload: (ctx) => {
      const workload = state.workloads.get(String(ctx.path.workload_id));
      if (!workload) return jsendError(404, `Workload ${String(ctx.path.workload_id)} not found`);
      if (!state.cancelWorkload(workload)) {
        return jsendError(400, `Workload ${workload.id} is ${workload.status} and cannot be cancelled`);
      }
      return jsend(state.workloadJson(workload));
    },

    listPublicDevices: (ctx) => {
      const types = list(ctx.query.device_type);
      return jsend(MOCK_DEVICES.filter((d) => d.public && (!types || types.includes(d.device_type))));
    },
    listDevices: (ctx) => {
      const types = list(ctx.query.device_type);
      const availability = list(ctx.query.availability);
      const devices = MOCK_DEVICES.filter(
        (d) =>
          (!types || types.includes(d.device_type)) &&
          (!availability || availability.includes(d.availability)) &&
          (typeof ctx.query.public !== 'boolean' || d.public === ctx.query.public),
      ).map((d, index) => ({ ...d, seq: index, createdAt: index }));
      return paged(
        devices,
        ctx.query,
        (d, field) => (field === 'device_type' || field === 'id' ? d.device_type : d.createdAt),
        ({ seq: _, createdAt: __, ...d }) => d,
      );
    },
    getDeviceSpecs: () =>
      jsend(Object.fromEntries(MOCK_DEVICES.map((d) => [d.device_type, deviceSpecs(d.device_type)]))),
    getPublicDeviceSpecs: () =>
      jsend(
        MOCK_DEVICES.filter((d) => d.public).map((d) => ({
          device_type: d.device_type,
          specs: deviceSpecs(d.device_type),
        })),
      ),
  };

  const account: Record<string, MockOperation> = {
    listProjects: (ctx) => {
      const status = ctx.query.project_status;
      const projects = [...state.projects.values()].filter(
        (p) => status === undefined || p.status === status,
      );
      return jsend(
        projects.map((p) => state.projectJson(p)),
        { account: true },
      );
    },
    getAuthInfo: (ctx) => {
      const principal = principalOf(ctx.request);
      return jsend(
        {
          id: principal?.subject ?? 'anonymous',
          email: principal?.email ?? '',
          email_verified: principal?.kind === 'user',
          type: principal?.kind === 'service-account' ? 'service_account' : 'user',
          superuser: false,
          allowed_device_types: MOCK_DEVICES.map((d) => d.device_type),
          acl: [],
          projects: [...state.projects.keys()],
        },
        { account: true },
      );
    },
  };
  return { core, account };
}
