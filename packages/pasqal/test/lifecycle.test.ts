// The whole lifecycle through the public API, once per way of logging in: token → create an open
// batch → add jobs → close → wait → results, against the stateful mock of the matching environment.
import { staticToken } from '@qc/auth';
import { useTestServer } from '@qc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPasqalClient,
  PASQAL_ENVIRONMENTS,
  type PasqalAuth,
  type PasqalEnvironmentName,
  pasqalTokenProvider,
} from '../src/index.js';
import {
  createPasqalMock,
  PASQAL_DEMO_SERVICE_ACCOUNT,
  PASQAL_DEMO_USER,
  type PasqalMock,
} from '../src/msw/index.js';
import { FAST, PROJECT_ID, SEQUENCE } from './helpers.js';

const mocks = {
  prod: createPasqalMock({ environment: 'prod' }),
  'sa-prod': createPasqalMock({ environment: 'sa-prod' }),
} satisfies Partial<Record<PasqalEnvironmentName, PasqalMock>>;
useTestServer(...mocks.prod.handlers, ...mocks['sa-prod'].handlers);

const user: PasqalAuth = { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password };
const serviceAccount: PasqalAuth = {
  clientId: PASQAL_DEMO_SERVICE_ACCOUNT.clientId,
  clientSecret: PASQAL_DEMO_SERVICE_ACCOUNT.clientSecret,
};

beforeEach(() => {
  for (const mock of Object.values(mocks)) {
    mock.state.counters.gzipBodies = 0;
    mock.state.counters.resultsDownloads = 0;
    mock.state.counters.resultsRefused = 0;
  }
});

const flows: [string, 'prod' | 'sa-prod', () => PasqalAuth][] = [
  ['an Auth0 user (password-realm)', 'prod', () => user],
  ['an Auth0 service account (client credentials)', 'prod', () => serviceAccount],
  ['a Keycloak user (password grant, sa-prod)', 'sa-prod', () => user],
  ['a Keycloak service account (client credentials, sa-prod)', 'sa-prod', () => serviceAccount],
];

describe.each(flows)('lifecycle as %s', (_name, environment, auth) => {
  it('logs in, creates an open batch, adds jobs, closes it, waits and reads every result', async () => {
    const mock = mocks[environment];
    const tokensBefore = mock.identity.counters.tokensIssued;
    const pasqal = createPasqalClient({ environment, auth: auth(), projectId: PROJECT_ID });

    const info = await pasqal.getAuthInfo();
    expect(info.projects).toEqual([PROJECT_ID]);
    expect(mock.identity.counters.tokensIssued).toBe(tokensBefore + 1);

    const created = await pasqal.createBatch({
      sequence_builder: SEQUENCE,
      device_type: 'EMU_FREE',
      open: true,
      tags: ['lifecycle'],
    });
    expect(created).toMatchObject({ status: 'PENDING', open: true, project_id: PROJECT_ID, jobs: [] });

    const afterFirst = await pasqal.addJobs(created.id, [{ runs: 50, variables: { omega: 1.2 } }]);
    expect(afterFirst.jobs).toHaveLength(1);
    const afterSecond = await pasqal.addJobs(created.id, [
      { runs: 20, variables: { omega: 2.4 } },
      { runs: 30, variables: { omega: 3.6 } },
    ]);
    expect(afterSecond.jobs?.map((job) => job.runs)).toEqual([50, 20, 30]);
    // createBatch and both addJobs went out gzip-compressed, as Pasqal's SDK sends them.
    expect(mock.state.counters.gzipBodies).toBe(3);

    const closed = await pasqal.closeBatch(created.id);
    expect(closed.open).toBe(false);
    expect(closed.complete).toBe(true);

    const statuses: string[] = [];
    const done = await pasqal.waitForBatch(created.id, {
      ...FAST,
      timeoutMs: 10_000,
      onProgress: ({ value }) => statuses.push(value.status),
    });
    expect(done.status).toBe('DONE');
    expect(statuses).toEqual(['RUNNING', 'DONE']);
    expect(done.jobs_count_per_status).toMatchObject({ DONE: 3 });

    const results = await pasqal.getBatchResults(created.id);
    expect(results.map(({ job }) => job.runs)).toEqual([50, 20, 30]);
    for (const { job, result } of results) {
      const shots = Object.values(result?.counter ?? {}).reduce((a, b) => a + b, 0);
      expect(shots).toBe(job.runs);
      expect(result?.raw).toHaveLength(job.runs);
    }
    // Downloaded from the presigned host, never with the Authorization header (it would refuse it).
    expect(mock.state.counters.resultsDownloads).toBe(3);
    expect(mock.state.counters.resultsRefused).toBe(0);

    const one = await pasqal.getJobResults(results[0]?.job.id as string);
    expect(one?.counter).toEqual(results[0]?.result?.counter);
  });
});

describe('lifecycle with a provider of your own', () => {
  it('uses any @qc/auth provider (a token obtained elsewhere)', async () => {
    // A token obtained by other means (here: the user flow of the same environment), used as is.
    const token = await pasqalTokenProvider(PASQAL_ENVIRONMENTS.prod, user).getToken();
    const pasqal = createPasqalClient({
      environment: 'prod',
      auth: staticToken(token.token),
      projectId: PROJECT_ID,
    });
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 10 }] });
    const job = await pasqal.waitForJob(batch.jobs?.[0]?.id as string, FAST);
    expect(job.status).toBe('DONE');
    expect(job.sequence).toBe(SEQUENCE);
    const result = await pasqal.getJobResults(job.id);
    expect(Object.values(result?.counter ?? {}).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('sends no gzip when turned off', async () => {
    const pasqal = createPasqalClient({
      environment: 'prod',
      auth: user,
      projectId: PROJECT_ID,
      gzip: false,
    });
    await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 10 }] });
    expect(mocks.prod.state.counters.gzipBodies).toBe(0);
  });
});
