import { AuthError, staticToken } from '@qc/auth';
import { createAzureQuantumClient } from '@qc/azure-quantum';
import { createAzureQuantumArmClient } from '@qc/azure-quantum-arm';
import { AbortError, TimeoutError } from '@qc/core';
import { createQciClient } from '@qc/qci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, serve, since, type TestServer } from './server.js';

// Bounds are loose on purpose: they say "at the limit, not at the server's pace", not how fast.
const LIMIT_MS = 1_000;
const SETTLES_BY_MS = 3_000;

let server: TestServer;
const timers = new Set<ReturnType<typeof setInterval>>();

beforeAll(async () => {
  server = await serve((request, response) => {
    const path = request.url?.split('?')[0] ?? '';
    if (path.endsWith('/slow')) {
      // Answers after 8 s: far past every limit below.
      const timer = setTimeout(() => response.end('{"allocations":{}}'), 8_000);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    if (path.endsWith('/stall')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"allocations":');
      return; // never ends
    }
    if (path.endsWith('/trickle')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      const timer = setInterval(() => response.write(' '), 100);
      timers.add(timer);
      response.on('close', () => clearInterval(timer));
      return; // one byte every 100 ms, forever
    }
    // Token endpoints (QCi's exchange, Entra's token URL) never answer.
  });
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  await server.close();
});

const qci = (options: { timeoutMs?: number } = {}) =>
  createQciClient({
    baseUrl: server.origin,
    auth: staticToken('fault-test-token'),
    allowInsecureLoopback: true,
    retry: false,
    ...options,
  });

describe('time limits hold under GC pressure (real sockets)', () => {
  it('a 1 s limit against a server that answers after 8 s settles in about 1 s', async () => {
    const start = performance.now();
    const error = await rejectionOf(
      qci({ timeoutMs: LIMIT_MS }).client.get({
        url: '/slow',
        security: [{ type: 'http', scheme: 'bearer' }],
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('/slow');
    expect(since(start)).toBeGreaterThanOrEqual(LIMIT_MS - 50);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });

  it('a 200 whose body stalls ends at the limit', async () => {
    const start = performance.now();
    const error = await rejectionOf(qci({ timeoutMs: LIMIT_MS }).client.get({ url: '/stall' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });

  it('a body that trickles forever ends at the limit', async () => {
    const start = performance.now();
    const error = await rejectionOf(qci({ timeoutMs: LIMIT_MS }).client.get({ url: '/trickle' }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });

  it('a per-call limit replaces the client’s', async () => {
    const start = performance.now();
    const error = await rejectionOf(qci().client.get({ url: '/stall', timeoutMs: 500 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });

  it('the caller’s abort ends a stalled body', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const start = performance.now();
    // The client's own limit is the 30 s default: only the caller's signal can end this in time.
    const error = await rejectionOf(qci().client.get({ url: '/stall', signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });

  it('a QCi token endpoint that never answers ends at the limit', async () => {
    const client = createQciClient({
      baseUrl: server.origin,
      refreshToken: 'qci-refresh-token-never-shown',
      allowInsecureLoopback: true,
      timeoutMs: LIMIT_MS,
      retry: false,
    });
    const start = performance.now();
    const error = await rejectionOf(client.allocations());
    expect([TimeoutError.name, AuthError.name]).toContain(error.name);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
    expect(JSON.stringify(error) + String(error.stack)).not.toContain('qci-refresh-token-never-shown');
  });

  it('an Entra authority that never answers ends at the Azure client’s limit', async () => {
    const azure = createAzureQuantumClient({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg',
      workspace: 'ws',
      baseUrl: server.origin,
      auth: {
        tenantId: 'tenant',
        clientId: 'client',
        clientSecret: 'entra-secret-never-shown',
        authorityHost: server.origin,
      },
      allowInsecureLoopback: true,
      timeoutMs: LIMIT_MS,
      retry: false,
    });
    const start = performance.now();
    const error = await rejectionOf(azure.getJob('3fa85f64-5717-4562-b3fc-2c963f66afa6'));
    expect([TimeoutError.name, AuthError.name]).toContain(error.name);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });

  it('ARM token requests follow the client’s timeoutMs', async () => {
    const arm = createAzureQuantumArmClient({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      baseUrl: server.origin,
      auth: {
        tenantId: 'tenant',
        clientId: 'client',
        clientSecret: 'arm-secret-never-shown',
        authorityHost: server.origin,
      },
      allowInsecureLoopback: true,
      timeoutMs: LIMIT_MS,
      retry: false,
    });
    const start = performance.now();
    const error = await rejectionOf(arm.getWorkspace('rg', 'ws'));
    expect([TimeoutError.name, AuthError.name]).toContain(error.name);
    expect(since(start)).toBeLessThan(SETTLES_BY_MS);
  });
});
