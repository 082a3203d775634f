#!/usr/bin/env node
// `pnpm bench`: runs the TypeScript bench on Node 20, which cannot execute TypeScript itself. Vite (the
// engine under vitest, already a dependency) transforms the sources on the fly through its SSR module
// runner, the way vitest runs tests and benchmarks; node_modules dependencies (openapi-fetch) load as
// native ESM.
import { fileURLToPath } from 'node:url';
import { createViteServer } from 'vitest/node';

const fromHere = (path) => fileURLToPath(new URL(path, import.meta.url));

const server = await createViteServer({
  configFile: fromHere('../bench.config.ts'),
  root: fromHere('..'),
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const { main } = await server.ssrLoadModule(fromHere('./main.ts'));
  process.exitCode = await main(process.argv.slice(2));
} finally {
  await server.close();
}
