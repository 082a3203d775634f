import type { CallOptions } from '@qc/auth';
import { InvalidArgumentError, paginateOffset } from '@qc/core';
import type { JSendPagination } from './generated/types.gen.js';

/** One page of a list operation, unwrapped from its envelope. */
export interface Page<T> {
  /** The page's items, in the service's order. */
  items: T[];
  /** The envelope's `pagination` (`total`, `start`, `end`), or one derived from `Content-Range`. */
  pagination: JSendPagination | undefined;
}

/** The largest page the service serves (`limit` is 1..100). */
export const MAX_PAGE_SIZE = 100;

/**
 * `Content-Range: <first>-<last>/<total>` as a pagination, for responses without a `pagination` body.
 * Pasqal's recorded header for a one-item list is `1-1/1`, so positions are read as 1-based and
 * inclusive: `start = first - 1`, `end = last`.
 */
export function paginationFromContentRange(header: string | null): JSendPagination | undefined {
  const match = header === null ? null : /^\s*(?:(\d+)-(\d+)|\*)\/(\d+)\s*$/.exec(header);
  if (!match) return undefined;
  const total = Number(match[3]);
  if (match[1] === undefined || match[2] === undefined) return { total, start: 0, end: 0 };
  const first = Number(match[1]);
  const last = Number(match[2]);
  return { total, start: Math.max(0, first - 1), end: last };
}

/** The envelope's pagination, else the header's. */
export function pageOf<T>(
  envelope: { data: T[]; pagination?: JSendPagination },
  response: Response | undefined,
): Page<T> {
  return {
    items: envelope.data,
    pagination:
      envelope.pagination ?? paginationFromContentRange(response?.headers.get('content-range') ?? null),
  };
}

/** How the `iterate*` methods read page after page. */
export interface IterateOptions extends CallOptions {
  /** Page size, 1 to 100 (default 100). */
  pageSize?: number;
  /** Stop after this many items. */
  maxItems?: number;
}

/** Every item of a list operation, page after page (`offset`/`limit` are managed). */
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
