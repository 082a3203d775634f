// Behaviour found in review: resent cancels, aborted submissions, one bad results link, echoed tokens.
import { staticToken } from '@qc/auth';
import { ServerError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPasqalClient, PASQAL_ENVIRONMENTS, SubmissionOutcomeUnknownError } from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_USER } from '../src/msw/index.js';
import { FAST, PROJECT_ID, SEQUENCE } from './helpers.js';

const mock = createPasqalMock();
const { server } = useTestServer(...mock.handlers);
const auth = { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password };
const pasqal = createPasqalClient({ auth, projectId: PROJECT_ID, retry: { baseDelayMs: 1 } });
const calls = (operationId: string) => mock.state.calls[operationId] ?? 0;

describe('cancels are not resent', () => {
  it('a 502 after the cancel worked surfaces as the 502, not as "cannot be cancelled"', async () => {
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, open: true });
    mock.state.inject('cancelBatch', { status: 502, body: '<html>Bad Gateway</html>', afterEffect: true });
    const before = calls('cancelBatch');
    const error = await pasqal.cancelBatch(batch.id).catch((e: unknown) => e);
    expect(calls('cancelBatch') - before).toBe(1);
    expect(error).toBeInstanceOf(ServerError);
    expect((await pasqal.getBatch(batch.id)).status).toMatch(/CANCEL/);
  });
});

describe('submissions the caller aborts', () => {
  it('report an unknown outcome with the time they were sent, and the batch can be found', async () => {
    mock.state.inject('createBatch', { delayMs: 150 });
    const controller = new AbortController();
    const pending = pasqal.createBatch(
      { sequence_builder: SEQUENCE, jobs: [{ runs: 1 }], tags: ['aborted-submission'] },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const found = await pasqal.findBatchesSince({
      since: (error as SubmissionOutcomeUnknownError).sentAt,
      tag: 'aborted-submission',
    });
    expect(found).toHaveLength(1);
  });
});

describe('getBatchResults', () => {
  it('keeps the other jobs’ results when one download fails', async () => {
    const batch = await pasqal.createBatch({
      sequence_builder: SEQUENCE,
      jobs: [{ runs: 2 }, { runs: 3 }, { runs: 4 }],
    });
    await pasqal.waitForBatch(batch.id, FAST);
    const [first] = (await pasqal.listJobs({ batch_id: [batch.id] })).items;
    const link = await pasqal.getJobResultsLink(first?.id ?? '');
    server.use(http.get(link?.split('?')[0] ?? '', () => new HttpResponse('denied', { status: 403 })));
    const results = await pasqal.getBatchResults(batch.id);
    expect(results).toHaveLength(3);
    const failed = results.filter((r) => r.error !== undefined);
    expect(failed.map((r) => r.job.id)).toEqual([first?.id]);
    const shots = results
      .filter((r) => r.error === undefined)
      .map((r) => Object.values(r.result?.counter ?? {}).reduce((a, b) => a + Number(b), 0))
      .sort();
    const failedRuns = Number((failed[0]?.job as { runs?: number } | undefined)?.runs);
    expect(shots).toEqual([2, 3, 4].filter((runs) => runs !== failedRuns));
  });
});

describe('tokens from any provider', () => {
  it('never appear in an error, even an opaque one the service echoes back', async () => {
    const token = 'opaque-static-token-1234567890';
    server.use(
      http.get(`${PASQAL_ENVIRONMENTS.prod.coreUrl}/api/v2/batches/:id`, () =>
        HttpResponse.json(
          { status: 'fail', code: 401, message: `unknown key ${token}`, data: {} },
          { status: 401 },
        ),
      ),
    );
    const client = createPasqalClient({ auth: staticToken(token), projectId: PROJECT_ID, retry: false });
    const error = await client.getBatch('00000000-0000-4000-8000-000000000001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecrets(error, [token]);
  });
});

describe('presigned results links', () => {
  it('a 403 whose body echoes the link’s X-Amz-Signature (as S3 does) never shows the signature', async () => {
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 2 }] });
    await pasqal.waitForBatch(batch.id, FAST);
    const [job] = (await pasqal.listJobs({ batch_id: [batch.id] })).items;
    const link = (await pasqal.getJobResultsLink(job?.id ?? '')) as string;
    const signature = new URL(link).searchParams.get('X-Amz-Signature') ?? '';
    expect(signature.length).toBeGreaterThan(8);
    server.use(
      http.get(link.split('?')[0] ?? '', ({ request }) => {
        const echoed = new URL(request.url).searchParams.get('X-Amz-Signature');
        return new HttpResponse(
          `<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><SignatureProvided>${echoed}</SignatureProvided></Error>`,
          { status: 403, headers: { 'content-type': 'application/xml' } },
        );
      }),
    );
    const error = await pasqal.getJobResults(job?.id ?? '').catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(403);
    expectNoSecrets(error, [signature]);
  });
});
