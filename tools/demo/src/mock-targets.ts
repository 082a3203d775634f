import type { MockCloudServices } from '@qc/mock-cloud';
import type { LiveTargets } from './live.js';

/** The tour's targets on a mock cloud: its URLs and demo credentials (type-only import: no msw here). */
export function mockCloudTargets(services: MockCloudServices): LiveTargets {
  const { qci, azureQuantum, azureArm, pasqal } = services;
  return {
    qci: {
      url: qci.baseUrls.api ?? '',
      refreshToken: qci.credentials.refreshToken ?? '',
      allowInsecureLoopback: true,
    },
    pasqal: {
      environment: pasqal.environment,
      username: pasqal.credentials.username ?? '',
      password: pasqal.credentials.password ?? '',
      clientId: pasqal.credentials.serviceClientId ?? '',
      clientSecret: pasqal.credentials.serviceClientSecret ?? '',
      projectId: pasqal.credentials.projectId ?? '',
      allowInsecureLoopback: true,
    },
    azure: {
      tenantId: azureArm.credentials.tenantId ?? '',
      clientId: azureArm.credentials.clientId ?? '',
      clientSecret: azureArm.credentials.clientSecret ?? '',
      authorityHost: azureQuantum.baseUrls.authorityHost,
      resourceManager: azureArm.baseUrls.resourceManager,
      workspace: azureArm.credentials.workspace ?? '',
      apiKey: azureQuantum.credentials.apiKey,
      ionqTarget: 'ionq.simulator',
      quantinuumTarget: 'quantinuum.sim.h2-1e',
      allowInsecureLoopback: true,
    },
  };
}
