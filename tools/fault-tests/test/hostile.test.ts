import type { ServerResponse } from 'node:http';
import { staticToken } from '@qc/auth';
import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';
import { createAzureQuantumArmClient } from '@qc/azure-quantum-arm';
import {
  InvalidArgumentError,
  NetworkError,
  QcError,
  RateLimitError,
  ServerError,
  SubmissionOutcomeUnknownError,
  UnexpectedResponseError,
} from '@qc/core';
import {
  createPasqalClient,
  PASQAL_ENVIRONMENTS,
  SubmissionOutcomeUnknownError as PasqalOutcomeUnknown,
} from '@qc/pasqal';
import { createQciClient } from '@qc/qci';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rejectionOf, serve, since, type TestServer } from './server.js';

/**
 * Answers a client must not take for success, each from a real socket. Every provider's create call and
 * a read meet each of them; the outcome is a typed error (outcome-unknown for a create) or a bounded wait.
 */
type Hostile =
  | 'html'
  | 'empty-object'
  | 'null'
  | 'truncated'
  | 'dropped'
  | 'redirect-loop'
  | 'retry-after'
  | 'slow';
const HOSTILE: Hostile[] = ['html', 'empty-object', 'null', 'truncated', 'dropped', 'redirect-loop'];
/** Hostile answers to a read: these have no identifier to miss, so `{}` and `null` parse fine. */
const HOSTILE_READS: Hostile[] = ['html', 'truncated', 'dropped', 'redirect-loop'];

let mode: Hostile = 'html';
let server: TestServer;

function answer(response: ServerResponse, url: string): void {
  switch (mode) {
    case 'html':
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Please sign in to the corporate proxy</body></html>');
      return;
    case 'empty-object':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
      return;
    case 'null':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('null');
      return;
    case 'truncated':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data":{"id":"00000000-0000-4000-8000-0000000');
      return;
    case 'dropped':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
      setTimeout(() => response.socket?.destroy(), 20);
      return;
    case 'redirect-loop':
      response.writeHead(302, { location: url });
      response.end();
      return;
    case 'slow': {
      const timer = setTimeout(() => response.end('{}'), 3_000);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    case 'retry-after':
      response.writeHead(503, { 'retry-after': '999999', 'content-type': 'application/json' });
      response.end('{"detail":"maintenance"}');
      return;
  }
}

beforeAll(async () => {
  server = await serve((request, response) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '';
    // Azure's submit flow reaches the job PUT through a SAS and a blob upload, which answer normally.
    if (path.endsWith('/storage/sasUri')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          sasUri: `${server.origin}/blob/job-container?sv=2024-05-04&sig=sas-signature-value`,
        }),
      );
      return;
    }
    if (path.startsWith('/blob/')) {
      response.writeHead(201);
      response.end();
      return;
    }
    answer(response, url);
  });
});
afterAll(() => server.close());

const pasqal = () =>
  createPasqalClient({
    environment: {
      name: 'fault-test',
      coreUrl: `${server.origin}/core`,
      accountUrl: `${server.origin}/account`,
      auth: PASQAL_ENVIRONMENTS.prod.auth,
    },
    auth: staticToken('pasqal-token'),
    projectId: '00000000-0000-4000-8000-000000000001',
    allowInsecureLoopback: true,
    retry: false,
    gzip: false,
  });
const qci = () =>
  createQciClient({
    baseUrl: server.origin,
    auth: staticToken('qci-token'),
    allowInsecureLoopback: true,
    retry: false,
  });
const azure = () =>
  createAzureQuantumClient({
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    resourceGroup: 'rg',
    workspace: 'ws',
    baseUrl: server.origin,
    auth: { apiKey: 'azure-api-key-value' },
    allowInsecureLoopback: true,
    retry: false,
  });
const arm = () =>
  createAzureQuantumArmClient({
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    baseUrl: server.origin,
    auth: staticToken('arm-token'),
    allowInsecureLoopback: true,
    retry: false,
  });

const SEQUENCE = JSON.stringify({ version: '1', name: 'fault-test', register: [], operations: [] });
const JOB_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

describe.each(HOSTILE)('a create answered with %s', (hostile) => {
  it('Pasqal createBatch: outcome unknown, with the tags to search by', async () => {
    mode = hostile;
    const error = await rejectionOf(
      pasqal().createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }], tags: ['fault-test'] }),
    );
    expect(error).toBeInstanceOf(PasqalOutcomeUnknown);
    expect((error as PasqalOutcomeUnknown).tags).toEqual(['fault-test']);
    expect(error.message).toContain('findBatchesSince');
  });

  it('QCi submitJob: outcome unknown', async () => {
    mode = hostile;
    const error = await rejectionOf(
      qci().submitJob({ jobType: 'sample-qubo', quboFileId: '686c59e8acc178773e9913d0' }),
    );
    expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
    expect((error as SubmissionOutcomeUnknownError).operation).toBe('submitJob');
  });

  it('Azure submitJob: outcome unknown, carrying the job id the client chose', async () => {
    mode = hostile;
    const error = await rejectionOf(
      azure().submitJob({
        target: 'ionq.simulator',
        ...ionqCircuit({ qubits: 1, circuit: [{ gate: 'h', target: 0 }] }),
      }),
    );
    expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
    expect((error as SubmissionOutcomeUnknownError).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain('sas-signature-value');
  });

  it('ARM createOrUpdateWorkspace: a typed error', async () => {
    mode = hostile;
    const poller = arm().createOrUpdateWorkspace('rg', 'ws', { location: 'eastus', properties: {} } as never);
    const error = await rejectionOf(poller.pollUntilDone());
    expect(error).toBeInstanceOf(QcError);
    expect([UnexpectedResponseError.name, NetworkError.name]).toContain(error.name);
  });
});

describe.each(HOSTILE_READS)('a read answered with %s', (hostile) => {
  it.each([
    ['Pasqal getBatch', () => pasqal().getBatch('00000000-0000-4000-8000-000000000002')],
    ['QCi getJob', () => qci().getJob('686c59e8acc178773e9913d0')],
    ['Azure getJob', () => azure().getJob(JOB_ID)],
    ['ARM getWorkspace', () => arm().getWorkspace('rg', 'ws')],
  ])('%s: a typed error', async (_name, call) => {
    mode = hostile;
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(QcError);
    const expected =
      hostile === 'dropped' || hostile === 'redirect-loop' ? NetworkError : UnexpectedResponseError;
    expect(error).toBeInstanceOf(expected);
  });
});

describe('Retry-After: 999999', () => {
  it.each([
    [
      'Pasqal',
      () =>
        createPasqalClient({
          environment: {
            name: 'f',
            coreUrl: `${server.origin}/core`,
            accountUrl: `${server.origin}/account`,
            auth: PASQAL_ENVIRONMENTS.prod.auth,
          },
          auth: staticToken('t'),
          allowInsecureLoopback: true,
        }).getBatch('00000000-0000-4000-8000-000000000002'),
    ],
    [
      'QCi',
      () =>
        createQciClient({
          baseUrl: server.origin,
          auth: staticToken('t'),
          allowInsecureLoopback: true,
        }).getJob('686c59e8acc178773e9913d0'),
    ],
    [
      'Azure',
      () =>
        createAzureQuantumClient({
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          resourceGroup: 'rg',
          workspace: 'ws',
          baseUrl: server.origin,
          auth: { apiKey: 'k-value' },
          allowInsecureLoopback: true,
        }).getJob(JOB_ID),
    ],
    [
      'ARM',
      () =>
        createAzureQuantumArmClient({
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          baseUrl: server.origin,
          auth: staticToken('t'),
          allowInsecureLoopback: true,
        }).getWorkspace('rg', 'ws'),
    ],
  ])('%s: the 503 comes back at once instead of a days-long wait', async (_name, call) => {
    mode = 'retry-after';
    const start = performance.now();
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(ServerError);
    expect(since(start)).toBeLessThan(5_000);
  });

  it('a 429 with an HTTP date a year ahead is a RateLimitError carrying the wait, not a sleep', async () => {
    const far = new Date(Date.now() + 365 * 86_400_000).toUTCString();
    const local = await serve((_request, response) => {
      response.writeHead(429, { 'retry-after': far, 'content-type': 'application/json' });
      response.end('{"detail":"slow down"}');
    });
    try {
      const start = performance.now();
      const error = await rejectionOf(
        createQciClient({
          baseUrl: local.origin,
          auth: staticToken('t'),
          allowInsecureLoopback: true,
        }).getJob('686c59e8acc178773e9913d0'),
      );
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(300 * 86_400_000);
      expect(since(start)).toBeLessThan(5_000);
      expect(local.seen).toHaveLength(1);
    } finally {
      await local.close();
    }
  });
});

describe('Azure submitJob tells sent from not sent', () => {
  it('the caller giving up while the job PUT is out: outcome unknown, with the job id', async () => {
    mode = 'slow';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await rejectionOf(
      azure().submitJob({
        target: 'ionq.simulator',
        signal: controller.signal,
        ...ionqCircuit({ qubits: 1, circuit: [{ gate: 'h', target: 0 }] }),
      }),
    );
    expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
    const { id } = error as SubmissionOutcomeUnknownError;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The PUT left before the caller gave up: the server sees it (on a loaded machine, after this
    // settles — wait for it, so the next test's count starts after it).
    await vi.waitFor(
      () =>
        expect(server.seen.some((line) => line.startsWith('PUT') && line.endsWith(`/jobs/${id}`))).toBe(true),
      { timeout: 5_000 },
    );
  });

  it('input that cannot be sent is a plain typed error: nothing reached the service', async () => {
    mode = 'html';
    const before = server.seen.length;
    const error = await rejectionOf(
      azure().submitJob({
        target: 'ionq.simulator',
        ...ionqCircuit({ qubits: 1, circuit: [{ gate: 'h', target: 0 }] }),
        inputParams: { shots: 10n as unknown as number },
      }),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(
      server.seen.slice(before).filter((line) => line.startsWith('PUT') && line.includes('/jobs/')),
    ).toEqual([]);
  });
});
