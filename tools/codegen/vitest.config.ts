import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@qc/codegen', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
