// A consumer of @qc/qci alone, checked with strict TypeScript (nodenext and bundler resolution) and
// run against the mock cloud.
import { createQciClient, JobNotCancellableError, type QciJobRequest } from '@qc/qci';

const url = process.env.QC_QCI_API;
if (!url) throw new Error('QC_QCI_API is not set');
const qci = createQciClient({
  baseUrl: url,
  refreshToken: process.env.QC_QCI_REFRESH_TOKEN ?? '',
  allowInsecureLoopback: true,
});
const fileId = await qci.uploadFile({
  file_config: { qubo: { num_variables: 2, data: [{ i: 0, j: 1, val: -1 }] } },
});
const job: QciJobRequest = { jobType: 'sample-qubo', quboFileId: fileId, num_samples: 2 };
const outcome = await qci.runJob(job, { intervalMs: 1 });
if (outcome.status !== 'COMPLETED') throw new Error(`expected COMPLETED, got ${outcome.status}`);
const cancel = await qci.cancelJob(outcome.jobId).catch((error: unknown) => error);
if (!(cancel instanceof JobNotCancellableError)) throw new Error('expected JobNotCancellableError');
console.log(`@qc/qci consumer: job ${outcome.jobId} ${outcome.status}`);
