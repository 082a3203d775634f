import { InvalidArgumentError } from '@qc/core';
import { describe, expect, it } from 'vitest';
import { checkPathParameter, checkPathParameters, createApiClient, createPipeline } from '../src/index.js';

const SECRET = 'sk-live-0123456789abcdef';

describe('path parameters checked against the spec', () => {
  it('enforces format, pattern, enum and lengths, naming the rule and never the value', () => {
    const uuid = { format: 'uuid' } as const;
    expect(checkPathParameter('batch_id', '3fa85f64-5717-4562-b3fc-2c963f66afa6', uuid)).toBe(
      '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    );
    expect(() => checkPathParameter('batch_id', SECRET, uuid)).toThrow(
      `path parameter batch_id must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got a string of ${SECRET.length} characters`,
    );
    const name = { pattern: '^[a-z]+$', minLength: 2, maxLength: 4 };
    expect(() => checkPathParameter('name', 'AB', name)).toThrow(/must match \^\[a-z\]\+\$/);
    expect(() => checkPathParameter('name', 'a', name)).toThrow(/must be 2 to 4 characters long/);
    expect(() => checkPathParameter('name', 'abcde', name)).toThrow(/must be 2 to 4 characters long/);
    expect(() => checkPathParameter('key', 'x', { enum: ['Primary', 'Secondary'] })).toThrow(
      /must be one of Primary, Secondary/,
    );
    for (const bad of [SECRET, 'AB', 'abcde']) {
      try {
        checkPathParameter('name', bad, name);
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(bad);
      }
    }
  });

  it('refuses ., .., empty and missing values whatever the rule, and non-integers for integers', () => {
    for (const bad of ['.', '..', '']) {
      expect(() => checkPathParameter('id', bad, undefined)).toThrow(InvalidArgumentError);
    }
    expect(() => checkPathParameter('id', undefined, undefined)).toThrow('path parameter id is required');
    expect(checkPathParameter('part', 3, { type: 'integer' })).toBe('3');
    expect(checkPathParameter('part', '7', { type: 'integer' })).toBe('7');
    expect(() => checkPathParameter('part', 1.5, { type: 'integer' })).toThrow(/must be an integer/);
    expect(() => checkPathParameter('part', '../1', { type: 'integer' })).toThrow(/must be an integer/);
    // Digits are sent as given, never rounded through a JavaScript number.
    expect(checkPathParameter('part', '12345678901234567890', { type: 'integer' })).toBe(
      '12345678901234567890',
    );
    expect(() => checkPathParameter('part', 1e21, { type: 'integer' })).toThrow(/must be an integer/);
  });

  it('checks the longest length before the pattern, with a ceiling when the spec sets none', () => {
    // ARM's workspace-name pattern backtracks on a long value that fails at its end.
    const rule = { pattern: '^[a-zA-Z0-9]+(-*[a-zA-Z0-9])*$' };
    expect(() => checkPathParameter('workspaceName', `${'a'.repeat(30_000)}_`, rule)).toThrow(
      /must be 0 to 1024 characters long/,
    );
    expect(checkPathParameter('workspaceName', 'a'.repeat(1024), rule)).toHaveLength(1024);
  });

  it('names values as the caller knows them', () => {
    expect(() =>
      checkPathParameters(
        { workspaceName: { minLength: 2 } },
        { workspaceName: 'w' },
        { workspaceName: 'workspace' },
      ),
    ).toThrow(/^workspace must be 2 to 1024 characters long, got a string of 1 characters$/);
  });

  it('the API client checks every call against the rules before sending anything', async () => {
    const sent: string[] = [];
    const pipeline = createPipeline({
      client: { name: '@qc/example', version: '1.0.0' },
      fetch: async (url) => {
        sent.push(String(url));
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      },
    });
    const api = createApiClient({
      baseUrl: 'https://api.example.test',
      pipeline,
      pathRules: { id: { format: 'uuid' } },
    });
    await expect(api.get({ url: '/jobs/{id}', path: { id: 'nope' } })).rejects.toThrow(/must be a UUID/);
    expect(sent).toEqual([]);
    await api.get({ url: '/jobs/{id}', path: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } });
    expect(sent).toEqual(['https://api.example.test/jobs/3fa85f64-5717-4562-b3fc-2c963f66afa6']);
  });
});
