import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@qc/azure-drift', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
