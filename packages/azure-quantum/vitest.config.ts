import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: '@qc/azure-quantum', include: ['test/**/*.test.ts'] },
});
