import { type AzureTarget, azureTour } from './azure-tour.js';
import { type PasqalTarget, pasqalTour } from './pasqal-tour.js';
import { type QciTarget, qciTour } from './qci-tour.js';
import type { SummaryRow } from './report.js';

/** Every provider's job flow, one after the other: the tour the demo prints. */
export async function tour(targets: {
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
