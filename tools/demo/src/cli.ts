#!/usr/bin/env node
// `pnpm demo`: the tour of every provider against the embedded mock cloud; `pnpm demo --live` runs the
// same tour against the real services with credentials from the environment; `--targets FILE` runs it
// against a mock cloud started elsewhere (how CI runs the tour in Bun and Deno, with the mock cloud in
// Node), the file holding the JSON of `mockCloudTargets`.
import { readFileSync } from 'node:fs';
import { DEMO_USAGE, type DemoMode, parseDemoArgs } from './args.js';
import { type LiveTargets, liveTargets } from './live.js';
import { mockCloudTargets } from './mock-targets.js';
import { renderSummary, type SummaryRow } from './report.js';
import { tour } from './tour.js';

async function main(): Promise<void> {
  let args: DemoMode;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    // Unknown flags and bad values are refused, never ignored.
    process.stderr.write(`${(error as Error).message}\n\n${DEMO_USAGE}\n`);
    process.exit(2);
  }
  if (args.mode === 'help') {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return;
  }
  let rows: SummaryRow[];
  if (args.mode === 'live') {
    const targets: LiveTargets = liveTargets(process.env);
    process.stdout.write('qc demo against the real clouds\n');
    rows = await tour(targets);
  } else if (args.mode === 'targets') {
    const targets = JSON.parse(readFileSync(args.file, 'utf8')) as LiveTargets;
    process.stdout.write(`qc demo against the mock cloud named in ${args.file}\n`);
    rows = await tour(targets);
  } else {
    // Loaded only here: the other modes never start a mock cloud.
    const { startMockCloud } = await import('@qc/mock-cloud');
    const cloud = await startMockCloud();
    process.stdout.write(`qc demo against the embedded mock cloud on ${cloud.origin}\n`);
    try {
      rows = await tour(mockCloudTargets(cloud.services));
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
