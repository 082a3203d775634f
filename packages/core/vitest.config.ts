import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@qc/core', include: ['test/**/*.test.ts'] } });
