// A consumer of @qc/pasqal alone (no QCi, no Azure), checked with strict TypeScript (nodenext and
// bundler resolution) and run against the mock cloud.
import {
  createPasqalClient,
  PASQAL_ENVIRONMENTS,
  type PasqalEnvironment,
  TERMINAL_STATUSES,
} from '@qc/pasqal';

const { QC_PASQAL_CORE: coreUrl, QC_PASQAL_ACCOUNT: accountUrl, QC_PASQAL_TOKEN: tokenUrl } = process.env;
if (!coreUrl || !accountUrl || !tokenUrl) throw new Error('QC_PASQAL_CORE, _ACCOUNT and _TOKEN must be set');
const environment: PasqalEnvironment = {
  name: 'mock-cloud',
  coreUrl,
  accountUrl,
  auth: { ...PASQAL_ENVIRONMENTS.prod.auth, tokenUrl },
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
