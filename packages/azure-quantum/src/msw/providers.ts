import type { ProviderStatus, Quota } from '../generated/types.gen.js';

/**
 * The providers and targets the mock workspace offers, shaped like the recorded `providerStatus`
 * answer (specs/fixtures/azure/Providers_List.json), trimmed to the targets the mock can run.
 */
export function defaultProviders(): ProviderStatus[] {
  const target = (
    id: string,
    averageQueueTime: number,
    statusPage: string | null,
    currentAvailability = 'Available',
  ) => ({
    id,
    currentAvailability,
    averageQueueTime,
    statusPage,
  });
  return [
    {
      id: 'ionq',
      currentAvailability: 'Available',
      targets: [
        target('ionq.simulator', 24, 'https://status.ionq.co'),
        target('ionq.qpu.aria-1', 0, 'https://status.ionq.co', 'Unavailable'),
        target('ionq.qpu.forte-1', 0, 'https://status.ionq.co', 'Unavailable'),
        target('ionq.qpu.forte-enterprise-1', 0, 'https://status.ionq.co'),
      ],
    },
    {
      id: 'quantinuum',
      currentAvailability: 'Available',
      targets: [
        target('quantinuum.sim.h2-1sc', 2, 'https://calendar.qapi.quantinuum.com/?target=H2-1SC'),
        target('quantinuum.sim.h2-1e', 1483, 'https://calendar.qapi.quantinuum.com/?target=H2-1E'),
        target('quantinuum.qpu.h2-1', 0, 'https://calendar.qapi.quantinuum.com/?target=H2-1', 'Degraded'),
      ],
    },
    {
      id: 'rigetti',
      currentAvailability: 'Available',
      targets: [
        target('rigetti.sim.qvm', 5, 'https://rigetti.statuspage.io/'),
        target('rigetti.qpu.cepheus-1-108q', 5, 'https://rigetti.statuspage.io/'),
      ],
    },
    {
      id: 'pasqal',
      currentAvailability: 'Available',
      targets: [target('pasqal.sim.emu-tn', 17, ''), target('pasqal.qpu.fresnel', 0, '', 'Degraded')],
    },
    {
      id: 'Microsoft.Test.FirstParty',
      currentAvailability: 'Available',
      targets: [target('echo-quantinuum', 1, ''), target('echo-ionq', 1, '')],
    },
  ];
}

export function defaultQuotas(): Quota[] {
  return [
    {
      dimension: 'concurrent_dft_jobs',
      scope: 'Subscription',
      providerId: 'microsoft-elements',
      utilization: 0,
      holds: 0,
      limit: 5,
      period: 'None',
    },
    {
      dimension: 'concurrent_resource_estimator_jobs',
      scope: 'Workspace',
      providerId: 'microsoft-qc',
      utilization: 0,
      holds: 0,
      limit: 10,
      period: 'None',
    },
  ];
}
