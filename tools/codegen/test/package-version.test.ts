import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../src/targets.mjs';

// Each provider package names itself in the User-Agent from src/version.ts; a release that bumps
// package.json must bump it too.
describe('the User-Agent version', () => {
  const packages = [...new Set(loadTargets().map((target) => target.packageDir))].filter((dir) =>
    /packages\/(qci|pasqal|azure-quantum|azure-quantum-arm)$/.test(dir),
  );

  it('covers the four provider packages', () => {
    expect(packages).toHaveLength(4);
  });

  it.each(packages)('%s: src/version.ts matches package.json', (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    const source = readFileSync(join(dir, 'src', 'version.ts'), 'utf8');
    const match = /name: '([^']+)', version: '([^']+)'/.exec(source);
    expect(match?.slice(1)).toEqual([manifest.name, manifest.version]);
  });
});
