#!/usr/bin/env node
// `pnpm demo`: the tour of every provider against the embedded mock cloud; `pnpm demo --live` runs the
// same tour against the real services with credentials from the environment; `--targets FILE` runs it
// against a mock cloud started elsewhere (how CI runs the tour in Bun and Deno, with the mock cloud in
// Node), the file holding the JSON of `mockCloudTargets`. With `--targets` the file says which tours
// run, so that mode loads neither the provider list nor the mock cloud (Bun and Deno run it from a
// project that installed the published packages only): the other modes import theirs when chosen.
import { readFileSync } from 'node:fs';
import { DEMO_USAGE, type DemoMode, parseDemoArgs } from './args.js';
import { renderSummary, type SummaryRow } from './report.js';
import { type TourTargets, tour } from './tour.js';

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
    const { liveTargets } = await import('./live.js');
    const targets = await liveTargets(process.env);
    process.stdout.write('qc demo against the real clouds\n');
    rows = await tour(targets);
  } else if (args.mode === 'targets') {
    const targets = JSON.parse(readFileSync(args.file, 'utf8')) as TourTargets;
    process.stdout.write(`qc demo against the mock cloud named in ${args.file}\n`);
    rows = await tour(targets);
  } else {
    const { startMockCloud } = await import('@qc/mock-cloud');
    const { mockCloudTargets } = await import('./mock-targets.js');
    const cloud = await startMockCloud();
    process.stdout.write(`qc demo against the embedded mock cloud on ${cloud.origin}\n`);
    try {
      rows = await tour(await mockCloudTargets(cloud.services));
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
