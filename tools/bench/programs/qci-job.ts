// A realistic QCi program: refresh-token auth, a QUBO uploaded in parts, a job, its results.
import { createQciClient } from '@qc/qci';

export async function run(baseUrl: string, refreshToken: string): Promise<unknown> {
  const qci = createQciClient({ baseUrl, refreshToken });
  const fileId = await qci.uploadFile({
    file_config: { qubo: { num_variables: 2, data: [{ i: 0, j: 1, val: -1 }] } },
  });
  const outcome = await qci.runJob({ jobType: 'sample-qubo', quboFileId: fileId }, { timeoutMs: 600_000 });
  return outcome.results;
}
