import { defineConfig } from 'vitest/config';

// One run over every package: each package and tool with tests has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
  },
});
