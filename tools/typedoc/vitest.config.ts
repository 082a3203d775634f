import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'typedoc-plugin', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
