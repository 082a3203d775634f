/**
 * A JSON Schema (2020-12 subset) validator for the schemas in qc's own OpenAPI specs, used by the msw
 * handlers to check requests and by tests to check mock responses. It supports exactly the keywords
 * the specs use and refuses any other assertion keyword at compile time, so a schema can never be
 * accepted by silently skipping what it says.
 */

/**
 * Which message a value is validated as: a required `readOnly` property may be absent from a request,
 * a required `writeOnly` one from a response (OpenAPI's rule).
 */
export type Direction = 'request' | 'response';

/** One way a value does not conform to its schema. */
export interface SchemaIssue {
  /** JSON-pointer-like path into the value, e.g. `/job_submission/device_config`. */
  path: string;
  /** What is wrong there, e.g. `is required`; never quotes the value. */
  message: string;
}

type Schema = boolean | Record<string, unknown>;

const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'format',
  'discriminator',
  'externalDocs',
  'xml',
  'contentMediaType',
  'contentEncoding',
]);

const ASSERTIONS = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'minProperties',
  'maxProperties',
]);

/**
 * A spec uses what the validator does not implement (a JSON Schema keyword outside its list, a remote
 * `$ref`): thrown when the contract is built, so a spec never passes validation by being half-read.
 */
export class UnsupportedSchemaError extends Error {
  /** The class name, set as a literal so minified bundles keep it. */
  override name = 'UnsupportedSchemaError';
}

/** Resolves `#/...` references inside one document. */
export type RefResolver = (ref: string) => Schema;

/** A resolver of local `#/...` references into `document`; throws UnsupportedSchemaError for any other. */
export function documentRefResolver(document: unknown): RefResolver {
  return (ref) => {
    if (!ref.startsWith('#/')) throw new UnsupportedSchemaError(`only local $refs are supported: ${ref}`);
    let node: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (node === undefined) throw new UnsupportedSchemaError(`unresolved $ref ${ref}`);
    return node as Schema;
  };
}

/** Checks that a schema (and everything it references) uses only supported keywords. */
export function assertSupported(schema: Schema, resolve: RefResolver, seen = new Set<unknown>()): void {
  if (typeof schema === 'boolean' || seen.has(schema)) return;
  seen.add(schema);
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || ANNOTATIONS.has(key)) continue;
    if (!ASSERTIONS.has(key)) throw new UnsupportedSchemaError(`unsupported JSON Schema keyword "${key}"`);
    if (key === '$ref') assertSupported(resolve(String(value)), resolve, seen);
    else if (key === 'properties' || key === 'patternProperties') {
      for (const sub of Object.values(value as Record<string, Schema>)) assertSupported(sub, resolve, seen);
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      for (const sub of value as Schema[]) assertSupported(sub, resolve, seen);
    } else if (['items', 'additionalProperties', 'not', 'propertyNames'].includes(key)) {
      assertSupported(value as Schema, resolve, seen);
    }
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const pointer = (path: string, key: string | number) =>
  `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Validates `value` against `schema`; returns every issue found (empty when valid). */
export function validateSchema(
  schema: Schema,
  value: unknown,
  resolve: RefResolver,
  direction: Direction,
  path = '',
): SchemaIssue[] {
  if (schema === true) return [];
  if (schema === false) return [{ path, message: 'no value is allowed here' }];
  const issues: SchemaIssue[] = [];
  const fail = (message: string, at = path) => issues.push({ path: at || '/', message });
  const s = schema;

  if (typeof s.$ref === 'string')
    issues.push(...validateSchema(resolve(s.$ref), value, resolve, direction, path));

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => matchesType(value, t))) {
      fail(`must be ${types.join(' or ')}, got ${typeOf(value)}`);
      return issues;
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) {
    fail(`must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if ('const' in s && !deepEqual(s.const, value)) fail(`must equal ${JSON.stringify(s.const)}`);

  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength)
      fail(`must have at least ${s.minLength} characters`);
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength)
      fail(`must have at most ${s.maxLength} characters`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      fail(`must match the pattern ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail(`must be >= ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) fail(`must be <= ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum)
      fail(`must be > ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum)
      fail(`must be < ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === 'number' && !Number.isInteger(value / s.multipleOf))
      fail(`must be a multiple of ${s.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems)
      fail(`must have at least ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems)
      fail(`must have at most ${s.maxItems} items`);
    if (s.uniqueItems === true && value.some((v, i) => value.findIndex((w) => deepEqual(v, w)) !== i))
      fail('must not contain duplicate items');
    if (s.items !== undefined) {
      value.forEach((item, i) => {
        issues.push(...validateSchema(s.items as Schema, item, resolve, direction, pointer(path, i)));
      });
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    issues.push(...validateObject(s, value as Record<string, unknown>, resolve, direction, path));
  }

  if (Array.isArray(s.allOf)) {
    for (const sub of s.allOf as Schema[])
      issues.push(...validateSchema(sub, value, resolve, direction, path));
  }
  if (Array.isArray(s.anyOf)) {
    const branches = (s.anyOf as Schema[]).map((sub) => validateSchema(sub, value, resolve, direction, path));
    if (!branches.some((b) => b.length === 0))
      fail(`must match one of the allowed shapes: ${closest(branches)}`);
  }
  if (Array.isArray(s.oneOf)) {
    const branches = (s.oneOf as Schema[]).map((sub) => validateSchema(sub, value, resolve, direction, path));
    const passing = branches.filter((b) => b.length === 0).length;
    if (passing === 0) fail(`must match exactly one of the allowed shapes: ${closest(branches)}`);
    else if (passing > 1) fail(`matches ${passing} of the allowed shapes; exactly one is required`);
  }
  if (s.not !== undefined && validateSchema(s.not as Schema, value, resolve, direction, path).length === 0) {
    fail('must not match the excluded shape');
  }
  return issues;
}

function validateObject(
  s: Record<string, unknown>,
  value: Record<string, unknown>,
  resolve: RefResolver,
  direction: Direction,
  path: string,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const keys = Object.keys(value);
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  if (typeof s.minProperties === 'number' && keys.length < s.minProperties)
    issues.push({ path: path || '/', message: `must have at least ${s.minProperties} properties` });
  if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties)
    issues.push({ path: path || '/', message: `must have at most ${s.maxProperties} properties` });
  if (Array.isArray(s.required)) {
    for (const name of s.required as string[]) {
      if (name in value) continue;
      // OpenAPI: a required readOnly property is required in responses only, writeOnly in requests only.
      const prop = properties[name];
      const propSchema =
        typeof prop === 'object' && typeof prop.$ref === 'string' ? resolve(prop.$ref) : prop;
      const flags = typeof propSchema === 'object' ? propSchema : {};
      if (
        direction === 'request' &&
        (flags.readOnly === true || (prop as Record<string, unknown>)?.readOnly === true)
      )
        continue;
      if (
        direction === 'response' &&
        (flags.writeOnly === true || (prop as Record<string, unknown>)?.writeOnly === true)
      )
        continue;
      issues.push({ path: pointer(path, name), message: 'is required' });
    }
  }
  const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>).map(
    ([p, sub]) => [new RegExp(p, 'u'), sub] as const,
  );
  for (const key of keys) {
    const at = pointer(path, key);
    if (s.propertyNames !== undefined)
      issues.push(...validateSchema(s.propertyNames as Schema, key, resolve, direction, at));
    let matched = false;
    if (key in properties) {
      matched = true;
      issues.push(...validateSchema(properties[key] as Schema, value[key], resolve, direction, at));
    }
    for (const [regex, sub] of patterns) {
      if (regex.test(key)) {
        matched = true;
        issues.push(...validateSchema(sub, value[key], resolve, direction, at));
      }
    }
    if (!matched && s.additionalProperties !== undefined) {
      if (s.additionalProperties === false) issues.push({ path: at, message: 'is not an allowed property' });
      else
        issues.push(...validateSchema(s.additionalProperties as Schema, value[key], resolve, direction, at));
    }
  }
  return issues;
}

/** The issues of the branch that came closest, so a oneOf failure still says what is wrong. */
function closest(branches: SchemaIssue[][]): string {
  const best = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
  return best
    .slice(0, 3)
    .map((i) => `${i.path} ${i.message}`)
    .join('; ');
}
