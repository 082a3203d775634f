// The published packages: every directory under packages/, read from there (no script lists them),
// so a new package is packed, checked and installed by the scripts that use this without an edit.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './ensure-pnpm.mjs';

/** Every package under packages/: its dir, its manifest, and the file `pnpm pack` makes of it. */
export function publishedPackages() {
  return readdirSync(join(repoRoot, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name: dir }) => {
      const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8'));
      const tarball = `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`;
      return { dir, name: manifest.name, manifest, tarball };
    });
}

/**
 * Packs every published package into `destination` (pnpm rewrites `workspace:` ranges to versions).
 * Returns them by name, each with the path of its tarball.
 */
export function packAll(destination, env) {
  const packed = new Map();
  for (const pkg of publishedPackages()) {
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: join(repoRoot, 'packages', pkg.dir),
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    packed.set(pkg.name, { ...pkg, file: join(destination, pkg.tarball) });
  }
  return packed;
}
