import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// msw never opens a socket and never collects garbage: these tests run the clients against real
// node:http servers on 127.0.0.1, in forked workers started with --expose-gc, while a timer forces a
// collection every few milliseconds (test/gc-pressure.ts).
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: '@qc/fault-tests',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    setupFiles: ['test/gc-pressure.ts'],
    testTimeout: 30_000,
  },
});
