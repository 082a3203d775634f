import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@qc/qci', include: ['test/**/*.test.ts'] } });
