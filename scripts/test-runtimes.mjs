#!/usr/bin/env node
// Runs the demo's tour — every provider's job flow, Azure with Entra ID and with the workspace key —
// under Bun, Deno, workerd and headless Chromium (one module each in scripts/runtimes/), from the
// packed tarballs installed with npm, against a mock cloud served by this Node process. The tours, what
// each must print and the matrix's columns come from the demo (tools/demo/dist), which reads the
// provider list. Bun, Deno and workerd come from the npm registry (pinned devDependencies); their
// platform binaries are taken from the `@oven/bun-*`, `@deno/*` and `@cloudflare/workerd-*` packages
// directly, since pnpm does not run the wrapper packages' install scripts.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './ensure-pnpm.mjs';
import { bun } from './runtimes/bun.mjs';
import { chromium } from './runtimes/chromium.mjs';
import { deno } from './runtimes/deno.mjs';
import { installTour } from './runtimes/install.mjs';
import { run } from './runtimes/process.mjs';
import { workerd } from './runtimes/workerd.mjs';

const runtimes = [bun, deno, chromium, workerd];
/** How long one runtime's tour may take (they take seconds). */
const RUNTIME_LIMIT_MS = 5 * 60_000;
const built = (...path) => import(pathToFileURL(join(repoRoot, 'tools', ...path)).href);
const { startMockCloud } = await built('mock-cloud', 'dist', 'index.js');
const { mockCloudTargets, pageTargets } = await built('demo', 'dist', 'mock-targets.js');
const { loadTour } = await built('demo', 'dist', 'tour.js');

/** The targets a runtime runs: every tour (a server), or every tour's page part (Chromium). */
async function targetsFor(runtime, services) {
  if (runtime.part === 'server') return mockCloudTargets(services);
  const { targets, withoutPage } = await pageTargets(services);
  if (withoutPage.length > 0)
    process.stdout.write(`(no page part, not run in a page: ${withoutPage.join(', ')})\n`);
  return targets;
}

const scratch = mkdtempSync(join(tmpdir(), 'qc-runtimes-'));
let failed = false;
/** runtime → tour name → passed (undefined: not run there), printed as the matrix at the end. */
const matrix = new Map();
const columns = new Set();
try {
  const { app, tourDir } = installTour(scratch);
  for (const runtime of runtimes) {
    // A fresh mock cloud per runtime: its jobs and tokens start from scratch.
    const cloud = await startMockCloud();
    try {
      const targets = await targetsFor(runtime, cloud.services);
      mkdirSync(join(scratch, runtime.name));
      const targetsFile = join(scratch, runtime.name, 'targets.json');
      writeFileSync(targetsFile, JSON.stringify(targets));
      const binary = runtime.binary();
      if (!existsSync(binary)) throw new Error(`${runtime.name}: ${binary} is missing`);
      const version = (await run(binary, ['--version'], app)).stdout.trim().split('\n')[0];
      process.stdout.write(`\n=== ${runtime.name} (${version}): the tour from the installed tarballs\n`);
      // A runtime that hangs (Chromium did once, at no CPU) fails its cell in minutes, not CI's budget.
      let watchdog;
      const result = await Promise.race([
        runtime.tour(binary, { app, tourDir, targetsFile }),
        new Promise((resolve) => {
          watchdog = setTimeout(
            () =>
              resolve({
                code: null,
                signal: 'timeout',
                stdout: '',
                stderr: `${runtime.name}: no result within ${RUNTIME_LIMIT_MS / 1000} s\n`,
              }),
            RUNTIME_LIMIT_MS,
          );
        }),
      ]).finally(() => clearTimeout(watchdog));
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      // Every flow must have finished, the Azure job with the workspace key included (Bun once sent the
      // key header's placeholder beside the real key; Deno refused hey-api's `client` option).
      const cells = {};
      const missing = [...(runtime.expected ?? [])].filter((pattern) => !pattern.test(result.stdout));
      for (const dir of Object.keys(targets)) {
        const tour = await loadTour(dir);
        const proves = runtime.part === 'page' ? (tour.page?.proves ?? []) : tour.proves;
        const absent = proves.filter((pattern) => !pattern.test(result.stdout));
        missing.push(...absent);
        columns.add(tour.name);
        cells[tour.name] = result.code === 0 && absent.length === 0;
      }
      matrix.set(runtime.name, cells);
      if (result.code !== 0 || missing.length > 0) {
        process.stderr.write(
          `✗ under ${runtime.name}: exit ${result.code ?? result.signal}; missing ${missing.map(String).join(', ') || 'nothing'}\n`,
        );
        failed = true;
      } else process.stdout.write(`✓ every job flow ran under ${runtime.name}\n`);
    } finally {
      await cloud.close();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const names = [...columns];
process.stdout.write(`\n| runtime | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|\n`);
for (const [name, cells] of matrix) {
  const mark = (cell) => (cell === undefined ? '—' : cell ? '✓' : '✗');
  process.stdout.write(`| ${name} | ${names.map((column) => mark(cells[column])).join(' | ')} |\n`);
}
process.exit(failed ? 1 : 0);
