import { createQciClient } from '@qc/qci';
import { field, serviceInfo } from '../mock-cloud/info.js';
import type { ProviderBench } from '../provider-bench.js';

export const bench: ProviderBench = {
  program: { label: 'QCi job (@qc/qci)', targetKb: 14 },
  // The auth-stack variants (variants.ts) are QCi calls: they time createQciClient().allocations()
  // against raw fetch of the same URL already.
  read: null,
  mockCloudRead: async (cloud, fetch) => {
    const qci = serviceInfo(cloud, 'qci');
    const client = createQciClient({
      baseUrl: field(qci.baseUrls, 'api'),
      refreshToken: field(qci.credentials, 'refreshToken'),
      allowInsecureLoopback: true,
      fetch,
    });
    await client.allocations();
  },
};
