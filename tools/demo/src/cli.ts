#!/usr/bin/env node
// `pnpm demo`: the tour of every provider against the embedded mock cloud; `pnpm demo --live` runs the
// same tour against the real services with credentials from the environment.
import { startMockCloud } from '@qc/mock-cloud';
import { type AzureTarget, azureTour } from './azure-tour.js';
import { type LiveTargets, liveTargets } from './live.js';
import { type PasqalTarget, pasqalTour } from './pasqal-tour.js';
import { type QciTarget, qciTour } from './qci-tour.js';
import { renderSummary, type SummaryRow } from './report.js';

async function tour(targets: {
  qci: QciTarget;
  pasqal: PasqalTarget;
  azure: AzureTarget;
}): Promise<SummaryRow[]> {
  return [
    ...(await pasqalTour(targets.pasqal)),
    ...(await qciTour(targets.qci)),
    ...(await azureTour(targets.azure)),
  ];
}

async function main(): Promise<void> {
  let rows: SummaryRow[];
  if (process.argv.includes('--live')) {
    const targets: LiveTargets = liveTargets(process.env);
    process.stdout.write('qc demo against the real clouds\n');
    rows = await tour(targets);
  } else {
    const cloud = await startMockCloud();
    process.stdout.write(`qc demo against the embedded mock cloud on ${cloud.origin}\n`);
    try {
      const { qci, azureQuantum, azureArm, pasqal } = cloud.services;
      rows = await tour({
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
      });
    } finally {
      await cloud.close();
    }
  }
  process.stdout.write(`\n${renderSummary(rows)}\n`);
}

main().catch((error: unknown) => {
  // Typed qc errors carry no secrets; print name and message, not a stack.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`\nThe demo stopped: ${message}\n`);
  process.exit(1);
});
