import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createContract, type OpenApiDocument, UnsupportedSchemaError } from '../src/contract/index.js';

const doc: OpenApiDocument = {
  openapi: '3.1.0',
  paths: {
    '/jobs/allocations': {
      get: { operationId: 'getAllocations', responses: { '200': { $ref: '#/components/responses/Ok' } } },
    },
    '/jobs/{job_id}': {
      parameters: [
        { name: 'job_id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-f0-9]{24}$' } },
      ],
      get: {
        operationId: 'getJob',
        responses: { '200': { $ref: '#/components/responses/Ok' }, '4XX': { description: 'e' } },
      },
      put: {
        operationId: 'putJob',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } },
          },
        },
      },
    },
    '/jobs': {
      get: {
        operationId: 'listJobs',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          {
            name: 'status',
            in: 'query',
            schema: { type: 'array', items: { type: 'string', enum: ['DONE', 'PENDING'] } },
          },
          { name: 'x-api-key', in: 'header', required: true, schema: { type: 'string' } },
        ],
        responses: { default: { description: 'e' } },
      },
    },
  },
  components: {
    responses: { Ok: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
    schemas: {
      Job: {
        type: 'object',
        required: ['id', 'device'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', readOnly: true },
          device: {
            oneOf: [
              {
                type: 'object',
                required: ['dirac-1'],
                maxProperties: 1,
                properties: { 'dirac-1': { type: 'object' } },
              },
              {
                type: 'object',
                required: ['dirac-3'],
                maxProperties: 1,
                properties: { 'dirac-3': { type: 'object' } },
              },
            ],
          },
        },
      },
    },
  },
};

const contract = createContract(doc);
const headers = new Headers({ 'x-api-key': 'k', 'content-type': 'application/json' });
const request = (method: string, pathname: string, query = '', body?: unknown) =>
  contract.validateRequest({ method, pathname, query: new URLSearchParams(query), headers, body });

describe('Contract routing and request validation', () => {
  it('routes a literal path before a templated one', () => {
    expect(contract.match('GET', '/jobs/allocations')?.operationId).toBe('getAllocations');
    expect(contract.match('GET', '/jobs/0123456789abcdef01234567')).toMatchObject({
      operationId: 'getJob',
      pathParams: { job_id: '0123456789abcdef01234567' },
    });
    expect(contract.match('DELETE', '/jobs/0123456789abcdef01234567')).toBeUndefined();
  });

  it('validates path-level parameters and reports unknown routes', () => {
    expect(request('GET', '/jobs/not-an-id').issues).toEqual([
      { path: 'path parameter "job_id"', message: 'must match the pattern ^[a-f0-9]{24}$' },
    ]);
    expect(request('GET', '/nope').issues[0]?.message).toContain('no operation GET');
  });

  it('coerces query parameters and collects repeated ones into arrays', () => {
    const ok = request('GET', '/jobs', 'limit=10&status=DONE&status=PENDING');
    expect(ok.issues).toEqual([]);
    expect(ok.params.query).toEqual({ limit: 10, status: ['DONE', 'PENDING'] });
    expect(request('GET', '/jobs', 'limit=0').issues[0]).toEqual({
      path: 'query parameter "limit"',
      message: 'must be >= 1',
    });
    expect(request('GET', '/jobs', 'limit=ten').issues[0]?.message).toBe('must be integer, got string');
    expect(request('GET', '/jobs', 'limit=1&limit=2').issues[0]?.message).toBe('must be given once');
    expect(request('GET', '/jobs', 'status=LOST').issues[0]?.path).toBe('query parameter "status"/0');
  });

  it('requires required headers', () => {
    const result = contract.validateRequest({
      method: 'GET',
      pathname: '/jobs',
      query: new URLSearchParams(),
      headers: new Headers(),
    });
    expect(result.issues).toEqual([{ path: 'header parameter "x-api-key"', message: 'is required' }]);
  });

  it('validates the body: required, oneOf exactly one, readOnly not required in requests', () => {
    const path = '/jobs/0123456789abcdef01234567';
    expect(request('PUT', path).issues).toEqual([{ path: 'body', message: 'is required' }]);
    expect(request('PUT', path, '', { device: { 'dirac-1': {} } }).issues).toEqual([]);
    const two = request('PUT', path, '', { device: { 'dirac-1': {}, 'dirac-3': {} } }).issues;
    expect(two[0]?.path).toBe('body/device');
    expect(two[0]?.message).toContain('exactly one');
    expect(request('PUT', path, '', { device: { 'dirac-1': {} }, extra: 1 }).issues).toEqual([
      { path: 'body/extra', message: 'is not an allowed property' },
    ]);
    // The same readOnly property is required in a response.
    expect(
      contract.validateResponse('putJob', 201, 'application/json', { device: { 'dirac-1': {} } }),
    ).toEqual([{ path: 'response 201/id', message: 'is required' }]);
  });

  it('checks that a response status is documented (status classes and default count)', () => {
    expect(contract.validateResponse('getJob', 404, 'application/json', undefined)).toEqual([]);
    expect(contract.validateResponse('getJob', 500, null, undefined)[0]?.message).toContain('not documented');
    expect(contract.validateResponse('listJobs', 503, null, undefined)).toEqual([]);
  });

  it('refuses schema keywords it does not implement instead of ignoring them', () => {
    const bad: OpenApiDocument = {
      openapi: '3.1.0',
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { dependentRequired: { a: ['b'] } } } },
              },
            },
          },
        },
      },
    };
    expect(() => createContract(bad)).toThrow(UnsupportedSchemaError);
  });
});

describe('schema validation agrees with ajv on the real specs', () => {
  const specPath = join(import.meta.dirname, '..', '..', '..', 'specs', 'qci.yaml');
  const spec = parse(readFileSync(specPath, 'utf8')) as OpenApiDocument & {
    components: { schemas: Record<string, unknown> };
  };
  const qci = createContract(spec);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...spec, $id: 'spec' });

  // Candidate values: real-looking bodies and mutations of them.
  const samples: unknown[] = [
    { allocations: { dirac: { metered: true, seconds: 10 } } },
    { allocations: { dirac: { metered: 'yes', seconds: 10 } } },
    { allocations: {} },
    { access_token: 'a', expires_at_rfc3339: '2030-01-01T00:00:00Z' },
    { access_token: '', expires_at_rfc3339: '2030-01-01T00:00:00Z' },
    { access_token: 'a' },
    { refresh_token: 'r' },
    { refresh_token: 'r', extra: true },
    { message: 'ok' },
    { application_name: 'a', version: '1' },
    null,
    [],
    'text',
    42,
  ];

  for (const name of Object.keys(spec.components.schemas)) {
    it(`${name}: same verdict as ajv for every sample`, () => {
      const validate = ajv.getSchema(`spec#/components/schemas/${name}`);
      if (!validate) throw new Error(`ajv could not compile ${name}`);
      for (const sample of samples) {
        const ours = qci.validateComponent(name, sample, 'response').length === 0;
        expect(ours, `${name} ${JSON.stringify(sample)}`).toBe(validate(sample));
      }
    });
  }
});
