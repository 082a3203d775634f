// Filters as repeated query parameters, offset/limit/order_by paging, `pagination` and `Content-Range`.
import { BadRequestError, InvalidArgumentError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPasqalClient,
  listBatches,
  PASQAL_ENVIRONMENTS,
  paginationFromContentRange,
} from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_USER } from '../src/msw/index.js';
import { PROJECT_ID, SEQUENCE } from './helpers.js';

const CORE = PASQAL_ENVIRONMENTS.prod.coreUrl;
const mock = createPasqalMock();
const { server } = useTestServer(...mock.handlers);
const pasqal = createPasqalClient({
  auth: { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password },
  projectId: PROJECT_ID,
});

let requests: URL[] = [];
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url);
  if (url.pathname.includes('/api/')) requests.push(url);
});
beforeEach(() => {
  requests = [];
});

async function makeBatches(tag: string, count: number, deviceType = 'EMU_FREE') {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const batch = await pasqal.createBatch({
      sequence_builder: SEQUENCE,
      device_type: deviceType,
      jobs: [{ runs: 10 + i }],
      tags: [tag],
    });
    ids.push(batch.id);
  }
  return ids;
}

describe('listing batches', () => {
  it('pages through every batch with offset/limit until pagination.total', async () => {
    const ids = await makeBatches('paging-all', 5);
    requests = [];
    const seen: string[] = [];
    for await (const batch of pasqal.iterateBatches({ tag: 'paging-all' }, { pageSize: 2 }))
      seen.push(batch.id);
    expect(seen).toEqual([...ids].reverse()); // created_at DESC, the service's default order
    const lists = requests.filter((u) => u.pathname.endsWith('/api/v1/batches'));
    expect(lists.map((u) => [u.searchParams.get('offset'), u.searchParams.get('limit')])).toEqual([
      ['0', '2'],
      ['2', '2'],
      ['4', '2'],
    ]);
  });

  it('returns one page with its pagination, and Content-Range on the raw response', async () => {
    await makeBatches('paging-page', 3);
    const page = await pasqal.listBatches({ tag: 'paging-page', offset: 1, limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.pagination).toEqual({ total: 3, start: 1, end: 2 });
    const { response, data } = await listBatches({
      client: pasqal.client,
      query: { tag: 'paging-page', offset: 1, limit: 2 },
    });
    expect(response.headers.get('content-range')).toBe('2-3/3');
    expect(data.pagination).toEqual({ total: 3, start: 1, end: 3 });
    expect(data.code).toBe('200');
  });

  it('sends list filters as repeated query parameters, booleans in lowercase, dates as ISO with Z', async () => {
    await makeBatches('paging-filters', 2, 'EMU_MPS');
    const since = new Date(Date.now() - 60_000);
    const page = await pasqal.listBatches({
      tag: 'paging-filters',
      status: ['PENDING', 'RUNNING'],
      device_type: ['EMU_MPS', 'FRESNEL'],
      open: false,
      start_date: since,
      order_by: 'created_at',
      order_by_direction: 'ASC',
    });
    expect(page.items).toHaveLength(2);
    const url = requests.at(-1) as URL;
    expect(url.searchParams.getAll('status')).toEqual(['PENDING', 'RUNNING']);
    expect(url.searchParams.getAll('device_type')).toEqual(['EMU_MPS', 'FRESNEL']);
    expect(url.searchParams.get('open')).toBe('false');
    expect(url.searchParams.get('start_date')).toBe(since.toISOString());
    expect(url.searchParams.get('order_by_direction')).toBe('ASC');
    // A filter that matches nothing is an empty page, not an error.
    const none = await pasqal.listBatches({ tag: 'paging-filters', device_type: ['FRESNEL'] });
    expect(none.items).toEqual([]);
    expect(none.pagination).toEqual({ total: 0, start: 0, end: 0 });
  });

  it('stops at maxItems and refuses a page size over 100', async () => {
    await makeBatches('paging-max', 3);
    const first: string[] = [];
    for await (const b of pasqal.iterateBatches({ tag: 'paging-max' }, { pageSize: 1, maxItems: 2 }))
      first.push(b.id);
    expect(first).toHaveLength(2);
    expect(() => pasqal.iterateBatches({}, { pageSize: 500 })).toThrow(InvalidArgumentError);
  });

  it('a limit over 100 is refused by the mock as the spec says (400 naming the parameter)', async () => {
    const error = await listBatches({
      client: pasqal.client,
      query: { limit: 500 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).status).toBe(400);
    const body = await (await fetch(`${CORE}/api/v1/batches?limit=0`, { headers: {} })).json();
    expect(body).toMatchObject({ status: 'fail' }); // no token: refused before the query is checked
  });
});

describe('listing jobs', () => {
  it('reads a batch’s jobs in submission order (order_by=creation_order, ASC)', async () => {
    const batch = await pasqal.createBatch({
      sequence_builder: SEQUENCE,
      jobs: [5, 4, 3, 2, 1].map((runs) => ({ runs })),
    });
    requests = [];
    const jobs: number[] = [];
    for await (const job of pasqal.iterateJobs({ batch_id: [batch.id] }, { pageSize: 2 }))
      jobs.push(job.runs);
    expect(jobs).toEqual([5, 4, 3, 2, 1]);
    const url = requests[0] as URL;
    expect(url.pathname).toBe('/core-fast/api/v2/jobs');
    expect(url.searchParams.get('order_by')).toBe('creation_order');
    expect(url.searchParams.get('order_by_direction')).toBe('ASC');
    expect(url.searchParams.getAll('batch_id')).toEqual([batch.id]);
    // Filters combine: runs range and status.
    const page = await pasqal.listJobs({
      batch_id: [batch.id],
      min_runs: 2,
      max_runs: 4,
      status: ['PENDING'],
    });
    expect(page.items.map((j) => j.runs).sort()).toEqual([2, 3, 4]);
  });

  it('falls back to Content-Range when a list has no pagination body, and copes with a shrinking total', async () => {
    const job = (n: number) => ({
      id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
      batch_id: '00000000-0000-0000-0000-000000000001',
      project_id: PROJECT_ID,
      status: 'DONE',
      runs: n,
      created_at: '2021-11-10T15:24:38.172109',
      updated_at: '2021-11-10T15:27:06.698066',
    });
    server.use(
      http.get(`${CORE}/api/v2/jobs`, ({ request }) => {
        const offset = Number(new URL(request.url).searchParams.get('offset'));
        // Pages of 2 from a total that drops from 6 to 5 while paging.
        const total = offset === 0 ? 6 : 5;
        const items = [1, 2, 3, 4, 5, 6].slice(offset, Math.min(offset + 2, total)).map(job);
        return HttpResponse.json(
          { status: 'success', message: 'OK.', code: 200, data: items },
          { headers: { 'content-range': `${offset + 1}-${offset + items.length}/${total}` } },
        );
      }),
    );
    const runs: number[] = [];
    for await (const j of pasqal.iterateJobs({}, { pageSize: 2 })) runs.push(j.runs);
    expect(runs).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads Content-Range as 1-based, inclusive positions', () => {
    expect(paginationFromContentRange('1-1/1')).toEqual({ total: 1, start: 0, end: 1 });
    expect(paginationFromContentRange('101-200/250')).toEqual({ total: 250, start: 100, end: 200 });
    expect(paginationFromContentRange('*/0')).toEqual({ total: 0, start: 0, end: 0 });
    expect(paginationFromContentRange('items 1-2')).toBeUndefined();
  });
});

describe('devices', () => {
  it('lists devices page by page with filters, and the specs by type', async () => {
    const page = await pasqal.listDevices({ availability: ['ACTIVE'], limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.pagination?.total).toBe(4);
    const specs = await pasqal.getDeviceSpecs();
    expect(JSON.parse(specs.FRESNEL as string)).toMatchObject({ name: 'FRESNEL' });
  });
});
