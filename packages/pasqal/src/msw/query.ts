// The list queries the service understands: filters, ordering, and pages with `Content-Range`.
import type { StoredBatch } from './batches.js';
import type { StoredJob } from './jobs.js';
import { jsend, jsendError } from './jsend.js';

/** A request's query, as the contract decoded it. */
export type Query = Record<string, unknown>;

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
export function paged<T extends { seq: number }>(
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

/** A repeatable filter's values, or undefined when it was not given. */
export const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);

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

/** Whether a job passes the job filters (listJobs, rebatch, cancelJobs); `userId` is its batch's user. */
export function matchesJob(job: StoredJob, query: Query, userId: string | undefined): boolean {
  if (!matchesCommon(job, query, { projectId: job.projectId, ...(userId === undefined ? {} : { userId }) })) {
    return false;
  }
  const batches = list(query.batch_id);
  if (batches && !batches.includes(job.batchId)) return false;
  const statuses = list(query.status);
  if (statuses && !statuses.includes(job.status)) return false;
  if (typeof query.min_runs === 'number' && job.runs < query.min_runs) return false;
  if (typeof query.max_runs === 'number' && job.runs > query.max_runs) return false;
  if (typeof query.errors === 'boolean' && (job.errors !== null && job.errors.length > 0) !== query.errors) {
    return false;
  }
  const origins = list(query.origin);
  if (origins && !origins.includes('CLIENT')) return false;
  return true;
}

/** Whether a batch passes the batch filters (listBatches, cancelBatches). */
export function matchesBatch(batch: StoredBatch, query: Query): boolean {
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
}
