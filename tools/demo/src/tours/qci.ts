import type { QciService } from '@qc/mock-cloud/mocks/qci';
import { createQciClient } from '@qc/qci';
import { countingFetch, print, type SummaryRow, step, type Traffic } from '../report.js';
import type { Tour } from '../tour.js';

export interface QciTarget {
  baseUrl: string;
  refreshToken: string;
  /** The mock cloud runs on http://127.0.0.1. */
  allowInsecureLoopback: boolean;
}

/** A ring of 24 binary variables that prefer 1 but pay for equal neighbours (optimum -12, alternating). */
function ringQubo(n: number) {
  const data: { i: number; j: number; val: number }[] = [];
  for (let i = 0; i < n; i++) {
    data.push({ i, j: i, val: -1 });
    data.push({ i: Math.min(i, (i + 1) % n), j: Math.max(i, (i + 1) % n), val: 2 });
  }
  return { file_name: 'ring-qubo.json', file_config: { qubo: { num_variables: n, data } } };
}

async function qciTour(target: QciTarget): Promise<SummaryRow[]> {
  print('\nQCi — refresh-token exchange, a QUBO uploaded in parts, a sample-qubo job on Dirac-1\n');
  const traffic: Traffic = { requests: 0, tokenRequests: 0 };
  const qci = createQciClient({ ...target, fetch: countingFetch(traffic) });

  const token = await qci.exchangeRefreshToken(target.refreshToken);
  step(
    `refresh token exchanged: access token valid until ${token.expires_at_rfc3339} (the client refreshes it 10 min ahead)`,
  );
  const before = (await qci.allocations()).allocations.dirac?.seconds;

  const fileId = await qci.uploadFile(ringQubo(24), {
    partSize: 16,
    onProgress: (p) => step(`uploaded part ${p.partsUploaded}/${p.totalParts} (${p.bytesUploaded} bytes)`),
  });
  step(`file ${fileId} stored`);

  const outcome = await qci.runJob(
    { jobType: 'sample-qubo', quboFileId: fileId, num_samples: 5, jobName: 'qc demo ring' },
    {
      intervalMs: 250,
      onSubmitted: (jobId) => step(`job ${jobId} submitted (keep this id: QCi has no job listing)`),
      onProgress: ({ value, elapsedMs }) => step(`status ${value} after ${(elapsedMs / 1000).toFixed(1)} s`),
      timeoutMs: 10 * 60_000,
    },
  );
  const results = outcome.results as { energies?: number[] } | undefined;
  step(
    `best energy ${results?.energies?.[0] ?? 'n/a'}; device time ${outcome.job.job_result?.device_usage_s ?? '?'} s`,
  );
  const after = (await qci.allocations()).allocations.dirac?.seconds;
  step(`allocation ${before ?? '?'} s → ${after ?? '?'} s`);
  return [{ provider: 'QCi', job: `sample-qubo ${outcome.jobId}`, status: outcome.status, ...traffic }];
}

const PROVES = [/QCi +\| sample-qubo .* \| COMPLETED/];

export const tour: Tour<QciTarget> = {
  name: 'QCi',
  proves: PROVES,
  fromMockCloud: ({ qci }: { qci: QciService }) => ({
    baseUrl: qci.baseUrls.api ?? '',
    refreshToken: qci.credentials.refreshToken ?? '',
    allowInsecureLoopback: true,
  }),
  live: {
    required: ['QCI_API_URL', 'QCI_TOKEN'],
    optional: [],
    targets: (value) => ({
      baseUrl: value('QCI_API_URL'),
      refreshToken: value('QCI_TOKEN'),
      allowInsecureLoopback: false,
    }),
  },
  run: qciTour,
  // QCi's API token is what a page may hold: the same tour runs in a page.
  page: {
    proves: PROVES,
    fromMockCloud: async (services) => tour.fromMockCloud(services),
    run: qciTour,
  },
};
