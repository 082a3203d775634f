import { type NextLinkPage, paginateNextLink } from '@qc/core';
import type { ArmTransport } from './transport.js';

/** Options of every list method: when to stop. */
export interface ListOptions {
  /** Stop after this many items. */
  maxItems?: number;
  /** Stops the listing, and a page request in flight. */
  signal?: AbortSignal;
}

/**
 * Items of an ARM list, page after page: the first page through the generated SDK function, the next
 * ones by their `nextLink` — only on ARM's own origin, so the token never follows a link elsewhere.
 */
export function listAll<T>(
  transport: ArmTransport,
  firstPage: (signal: AbortSignal | undefined) => Promise<NextLinkPage<T>>,
  options: ListOptions = {},
): AsyncGenerator<T, void, undefined> {
  return paginateNextLink<T>({
    firstUrl: transport.baseUrl,
    firstPage,
    fetchNext: async (url, signal) => (await transport.getJson(url, signal)) as NextLinkPage<T>,
    maxItems: options.maxItems,
    signal: options.signal,
  });
}
