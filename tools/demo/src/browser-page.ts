// The browser tour as a page script: it reads its targets from ./targets.json (next to the page) and
// leaves the summary, or the error, on `window.qcTour` for the driver to read.
import { type BrowserTargets, browserTour } from './browser-tour.js';
import { renderSummary } from './report.js';

const page = globalThis as { qcTour?: { summary?: string; error?: string } };
void (async () => {
  try {
    const targets = (await (await fetch('./targets.json')).json()) as BrowserTargets;
    page.qcTour = { summary: renderSummary(await browserTour(targets)) };
  } catch (error) {
    page.qcTour = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
})();
