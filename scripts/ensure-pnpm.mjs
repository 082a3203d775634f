// Finds the pnpm version pinned in package.json#packageManager, installing it with npm into
// .tools/pnpm when the machine has no matching pnpm (corepack's signature check fails against
// the registry mirror this project is built behind, so corepack is not used).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function pinnedPnpmVersion() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(manifest.packageManager ?? '');
  if (!match) throw new Error('package.json#packageManager must pin pnpm exactly, e.g. "pnpm@10.34.9"');
  return match[1];
}

function versionOf(command, env) {
  try {
    return execFileSync(command, ['--version'], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** Returns an environment whose PATH starts with a directory holding the pinned pnpm. */
export function ensurePnpm(baseEnv = process.env) {
  const version = pinnedPnpmVersion();
  const localPrefix = join(repoRoot, '.tools', 'pnpm');
  const localBin = join(localPrefix, 'node_modules', '.bin');
  const env = { ...baseEnv, PATH: `${localBin}${delimiter}${baseEnv.PATH ?? ''}` };
  if (versionOf('pnpm', env) === version) return env;
  if (!existsSync(localBin) || versionOf(join(localBin, 'pnpm'), env) !== version) {
    process.stderr.write(`Installing pnpm@${version} into .tools/pnpm (npm)\n`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        localPrefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `pnpm@${version}`,
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: baseEnv,
      },
    );
  }
  if (versionOf(join(localBin, 'pnpm'), env) !== version)
    throw new Error(`pnpm@${version} could not be installed`);
  return env;
}
