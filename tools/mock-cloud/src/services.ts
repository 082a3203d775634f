import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  type AzureQuantumMock,
  createAzureQuantumMock,
  createEntraMock,
  ENTRA_DEMO_CREDENTIALS,
} from '@qc/azure-quantum/msw';
import { type AzureQuantumArmMock, createAzureQuantumArmMock } from '@qc/azure-quantum-arm/msw';
import { PASQAL_ENVIRONMENTS, type PasqalEnvironment } from '@qc/pasqal';
import {
  createPasqalMock,
  PASQAL_DEMO_PROJECT_ID,
  PASQAL_DEMO_SERVICE_ACCOUNT,
  PASQAL_DEMO_USER,
  type PasqalMock,
} from '@qc/pasqal/msw';
import { createQciMock, QCI_DEMO_REFRESH_TOKEN, type QciMockState } from '@qc/qci/msw';

/** One mounted mock: where it lives and how to reach it. */
export interface MountedService {
  /** Path prefixes on the mock cloud it answers, e.g. `/qci`. */
  prefixes: string[];
  /** What a user points a client at, e.g. `http://127.0.0.1:4010/qci`. */
  baseUrls: Record<string, string>;
  /** Demo credentials the mock accepts. Not real secrets. */
  credentials: Record<string, string>;
  handle: (request: Request) => Promise<Response | undefined>;
}

export interface MockCloudServices {
  pasqal: MountedService & { mock: PasqalMock; environment: PasqalEnvironment };
  qci: MountedService & { state: QciMockState };
  azureQuantum: MountedService & { mock: AzureQuantumMock };
  azureArm: MountedService & { mock: AzureQuantumArmMock };
}

/** Creates every package's mock, each under its own path prefix of `origin`. */
export function mountServices(origin: string): MockCloudServices {
  const qciBase = `${origin}/qci`;
  const qci = createQciMock({ baseUrl: qciBase });

  // Azure: one Entra ID shared by the data plane and ARM (each checks its own audience), a storage
  // account for job blobs, and ARM whose workspace points at the data plane (endpointUri).
  const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
  const entra = createEntraMock({ authorityHost: `${origin}/azure/entra` });
  const quantum = createAzureQuantumMock({
    entra,
    endpoint: `${origin}/azure/quantum`,
    storageAccountUrl: `${origin}/azure/blob`,
  });
  const arm = createAzureQuantumArmMock({
    entra,
    baseUrl: `${origin}/azure/arm`,
    dataPlaneBaseUrl: quantum.endpoint,
    workspaces: [
      { subscriptionId, resourceGroup, name: workspace, location: 'East US', endpointUri: quantum.endpoint },
    ],
  });
  const azureCredentials = {
    tenantId: ENTRA_DEMO_CREDENTIALS.tenantId,
    clientId: ENTRA_DEMO_CREDENTIALS.clientId,
    clientSecret: ENTRA_DEMO_CREDENTIALS.clientSecret,
  };

  // Pasqal: a custom environment on the mock cloud, with prod's Auth0 values (client id, realm,
  // audience) and its token endpoint, core and account APIs and presigned results host beside it.
  const pasqalBase = `${origin}/pasqal`;
  const pasqalEnvironment: PasqalEnvironment = {
    name: 'mock-cloud',
    coreUrl: `${pasqalBase}/core-fast`,
    accountUrl: `${pasqalBase}/account`,
    auth: { ...PASQAL_ENVIRONMENTS.prod.auth, tokenUrl: `${pasqalBase}/oauth/token` },
  };
  const pasqal = createPasqalMock({
    environment: pasqalEnvironment,
    allowInsecureLoopback: true,
    resultsBaseUrl: `${pasqalBase}/results`,
  });

  return {
    pasqal: {
      prefixes: ['/pasqal'],
      baseUrls: {
        core: pasqalEnvironment.coreUrl,
        account: pasqalEnvironment.accountUrl,
        token: pasqalEnvironment.auth.tokenUrl,
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
      environment: pasqalEnvironment,
    },
    qci: {
      prefixes: ['/qci'],
      baseUrls: { api: qciBase },
      credentials: { refreshToken: QCI_DEMO_REFRESH_TOKEN },
      handle: qci.handle,
      state: qci.state,
    },
    azureQuantum: {
      prefixes: ['/azure/quantum', '/azure/entra', '/azure/blob'],
      baseUrls: {
        endpoint: quantum.endpoint,
        authorityHost: `${origin}/azure/entra`,
        storage: `${origin}/azure/blob`,
      },
      credentials: {
        ...azureCredentials,
        apiKey: AZURE_QUANTUM_DEMO_API_KEY,
        subscriptionId,
        resourceGroup,
        workspace,
      },
      handle: quantum.handle,
      mock: quantum,
    },
    azureArm: {
      prefixes: ['/azure/arm'],
      baseUrls: { resourceManager: arm.baseUrl },
      credentials: { ...azureCredentials, workspace },
      handle: arm.handle,
      mock: arm,
    },
  };
}
