import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seededRandom } from '../src/contract/index.js';
import { type Direction, documentRefResolver, validateSchema } from '../src/contract/schema.js';
import { SchemaChecks } from '../src/contract/schema-check.js';

// The compiled checks answer "does it conform?" without building issue lists; validateSchema names the
// issues. The mocks trust the first and ask the second only on "no", so the two must never disagree:
// on every component schema of every spec, both directions, for the recorded bodies and thousands of
// mutations of them (keys dropped and added, types swapped, strings stretched, arrays emptied).

const root = join(import.meta.dirname, '..', '..', '..');
const specs = readdirSync(join(root, 'specs'))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => ({
    file,
    document: parse(readFileSync(join(root, 'specs', file), 'utf8')) as {
      components: { schemas: Record<string, unknown> };
    },
  }));

function fixtures(directory: string): unknown[] {
  const values: unknown[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) values.push(...fixtures(path));
    else if (entry.name.endsWith('.json')) values.push(JSON.parse(readFileSync(path, 'utf8')));
  }
  return values;
}

/** Every object and array inside the fixtures: the shapes the schemas describe, at every depth. */
function parts(value: unknown, out: unknown[] = []): unknown[] {
  out.push(value);
  if (Array.isArray(value)) for (const item of value) parts(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) parts(item, out);
  return out;
}

const SUBSTITUTES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 40,
  '',
  'x',
  '💥'.repeat(3),
  'a'.repeat(300),
  true,
  [],
  {},
  [1],
  { a: 1 },
];

function mutate(value: unknown, random: () => number, depth = 0): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  if (depth > 6 || random() < 0.15) return pick(SUBSTITUTES);
  if (Array.isArray(value)) {
    const copy = value.map((item) => (random() < 0.3 ? mutate(item, random, depth + 1) : item));
    if (random() < 0.2) copy.pop();
    if (random() < 0.2 && copy.length > 0) copy.push(copy[0]);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const key of Object.keys(copy)) {
      const roll = random();
      if (roll < 0.1) delete copy[key];
      else if (roll < 0.4) copy[key] = mutate(copy[key], random, depth + 1);
    }
    if (random() < 0.15) copy[pick(['extra', 'id', 'status', 'constructor', 'name'])] = pick(SUBSTITUTES);
    return copy;
  }
  if (typeof value === 'string' && random() < 0.5) return value + pick(['', 'Z', ' ', '\u0000', '🙂']);
  return pick(SUBSTITUTES);
}

describe('compiled schema checks agree with validateSchema', () => {
  const recorded = fixtures(join(root, 'specs', 'fixtures')).flatMap((value) => parts(value));
  for (const { file, document } of specs) {
    it(`${file}: every component, both directions, recorded bodies and their mutations`, () => {
      const resolve = documentRefResolver(document);
      const random = seededRandom(0xc0ffee);
      let compared = 0;
      let conforming = 0;
      for (const direction of ['request', 'response'] as Direction[]) {
        const checks = new SchemaChecks(resolve, direction);
        for (const [name, schema] of Object.entries(document.components.schemas)) {
          const check = checks.of(schema as Record<string, unknown>);
          const candidates = [...recorded, ...recorded.map((value) => mutate(value, random)), ...SUBSTITUTES];
          for (const value of candidates) {
            const expected =
              validateSchema(schema as Record<string, unknown>, value, resolve, direction).length === 0;
            if (check(value) !== expected) {
              expect.fail(`${name} (${direction}) disagrees on ${JSON.stringify(value)?.slice(0, 300)}`);
            }
            compared += 1;
            if (expected) conforming += 1;
          }
        }
      }
      // The comparison saw both verdicts, many times.
      expect(compared).toBeGreaterThan(1000);
      expect(conforming).toBeGreaterThan(10);
      expect(compared - conforming).toBeGreaterThan(100);
    });
  }
});

describe('compiled schema checks agree with validateSchema keyword by keyword, at the edges', () => {
  const components: Record<string, unknown> = {
    Node: {
      type: 'object',
      properties: { next: { $ref: '#/components/schemas/Node' } },
      additionalProperties: false,
    },
    Id: { type: 'string', readOnly: true },
    Secret: { type: 'string', writeOnly: true },
  };
  const resolve = documentRefResolver({ components: { schemas: components } });
  const astral = '😀';
  const table: [string, unknown, unknown[]][] = [
    ['true', true, [1, null, {}]],
    ['false', false, [1, null, {}]],
    ['type', { type: 'integer' }, [1, 1.5, -0, '1', null, 2 ** 53]],
    ['types', { type: ['string', 'null'] }, ['a', null, 0, []]],
    ['number', { type: 'number' }, [1, 1.5, '1', Number.NaN]],
    ['enum', { enum: ['a', 1, null, { x: [1] }] }, ['a', 1, null, { x: [1] }, { x: [2] }, 'b', '1']],
    ['const', { const: { a: [1, 2] } }, [{ a: [1, 2] }, { a: [2, 1] }, { a: [1, 2], b: 1 }]],
    ['minLength', { minLength: 2 }, ['', 'a', 'ab', astral, astral + astral, 'a\ud800']],
    ['maxLength', { maxLength: 2 }, ['ab', 'abc', astral + astral, astral + astral + 'a', 'a'.repeat(5), 7]],
    ['pattern', { pattern: '^[a-z]+\\d?$' }, ['abc', 'abc1', 'ABC', 'abc12', '', 3]],
    ['unicode pattern', { pattern: '^\\p{L}+$' }, ['été', 'a1', astral]],
    ['minimum', { minimum: 1 }, [0, 1, 1.01, 'x']],
    ['maximum', { maximum: 1 }, [1, 1.01, -5]],
    ['exclusiveMinimum', { exclusiveMinimum: 1 }, [1, 1.0001, 0]],
    ['exclusiveMaximum', { exclusiveMaximum: 1 }, [1, 0.9999, 2]],
    ['multipleOf', { multipleOf: 0.1 }, [0.3, 0.35, 1, 7.7, 1e-12]],
    ['minItems', { minItems: 1 }, [[], [1], 'x']],
    ['maxItems', { maxItems: 1 }, [[], [1], [1, 2]]],
    [
      'uniqueItems',
      { uniqueItems: true },
      [
        [1, 2],
        [1, 1],
        [{ a: 1 }, { a: 1 }],
        [{ a: 1 }, { a: 2 }],
        [[1], [1]],
      ],
    ],
    ['items', { items: { type: 'string' } }, [['a'], ['a', 1], []]],
    ['required', { required: ['a', 'b'] }, [{ a: 1, b: 2 }, { a: 1 }, {}, [], 'x']],
    [
      'required readOnly/writeOnly',
      {
        required: ['id', 'secret', 'plain'],
        properties: {
          id: { $ref: '#/components/schemas/Id' },
          secret: { $ref: '#/components/schemas/Secret' },
          plain: { type: 'string', readOnly: true },
        },
      },
      [
        {},
        { id: 'x' },
        { secret: 's' },
        { id: 'x', secret: 's', plain: 'p' },
        { secret: 's', plain: 'p' },
        { id: 'i', plain: 'p' },
      ],
    ],
    [
      'properties',
      { properties: { a: { type: 'string' } } },
      [{ a: 'x' }, { a: 1 }, { b: 1 }, { constructor: 1 }, { toString: 'x' }],
    ],
    [
      'additionalProperties false',
      { properties: { a: {} }, additionalProperties: false },
      [{ a: 1 }, { a: 1, b: 2 }, { constructor: 1 }, { __proto__x: 1 }],
    ],
    [
      'additionalProperties schema',
      { properties: { a: {} }, additionalProperties: { type: 'integer' } },
      [{ a: 'x', b: 2 }, { b: 'x' }],
    ],
    [
      'patternProperties',
      { patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false },
      [{ 'x-a': 'v' }, { 'x-a': 1 }, { y: 1 }],
    ],
    ['propertyNames', { propertyNames: { maxLength: 2 } }, [{ ab: 1 }, { abc: 1 }, {}]],
    ['minProperties', { minProperties: 1 }, [{}, { a: 1 }]],
    ['maxProperties', { maxProperties: 1 }, [{ a: 1 }, { a: 1, b: 2 }]],
    ['allOf', { allOf: [{ required: ['a'] }, { required: ['b'] }] }, [{ a: 1, b: 1 }, { a: 1 }]],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 3 }] }, ['x', 3, 2, null]],
    ['oneOf overlapping', { oneOf: [{ type: 'number' }, { type: 'integer' }] }, [1, 1.5, 'x']],
    [
      'oneOf exclusive',
      { oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      [{ a: 1 }, { b: 1 }, { a: 1, b: 1 }, {}],
    ],
    ['not', { not: { type: 'null' } }, [null, 1]],
    [
      '$ref recursion',
      { $ref: '#/components/schemas/Node' },
      [{}, { next: { next: {} } }, { next: { next: { x: 1 } } }, { next: 1 }],
    ],
    ['$ref and siblings', { $ref: '#/components/schemas/Id', minLength: 2 }, ['ab', 'a', 1]],
  ];
  for (const [label, schema, values] of table) {
    it(label, () => {
      for (const direction of ['request', 'response'] as Direction[]) {
        const check = new SchemaChecks(resolve, direction).of(schema as Record<string, unknown>);
        for (const value of values) {
          const expected =
            validateSchema(schema as Record<string, unknown>, value, resolve, direction).length === 0;
          expect(check(value), `${label} (${direction}) on ${JSON.stringify(value)}`).toBe(expected);
        }
      }
    });
  }
});
