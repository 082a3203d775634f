import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: '@qc/contract-verify', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
