import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** @typedef {{ name: string, spec: string, package: string, specPath: string, packageDir: string, generatedDir: string }} Target */

/** @returns {Target[]} every spec-to-package mapping, with absolute paths */
export function loadTargets() {
  const file = join(repoRoot, 'tools', 'codegen', 'targets.json');
  const { targets } = JSON.parse(readFileSync(file, 'utf8'));
  return targets.map((target) => ({
    ...target,
    specPath: join(repoRoot, target.spec),
    packageDir: join(repoRoot, target.package),
    // A target may put its output elsewhere (a test fixture) and use hey-api's own client.
    generatedDir: join(repoRoot, target.package, target.generatedDir ?? join('src', 'generated')),
    client: target.client ?? 'qc',
  }));
}

/** Finds the target for a package directory, a package path relative to the root, or a target name. */
export function findTarget(targets, selector) {
  const asDir = resolve(process.cwd(), selector);
  const found = targets.find((t) => t.name === selector || t.package === selector || t.packageDir === asDir);
  if (!found) {
    const known = targets.map((t) => `${t.name} (${t.package})`).join(', ');
    throw new Error(`No codegen target matches "${selector}". Known targets: ${known}`);
  }
  return found;
}

export function displayPath(path) {
  return relative(repoRoot, path) || '.';
}
