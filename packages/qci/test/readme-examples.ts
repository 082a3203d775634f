// The README's examples, type-checked by `tsc -p tsconfig.json` (never run: they would call QCi).

import { setupServer } from 'msw/node';
import { createQciClient, getFile } from '../src/index.js';
import { createQciMock, QCI_DEMO_REFRESH_TOKEN } from '../src/msw/index.js';

export async function solveQubo(): Promise<void> {
  const qci = createQciClient({ refreshToken: process.env.QCI_TOKEN });
  const fileId = await qci.uploadFile(
    {
      file_name: 'small.json',
      file_config: {
        qubo: {
          num_variables: 2,
          data: [
            { i: 0, j: 0, val: -1 },
            { i: 0, j: 1, val: 2 },
            { i: 1, j: 1, val: -1 },
          ],
        },
      },
    },
    { concurrency: 4, onProgress: (p) => console.log(`part ${p.partsUploaded}/${p.totalParts}`) },
  );
  const outcome = await qci.runJob(
    { jobType: 'sample-qubo', quboFileId: fileId, num_samples: 10 },
    {
      onSubmitted: (jobId) => console.log(`submitted ${jobId}`),
      onProgress: ({ value, elapsedMs }) => console.log(`${value} after ${elapsedMs} ms`),
      timeoutMs: 10 * 60_000,
    },
  );
  if (outcome.status === 'COMPLETED') console.log(outcome.results);
}

export async function generatedSdk(): Promise<void> {
  const qci = createQciClient();
  const { data } = await getFile({
    client: qci.client,
    path: { file_id: '686c59e8acc178773e9913d0' },
  });
  console.log(data.num_parts);
}

export async function mockQci(): Promise<void> {
  const mock = createQciMock();
  const server = setupServer(...mock.handlers);
  server.listen();
  const qci = createQciClient({ baseUrl: 'https://api.qci-prod.com', refreshToken: QCI_DEMO_REFRESH_TOKEN });
  console.log(await qci.allocations(), mock.state.counters.tokenExchanges);
  server.close();
}

// Root README: per-call options.
export async function perCallOptions(): Promise<void> {
  const qci = createQciClient({ refreshToken: process.env.QCI_TOKEN });
  const allocations = await qci.allocations({
    timeoutMs: 5_000,
    retry: false,
    onResponse: (info) => console.log(info.status, info.requestId, info.attempts),
  });
  console.log(allocations);
}
