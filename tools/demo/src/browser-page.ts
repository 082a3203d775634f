// The browser tour as a page script: it reads its targets (the JSON of `pageTargets`) from
// ./targets.json next to the page, runs each tour's page part — only what a page may hold: QCi's API
// token, a Pasqal access token obtained elsewhere, an Azure Quantum workspace key — and leaves the
// summary, or the error, on `window.qcTour` for the driver to read.
import { renderSummary } from './report.js';
import { type TourTargets, tour } from './tour.js';

const page = globalThis as { qcTour?: { summary?: string; error?: string } };
void (async () => {
  try {
    const targets = (await (await fetch('./targets.json')).json()) as TourTargets;
    page.qcTour = { summary: renderSummary(await tour(targets, 'page')) };
  } catch (error) {
    page.qcTour = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
})();
