import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockCloud, serviceOf, startMockCloud } from '../src/index.js';

// A TLS mock cloud: clients that refuse plain http (qc without allowInsecureLoopback, the official
// Azure clients) talk to it once they trust the CA it made. Each client runs in a process of its own,
// with or without NODE_EXTRA_CA_CERTS, from the built packages.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const qciDist = pathToFileURL(join(root, 'packages', 'qci', 'dist', 'index.js')).href;

let cloud: MockCloud;
beforeAll(async () => {
  if (!existsSync(fileURLToPath(qciDist))) throw new Error('packages/qci/dist is missing: build first');
  cloud = await startMockCloud({ tls: true });
});
afterAll(() => cloud.close());

/** Runs the client in its own process (asynchronously: this process serves the mock cloud). */
function runClient(trustCa: boolean): Promise<{ status: number | null; output: string }> {
  const script = `
    import { createQciClient } from ${JSON.stringify(qciDist)};
    const qci = createQciClient({ baseUrl: process.argv[1], refreshToken: process.argv[2], retry: false });
    try { console.log('allocations', JSON.stringify(await qci.allocations())); }
    catch (error) { console.log('failed', error.name, error.reason ?? ''); process.exitCode = 3; }
  `;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  if (trustCa && cloud.caFile !== undefined) env.NODE_EXTRA_CA_CERTS = cloud.caFile;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        script,
        serviceOf(cloud.services, 'qci').baseUrls.api ?? '',
        serviceOf(cloud.services, 'qci').credentials.refreshToken ?? '',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('the mock cloud over TLS (--tls)', () => {
  it('serves https with a CA of its own, named in caFile', () => {
    expect(cloud.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(cloud.caFile ?? '', 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('a client that trusts the CA runs a call over https, with no loopback opt-in', async () => {
    const { status, output } = await runClient(true);
    expect(output).toContain('allocations {"allocations"');
    expect(status).toBe(0);
  });

  it('a client that does not trust it fails on the certificate: the TLS is real', async () => {
    const { status, output } = await runClient(false);
    // The token exchange is the first request: its failure is an AuthError whose reason is the network.
    expect(output).toMatch(/failed (AuthError network|NetworkError)/);
    expect(status).toBe(3);
  });
});
