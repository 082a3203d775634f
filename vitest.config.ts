import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.shared.ts';

// One run over every package and tool. A package needs no config of its own: its tests are
// packages/<dir>/test/**/*.test.ts, run as the project named after the package. A tool with tests has
// its own vitest.config.ts (some need setup files or a forked pool).
const root = dirname(fileURLToPath(import.meta.url));
const packages = readdirSync(join(root, 'packages')).map((dir) => ({
  resolve: { alias: workspaceAliases },
  test: {
    name: (JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string })
      .name,
    root: join(root, 'packages', dir),
    include: ['test/**/*.test.ts'],
  },
}));

export default defineConfig({
  test: {
    projects: [...packages, 'tools/*/vitest.config.ts'],
  },
});
