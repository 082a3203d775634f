import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDERS } from '@qc/provider-list';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../src/targets.mjs';

// Each provider package names itself in the User-Agent from src/version.ts; a release that bumps
// package.json must bump it too.
describe('the User-Agent version', () => {
  const providerDirs = PROVIDERS.map((provider) => `/packages/${provider.dir}`);
  const packages = [...new Set(loadTargets().map((target) => target.packageDir))].filter((dir) =>
    providerDirs.some((providerDir) => dir.endsWith(providerDir)),
  );

  it('covers every provider package of the provider list (each is generated from its spec)', () => {
    expect(packages).toHaveLength(PROVIDERS.length);
  });

  it.each(packages)('%s: src/version.ts matches package.json', (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    const source = readFileSync(join(dir, 'src', 'version.ts'), 'utf8');
    const name = /^\s*name: '([^']+)',$/m.exec(source)?.[1];
    const version = /^\s*version: '([^']+)',$/m.exec(source)?.[1];
    expect([name, version]).toEqual([manifest.name, manifest.version]);
  });
});
