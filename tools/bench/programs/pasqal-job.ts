// A realistic Pasqal program with qc: password-realm login, a batch of two jobs, a wait, the results.
import { createPasqalClient } from '@qc/pasqal';

export async function run(
  username: string,
  password: string,
  projectId: string,
  sequence: string,
): Promise<unknown> {
  const pasqal = createPasqalClient({ environment: 'prod', auth: { username, password }, projectId });
  const batch = await pasqal.createBatch({
    sequence_builder: sequence,
    device_type: 'EMU_MPS',
    jobs: [
      { runs: 100, variables: { omega: [1.2] } },
      { runs: 100, variables: { omega: [2.4] } },
    ],
  });
  const done = await pasqal.waitForBatch(batch.id, { timeoutMs: 30 * 60_000 });
  return pasqal.getBatchResults(done.id);
}
