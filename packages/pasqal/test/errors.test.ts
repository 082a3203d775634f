// Every error shape: JSend fail and error envelopes, FastAPI's 422 detail, spec violations, proxies' HTML,
// network failures, 401 refresh; and the submission rules: never retried, outcome-unknown after a
// timeout or a 5xx, with the way to look before resending.
import {
  AuthenticationError,
  BadRequestError,
  SubmissionOutcomeUnknownError as CoreSubmissionOutcomeUnknownError,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createPasqalClient,
  getBatch,
  PASQAL_ENVIRONMENTS,
  pasqalErrorDetails,
  SubmissionOutcomeUnknownError,
} from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_USER } from '../src/msw/index.js';
import { FAST, PROJECT_ID, SEQUENCE } from './helpers.js';

const CORE = PASQAL_ENVIRONMENTS.prod.coreUrl;
const mock = createPasqalMock();
const { server } = useTestServer(...mock.handlers);
const auth = { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password };
const pasqal = createPasqalClient({ auth, projectId: PROJECT_ID, retry: { baseDelayMs: 1 } });
const MISSING = '00000000-0000-4000-8000-000000000404';

const calls = (operationId: string) => mock.state.calls[operationId] ?? 0;

describe('JSend envelopes', () => {
  it('a facade method throws even when the options passed through carry throwOnError: false', async () => {
    const stray = { throwOnError: false } as object;
    await expect(pasqal.getBatch(MISSING, stray)).rejects.toBeInstanceOf(NotFoundError);
    await expect(pasqal.getJob(MISSING, stray)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('fail 404: NotFoundError with the envelope’s code, message and description', async () => {
    const error = await pasqal.getBatch(MISSING).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: '404', serviceMessage: `Batch ${MISSING} not found` });
    expect(pasqalErrorDetails(error)).toEqual({
      jsendStatus: 'fail',
      code: '404',
      message: 'Not Found',
      description: `Batch ${MISSING} not found`,
      data: { description: `Batch ${MISSING} not found` },
    });
    expect((error as Error).message).toBe(
      `GET ${CORE}/api/v2/batches/${MISSING} failed with HTTP 404 [404] Batch ${MISSING} not found`,
    );
  });

  it('fail 422 whose description is a list of validation issues', async () => {
    const error = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(pasqalErrorDetails(error)?.validationIssues).toEqual([
      {
        loc: ['body', 'jobs'],
        msg: 'at least one job is required unless the batch is open',
        type: 'value_error',
      },
    ]);
    expect((error as Error).message).toContain(
      'body.jobs: at least one job is required unless the batch is open',
    );
  });

  it('fail 403: not a member of the project', async () => {
    const error = await pasqal
      .createBatch({
        project_id: '11111111-2222-4333-8444-555555555555',
        sequence_builder: SEQUENCE,
        jobs: [{ runs: 1 }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(pasqalErrorDetails(error)?.description).toContain('not a member of project');
  });

  it('error 500: a GET is retried, then the ServerError keeps the envelope', async () => {
    const before = calls('getJob');
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] });
    mock.state.inject('getJob', {
      status: 500,
      body: {
        status: 'error',
        message: 'Internal Server Error',
        code: 500,
        data: { description: 'database unavailable' },
      },
      times: 10,
    });
    const error = await pasqal.getJob(batch.jobs?.[0]?.id as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, code: '500', serviceMessage: 'database unavailable' });
    expect(pasqalErrorDetails(error)?.jsendStatus).toBe('error');
    expect(calls('getJob') - before).toBe(4); // the first try and three retries
    mock.state.clearFaults('getJob');
  });

  it('a 401 from the API gets one token refresh and a resend', async () => {
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] });
    const issued = mock.identity.counters.tokensIssued;
    mock.state.inject('getBatch', {
      status: 401,
      body: { status: 'fail', message: 'Unauthorized', code: '401', data: { description: 'Token expired' } },
    });
    expect((await pasqal.getBatch(batch.id)).id).toBe(batch.id);
    expect(mock.identity.counters.tokensIssued).toBe(issued + 1);
  });

  it('a 401 that persists is an AuthenticationError', async () => {
    mock.state.inject('getDeviceSpecs', {
      status: 401,
      body: { status: 'fail', message: 'Unauthorized', code: 401, data: null },
      times: 2,
    });
    const error = await pasqal.getDeviceSpecs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(pasqalErrorDetails(error)).toMatchObject({ code: '401', message: 'Unauthorized', data: null });
  });
});

describe('FastAPI’s 422 detail', () => {
  it('becomes an UnprocessableEntityError with the issues', async () => {
    mock.state.inject('listJobs', {
      status: 422,
      body: {
        detail: [
          {
            loc: ['query', 'limit'],
            msg: 'ensure this value is less than or equal to 100',
            type: 'value_error',
          },
          {
            loc: ['query', 'status', 0],
            msg: 'value is not a valid enumeration member',
            type: 'type_error.enum',
          },
        ],
      },
    });
    const error = await pasqal.listJobs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, code: undefined });
    expect(pasqalErrorDetails(error)?.validationIssues?.map((i) => i.loc)).toEqual([
      ['query', 'limit'],
      ['query', 'status', 0],
    ]);
    expect((error as Error).message).toContain(
      'query.limit: ensure this value is less than or equal to 100; query.status.0: value is not a valid enumeration member',
    );
  });

  it('a plain detail string is the description', async () => {
    mock.state.inject('listDevices', { status: 403, body: { detail: 'Not authenticated' } });
    const error = await pasqal.listDevices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(pasqalErrorDetails(error)?.description).toBe('Not authenticated');
  });
});

describe('other failures', () => {
  it('a request that breaks the spec is refused by the mock with a 400 naming the issue', async () => {
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, open: true });
    const error = await pasqal.addJobs(batch.id, [{ runs: 0 }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toContain('does not match the spec of addJobs');
  });

  it('jobs with both their own sequence and variables are refused before sending', async () => {
    const before = calls('createBatch');
    await expect(
      pasqal.createBatch({
        sequence_builder: SEQUENCE,
        jobs: [{ runs: 1, sequence: SEQUENCE, variables: { a: 1 } }],
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(calls('createBatch')).toBe(before);
  });

  it('an HTML page from a proxy is a ServerError with a short excerpt', async () => {
    server.use(
      http.get(
        `${CORE}/api/v1/devices/specs`,
        () =>
          new HttpResponse('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const client = createPasqalClient({ auth, retry: false });
    const error = await client.getDeviceSpecs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).bodyExcerpt).toBe('502 Bad Gateway nginx');
    expect(pasqalErrorDetails(error)).toEqual({});
  });

  it('a connection failure is a NetworkError; a 429 with Retry-After is waited for', async () => {
    server.use(http.get(`${CORE}/api/v1/devices/public-specs`, () => HttpResponse.error(), { once: true }));
    const noRetry = createPasqalClient({ retry: false });
    await expect(noRetry.getPublicDeviceSpecs()).rejects.toBeInstanceOf(NetworkError);
    mock.state.inject('getPublicDeviceSpecs', {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { detail: 'slow down' },
    });
    expect((await pasqal.getPublicDeviceSpecs()).length).toBeGreaterThan(0);
  });

  it('secrets never appear in errors', async () => {
    mock.state.inject('listBatches', {
      status: 400,
      body: {
        status: 'fail',
        message: `bad password ${auth.password}`,
        code: 400,
        data: { description: auth.password },
      },
    });
    const error = await pasqal.listBatches().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expectNoSecrets(error, [auth.password]);
  });
});

describe('submissions', () => {
  it('createBatch is never retried: a 502 after the service created the batch is outcome-unknown', async () => {
    const before = calls('createBatch');
    mock.state.inject('createBatch', { status: 502, body: '<html>Bad Gateway</html>', afterEffect: true });
    const error = await pasqal
      .createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 7 }], tags: ['run-502'] })
      .catch((e: unknown) => e);
    expect(calls('createBatch') - before).toBe(1);
    expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
    const unknown = error as SubmissionOutcomeUnknownError;
    expect(unknown.cause).toBeInstanceOf(ServerError);
    expect(unknown.tags).toEqual(['run-502']);
    expect(unknown.message).toContain('list the batches created since');
    expect(unknown.message).toContain('with tag "run-502"');
    // What the caller should do: look before resending.
    const found = await pasqal.findBatchesSince({ since: unknown.sentAt, tag: 'run-502' });
    expect(found.map((b) => b.jobs_count)).toEqual([1]);
  });

  it('createBatch has a longer time limit than reads; past it the outcome is unknown, not retried', async () => {
    const client = createPasqalClient({ auth, projectId: PROJECT_ID, timeoutMs: 20, submitTimeoutMs: 80 });
    // 50 ms is too slow for a read but fine for a submission.
    mock.state.inject('createBatch', { delayMs: 50 });
    const ok = await client.createBatch({
      sequence_builder: SEQUENCE,
      jobs: [{ runs: 1 }],
      tags: ['slow-ok'],
    });
    expect(ok.tags).toEqual(['slow-ok']);
    // A read that runs out of time is retried (reads are idempotent) and fails only when every attempt does.
    const patient = createPasqalClient({
      auth,
      projectId: PROJECT_ID,
      timeoutMs: 20,
      retry: { baseDelayMs: 1 },
    });
    mock.state.inject('getBatch', { delayMs: 50, times: 10 });
    const readsBefore = calls('getBatch');
    const readError = await patient.getBatch(ok.id).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(TimeoutError);
    expect(calls('getBatch') - readsBefore).toBe(4);
    mock.state.clearFaults('getBatch');
    mock.state.inject('getBatch', { delayMs: 50, times: 1 });
    expect((await patient.getBatch(ok.id)).id).toBe(ok.id);
    mock.state.clearFaults('getBatch');

    const before = calls('createBatch');
    mock.state.inject('createBatch', { delayMs: 200 });
    const error = await client
      .createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }], tags: ['slow-timeout'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(TimeoutError);
    expect(calls('createBatch') - before).toBe(1);
    const found = await pasqal.findBatchesSince({
      since: (error as SubmissionOutcomeUnknownError).sentAt,
      tag: 'slow-timeout',
    });
    expect(found).toHaveLength(1); // it was created: resending would have made a duplicate
  });

  it('addJobs is never retried either; its outcome-unknown error names the batch', async () => {
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, open: true });
    mock.state.inject('addJobs', { status: 504, body: { detail: 'upstream timeout' }, afterEffect: true });
    const before = calls('addJobs');
    const error = await pasqal.addJobs(batch.id, [{ runs: 3 }]).catch((e: unknown) => e);
    expect(calls('addJobs') - before).toBe(1);
    expect(error).toMatchObject({ operation: 'addJobs', batchId: batch.id });
    expect((error as Error).message).toContain(`list the jobs of batch ${batch.id}`);
    expect((await pasqal.listJobs({ batch_id: [batch.id] })).items).toHaveLength(1);
  });

  it('even an explicit retry opt-in header does not make a POST retried', async () => {
    mock.state.inject('createBatch', { status: 503, body: { detail: 'maintenance' } });
    const before = calls('createBatch');
    const result = await pasqal.client.post({
      url: '/api/v1/batches',
      headers: { 'x-qc-retry': 'idempotent', 'content-type': 'application/json' },
      body: { project_id: PROJECT_ID, sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] },
      security: [{ scheme: 'bearer', type: 'http' }],
      throwOnError: false,
    });
    // A 5xx to a submission leaves its outcome unknown, whichever way it was sent.
    expect(result.error).toBeInstanceOf(CoreSubmissionOutcomeUnknownError);
    expect((result.error as Error).cause).toBeInstanceOf(ServerError);
    expect(calls('createBatch') - before).toBe(1);
  });

  it('the generated functions return the same typed errors with throwOnError: false', async () => {
    const result = await getBatch({
      client: pasqal.client,
      path: { batch_id: MISSING },
      throwOnError: false,
    });
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(NotFoundError);
    expect(pasqalErrorDetails(result.error)?.code).toBe('404');
  });

  it('waits are quick in tests', async () => {
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] });
    expect((await pasqal.waitForBatch(batch.id, FAST)).status).toBe('DONE');
  });
});
