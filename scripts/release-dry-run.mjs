#!/usr/bin/env node
// What a release does, without publishing: in a fresh clone of this checkout, `pnpm release:version`
// (changeset version, then codegen, which writes the User-Agent versions), a build, `generate --check`,
// `pnpm -r publish --dry-run`. The working tree is never touched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';

const env = ensurePnpm();
const work = mkdtempSync(join(tmpdir(), 'qc-release-'));
const clone = join(work, 'repo');
const run = (command, args) => {
  process.stdout.write(`$ ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { cwd: clone, env, stdio: 'inherit' });
};
try {
  execFileSync('git', ['clone', '--quiet', repoRoot, clone], { env, stdio: 'inherit' });
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
  run('pnpm', ['run', 'release:version']);
  // The User-Agent versions are generated from package.json: release:version must have regenerated
  // them (checked before the build, whose generate step would regenerate them anyway).
  run('node', ['tools/codegen/src/cli.mjs', '--check']);
  run('pnpm', ['run', 'build']);
  run('pnpm', [
    '-r',
    '--filter',
    './packages/*',
    'publish',
    '--dry-run',
    '--no-git-checks',
    '--access',
    'public',
  ]);
  process.stdout.write('\nRelease dry run passed: versions bumped, built, packed, nothing published.\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
