#!/usr/bin/env node
// `pnpm run ci` (or `npm run ci`): every check CI runs, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const steps = [
  ['spec lint (Redocly recommended + qc rules)', 'pnpm', ['run', 'lint:specs']],
  ['generated code matches the specs', 'node', ['tools/codegen/src/cli.mjs', '--check']],
  ['format and lint (Biome)', bin('biome'), ['check', '.']],
  ['typecheck and build (turbo)', bin('turbo'), ['run', 'typecheck', 'build']],
  // After the build: re-exports of @qc/core and @qc/auth resolve to their built declarations.
  ['API reference (TypeDoc: every export documented, no broken links)', bin('typedoc'), []],
  ['tests (vitest, every package)', bin('vitest'), ['run']],
  [
    'consumer checks (pack, publint, attw, selective install, strict consumers)',
    'node',
    ['scripts/consumer-check.mjs'],
  ],
  ['tests under Node 22 and Node 24', 'node', ['scripts/test-node-versions.mjs']],
  ['release dry run (changeset version, build, publish --dry-run)', 'node', ['scripts/release-dry-run.mjs']],
  [
    'every job flow under Bun, Deno, Chromium and workerd (the tour, from the installed tarballs)',
    'node',
    ['scripts/test-runtimes.mjs'],
  ],
];

const env = ensurePnpm();
for (const [title, command, args] of steps) {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot, env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${title} failed (${seconds}s)\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${title} (${seconds}s)\n`);
}
process.stdout.write('\nAll checks passed.\n');
