import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '@qc/auth', include: ['test/**/*.test.ts'] } });
