import type { Operation, ProviderDescription, QuantumSuiteOffer } from '../generated/types.gen.js';

/**
 * The mock's fixed catalogue: the provider's operations, the offerings of every region (providers and
 * targets from reference §4.1; shapes from the upstream Offerings_List example) and one suite offer.
 */

const operation = (name: string, description: string): Operation => ({
  name: `Microsoft.Quantum/${name}`,
  isDataAction: false,
  display: { provider: 'Microsoft.Quantum', resource: 'Workspaces', operation: description, description },
});

/** The operations the mock's Microsoft.Quantum provider lists (`listOperations`). */
export const OPERATIONS: Operation[] = [
  operation('Workspaces/read', 'Read workspaces'),
  operation('Workspaces/write', 'Create or update workspaces'),
  operation('Workspaces/delete', 'Delete workspaces'),
  operation('Workspaces/listKeys/action', 'List workspace API keys'),
  operation('Workspaces/regenerateKey/action', 'Regenerate workspace API keys'),
  operation('Locations/Offerings/Read', 'Read the provider offerings of a region'),
  operation('Locations/CheckNameAvailability/action', 'Check workspace name availability'),
];

const offering = (
  id: string,
  name: string,
  company: string,
  targets: { id: string; formats: string[]; qubits?: number }[],
): ProviderDescription => ({
  id,
  name,
  properties: {
    description: `${name} on Azure Quantum`,
    providerType: 'qe',
    company,
    defaultEndpoint: `https://${id}.quantum.example/`,
    targets: targets.map((t) => ({
      id: t.id,
      name: t.id,
      description: t.id,
      acceptedDataFormats: t.formats,
      acceptedContentEncodings: ['gzip', 'identity'],
      ...(t.qubits === undefined ? {} : { numQubits: t.qubits }),
    })),
    skus: [
      {
        id: 'pay-as-you-go',
        name: 'Pay As You Go',
        version: '1.0',
        description: 'Billed per use',
        autoAdd: id === 'microsoft-qc',
        targets: targets.map((t) => t.id),
        quotaDimensions: [{ id: 'job-count', scope: 'Workspace' }],
        pricingDetails: [{ id: 'price', value: 'per shot' }],
      },
    ],
    quotaDimensions: [
      {
        id: 'job-count',
        scope: 'Workspace',
        period: 'Monthly',
        quota: 1000,
        name: 'Job count',
        description: 'Jobs per month',
        unit: 'job',
        unitPlural: 'jobs',
      },
    ],
    pricingDimensions: [{ id: 'price', name: 'Pricing' }],
  },
});

/** The providers, targets and SKUs the mock offers in every region (`listOfferings`). */
export const OFFERINGS: ProviderDescription[] = [
  offering('ionq', 'IonQ', 'IonQ', [
    { id: 'ionq.simulator', formats: ['ionq.circuit.v1', 'qir.v1'], qubits: 29 },
    { id: 'ionq.qpu.aria-1', formats: ['ionq.circuit.v1', 'qir.v1'], qubits: 25 },
  ]),
  offering('quantinuum', 'Quantinuum', 'Quantinuum', [
    { id: 'quantinuum.sim.h2-1sc', formats: ['honeywell.openqasm.v1', 'qir.v1'], qubits: 56 },
    { id: 'quantinuum.qpu.h2-1', formats: ['honeywell.openqasm.v1', 'qir.v1'], qubits: 56 },
  ]),
  offering('rigetti', 'Rigetti', 'Rigetti Computing', [
    { id: 'rigetti.sim.qvm', formats: ['rigetti.quil.v1', 'qir.v1'] },
  ]),
  offering('pasqal', 'PASQAL', 'PASQAL', [{ id: 'pasqal.sim.emu-tn', formats: ['pasqal.pulser.v1'] }]),
  offering('microsoft-qc', 'Microsoft Quantum Computing', 'Microsoft', [
    { id: 'microsoft.estimator', formats: ['qir.v1'] },
  ]),
];

export function suiteOffers(subscriptionId: string): QuantumSuiteOffer[] {
  return [
    {
      id: `/subscriptions/${subscriptionId}/providers/Microsoft.Quantum/suiteOffers/starter`,
      name: 'starter',
      type: 'Microsoft.Quantum/suiteOffers',
      properties: {
        providerId: 'microsoft-qc',
        providerName: 'Microsoft Quantum Computing',
        companyName: 'Microsoft',
        location: 'eastus',
        description: 'Credits to try every provider',
        quotas: { standardMinutesLifetime: 500, highMinutesLifetime: 50 },
      },
    },
  ];
}
