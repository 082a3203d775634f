import { type NextLinkPage, paginateNextLink } from '@qc/core';
import type { WorkspaceContext } from './context.js';
import { AZURE_QUANTUM_API_VERSION } from './endpoint.js';

/** Options of every list: the service's plain `filter`/`orderby`/`skip`/`top` and local limits. */
export interface ListOptions {
  /** e.g. `(State eq 'Failed' or State eq 'Cancelled') and CreationTime ge 2025-01-01`. */
  filter?: string;
  /** e.g. `CreationTime desc`. */
  orderby?: string;
  /** Items to skip at the start. */
  skip?: number;
  /** Page size the service is asked for (it caps it; the official SDK asks for 100). */
  top?: number;
  /** Stop after this many items. */
  maxItems?: number;
  /** Stops the listing, and a page request in flight. */
  signal?: AbortSignal;
}

/** The query of a list request: only the parameters the caller gave. */
export function listQuery(options: ListOptions) {
  return {
    'api-version': AZURE_QUANTUM_API_VERSION,
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.orderby === undefined ? {} : { orderby: options.orderby }),
    ...(options.skip === undefined ? {} : { skip: options.skip }),
    ...(options.top === undefined ? {} : { top: options.top }),
  } as const;
}

/**
 * Every item of a `nextLink`-paged list, fetched lazily page by page. A nextLink is followed only on
 * the endpoint's origin (a foreign one throws UnsafeNextLinkError before any request, so the token
 * never leaves), with this client's api-version (as the official SDK does) and its credentials.
 */
export function listAll<T>(
  context: WorkspaceContext,
  firstPage: (signal?: AbortSignal) => Promise<NextLinkPage<T>>,
  options: ListOptions,
): AsyncGenerator<T, void, undefined> {
  return paginateNextLink<T>({
    firstUrl: context.endpoint,
    firstPage,
    fetchNext: async (link, signal) => {
      const url = new URL(link);
      url.searchParams.set('api-version', AZURE_QUANTUM_API_VERSION);
      const answer = await context.api.send({
        method: 'GET',
        url: url.href,
        headers: { accept: 'application/json' },
        authenticate: true,
        signal,
      });
      return context.api.json(answer) as NextLinkPage<T>;
    },
    ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
