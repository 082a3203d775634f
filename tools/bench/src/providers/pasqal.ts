import { staticToken } from '@qc/auth';
import { createPasqalClient, PASQAL_ENVIRONMENTS, type PasqalEnvironment } from '@qc/pasqal';
import { field, serviceInfo } from '../mock-cloud/info.js';
import {
  BENCH_AUTHORIZATION,
  BENCH_TOKEN,
  fixedTransport,
  fixture,
  idOf,
  type ProviderBench,
  rawRead,
} from '../provider-bench.js';

export const bench: ProviderBench = {
  program: { label: 'Pasqal batch (@qc/pasqal)', targetKb: 14 },
  // GET /api/v2/batches/{id} on a bench environment with prod's identity values.
  read: () => {
    const body = fixture('pasqal/get_v2_batches_batch_id.response.json');
    const batchId = (JSON.parse(body) as { data: { id: string } }).data.id;
    const environment: PasqalEnvironment = {
      name: 'bench',
      coreUrl: 'https://apis.pasqal.invalid/core-fast',
      accountUrl: 'https://apis.pasqal.invalid/account',
      auth: PASQAL_ENVIRONMENTS.prod.auth,
    };
    const transport = fixedTransport(body);
    const pasqal = createPasqalClient({
      environment,
      auth: staticToken(BENCH_TOKEN),
      fetch: transport.fetch,
    });
    return {
      raw: rawRead(
        'raw fetch of a Pasqal batch (GET /api/v2/batches/{id})',
        body,
        `${environment.coreUrl}/api/v2/batches/${batchId}`,
        (result) => idOf((result as { data?: unknown }).data) === batchId,
      ),
      facade: {
        label: 'createPasqalClient().getBatch(id)',
        call: () => pasqal.getBatch(batchId),
        check: (result) =>
          idOf(result) === batchId && transport.last()?.headers.get('authorization') === BENCH_AUTHORIZATION,
      },
    };
  },
  // GET /api/v2/batches/{id} of a DONE batch (its jobs' results links signed anew on each read).
  mockCloudRead: async (cloud, fetch) => {
    const pasqal = serviceInfo(cloud, 'pasqal');
    const client = createPasqalClient({
      environment: pasqal.environment as PasqalEnvironment,
      auth: {
        username: field(pasqal.credentials, 'username'),
        password: field(pasqal.credentials, 'password'),
      },
      projectId: field(pasqal.credentials, 'projectId'),
      allowInsecureLoopback: true,
      fetch,
    });
    const batch = await client.createBatch({ sequence_builder: '{"version":"1"}', jobs: [{ runs: 10 }] });
    await client.waitForBatch(batch.id, { intervalMs: 1, maxIntervalMs: 5 });
    await client.getBatch(batch.id);
  },
};
