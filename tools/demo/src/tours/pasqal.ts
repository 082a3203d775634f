import { staticToken } from '@qc/auth';
import type { PasqalService } from '@qc/mock-cloud/mocks/pasqal';
import {
  createPasqalClient,
  type PasqalEnvironment,
  type PasqalEnvironmentName,
  pasqalTokenProvider,
} from '@qc/pasqal';
import { countingFetch, print, type SummaryRow, step, type Traffic } from '../report.js';
import type { Tour } from '../tour.js';

export interface PasqalTarget {
  environment: PasqalEnvironmentName | PasqalEnvironment | string;
  username: string;
  password: string;
  /** A service account (client credentials). */
  clientId: string;
  clientSecret: string;
  projectId: string;
  allowInsecureLoopback: boolean;
}

/** A three-atom Pulser sequence in abstract representation, with one variable (its content is opaque to the API). */
const SEQUENCE = JSON.stringify({
  version: '1',
  name: 'qc-demo-sequence',
  register: [
    { name: 'q0', x: 0, y: 0 },
    { name: 'q1', x: 5, y: 0 },
    { name: 'q2', x: 0, y: 5 },
  ],
  channels: { rydberg_global: 'rydberg_global' },
  variables: { omega: { type: 'float', value: [0] } },
  operations: [],
  measurement: 'ground-rydberg',
  device: { name: 'FRESNEL' },
});

async function pasqalTour(target: PasqalTarget): Promise<SummaryRow[]> {
  print(
    '\nPasqal Cloud — password-realm and service-account logins, an open batch, results by presigned link\n',
  );
  const environment = target.environment as PasqalEnvironmentName | PasqalEnvironment;
  const userTraffic: Traffic = { requests: 0, tokenRequests: 0 };
  const user = createPasqalClient({
    environment,
    auth: { username: target.username, password: target.password },
    projectId: target.projectId,
    fetch: countingFetch(userTraffic),
    allowInsecureLoopback: target.allowInsecureLoopback,
  });
  const me = await user.getAuthInfo();
  step(`logged in with password-realm as ${me.email ?? target.username} (${me.type ?? 'user'})`);

  const serviceTraffic: Traffic = { requests: 0, tokenRequests: 0 };
  const service = createPasqalClient({
    environment,
    auth: { clientId: target.clientId, clientSecret: target.clientSecret },
    projectId: target.projectId,
    fetch: countingFetch(serviceTraffic),
    allowInsecureLoopback: target.allowInsecureLoopback,
  });
  const projects = await service.listProjects();
  step(`logged in as service account ${target.clientId}: ${projects.length} project(s) visible`);

  const batch = await user.createBatch({
    sequence_builder: SEQUENCE,
    device_type: 'EMU_FREE',
    open: true,
    tags: [`qc-demo-${new Date().toISOString().slice(0, 10)}`],
  });
  step(`open batch ${batch.id} created (never retried automatically: duplicate batches cost credits)`);
  await user.addJobs(batch.id, [
    { runs: 50, variables: { omega: [1.2] } },
    { runs: 50, variables: { omega: [2.4] } },
  ]);
  step('2 jobs added; closing the batch so it can finish');
  await user.closeBatch(batch.id);
  const done = await user.waitForBatch(batch.id, {
    intervalMs: 250,
    timeoutMs: 30 * 60_000,
    onProgress: ({ value, elapsedMs }) =>
      step(`batch ${value.status} after ${(elapsedMs / 1000).toFixed(1)} s`),
  });
  const results = await user.getBatchResults(done.id);
  for (const { job, result } of results) {
    const shots = Object.values(result?.counter ?? {}).reduce((sum, n) => sum + Number(n), 0);
    step(
      `job ${job.id} ${job.status}: ${shots} shots in ${Object.keys(result?.counter ?? {}).length} bitstrings (downloaded without the bearer token)`,
    );
  }
  return [
    {
      provider: 'Pasqal',
      job: `batch ${done.id} (${results.length} jobs)`,
      status: done.status,
      ...userTraffic,
    },
    { provider: 'Pasqal', job: 'service-account login', status: 'ok', ...serviceTraffic },
  ];
}

/** What a page holds: an access token obtained elsewhere, never the password. */
export interface PasqalPageTarget {
  environment: PasqalEnvironment;
  accessToken: string;
  projectId: string;
}

const PAGE_SEQUENCE = JSON.stringify({
  version: '1',
  name: 'qc-browser-sequence',
  register: [{ name: 'q0', x: 0, y: 0 }],
  channels: { rydberg_global: 'rydberg_global' },
  variables: {},
  operations: [],
  measurement: 'ground-rydberg',
  device: { name: 'FRESNEL' },
});

async function pasqalPageTour(target: PasqalPageTarget): Promise<SummaryRow[]> {
  print('\nPasqal Cloud — a batch with an access token the page was given\n');
  const traffic: Traffic = { requests: 0, tokenRequests: 0 };
  const pasqal = createPasqalClient({
    environment: target.environment,
    auth: staticToken(target.accessToken),
    projectId: target.projectId,
    fetch: countingFetch(traffic),
    allowInsecureLoopback: true,
  });
  const batch = await pasqal.createBatch({ sequence_builder: PAGE_SEQUENCE, jobs: [{ runs: 10 }] });
  const done = await pasqal.waitForBatch(batch.id, { intervalMs: 50, maxIntervalMs: 200 });
  const results = await pasqal.getBatchResults(batch.id);
  step(`batch ${batch.id} ${done.status}, ${results.filter((r) => r.result !== undefined).length} result(s)`);
  return [{ provider: 'Pasqal', job: `batch ${batch.id}`, status: done.status, ...traffic }];
}

const PROVES = [/Pasqal +\| batch .* \| DONE/];

export const tour: Tour<PasqalTarget, PasqalPageTarget> = {
  name: 'Pasqal',
  proves: PROVES,
  fromMockCloud: ({ pasqal }: { pasqal: PasqalService }) => ({
    environment: pasqal.environment,
    username: pasqal.credentials.username ?? '',
    password: pasqal.credentials.password ?? '',
    clientId: pasqal.credentials.serviceClientId ?? '',
    clientSecret: pasqal.credentials.serviceClientSecret ?? '',
    projectId: pasqal.credentials.projectId ?? '',
    allowInsecureLoopback: true,
  }),
  live: {
    required: [
      'PASQAL_USERNAME',
      'PASQAL_PASSWORD',
      'PASQAL_CLIENT_ID',
      'PASQAL_CLIENT_SECRET',
      'PASQAL_PROJECT_ID',
    ],
    optional: ['PASQAL_ENVIRONMENT'],
    targets: (value) => ({
      environment: value('PASQAL_ENVIRONMENT') || 'prod',
      username: value('PASQAL_USERNAME'),
      password: value('PASQAL_PASSWORD'),
      clientId: value('PASQAL_CLIENT_ID'),
      clientSecret: value('PASQAL_CLIENT_SECRET'),
      projectId: value('PASQAL_PROJECT_ID'),
      allowInsecureLoopback: false,
    }),
  },
  run: pasqalTour,
  page: {
    proves: PROVES,
    // The token is fetched here, beside the mock cloud: the page gets the token, not the password.
    fromMockCloud: async ({ pasqal }: { pasqal: PasqalService }) => {
      const { username = '', password = '', projectId = '' } = pasqal.credentials;
      const token = await pasqalTokenProvider(
        pasqal.environment,
        { username, password },
        { allowInsecureLoopback: true },
      ).getToken();
      return { environment: pasqal.environment, accessToken: token.token, projectId };
    },
    run: pasqalPageTour,
  },
};
