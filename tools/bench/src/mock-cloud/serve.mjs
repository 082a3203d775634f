#!/usr/bin/env node
// A server for the mock-cloud throughput rows, in a process of its own so that it has a core to itself
// and the load generator's work is not counted as the server's:
//   serve.mjs bare        node:http answering a small JSON body to every request (the baseline)
//   serve.mjs mock-cloud  the mock cloud as `pnpm mock-cloud` runs it (request log on stdout), loaded
//                         from the sources through Vite's module runner like the rest of the bench
// Over the IPC channel it reports where it listens (and the services' base URLs and demo credentials),
// answers `cpu` with its CPU time so far, and exits on `stop`.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const kind = process.argv[2];
const send = (message) => process.send?.(message);

if (kind === 'bare') {
  const body = JSON.stringify({ status: 'ok' });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    send({ type: 'listening', origin: `http://127.0.0.1:${server.address().port}` });
  });
  serveIpc(() => new Promise((resolve) => server.close(resolve)));
} else if (kind === 'mock-cloud') {
  const { createViteServer } = await import('vitest/node');
  const fromHere = (path) => fileURLToPath(new URL(path, import.meta.url));
  const vite = await createViteServer({
    configFile: fromHere('../../bench.config.ts'),
    root: fromHere('../..'),
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const { startMockCloud, createRequestLog } = await vite.ssrLoadModule(
    fromHere('../../../mock-cloud/src/index.ts'),
  );
  const cloud = await startMockCloud({
    port: 0,
    onRequest: createRequestLog((chunk) => process.stdout.write(chunk)),
  });
  const services = Object.fromEntries(
    Object.entries(cloud.services).map(([name, service]) => [
      name,
      {
        baseUrls: service.baseUrls,
        credentials: service.credentials,
        ...(service.environment === undefined ? {} : { environment: service.environment }),
      },
    ]),
  );
  send({ type: 'listening', origin: cloud.origin, services });
  serveIpc(async () => {
    await cloud.close();
    await vite.close();
  });
} else {
  process.stderr.write('usage: serve.mjs bare|mock-cloud\n');
  process.exit(2);
}

function serveIpc(close) {
  process.on('message', (message) => {
    if (message?.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else if (message?.type === 'stop') {
      void close().then(() => process.exit(0));
    }
  });
}
