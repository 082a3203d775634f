import type { AzureTarget } from './azure-tour.js';
import type { PasqalTarget } from './pasqal-tour.js';
import type { QciTarget } from './qci-tour.js';

export interface LiveTargets {
  qci: QciTarget;
  pasqal: PasqalTarget;
  azure: AzureTarget;
}

/** The environment variables `pnpm demo --live` reads, per cloud (documented in the README). */
export const LIVE_VARIABLES = {
  qci: { required: ['QCI_API_URL', 'QCI_TOKEN'], optional: [] },
  pasqal: {
    required: [
      'PASQAL_USERNAME',
      'PASQAL_PASSWORD',
      'PASQAL_CLIENT_ID',
      'PASQAL_CLIENT_SECRET',
      'PASQAL_PROJECT_ID',
    ],
    optional: ['PASQAL_ENVIRONMENT'],
  },
  azure: {
    required: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_QUANTUM_WORKSPACE'],
    optional: ['AZURE_QUANTUM_API_KEY', 'AZURE_QUANTUM_IONQ_TARGET', 'AZURE_QUANTUM_QUANTINUUM_TARGET'],
  },
} as const;

/** Builds the live targets, or exits with a message naming every missing variable (never a value). */
export function liveTargets(env: Record<string, string | undefined>): LiveTargets {
  const missing = Object.values(LIVE_VARIABLES)
    .flatMap((v) => v.required)
    .filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    process.stderr.write(
      `pnpm demo --live needs credentials for every cloud in the environment. Missing: ${missing.join(', ')}.\n` +
        'See "Running the demo against the real clouds" in the README.\n',
    );
    process.exit(2);
  }
  const value = (name: string) => env[name]?.trim() ?? '';
  const ionq = value('AZURE_QUANTUM_IONQ_TARGET') || 'ionq.simulator';
  const quantinuum = value('AZURE_QUANTUM_QUANTINUUM_TARGET') || 'quantinuum.sim.h2-1e';
  if (!ionq.startsWith('ionq.') || !quantinuum.startsWith('quantinuum.')) {
    process.stderr.write(
      'AZURE_QUANTUM_IONQ_TARGET must start with "ionq." and AZURE_QUANTUM_QUANTINUUM_TARGET with "quantinuum."\n',
    );
    process.exit(2);
  }
  return {
    qci: { url: value('QCI_API_URL'), refreshToken: value('QCI_TOKEN'), allowInsecureLoopback: false },
    pasqal: {
      environment: value('PASQAL_ENVIRONMENT') || 'prod',
      username: value('PASQAL_USERNAME'),
      password: value('PASQAL_PASSWORD'),
      clientId: value('PASQAL_CLIENT_ID'),
      clientSecret: value('PASQAL_CLIENT_SECRET'),
      projectId: value('PASQAL_PROJECT_ID'),
      allowInsecureLoopback: false,
    },
    azure: {
      tenantId: value('AZURE_TENANT_ID'),
      clientId: value('AZURE_CLIENT_ID'),
      clientSecret: value('AZURE_CLIENT_SECRET'),
      workspace: value('AZURE_QUANTUM_WORKSPACE'),
      ...(value('AZURE_QUANTUM_API_KEY') ? { apiKey: value('AZURE_QUANTUM_API_KEY') } : {}),
      ionqTarget: ionq as `ionq.${string}`,
      quantinuumTarget: quantinuum as `quantinuum.${string}`,
      allowInsecureLoopback: false,
    },
  };
}
