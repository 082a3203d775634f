import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@qc/spec-lint', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
