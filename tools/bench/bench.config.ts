import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// Vite configuration of the bench runner (src/launch.mjs): the workspace packages are imported from
// their sources, as the tests do, so `pnpm bench` needs no build. Not named vitest.config.ts on
// purpose: the root test run picks those up, and the bench is not a test.
export default defineConfig({
  resolve: { alias: workspaceAliases },
  logLevel: 'warn',
});
