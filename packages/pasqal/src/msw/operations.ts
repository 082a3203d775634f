// Every operation of specs/pasqal-cloud.yaml in the mock, gathered from the concepts' routes.
import type { MockContext, MockOperation } from '@qc/core/contract';
import { accountRoutes } from './account.js';
import { batchRoutes } from './batches.js';
import { deviceRoutes } from './devices.js';
import type { Principal } from './identity.js';
import { jobRoutes } from './jobs.js';
import type { PasqalMockState } from './state.js';
import { workloadRoutes } from './workloads.js';

/** The implementation of every operation of specs/pasqal-cloud.yaml over a {@link PasqalMockState}. */
export function pasqalOperations(
  state: PasqalMockState,
  principalOf: (request: Request) => Principal | undefined,
): { core: Record<string, MockOperation>; account: Record<string, MockOperation> } {
  const userOf = (ctx: MockContext) => principalOf(ctx.request)?.subject ?? 'anonymous';
  return {
    core: {
      ...batchRoutes(state, userOf),
      ...jobRoutes(state),
      ...workloadRoutes(state, userOf),
      ...deviceRoutes(),
    },
    account: accountRoutes(state, principalOf),
  };
}
