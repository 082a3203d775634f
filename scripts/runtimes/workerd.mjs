import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { binaryOf, esbuild, failed, freePort, platform } from './process.mjs';

/**
 * The tour as a Worker (tools/demo/src/worker.ts), without nodejs_compat: bundled with esbuild as a
 * Worker's author would, served by workerd on a free loopback port (outbound requests to loopback
 * allowed), and asked to run by a POST of the targets.
 */
export const workerd = {
  name: 'workerd',
  part: 'server',
  binary: () =>
    binaryOf(
      'workerd',
      `@cloudflare/workerd-${platform.os}-${platform.cpu === 'arm64' ? 'arm64' : '64'}`,
      'bin/workerd',
    ),
  tour: workerdTour,
};

async function workerdTour(binary, { tourDir, targetsFile }) {
  const dir = dirname(targetsFile);
  await esbuild()({
    entryPoints: [join(tourDir, 'worker.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    outfile: join(dir, 'worker.js'),
    logLevel: 'warning',
  });
  const port = await freePort();
  writeFileSync(
    join(dir, 'tour.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .tour),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const tour :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-09-01",
);
`,
  );
  const server = spawn(binary, ['serve', join(dir, 'tour.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout.on('data', (chunk) => {
    log += chunk;
  });
  server.stderr.on('data', (chunk) => {
    log += chunk;
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(url, { method: 'HEAD' });
        break;
      } catch (error) {
        if (attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const answer = await fetch(url, {
      method: 'POST',
      body: readFileSync(targetsFile, 'utf8'),
      signal: AbortSignal.timeout(120_000),
    });
    const summary = await answer.text();
    return { code: answer.ok ? 0 : 1, signal: null, stdout: `${log}${summary}`, stderr: '' };
  } catch (error) {
    return failed(log, error);
  } finally {
    server.kill();
  }
}
