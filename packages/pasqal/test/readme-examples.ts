// The README's examples, type-checked by `tsc -p tsconfig.json` (never run: they would call Pasqal).

import { setupServer } from 'msw/node';
import {
  createPasqalClient,
  getAuthInfo,
  listJobs,
  NotFoundError,
  pasqalErrorDetails,
  SubmissionOutcomeUnknownError,
  UnprocessableEntityError,
} from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_PROJECT_ID, PASQAL_DEMO_USER } from '../src/msw/index.js';

declare const serializedSequence: string;

export async function runABatch(): Promise<void> {
  const pasqal = createPasqalClient({
    environment: 'prod',
    auth: { username: 'ada@example.com', password: process.env.PASQAL_PASSWORD ?? '' },
    projectId: '8d0f0e34-3f4c-4d2a-9a55-1c2b3d4e5f60',
  });
  const batch = await pasqal.createBatch({
    sequence_builder: serializedSequence,
    device_type: 'EMU_MPS',
    open: true,
    tags: ['scan-2026-03-01'],
  });
  await pasqal.addJobs(batch.id, [
    { runs: 500, variables: { omega: 1.2 } },
    { runs: 500, variables: { omega: 2.4 } },
  ]);
  await pasqal.closeBatch(batch.id);
  const done = await pasqal.waitForBatch(batch.id, {
    timeoutMs: 30 * 60_000,
    onProgress: ({ value }) => console.log(value.status, value.jobs_count_per_status),
  });
  for (const { job, result } of await pasqal.getBatchResults(done.id)) {
    console.log(job.id, job.status, result?.counter);
  }
}

export async function lookBeforeResending(): Promise<void> {
  const pasqal = createPasqalClient({ auth: { clientId: 'id', clientSecret: 'secret' } });
  const tag = `run-${crypto.randomUUID()}`;
  try {
    await pasqal.createBatch({ sequence_builder: serializedSequence, jobs: [{ runs: 100 }], tags: [tag] });
  } catch (error) {
    if (!(error instanceof SubmissionOutcomeUnknownError)) throw error;
    const found = await pasqal.findBatchesSince({ since: error.sentAt, tag });
    if (found.length === 0) {
      await pasqal.createBatch({ sequence_builder: serializedSequence, jobs: [{ runs: 100 }], tags: [tag] });
    }
  }
}

export async function errors(): Promise<void> {
  const pasqal = createPasqalClient({ auth: { username: 'u', password: 'p' } });
  try {
    await pasqal.getBatch('00000000-0000-4000-8000-000000000000');
  } catch (error) {
    const details = pasqalErrorDetails(error);
    if (error instanceof NotFoundError) console.log(details?.description);
    else if (error instanceof UnprocessableEntityError) console.log(details?.validationIssues);
    else throw error;
  }
}

export async function generatedFunctions(): Promise<void> {
  const pasqal = createPasqalClient({ auth: { username: 'u', password: 'p' } });
  const { data, response } = await listJobs({
    client: pasqal.client,
    query: { status: ['ERROR'], limit: 10 },
  });
  console.log(data.pagination.total, response.headers.get('content-range'));
  const me = await getAuthInfo({ client: pasqal.accountClient });
  console.log(me.data.email);
}

export function testingWithTheMock(): void {
  const mock = createPasqalMock({ environment: 'preprod' });
  const server = setupServer(...mock.handlers);
  server.listen();
  const client = createPasqalClient({
    environment: 'preprod',
    auth: { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password },
    projectId: PASQAL_DEMO_PROJECT_ID,
  });
  mock.state.inject('createBatch', { status: 504, body: { detail: 'upstream timeout' }, afterEffect: true });
  void client;
}
