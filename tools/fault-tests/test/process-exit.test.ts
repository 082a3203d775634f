import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type TestServer } from './server.js';

// A process whose last call was aborted must exit by itself: no timer, socket or shared token request
// left behind. This needs a real process of its own, running the built packages.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dist = (name: string) => pathToFileURL(join(root, 'packages', name, 'dist', 'index.js')).href;

let server: TestServer;
beforeAll(async () => {
  for (const name of ['auth', 'qci']) {
    if (!existsSync(fileURLToPath(dist(name)))) {
      throw new Error(`packages/${name}/dist is missing: build first (npm run setup, or pnpm build)`);
    }
  }
  // Never answers anything: every request hangs until the client gives up.
  server = await serve(() => undefined);
});
afterAll(() => server.close());

/** Runs `script` as an ES module in a new `node --expose-gc`; resolves with its exit time and output. */
function run(script: string): Promise<{ exitedAfterMs: number; output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--input-type=module', '-e', script, server.origin],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the process did not exit by itself within 15 s; output: ${output}`));
    }, 15_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ exitedAfterMs: performance.now() - start, output, code });
    });
  });
}

describe('after an aborted call the process exits by itself', () => {
  it('an aborted token fetch (the shared request is dropped with its last waiter)', async () => {
    const { exitedAfterMs, output, code } = await run(`
      import { qciRefreshToken } from ${JSON.stringify(dist('auth'))};
      setInterval(() => globalThis.gc(), 5).unref();
      const provider = qciRefreshToken({ baseUrl: process.argv[1], refreshToken: 'refresh', allowInsecureLoopback: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      await provider.getToken({ signal: controller.signal }).catch((error) => console.log('ended:', error.name));
    `);
    expect(output).toContain('ended: AbortError');
    expect(code).toBe(0);
    // The token request's own limit is 30 s: exiting well before it means nothing was left running.
    expect(exitedAfterMs).toBeLessThan(10_000);
  });

  it('an aborted API call whose token request hangs', async () => {
    const { exitedAfterMs, output, code } = await run(`
      import { createQciClient } from ${JSON.stringify(dist('qci'))};
      setInterval(() => globalThis.gc(), 5).unref();
      const qci = createQciClient({ baseUrl: process.argv[1], refreshToken: 'refresh', allowInsecureLoopback: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      await qci.allocations({ signal: controller.signal }).catch((error) => console.log('ended:', error.name));
    `);
    expect(output).toContain('ended: AbortError');
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(10_000);
  });

  it('a call that timed out against a server that never answers', async () => {
    const { exitedAfterMs, output, code } = await run(`
      import { createQciClient } from ${JSON.stringify(dist('qci'))};
      import { staticToken } from ${JSON.stringify(dist('auth'))};
      setInterval(() => globalThis.gc(), 5).unref();
      const qci = createQciClient({ baseUrl: process.argv[1], auth: staticToken('t'), allowInsecureLoopback: true, timeoutMs: 300, retry: false });
      await qci.allocations().catch((error) => console.log('ended:', error.name));
    `);
    expect(output).toContain('ended: TimeoutError');
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(10_000);
  });
});
