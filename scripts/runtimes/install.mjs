import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePnpm, repoRoot } from '../ensure-pnpm.mjs';
import { packAll } from '../packages.mjs';

/**
 * A project under `scratch` that installed every published package from its packed tarball with npm,
 * as a user's would, with the built tour (tools/demo/dist) copied into it: every runtime imports what a
 * user would install. The tour needs nothing else there (its targets say which tours run).
 */
export function installTour(scratch) {
  const env = ensurePnpm();
  const packs = join(scratch, 'packs');
  const app = join(scratch, 'app');
  const tourDir = join(app, 'tour');
  mkdirSync(packs);
  mkdirSync(tourDir, { recursive: true });
  const dependencies = Object.fromEntries(
    [...packAll(packs, env).values()].map(({ name, file }) => [name, `file:${file}`]),
  );
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'qc-runtime-tour', private: true, type: 'module', dependencies }, null, 2),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: app,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  cpSync(join(repoRoot, 'tools', 'demo', 'dist'), tourDir, {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !source.endsWith('.d.ts'),
  });
  return { app, tourDir };
}
