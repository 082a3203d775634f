import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  // Forked workers with --expose-gc: the memory tests weigh the heap after full collections.
  test: {
    name: '@qc/mock-cloud',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
