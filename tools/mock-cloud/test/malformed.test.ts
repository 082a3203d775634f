import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockCloud, startMockCloud } from '../src/index.js';

// What a client in any language may send, byte for byte: fetch would refuse or repair most of it, so
// these requests go over a raw socket. Whatever a request gets wrong, the answer is a 4xx that says so:
// a 500 would tell the client the mock broke, and a dropped connection would tell it nothing.

const MAX_BODY = 64 * 1024;
let cloud: MockCloud;
beforeAll(async () => {
  cloud = await startMockCloud({ maxBodyBytes: MAX_BODY });
});
afterAll(() => cloud.close());

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends bytes as they are and reads the whole answer, until the server closes the connection (the
 * requests ask it to). The client keeps its side open, as HTTP clients do: Node's server drops a
 * request whose client half-closed the connection before the answer.
 */
function raw(request: string | Buffer): Promise<RawAnswer> {
  const { port } = new URL(cloud.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const head = end === -1 ? text : text.slice(0, end);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        head,
        body: text.slice(end + 4),
      });
    });
    socket.write(request);
  });
}

function request(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
) {
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const lines = [`${method} ${target} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (bytes !== undefined && headers['transfer-encoding'] === undefined)
    lines.push(`content-length: ${bytes.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return raw(bytes === undefined ? head : Buffer.concat([head, bytes]));
}

const AZURE_WORKSPACE =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myresourcegroup/providers/Microsoft.Quantum/workspaces/myworkspace';

describe('malformed requests get a 4xx naming the problem, never a 500', () => {
  it('a `%` that starts no escape, in every mock’s paths', async () => {
    const paths = [
      '/qci/optimization/v1/jobs/%zz',
      '/pasqal/core-fast/api/v2/batches/%zz',
      '/pasqal/account/api/v1/projects/%E0%A4%A',
      `/azure/quantum${AZURE_WORKSPACE}/jobs/%zz?api-version=2026-01-15-preview`,
      '/azure/quantum/subscriptions/%zz/resourceGroups/x/providers/Microsoft.Quantum/workspaces/y/jobs?api-version=2026-01-15-preview',
      '/azure/arm/subscriptions/%zz/resourceGroups/rg/providers/Microsoft.Quantum/workspaces/ws?api-version=2025-12-15-preview',
      '/azure/blob/%zz/inputData?sig=x',
    ];
    for (const path of paths) {
      const answer = await request('GET', path, { authorization: 'Bearer x' });
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toMatch(/percent-encoding|InvalidUri/);
    }
    // Entra's token endpoint: a tenant that is not valid percent-encoding is no tenant it knows.
    const token = await request(
      'POST',
      '/azure/entra/%zz/oauth2/v2.0/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'grant_type=client_credentials&client_id=a&scope=https%3A%2F%2Fquantum.microsoft.com%2F.default',
    );
    expect(token.status).toBe(400);
    expect(token.body).toContain('AADSTS90002');
    // Pasqal's results host checks the signature over the path as written: a forged one is S3's 403.
    expect((await request('GET', '/pasqal/results/%zz/x/results.json?X-Amz-Signature=0')).status).toBe(403);
  });

  it('a `%` that starts no escape in the query', async () => {
    const answer = await request('GET', `/azure/quantum${AZURE_WORKSPACE}/jobs?api-version=%zz`, {
      'x-ms-quantum-api-key': 'qc-demo-workspace-key~not-a-real-one',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('api-version');
  });

  it('a body that is not JSON, or gzip that does not inflate', async () => {
    const json = { 'content-type': 'application/json' };
    const notJson = await request('POST', '/qci/auth/v1/access-tokens', json, '{"refresh_token":');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toContain('not valid JSON');
    const corrupt = gzipSync('{"refresh_token":"x"}').subarray(0, 12);
    const truncatedGzip = await request('POST', '/qci/auth/v1/access-tokens', json, corrupt);
    expect(truncatedGzip.status).toBe(400);
    const declaredGzip = await request(
      'POST',
      '/pasqal/core-fast/api/v1/batches',
      { ...json, 'content-encoding': 'gzip', authorization: 'Bearer x' },
      corrupt,
    );
    expect(declaredGzip.status).toBeGreaterThanOrEqual(400);
    expect(declaredGzip.status).toBeLessThan(500);
  });

  it('a body larger than the limit: 413 at once when declared, or as soon as it passes the limit', async () => {
    const declared = await raw(
      `POST /qci/optimization/v1/files HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${MAX_BODY + 1}\r\n\r\n`,
    );
    expect(declared.status).toBe(413);
    expect(declared.body).toContain('RequestBodyTooLarge');
    const chunk = 'x'.repeat(16 * 1024);
    const chunked = await request(
      'POST',
      '/qci/optimization/v1/files',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      `${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(5)}0\r\n\r\n`,
    );
    expect(chunked.status).toBe(413);
    // Under the limit, the same body is read and judged on what it is.
    const small = await request(
      'POST',
      '/qci/optimization/v1/files',
      { 'content-type': 'application/json' },
      chunk,
    );
    expect(small.status).toBe(400);
  });

  it('methods no cloud API answers: 405 with Allow; methods HTTP does not know: 400', async () => {
    const trace = await request('TRACE', '/qci/optimization/v1/jobs');
    expect(trace.status).toBe(405);
    expect(trace.head.toLowerCase()).toContain('allow: get, head, post, put, patch, delete, options');
    const tunnel = await raw('CONNECT 127.0.0.1:443 HTTP/1.1\r\nhost: 127.0.0.1:443\r\n\r\n');
    expect(tunnel.status).toBe(405);
    expect(tunnel.body).toContain('MethodNotAllowed');
    expect((await request('FOO', '/qci/x')).status).toBe(400);
    // A method HTTP knows but the API does not have is the API's own 404, as before.
    expect((await request('PROPFIND', '/qci/optimization/v1/jobs')).status).toBe(404);
  });

  it('a request target that is no URL, or bytes that are no HTTP', async () => {
    expect((await raw('GET qci HTTP/1.1\r\nhost: x\r\n\r\n')).status).toBe(400);
    expect((await raw('GET /qci/\u00ff HTTP/1.1\r\nhost: x\r\n\r\n')).status).toBe(400);
    expect((await raw('GET http://[::1 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')).status).toBe(400);
    expect((await raw('hello\r\n\r\n')).status).toBe(400);
  });

  it('the server still answers well-formed requests after all of that', async () => {
    const answer = await fetch(`${cloud.origin}/qci/optimization/v1/jobs/allocations`);
    expect(answer.status).toBe(401);
  });
});
