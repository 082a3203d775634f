// The stateful mock itself (exported as @qc/pasqal/msw for users' tests): clock-driven lifecycles, open
// batch timeouts, gzip bodies as the service takes them, the presigned results host, routing.
import { PermissionDeniedError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { createPasqalClient, PASQAL_ENVIRONMENTS, pasqalTokenProvider } from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_USER } from '../src/msw/index.js';
import { FAST, PROJECT_ID, SEQUENCE } from './helpers.js';

const user = { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password };
let clock = Date.parse('2026-03-01T10:00:00Z');

// A clock-driven mock of preprod: jobs move one step per second of the injected clock.
const clocked = createPasqalMock({
  environment: 'preprod',
  advance: 'clock',
  transitionMs: 1000,
  openBatchTimeoutMs: 60_000,
  resultsLinkLifetimeMs: 900_000,
  now: () => clock,
});
// A poll-driven mock of dev whose results host sits on the API's own origin.
const samehost = createPasqalMock({
  environment: 'dev',
  pollsPerTransition: 2,
  resultsBaseUrl: 'https://apis.dev.pasqal.cloud/results-bucket',
});
useTestServer(...clocked.handlers, ...samehost.handlers);

const preprod = createPasqalClient({ environment: 'preprod', auth: user, projectId: PROJECT_ID });
const dev = createPasqalClient({ environment: 'dev', auth: user, projectId: PROJECT_ID });

async function rawToken(environment: 'preprod' | 'dev') {
  return (await pasqalTokenProvider(PASQAL_ENVIRONMENTS[environment], user).getToken()).token;
}

describe('clock-driven lifecycle', () => {
  it('moves jobs PENDING → RUNNING → DONE as the injected clock advances, whoever polls', async () => {
    const batch = await preprod.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 4 }, { runs: 6 }] });
    expect((await preprod.getBatch(batch.id)).status).toBe('PENDING');
    expect((await preprod.getBatch(batch.id)).status).toBe('PENDING'); // polls alone do not move it
    clock += 1000;
    const running = await preprod.listJobs({ batch_id: [batch.id] });
    expect(running.items.map((j) => j.status)).toEqual(['RUNNING', 'RUNNING']);
    clock += 1000;
    const done = await preprod.getBatch(batch.id);
    expect(done.status).toBe('DONE');
    expect(done.start_datetime).toBe(new Date(clock - 1000).toISOString());
    expect(done.end_datetime).toBe(new Date(clock).toISOString());
  });

  it('times out an open batch whose jobs finished and got no company (TIMED_OUT is terminal)', async () => {
    const batch = await preprod.createBatch({ sequence_builder: SEQUENCE, open: true, jobs: [{ runs: 1 }] });
    clock += 2000;
    expect((await preprod.getBatch(batch.id)).status).toBe('RUNNING'); // open: more jobs may come
    clock += 60_000;
    const final = await preprod.waitForBatch(batch.id, FAST);
    expect(final).toMatchObject({ status: 'TIMED_OUT', open: false });
    await expect(preprod.addJobs(batch.id, [{ runs: 1 }])).rejects.toThrow(/open batch/);
  });

  it('expires presigned results links', async () => {
    const batch = await preprod.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 3 }] });
    clock += 2000;
    const jobId = batch.jobs?.[0]?.id as string;
    const link = (await preprod.getJobResultsLink(jobId)) as string;
    expect(link).toMatch(/^https:\/\/qc-mock-pasqal-results-preprod\.s3\.eu-west-3\.amazonaws\.com\//);
    expect((await fetch(link)).status).toBe(200);
    clock += 900_000;
    const expired = await fetch(link);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');
    // The client gets a fresh link each time, so reading results again works.
    expect(await preprod.getJobResults(jobId)).toMatchObject({ counter: expect.any(Object) });
  });

  it('moves workloads on the clock too', async () => {
    const workload = await preprod.createWorkload({
      workload_type: 'qadence_circuit',
      backend: 'pyq',
      config: {},
    });
    clock += 2000;
    expect((await preprod.getWorkload(workload.id)).status).toBe('DONE');
  });
});

describe('poll-driven lifecycle', () => {
  it('moves one step every pollsPerTransition reads', async () => {
    const batch = await dev.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 2 }] });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await dev.getBatch(batch.id)).status);
    expect(seen).toEqual(['PENDING', 'RUNNING', 'RUNNING', 'DONE']);
  });

  it('downloads results without the Authorization header even from the API’s own origin', async () => {
    const batch = await dev.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 9 }] });
    await dev.waitForBatch(batch.id, FAST);
    const jobId = batch.jobs?.[0]?.id as string;
    const result = await dev.getJobResults(jobId);
    expect(Object.values(result?.counter ?? {}).reduce((a, b) => a + b, 0)).toBe(9);
    expect(samehost.state.counters.resultsRefused).toBe(0);

    // The storage host refuses a request that brings a second credential, as S3 does.
    const link = (await dev.getJobResultsLink(jobId)) as string;
    const refused = await fetch(link, { headers: { authorization: `Bearer ${await rawToken('dev')}` } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Only one auth mechanism allowed');
    // And a tampered signature.
    const tampered = new URL(link);
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('reports a refused download with the link’s signature redacted', async () => {
    const batch = await dev.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] });
    await dev.waitForBatch(batch.id, FAST);
    samehost.state.inject('getJobResultsLink', {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        status: 'success',
        code: '200',
        data: {
          results_link:
            'https://apis.dev.pasqal.cloud/results-bucket/x/y/results.json?X-Amz-Signature=deadbeefdeadbeef&X-Amz-Expires=900',
        },
      },
    });
    const failure = await dev.getJobResults(batch.jobs?.[0]?.id as string).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PermissionDeniedError);
    expect((failure as Error).message).not.toContain('deadbeefdeadbeef');
  });
});

describe('gzip request bodies', () => {
  const url = `${PASQAL_ENVIRONMENTS.preprod.coreUrl}/api/v1/batches`;
  const body = JSON.stringify({ project_id: PROJECT_ID, sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] });
  const gzip = async (text: string) =>
    new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
  const send = async (headers: Record<string, string>, payload: BodyInit, path = url) =>
    fetch(path, {
      method: path === url ? 'POST' : 'PATCH',
      headers: {
        authorization: `Bearer ${await rawToken('preprod')}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: payload,
    });

  it('are accepted on createBatch with Content-Encoding: gzip', async () => {
    const response = await send({ 'content-encoding': 'gzip' }, await gzip(body));
    expect(response.status).toBe(200);
    expect((await response.json()).data.jobs).toHaveLength(1);
  });

  it('are refused when the header and the bytes disagree, or on other routes', async () => {
    const declaredOnly = await send({ 'content-encoding': 'gzip' }, body);
    expect(declaredOnly.status).toBe(400);
    const undeclared = await send({}, await gzip(body));
    expect(undeclared.status).toBe(422);
    expect(await undeclared.json()).toEqual({
      detail: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }],
    });
    const brotli = await send({ 'content-encoding': 'br' }, body);
    expect(brotli.status).toBe(400);
    const batch = await preprod.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 1 }] });
    const tags = await send(
      { 'content-encoding': 'gzip' },
      await gzip('["x"]'),
      `${PASQAL_ENVIRONMENTS.preprod.coreUrl}/api/v1/batches/${batch.id}/tags`,
    );
    expect(tags.status).toBe(400);
    expect((await tags.json()).data.description).toContain('createBatch and addJobs only');
  });
});

describe('routing and validation', () => {
  it('serves account routes on the account base only', async () => {
    const token = await rawToken('preprod');
    const wrongBase = await fetch(`${PASQAL_ENVIRONMENTS.preprod.coreUrl}/api/v1/projects`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(wrongBase.status).toBe(404);
    const right = await fetch(`${PASQAL_ENVIRONMENTS.preprod.accountUrl}/api/v1/projects`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(right.status).toBe(200);
    expect((await right.json()).code).toBe(200); // the account API's integer code
  });

  it('checks credentials before the request’s content, and the request against the spec', async () => {
    const bad = `${PASQAL_ENVIRONMENTS.preprod.coreUrl}/api/v2/jobs?limit=1000&order_by_direction=UP`;
    expect((await fetch(bad)).status).toBe(401);
    const refused = await fetch(bad, { headers: { authorization: `Bearer ${await rawToken('preprod')}` } });
    expect(refused.status).toBe(400);
    const issues = ((await refused.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(issues).toEqual(['query parameter "limit"', 'query parameter "order_by_direction"']);
  });

  it('handle() answers only its own environment’s URLs', async () => {
    expect(
      await clocked.handle(new Request('https://apis.pasqal.cloud/core-fast/api/v2/jobs')),
    ).toBeUndefined();
    const answer = await clocked.handle(
      new Request(`${PASQAL_ENVIRONMENTS.preprod.coreUrl}/api/v1/devices/public-specs`),
    );
    expect(answer?.status).toBe(200);
    expect(clocked.state.calls.getPublicDeviceSpecs).toBeGreaterThan(0);
  });
});
