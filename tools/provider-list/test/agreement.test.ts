import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../src/index.js';

// The list, packages/ and the tools' files for each provider must agree: a provider package missing
// from the list, a tool file missing for a listed provider, or one left behind for no provider fails
// here rather than being skipped by the tool that would have read it.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const at = (...path: string[]) => join(root, ...path);
const manifest = (...path: string[]) =>
  JSON.parse(readFileSync(at(...path, 'package.json'), 'utf8')) as {
    name: string;
    exports?: Record<string, unknown>;
    dependencies?: Record<string, string>;
  };
const packageDirs = readdirSync(at('packages'));
const dirs = PROVIDERS.map((provider) => provider.dir);
const filesIn = (...path: string[]) =>
  readdirSync(at(...path))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();

describe('the provider list and packages/', () => {
  it('lists every package with stateful mocks (an ./msw export), and nothing else', () => {
    const providers = packageDirs.filter((dir) => manifest('packages', dir).exports?.['./msw'] !== undefined);
    expect([...dirs].sort()).toEqual(providers.sort());
  });

  it.each(PROVIDERS)('$dir: its name is the package’s', ({ dir, name }) => {
    expect(manifest('packages', dir).name).toBe(name);
  });

  it('every published package has a consumer program, and every program a package', () => {
    expect(filesIn('scripts', 'consumers')).toEqual([...packageDirs].sort());
  });
});

describe('the mock cloud’s part of the list', () => {
  const prefixes = PROVIDERS.flatMap((provider) => Object.values(provider.mockCloud.prefixes));

  it('gives each mock its own name and prefixes, none inside another', () => {
    const services = PROVIDERS.map((provider) => provider.mockCloud.service);
    expect(new Set(services).size).toBe(services.length);
    for (const prefix of prefixes) {
      expect(prefix).toMatch(/^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/);
      const nested = prefixes.filter((other) => other === prefix || other.startsWith(`${prefix}/`));
      expect(nested).toEqual([prefix]);
    }
  });

  it('has a mount for each provider and none for anything else', async () => {
    expect(filesIn('tools', 'mock-cloud', 'src', 'mocks')).toEqual([...dirs].sort());
    for (const dir of dirs) {
      const module = (await import(at('tools', 'mock-cloud', 'src', 'mocks', `${dir}.ts`))) as {
        mount?: unknown;
      };
      expect(typeof module.mount, dir).toBe('function');
    }
  });

  it('the mock cloud and the demo depend on every listed package (they import them at run time)', () => {
    for (const tool of ['mock-cloud', 'demo']) {
      const dependencies = Object.keys(manifest('tools', tool).dependencies ?? {});
      expect(
        PROVIDERS.map((provider) => provider.name).filter((name) => !dependencies.includes(name)),
      ).toEqual([]);
    }
  });
});

describe('the demo’s and the bench’s parts of the list', () => {
  it('a tour for each provider with its own, each one within another names a provider with its own', async () => {
    const own = PROVIDERS.filter((provider) => provider.tour === 'own').map((provider) => provider.dir);
    expect(filesIn('tools', 'demo', 'src', 'tours')).toEqual([...own].sort());
    for (const { dir, tour } of PROVIDERS) {
      if (tour !== 'own') expect(own, `${dir} is toured within ${tour.within}`).toContain(tour.within);
    }
    for (const dir of own) {
      const module = (await import(at('tools', 'demo', 'src', 'tours', `${dir}.ts`))) as {
        tour?: { run?: unknown; proves?: unknown[] };
      };
      expect(typeof module.tour?.run, dir).toBe('function');
      expect(module.tour?.proves?.length, `${dir} proves nothing`).toBeGreaterThan(0);
    }
  });

  it('a bench and a program for each measured provider, and none for the others', async () => {
    const measured = PROVIDERS.filter((provider) => provider.bench === 'own').map((provider) => provider.dir);
    expect(filesIn('tools', 'bench', 'src', 'providers')).toEqual([...measured].sort());
    for (const dir of measured) {
      expect(existsSync(at('tools', 'bench', 'programs', `${dir}-job.ts`)), `programs/${dir}-job.ts`).toBe(
        true,
      );
      const module = (await import(at('tools', 'bench', 'src', 'providers', `${dir}.ts`))) as {
        bench?: { program?: { label?: string } };
      };
      expect(module.bench?.program?.label, dir).toBeTruthy();
    }
  });
});
