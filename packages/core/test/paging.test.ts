import { useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  collect,
  InvalidArgumentError,
  type NextLinkPage,
  type OffsetPage,
  paginateNextLink,
  paginateOffset,
  UnsafeNextLinkError,
} from '../src/index.js';

/** A fake offset/limit API over `count` numbered items that serves at most `serverMax` per page. */
function offsetApi(count: number, { reportTotal = true, serverMax = Infinity } = {}) {
  const calls: { offset: number; limit: number }[] = [];
  const fetchPage = vi.fn(
    async ({ offset, limit }: { offset: number; limit: number }): Promise<OffsetPage<number>> => {
      calls.push({ offset, limit });
      const end = Math.min(count, offset + Math.min(limit, serverMax));
      const items = Array.from({ length: Math.max(0, end - offset) }, (_, i) => offset + i);
      return reportTotal ? { items, total: count } : { items };
    },
  );
  return { fetchPage, calls };
}

describe('paginateOffset', () => {
  it('stops when the reported total is reached, without asking for an empty page', async () => {
    const api = offsetApi(10);
    expect(await collect(paginateOffset({ fetchPage: api.fetchPage, limit: 5 }))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(api.calls).toEqual([
      { offset: 0, limit: 5 },
      { offset: 5, limit: 5 },
    ]);
  });

  it('stops on a short page when the API reports no total', async () => {
    const api = offsetApi(7, { reportTotal: false });
    expect(await collect(paginateOffset({ fetchPage: api.fetchPage, limit: 3 }))).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(api.calls.map((c) => c.offset)).toEqual([0, 3, 6]);
  });

  it('stops on an empty page when the count is a multiple of the page size', async () => {
    const api = offsetApi(6, { reportTotal: false });
    expect(await collect(paginateOffset({ fetchPage: api.fetchPage, limit: 3 }))).toHaveLength(6);
    expect(api.calls.map((c) => c.offset)).toEqual([0, 3, 6]);
  });

  it('keeps going past short pages while the total is not reached (server caps the page size)', async () => {
    const api = offsetApi(7, { serverMax: 2 });
    expect(await collect(paginateOffset({ fetchPage: api.fetchPage, limit: 100 }))).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(api.calls.map((c) => c.offset)).toEqual([0, 2, 4, 6]);
  });

  it('stops on an empty page even when the total says more items exist', async () => {
    const fetchPage = vi.fn(async () => ({ items: [] as number[], total: 50 }));
    expect(await collect(paginateOffset({ fetchPage, limit: 10 }))).toEqual([]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('starts at the given offset and honours maxItems without fetching further pages', async () => {
    const api = offsetApi(100);
    expect(
      await collect(paginateOffset({ fetchPage: api.fetchPage, limit: 4, offset: 10, maxItems: 6 })),
    ).toEqual([10, 11, 12, 13, 14, 15]);
    expect(api.calls.map((c) => c.offset)).toEqual([10, 14]);
  });

  it('fetches pages lazily: breaking out of the loop stops the paging', async () => {
    const api = offsetApi(100);
    for await (const item of paginateOffset({ fetchPage: api.fetchPage, limit: 10 })) {
      if (item === 3) break;
    }
    expect(api.fetchPage).toHaveBeenCalledTimes(1);
  });

  it('passes the signal and stops with an AbortError once it fires', async () => {
    const controller = new AbortController();
    const api = offsetApi(100);
    const seen: number[] = [];
    const run = async () => {
      for await (const item of paginateOffset({
        fetchPage: api.fetchPage,
        limit: 10,
        signal: controller.signal,
      })) {
        seen.push(item);
        if (item === 9) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(10);
    expect(api.fetchPage).toHaveBeenCalledTimes(1);
    expect(api.fetchPage.mock.calls[0]?.[0]).toMatchObject({ signal: controller.signal });
  });

  it('rejects a bad limit before any request', async () => {
    const api = offsetApi(10);
    await expect(collect(paginateOffset({ fetchPage: api.fetchPage, limit: 0 }))).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(api.fetchPage).not.toHaveBeenCalled();
  });
});

describe('paginateNextLink over HTTP', () => {
  const ORIGIN = 'https://westeurope.quantum.example.test';
  const FIRST = `${ORIGIN}/v1.0/workspaces/ws/jobs?api-version=2024-03-01`;
  const foreignHits: string[] = [];
  const pages = new Map<string, NextLinkPage<string>>();

  useTestServer(
    http.get(`${ORIGIN}/*`, ({ request }) => {
      const page = pages.get(request.url);
      return page ? HttpResponse.json(page) : new HttpResponse(null, { status: 404 });
    }),
    http.all('https://evil.example.test/*', ({ request }) => {
      foreignHits.push(request.url);
      return HttpResponse.json({ value: ['stolen'] });
    }),
    http.all('http://westeurope.quantum.example.test/*', ({ request }) => {
      foreignHits.push(request.url);
      return HttpResponse.json({ value: ['downgraded'] });
    }),
  );

  const getPage = async (url: string, signal?: AbortSignal) => {
    const response = await fetch(url, { signal });
    return (await response.json()) as NextLinkPage<string>;
  };
  const list = (maxItems?: number) =>
    paginateNextLink({
      firstPage: (signal) => getPage(FIRST, signal),
      fetchNext: getPage,
      firstUrl: FIRST,
      ...(maxItems === undefined ? {} : { maxItems }),
    });

  function serve(...entries: [string, NextLinkPage<string>][]) {
    pages.clear();
    foreignHits.length = 0;
    for (const [url, page] of entries) pages.set(url, page);
  }

  it('follows nextLinks on the same origin until there is none', async () => {
    serve(
      [
        FIRST,
        { value: ['a', 'b'], nextLink: `${ORIGIN}/v1.0/workspaces/ws/jobs?api-version=2024-03-01&skip=2` },
      ],
      [`${ORIGIN}/v1.0/workspaces/ws/jobs?api-version=2024-03-01&skip=2`, { value: ['c'], nextLink: null }],
    );
    expect(await collect(list())).toEqual(['a', 'b', 'c']);
  });

  it('resolves a relative nextLink against the first URL', async () => {
    serve(
      [FIRST, { value: ['a'], nextLink: '/v1.0/workspaces/ws/jobs?api-version=2024-03-01&skip=1' }],
      [`${ORIGIN}/v1.0/workspaces/ws/jobs?api-version=2024-03-01&skip=1`, { value: ['b'] }],
    );
    expect(await collect(list())).toEqual(['a', 'b']);
  });

  it('refuses a nextLink to another origin without sending it any request', async () => {
    const foreign = 'https://evil.example.test/collect?token=LEAKED-TOKEN-123&skip=2';
    serve([FIRST, { value: ['a', 'b'], nextLink: foreign }]);
    const seen: string[] = [];
    const run = async () => {
      for await (const item of list()) seen.push(item);
    };
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsafeNextLinkError);
    const unsafe = error as UnsafeNextLinkError;
    expect(unsafe.reason).toBe('foreign-origin');
    expect(unsafe.expectedOrigin).toBe(ORIGIN);
    expect(unsafe.url).toBe('https://evil.example.test/collect?token=REDACTED&skip=2');
    expect(unsafe.message).toContain('https://evil.example.test/collect?token=REDACTED&skip=2');
    expect(unsafe.message).not.toContain('LEAKED-TOKEN-123');
    expect(seen).toEqual(['a', 'b']);
    expect(foreignHits).toEqual([]);
  });

  it('refuses a downgrade to http on the same host', async () => {
    serve([FIRST, { value: ['a'], nextLink: FIRST.replace('https:', 'http:') }]);
    await expect(collect(list())).rejects.toMatchObject({
      name: 'UnsafeNextLinkError',
      reason: 'foreign-origin',
    });
    expect(foreignHits).toEqual([]);
  });

  it('refuses a nextLink that loops back to a page already fetched', async () => {
    const second = `${ORIGIN}/v1.0/workspaces/ws/jobs?api-version=2024-03-01&skip=1`;
    serve([FIRST, { value: ['a'], nextLink: second }], [second, { value: ['b'], nextLink: FIRST }]);
    await expect(collect(list())).rejects.toMatchObject({ name: 'UnsafeNextLinkError', reason: 'repeated' });
  });

  it('stops at maxItems without fetching the next page', async () => {
    const fetchNext = vi.fn(getPage);
    serve([FIRST, { value: ['a', 'b', 'c'], nextLink: `${ORIGIN}/next` }]);
    const items = await collect(
      paginateNextLink({ firstPage: () => getPage(FIRST), fetchNext, firstUrl: FIRST, maxItems: 2 }),
    );
    expect(items).toEqual(['a', 'b']);
    expect(fetchNext).not.toHaveBeenCalled();
  });
});

describe('collect', () => {
  it('stops the source after max items', async () => {
    let produced = 0;
    let finished = false;
    async function* numbers() {
      try {
        for (;;) {
          produced += 1;
          yield produced;
        }
      } finally {
        finished = true;
      }
    }
    expect(await collect(numbers(), 3)).toEqual([1, 2, 3]);
    expect(produced).toBe(3);
    expect(finished).toBe(true);
  });

  it('rejects a negative max', async () => {
    await expect(
      collect(paginateOffset({ fetchPage: async () => ({ items: [] }), limit: 1 }), -1),
    ).rejects.toThrow(InvalidArgumentError);
  });
});
