import { InvalidArgumentError, QcError } from './errors.js';
import { redactUrl } from './redact.js';
import { throwIfAborted } from './sleep.js';

/**
 * Async iterators over the two paging styles the clouds use: offset/limit (Pasqal, QCi) and
 * `nextLink` (Azure). Pages are fetched lazily, one at a time, as the caller consumes items; breaking out
 * of a `for await` loop stops the paging.
 */

/** One page of an offset/limit API. `total`, when the API reports it, is the number of items overall. */
export interface OffsetPage<T> {
  /** The page's items, in order. */
  items: readonly T[];
  /** Number of items overall; absent or null when the API does not say. */
  total?: number | null;
}

/** What {@link paginateOffset} needs: how to fetch a page, and where to start and stop. */
export interface PaginateOffsetOptions<T> {
  /** Fetches the page at `offset`, at most `limit` items; `signal` is the caller's, passed on. */
  fetchPage: (request: { offset: number; limit: number; signal?: AbortSignal }) => Promise<OffsetPage<T>>;
  /** Page size asked for. */
  limit: number;
  /** Offset of the first item. Default 0. */
  offset?: number;
  /** Stop after this many items. */
  maxItems?: number;
  /** Stops the paging: checked before each page and passed to `fetchPage`. */
  signal?: AbortSignal;
}

/**
 * Yields the items of an offset/limit API. Stops on an empty page, when `total` is reached or, when the
 * API reports no total, on a page shorter than `limit`. With a total, a short page does not stop the
 * paging, because servers that cap the page size below `limit` send short pages before the end.
 */
export async function* paginateOffset<T>(
  options: PaginateOffsetOptions<T>,
): AsyncGenerator<T, void, undefined> {
  const { fetchPage, signal } = options;
  const limit = positiveInteger('limit', options.limit);
  const maxItems =
    options.maxItems === undefined ? Infinity : nonNegativeInteger('maxItems', options.maxItems);
  let offset = options.offset === undefined ? 0 : nonNegativeInteger('offset', options.offset);
  let yielded = 0;

  while (yielded < maxItems) {
    throwIfAborted(signal);
    const page = await fetchPage(signal === undefined ? { offset, limit } : { offset, limit, signal });
    for (const item of page.items) {
      if (yielded >= maxItems) return;
      yield item;
      yielded += 1;
    }
    offset += page.items.length;
    const total = page.total ?? undefined;
    if (page.items.length === 0) return;
    if (total === undefined ? page.items.length < limit : offset >= total) return;
  }
}

/** One page of an Azure-style list: the items and the absolute URL of the next page, if any. */
export interface NextLinkPage<T> {
  /** The page's items, in order. */
  value: readonly T[];
  /** URL of the next page; absent, null or empty on the last page. */
  nextLink?: string | null;
}

/** What {@link paginateNextLink} needs: how to fetch the first page and the next ones, and where it started. */
export interface PaginateNextLinkOptions<T> {
  /** Fetches the first page. */
  firstPage: (signal?: AbortSignal) => Promise<NextLinkPage<T>>;
  /** Fetches a page by its nextLink, already checked to be on the origin of `firstUrl`. */
  fetchNext: (url: string, signal?: AbortSignal) => Promise<NextLinkPage<T>>;
  /**
   * The URL the first page was requested from (its origin alone is enough). Every nextLink must have
   * this origin; a relative nextLink is resolved against it.
   */
  firstUrl: string | URL;
  /** Stop after this many items. */
  maxItems?: number;
  /** Stops the paging: checked before each page and passed to `firstPage` and `fetchNext`. */
  signal?: AbortSignal;
}

/** Why a nextLink was refused. */
export type UnsafeNextLinkReason = 'foreign-origin' | 'repeated' | 'invalid';

/**
 * A nextLink that is not followed: it points to another origin (following it would send the caller's
 * credentials there), it repeats a page already fetched (a loop), or it is not a URL.
 */
export class UnsafeNextLinkError extends QcError {
  override name = 'UnsafeNextLinkError';
  /** Which check the nextLink failed. */
  readonly reason: UnsafeNextLinkReason;
  /** The nextLink with user info and sensitive query values redacted. */
  readonly url: string;
  /** The origin the first page came from. */
  readonly expectedOrigin: string;

  constructor(reason: UnsafeNextLinkReason, nextLink: string, expectedOrigin: string) {
    const shown = redactUrl(nextLink);
    const why = {
      'foreign-origin': `points outside ${expectedOrigin}`,
      repeated: 'repeats a page already fetched',
      invalid: 'is not a URL',
    }[reason];
    super(`Refusing to follow nextLink ${shown}: it ${why}`);
    this.reason = reason;
    this.url = shown;
    this.expectedOrigin = expectedOrigin;
  }
}

/**
 * Yields the items of a `nextLink`-paged list. Before any request to a nextLink, checks that it stays on
 * the origin of `firstUrl` and has not been visited; otherwise throws UnsafeNextLinkError.
 */
export async function* paginateNextLink<T>(
  options: PaginateNextLinkOptions<T>,
): AsyncGenerator<T, void, undefined> {
  const { firstPage, fetchNext, signal } = options;
  const base = parseFirstUrl(options.firstUrl);
  const maxItems =
    options.maxItems === undefined ? Infinity : nonNegativeInteger('maxItems', options.maxItems);
  const visited = new Set<string>([base.href]);
  let yielded = 0;
  if (maxItems === 0) return;

  throwIfAborted(signal);
  let page = await firstPage(signal);
  for (;;) {
    for (const item of page.value) {
      yield item;
      yielded += 1;
      if (yielded >= maxItems) return;
    }
    if (page.nextLink === undefined || page.nextLink === null || page.nextLink === '') return;
    const next = checkNextLink(page.nextLink, base, visited);
    visited.add(next);
    throwIfAborted(signal);
    page = await fetchNext(next, signal);
  }
}

function checkNextLink(nextLink: string, base: URL, visited: ReadonlySet<string>): string {
  let url: URL;
  try {
    url = new URL(nextLink, base);
  } catch {
    throw new UnsafeNextLinkError('invalid', nextLink, base.origin);
  }
  if (url.origin !== base.origin) throw new UnsafeNextLinkError('foreign-origin', url.href, base.origin);
  url.hash = '';
  if (visited.has(url.href)) throw new UnsafeNextLinkError('repeated', url.href, base.origin);
  return url.href;
}

function parseFirstUrl(firstUrl: string | URL): URL {
  try {
    const url = new URL(String(firstUrl));
    url.hash = '';
    return url;
  } catch {
    throw new InvalidArgumentError(`firstUrl must be an absolute URL, got ${redactUrl(String(firstUrl))}`);
  }
}

/** Reads an async iterable into an array, stopping after `max` items (which also stops the paging). */
export async function collect<T>(iterable: AsyncIterable<T>, max = Infinity): Promise<T[]> {
  if (max !== Infinity) nonNegativeInteger('max', max);
  const items: T[] = [];
  if (max === 0) return items;
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= max) break;
  }
  return items;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}
