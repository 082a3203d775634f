// A consumer of @qc/pasqal alone (no QCi, no Azure), checked with strict TypeScript (nodenext and
// bundler resolution) and run against the mock cloud.
import {
  createPasqalClient,
  PASQAL_ENVIRONMENTS,
  type PasqalEnvironment,
  TERMINAL_STATUSES,
} from '@qc/pasqal';

const origin = process.env.QC_MOCK_ORIGIN;
if (!origin) throw new Error('QC_MOCK_ORIGIN is not set');
const environment: PasqalEnvironment = {
  name: 'mock-cloud',
  coreUrl: `${origin}/pasqal/core-fast`,
  accountUrl: `${origin}/pasqal/account`,
  auth: { ...PASQAL_ENVIRONMENTS.prod.auth, tokenUrl: `${origin}/pasqal/oauth/token` },
};
const pasqal = createPasqalClient({
  environment,
  auth: { username: process.env.QC_PASQAL_USERNAME ?? '', password: process.env.QC_PASQAL_PASSWORD ?? '' },
  projectId: process.env.QC_PASQAL_PROJECT_ID ?? '',
  allowInsecureLoopback: true,
});
const sequence = JSON.stringify({ version: '1', name: 'consumer', register: [], operations: [] });
const batch = await pasqal.createBatch({ sequence_builder: sequence, jobs: [{ runs: 5 }] });
const done = await pasqal.waitForBatch(batch.id, { intervalMs: 1, maxIntervalMs: 5 });
if (!TERMINAL_STATUSES.has(done.status)) throw new Error(`batch not finished: ${done.status}`);
const results = await pasqal.getBatchResults(done.id);
console.log(`@qc/pasqal consumer: batch ${done.id} ${done.status}, ${results.length} job result(s)`);
