import type { ProviderBench } from '../provider-bench.js';

export const bench: ProviderBench = {
  program: { label: 'QCi job (@qc/qci)', targetKb: 14 },
  // The auth-stack variants (variants.ts) are QCi calls: they time createQciClient().allocations()
  // against raw fetch of the same URL already.
  read: null,
};
