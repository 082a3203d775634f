import { createQciMock, QCI_DEMO_REFRESH_TOKEN, type QciMockState } from '@qc/qci/msw';
import type { MockMount, MountedService } from '../services.js';

export type QciService = MountedService & { state: QciMockState };

export const mount: MockMount<QciService> = ({ url, validateResponses }) => {
  const qci = createQciMock({ baseUrl: url('api'), validateResponses });
  return {
    baseUrls: { api: url('api') },
    credentials: { refreshToken: QCI_DEMO_REFRESH_TOKEN },
    handle: qci.handle,
    state: qci.state,
  };
};
