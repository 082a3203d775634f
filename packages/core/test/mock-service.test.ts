import { describe, expect, it } from 'vitest';
import {
  createContract,
  createMockService,
  jsonResponse,
  MockContractError,
  type OpenApiDocument,
} from '../src/contract/index.js';

const doc: OpenApiDocument = {
  openapi: '3.1.0',
  paths: {
    '/files/{file_id}/contents/{part_number}': {
      patch: {
        operationId: 'uploadPart',
        parameters: [
          { name: 'file_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'part_number', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['data'],
                properties: { data: { type: 'array', items: { type: 'number' } } },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['file_id'],
                  properties: { file_id: { type: 'string' } },
                },
              },
            },
          },
          '400': { description: 'bad' },
        },
      },
    },
    '/files': { get: { operationId: 'listFiles', responses: { '200': { description: 'ok' } } } },
  },
};

const contract = createContract(doc);
const base = 'https://api.example.test/optimization/v1';
const calls: unknown[] = [];
const service = createMockService({
  contract,
  baseUrl: base,
  validateResponses: true,
  operations: {
    uploadPart: ({ path, body }) => {
      calls.push({ path, body });
      if (path.file_id === 'drifted') return Response.json({ fileId: 'wrong-name' });
      return Response.json({ file_id: path.file_id });
    },
  },
});

const patch = (url: string, body: BodyInit) =>
  service(new Request(url, { method: 'PATCH', body, headers: { 'content-type': 'application/json' } }));

describe('createMockService', () => {
  it('routes under the base path, coerces path parameters and passes the parsed body', async () => {
    calls.length = 0;
    const response = await patch(`${base}/files/abc/contents/2`, JSON.stringify({ data: [1, 2.5] }));
    expect(response?.status).toBe(200);
    expect(await response?.json()).toEqual({ file_id: 'abc' });
    expect(calls).toEqual([{ path: { file_id: 'abc', part_number: 2 }, body: { data: [1, 2.5] } }]);
  });

  it('reads a gzip body sent without Content-Encoding (as QCi’s client does)', async () => {
    calls.length = 0;
    const gz = await new Response(
      new Blob([JSON.stringify({ data: [3] })]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    const response = await patch(`${base}/files/abc/contents/1`, gz);
    expect(response?.status).toBe(200);
    expect(calls).toEqual([{ path: { file_id: 'abc', part_number: 1 }, body: { data: [3] } }]);
  });

  it('answers 400 naming the issues when the request breaks the spec, without calling the mock', async () => {
    calls.length = 0;
    const response = await patch(`${base}/files/abc/contents/0`, JSON.stringify({ data: ['x'] }));
    expect(response?.status).toBe(400);
    const body = (await response?.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues).toEqual([
      { path: 'path parameter "part_number"', message: 'must be >= 1' },
      { path: 'body/data/0', message: 'must be number, got string' },
    ]);
    expect(calls).toEqual([]);
    expect((await patch(`${base}/files/abc/contents/1`, '{not json'))?.status).toBe(400);
  });

  it('answers 501 for an operation the mock does not implement, 404 for unknown paths', async () => {
    expect((await service(new Request(`${base}/files`)))?.status).toBe(501);
    expect((await service(new Request(`${base}/nothing`)))?.status).toBe(404);
  });

  it('ignores requests outside its base URL', async () => {
    expect(await service(new Request('https://api.example.test/other/files'))).toBeUndefined();
    expect(await service(new Request('https://elsewhere.test/optimization/v1/files'))).toBeUndefined();
  });

  it('throws when its own response breaks the spec, so a mock cannot drift', async () => {
    await expect(
      patch(`${base}/files/drifted/contents/1`, JSON.stringify({ data: [] })),
    ).rejects.toBeInstanceOf(MockContractError);
  });

  it('answers 400 for a path that is not valid percent-encoding, or gzip that does not inflate', async () => {
    calls.length = 0;
    const bad = await service(new Request(`${base}/files/%zz/contents/1`, { method: 'PATCH', body: '{}' }));
    expect(bad?.status).toBe(400);
    expect(((await (bad as Response).json()) as { title: string }).title).toContain('percent-encoding');
    const gzip = new Uint8Array(
      await new Response(
        new Blob(['{"data":[1]}']).stream().pipeThrough(new CompressionStream('gzip')),
      ).arrayBuffer(),
    );
    const truncated = await patch(`${base}/files/abc/contents/1`, gzip.slice(0, 12));
    expect(truncated?.status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('checks the responses a policy picks, answering the others unchecked', async () => {
    const checked: string[] = [];
    const sampled = createMockService({
      contract,
      baseUrl: base,
      validateResponses: (operationId, status) => {
        checked.push(`${status} ${operationId}`);
        return checked.length === 1;
      },
      operations: { uploadPart: () => jsonResponse({ fileId: 'wrong-name' }) },
    });
    const send = () =>
      sampled(
        new Request(`${base}/files/x/contents/1`, {
          method: 'PATCH',
          body: '{"data":[]}',
          headers: { 'content-type': 'application/json' },
        }),
      );
    await expect(send()).rejects.toBeInstanceOf(MockContractError);
    expect((await send())?.status).toBe(200);
    expect(checked).toEqual(['200 uploadPart', '200 uploadPart']);
  });
});
