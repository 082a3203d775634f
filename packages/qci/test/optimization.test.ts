import { AuthError } from '@qc/auth';
import {
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  QcError,
  UnexpectedResponseError,
  WaitTimeoutError,
} from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQciClient, JobNotCancellableError, type QciFile } from '../src/index.js';
import { createQciMock, QCI_DEMO_REFRESH_TOKEN } from '../src/msw/index.js';

const BASE = 'https://api.qci-prod.com';
const mock = createQciMock();
const { server } = useTestServer(...mock.handlers);

// Only the waits between polls are skipped; the mock advances a job one state per observation.
const fast = { intervalMs: 1, maxIntervalMs: 1 };

function qubo(n: number): QciFile {
  const data: { i: number; j: number; val: number }[] = [];
  for (let i = 0; i < n; i++) {
    data.push({ i, j: i, val: -1 });
    if (i + 1 < n) data.push({ i, j: i + 1, val: 2 });
  }
  return { file_name: 'chain.json', file_config: { qubo: { num_variables: n, data } } };
}

const client = () => createQciClient({ baseUrl: BASE, refreshToken: QCI_DEMO_REFRESH_TOKEN });

describe('files', () => {
  it('uploads a multi-part file and downloads it identical', async () => {
    const file = qubo(1_200); // 2 399 entries
    const progress: number[] = [];
    const before = mock.state.counters.partUploads;
    const qci = client();
    const id = await qci.uploadFile(file, {
      partSize: 500,
      concurrency: 3,
      onProgress: (p) => progress.push(p.partsUploaded),
    });
    expect(mock.state.counters.partUploads - before).toBe(5);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const downloaded = await qci.downloadFile(id, { concurrency: 2 });
    expect(downloaded.metadata.num_parts).toBe(5);
    expect(downloaded.file_name).toBe('chain.json');
    expect(downloaded.file_config).toEqual(file.file_config);
  });

  it('uploads graphs by slicing nodes and links by the same index, and gzip parts', async () => {
    const nodes = Array.from({ length: 7 }, (_, id) => ({ id }));
    const links = Array.from({ length: 4 }, (_, i) => ({ source: i, target: i + 1 }));
    const file: QciFile = {
      file_config: { graph: { num_nodes: 7, num_edges: 4, directed: false, nodes, links } },
    };
    const qci = client();
    const id = await qci.uploadFile(file, { partSize: 3, compress: true });
    const downloaded = await qci.downloadFile(id);
    expect(downloaded.metadata.num_parts).toBe(3);
    expect(downloaded.file_config).toEqual(file.file_config);
  });

  it('retries a part that fails once, and the file is still complete', async () => {
    let failures = 0;
    server.use(
      http.patch(`${BASE}/optimization/v1/files/:id/contents/2`, () => {
        if (failures > 0) return undefined; // fall through to the mock
        failures += 1;
        return new HttpResponse('<html>502 Bad Gateway</html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        });
      }),
    );
    const file = qubo(30);
    const qci = createQciClient({
      baseUrl: BASE,
      refreshToken: QCI_DEMO_REFRESH_TOKEN,
      retry: { baseDelayMs: 1 },
    });
    const id = await qci.uploadFile(file, { partSize: 20 });
    expect(failures).toBe(1);
    expect((await qci.downloadFile(id)).file_config).toEqual(file.file_config);
  });

  it('rejects a file that is not an input file before sending anything', async () => {
    const qci = client();
    const before = mock.state.files.size;
    await expect(qci.uploadFile({ file_config: { qubo: { num_variables: 2 } } })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(qci.uploadFile({ file_config: { results: { data: [] } } } as QciFile)).rejects.toThrow(
      /not an input type/,
    );
    expect(mock.state.files.size).toBe(before);
  });
});

describe('jobs', () => {
  it('runs a sample-qubo job through its whole lifecycle and reads real results', async () => {
    const qci = client();
    const allocationBefore = (await qci.allocations()).allocations.dirac?.seconds ?? 0;
    const fileId = await qci.uploadFile(qubo(8));
    const statuses: string[] = [];
    let submitted = '';
    const outcome = await qci.runJob(
      { jobType: 'sample-qubo', quboFileId: fileId, num_samples: 5, jobName: 'chain' },
      { ...fast, onSubmitted: (id) => (submitted = id), onProgress: (p) => statuses.push(p.value) },
    );
    expect(outcome.jobId).toBe(submitted);
    expect(statuses).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
    expect(outcome.status).toBe('COMPLETED');
    const results = outcome.results as { counts: number[]; energies: number[]; solutions: number[][] };
    expect(results.counts.reduce((a, b) => a + b, 0)).toBe(5);
    // The best solution of the chain QUBO alternates 1,0,1,0…: energy -4 for 8 variables.
    expect(results.energies[0]).toBe(-4);
    expect(outcome.job.job_status.completed_at_rfc3339nano).toBeDefined();
    expect(outcome.job.job_submission.job_name).toBe('chain');
    const allocationAfter = (await qci.allocations()).allocations.dirac?.seconds ?? 0;
    expect(allocationAfter).toBe(allocationBefore - (outcome.job.job_result?.device_usage_s ?? 0));
    expect(allocationAfter).toBeLessThan(allocationBefore);
  });

  it('runs a sample-hamiltonian-integer job on dirac-3_qudit within the levels', async () => {
    const qci = client();
    const fileId = await qci.uploadFile({
      file_config: {
        polynomial: {
          num_variables: 3,
          min_degree: 1,
          max_degree: 2,
          data: [
            { idx: [0, 1], val: -3 },
            { idx: [0, 2], val: 1 },
            { idx: [1, 3], val: -1 },
          ],
        },
      },
    });
    const jobId = await qci.submitJob({
      jobType: 'sample-hamiltonian-integer',
      polynomialFileId: fileId,
      num_levels: [4, 3, 2],
      num_samples: 3,
    });
    expect(await qci.waitForJob(jobId, fast)).toBe('COMPLETED');
    const { results } = await qci.getJobResults(jobId);
    const solutions = (results as { solutions: number[][] }).solutions;
    for (const x of solutions) {
      expect(x).toHaveLength(3);
      x.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan([4, 3, 2][i] ?? 0);
      });
    }
    // x1 at its top level (3), x2 at 0 and x3 at 1 minimise -3·x1 + x2 - x1·x3: energy -12.
    expect((results as { energies: number[] }).energies[0]).toBe(-12);
  });

  it('refuses to cancel a completed job with a typed error, and cancels a queued one', async () => {
    const qci = client();
    const fileId = await qci.uploadFile(qubo(3));
    const done = await qci.submitJob({ jobType: 'sample-qubo', quboFileId: fileId });
    await qci.waitForJob(done, fast);
    const error = await qci.cancelJob(done).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobNotCancellableError);
    expect((error as JobNotCancellableError).cause).toBeInstanceOf(BadRequestError);

    const pending = await qci.submitJob({ jobType: 'sample-qubo', quboFileId: fileId });
    await qci.cancelJob(pending);
    expect(await qci.getJobStatus(pending)).toBe('CANCELLED');
    expect((await qci.getJob(pending)).job_status.cancelled_at_rfc3339nano).toMatch(/\.\d{6}Z$/);
  });

  it('times out a wait with the last status, losing nothing', async () => {
    const qci = client();
    const fileId = await qci.uploadFile(qubo(3));
    const jobId = await qci.submitJob({ jobType: 'sample-qubo', quboFileId: fileId });
    const error = await qci.waitForJob(jobId, { intervalMs: 5, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const lastValue = (error as WaitTimeoutError<string>).lastValue;
    expect(['QUEUED', 'RUNNING']).toContain(lastValue);
    expect(mock.state.jobs.get(jobId)?.status).toBe(lastValue);
    expect(await qci.waitForJob(jobId, fast)).toBe('COMPLETED');
  });

  it('sends the mock a body that the spec rejects → 400 naming the problem', async () => {
    const qci = client();
    const error = await qci
      .submitJob({
        problem_config: { quadratic_unconstrained_binary_optimization: { qubo_file_id: 'x' } },
        device_config: {},
      } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).serviceMessage).toContain('does not match the spec of submitJob');
  });
});

describe('request timeout', () => {
  it('sends X-Request-Timeout-Nano with the client timeout in nanoseconds, as QCi’s client does', async () => {
    const seen: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => {
      seen.push(request.headers.get('x-request-timeout-nano'));
    });
    const qci = createQciClient({ baseUrl: BASE, refreshToken: QCI_DEMO_REFRESH_TOKEN, timeoutMs: 2_500 });
    await qci.allocations();
    server.events.removeAllListeners();
    // The token exchange and the API call both carry it.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen)).toEqual(new Set(['2500000000']));
  });

  it('aborts a request that outlives the timeout', async () => {
    server.use(http.get(`${BASE}/auth/v1/access-tokens/health`, () => new Promise<never>(() => {})));
    const qci = createQciClient({ baseUrl: BASE, timeoutMs: 20, retry: false });
    const error = await qci.health().catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });
});

describe('tokens', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes the access token before it expires mid-flow: no 401 reaches the user', async () => {
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const exchangesBefore = mock.state.counters.tokenExchanges;
    const unauthorizedBefore = mock.state.counters.unauthorized;
    const qci = client();
    const fileId = await qci.uploadFile(qubo(4));
    expect(mock.state.counters.tokenExchanges - exchangesBefore).toBe(1);
    // 55 minutes later the 1-hour token has less than QCi's 10-minute margin left.
    vi.setSystemTime(new Date('2030-01-01T00:55:00Z'));
    const jobId = await qci.submitJob({ jobType: 'sample-qubo', quboFileId: fileId });
    expect(await qci.waitForJob(jobId, fast)).toBe('COMPLETED');
    expect(mock.state.counters.tokenExchanges - exchangesBefore).toBe(2);
    expect(mock.state.counters.unauthorized - unauthorizedBefore).toBe(0);
  });

  it('recovers when the service revokes a token early: one refresh, one retry', async () => {
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    const qci = client();
    await qci.allocations();
    mock.state.accessTokens.clear(); // the service forgets every token
    const exchangesBefore = mock.state.counters.tokenExchanges;
    expect((await qci.allocations()).allocations.dirac?.metered).toBe(true);
    expect(mock.state.counters.tokenExchanges - exchangesBefore).toBe(1);
  });

  it('reports a refresh token QCi does not accept as an authentication error', async () => {
    const qci = createQciClient({ baseUrl: BASE, refreshToken: 'ffffffffffffffffffffffffffffffff' });
    const error = await qci.allocations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ flow: 'qci-refresh-token', status: 401 });
    expectNoSecrets(error, ['ffffffffffffffffffffffffffffffff']);
  });
});

describe('identifiers and cancel errors', () => {
  it('refuses ids that would change the request path, before sending anything', async () => {
    const qci = client();
    for (const id of ['', '.', '..']) {
      await expect(qci.getJobStatus(id)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(qci.cancelJob(id)).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(qci.downloadFile(id)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
  });

  it('a facade method throws even when the options passed through carry throwOnError: false', async () => {
    const qci = client();
    const stray = { throwOnError: false } as object;
    const missing = '000000000000000000000000';
    await expect(qci.getJob(missing, stray)).rejects.toBeInstanceOf(NotFoundError);
    await expect(qci.getJobStatus(missing, stray)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps a 400 for a job that is not finished as a BadRequestError', async () => {
    const qci = client();
    const fileId = await qci.uploadFile(qubo(3));
    const jobId = await qci.submitJob({ jobType: 'sample-qubo', quboFileId: fileId });
    server.use(
      http.patch(`${BASE}/optimization/v1/jobs/${jobId}`, () =>
        HttpResponse.json({ message: 'malformed cancel body' }, { status: 400 }),
      ),
    );
    const error = await qci.cancelJob(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).not.toBeInstanceOf(JobNotCancellableError);
  });
});

describe('ids and counts the service sends are checked before they steer a request', () => {
  const qubo: QciFile = { file_config: { qubo: { num_variables: 2, data: [{ i: 0, j: 0, val: 1 }] } } };

  it('a created file id that is not an identifier is an unusable answer, and no part is sent', async () => {
    const parts: string[] = [];
    server.use(
      http.post(`${BASE}/optimization/v1/files`, () => HttpResponse.json({ file_id: '..' })),
      http.patch(`${BASE}/optimization/v1/files/*`, ({ request }) => {
        parts.push(request.url);
        return HttpResponse.json({});
      }),
    );
    const error = await client()
      .uploadFile(qubo)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).problem).toBe('missing-field');
    expect(parts).toEqual([]);
  });

  it('a part count no QCi file could have (1e9) is refused before any part is fetched', async () => {
    const parts: string[] = [];
    server.use(
      http.get(`${BASE}/optimization/v1/files/:id`, () =>
        HttpResponse.json({ file_id: '686c59e8acc178773e9913d0', num_parts: 1e9, file_config: { qubo: {} } }),
      ),
      http.get(`${BASE}/optimization/v1/files/:id/contents/:n`, ({ request }) => {
        parts.push(request.url);
        return HttpResponse.json({});
      }),
    );
    const error = await client()
      .downloadFile('686c59e8acc178773e9913d0')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(parts).toEqual([]);
  });

  it('a result file id of ".." in a job record never becomes a path', async () => {
    const jobId = '686c59e8acc178773e9913d1';
    const requested: string[] = [];
    server.use(
      http.get(`${BASE}/optimization/v1/jobs/${jobId}/status`, () =>
        HttpResponse.json({ status: 'COMPLETED' }),
      ),
      http.get(`${BASE}/optimization/v1/jobs/${jobId}`, () =>
        HttpResponse.json({ job_id: jobId, status: 'COMPLETED', job_result: { file_id: '..' } }),
      ),
      http.get(`${BASE}/optimization/v1/files/*`, ({ request }) => {
        requested.push(request.url);
        return HttpResponse.json({});
      }),
    );
    const error = await client()
      .getJobResults(jobId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QcError);
    expect((error as Error).message).toContain('not a valid identifier');
    expect(requested).toEqual([]);
  });
});
