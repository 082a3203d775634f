import { describe, expect, it } from 'vitest';
import { urlRules } from '../src/rules.mjs';

const doc = (paths: Record<string, unknown>, components: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  paths,
  components,
});

describe('URL rules from the spec', () => {
  it('collects each path parameter rule (through $refs) and the query parameter names', () => {
    const rules = urlRules(
      doc(
        {
          '/batches/{batch_id}': {
            parameters: [{ $ref: '#/components/parameters/BatchId' }],
            get: { parameters: [{ name: 'Limit', in: 'query', schema: { type: 'integer' } }] },
          },
          '/batches/{batch_id}/jobs/{n}': {
            get: {
              parameters: [
                { $ref: '#/components/parameters/BatchId' },
                { name: 'n', in: 'path', schema: { type: 'integer' } },
                { name: 'access_token', in: 'query', schema: { type: 'string' } },
                { name: 'apiKey', in: 'query', schema: { type: 'string' } },
                { name: 'sessionToken', in: 'query', schema: { type: 'string' } },
                { name: 'sig', in: 'query', schema: { type: 'string' } },
              ],
            },
          },
        },
        {
          parameters: {
            BatchId: {
              name: 'batch_id',
              in: 'path',
              required: true,
              schema: { $ref: '#/components/schemas/Id' },
            },
          },
          schemas: { Id: { type: 'string', format: 'uuid', maxLength: 36 } },
        },
      ),
    );
    expect(rules.pathRules).toEqual({ batch_id: { format: 'uuid', maxLength: 36 }, n: { type: 'integer' } });
    // Names that may carry a credential are never marked safe to show, even when declared.
    expect(rules.queryParameters).toEqual(['limit']);
  });

  it('refuses one name with two rules: the client looks rules up by name', () => {
    expect(() =>
      urlRules(
        doc({
          '/a/{id}': {
            get: { parameters: [{ name: 'id', in: 'path', schema: { type: 'string', pattern: '^a$' } }] },
          },
          '/b/{id}': {
            get: { parameters: [{ name: 'id', in: 'path', schema: { type: 'string', pattern: '^b$' } }] },
          },
        }),
      ),
    ).toThrow(/path parameter "id" has different schemas at GET \/a\/\{id\} and GET \/b\/\{id\}/);
  });

  it('refuses a pattern the client could not compile', () => {
    expect(() =>
      urlRules(
        doc({ '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path', schema: { pattern: '(' } }] } } }),
      ),
    ).toThrow(SyntaxError);
  });
});
