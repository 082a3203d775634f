#!/usr/bin/env node
// Runs the whole test suite under Node 22 and Node 24 as well as the machine's own Node. The binaries
// come from the npm registry's `node` package (pinned here), fetched by npx into its cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';

const VERSIONS = ['22.23.3', '24.21.0'];
const env = ensurePnpm();
let failed = false;
for (const version of VERSIONS) {
  const nodeBin = execFileSync(
    'npx',
    ['-y', '-p', `node@${version}`, '--', 'node', '-p', 'process.execPath'],
    {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  ).trim();
  process.stdout.write(`\n=== tests under Node ${version} (${nodeBin})\n`);
  const result = spawnSync(nodeBin, [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write(`✗ tests failed under Node ${version}\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
