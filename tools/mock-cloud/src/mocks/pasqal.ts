import { PASQAL_ENVIRONMENTS, type PasqalEnvironment } from '@qc/pasqal';
import {
  createPasqalMock,
  PASQAL_DEMO_PROJECT_ID,
  PASQAL_DEMO_SERVICE_ACCOUNT,
  PASQAL_DEMO_USER,
  type PasqalMock,
} from '@qc/pasqal/msw';
import type { MockMount, MountedService } from '../services.js';

export type PasqalService = MountedService & { mock: PasqalMock; environment: PasqalEnvironment };

// A custom environment on the mock cloud, with prod's Auth0 values (client id, realm, audience) and
// its token endpoint, core and account APIs and presigned results host beside it.
export const mount: MockMount<PasqalService> = ({ url, validateResponses }) => {
  const base = url('pasqal');
  const environment: PasqalEnvironment = {
    name: 'mock-cloud',
    coreUrl: `${base}/core-fast`,
    accountUrl: `${base}/account`,
    auth: { ...PASQAL_ENVIRONMENTS.prod.auth, tokenUrl: `${base}/oauth/token` },
  };
  const pasqal = createPasqalMock({
    environment,
    validateResponses,
    allowInsecureLoopback: true,
    resultsBaseUrl: `${base}/results`,
  });
  return {
    baseUrls: {
      core: environment.coreUrl,
      account: environment.accountUrl,
      token: environment.auth.tokenUrl,
    },
    credentials: {
      username: PASQAL_DEMO_USER.username,
      password: PASQAL_DEMO_USER.password,
      serviceClientId: PASQAL_DEMO_SERVICE_ACCOUNT.clientId,
      serviceClientSecret: PASQAL_DEMO_SERVICE_ACCOUNT.clientSecret,
      projectId: PASQAL_DEMO_PROJECT_ID,
    },
    handle: pasqal.handle,
    mock: pasqal,
    environment,
  };
};
