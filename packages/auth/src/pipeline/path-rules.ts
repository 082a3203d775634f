import { InvalidArgumentError, isGuid } from '@qc/core';

/** What a spec declares about one path parameter (codegen writes these into `rules.gen.ts`). */
export interface PathRule {
  /** The value must be a number (an integer for `integer`); a numeric string is accepted. */
  type?: 'integer' | 'number';
  /** The value must be a UUID. */
  format?: 'uuid';
  /** An ECMA-262 regular expression the value must match (unanchored unless it anchors itself). */
  pattern?: string;
  /** Fewest characters. */
  minLength?: number;
  /** Most characters. */
  maxLength?: number;
  /** The only values allowed. */
  enum?: readonly string[];
}

/** Each path parameter's rule, by its name in the spec. */
export type PathRules = Readonly<Record<string, PathRule>>;

const compiled = new Map<string, RegExp>();

/**
 * The longest path parameter accepted when the spec names no `maxLength`: far above any real id or
 * name, and short enough that no spec pattern takes long to test.
 */
export const MAX_PATH_PARAMETER_LENGTH = 1024;

/**
 * Checks one path parameter against its spec rule and returns it as text, before any request: a
 * malformed id fails here with what the spec wants, never reaching the network — and `.`/`..`, which
 * percent-encoding leaves as they are and which would address another resource, are always refused.
 * Messages give the value's kind and length only: a value typed into the wrong field may be a secret.
 */
export function checkPathParameter(
  name: string,
  value: unknown,
  rule: PathRule | undefined,
  /** How the message names the value (default `path parameter {name}`; a facade gives its option's name). */
  label = `path parameter ${name}`,
): string {
  if (value === undefined || value === null) throw new InvalidArgumentError(`${label} is required`);
  if (rule?.type !== undefined) {
    // Digits as given: a string of digits is sent unchanged (no rounding through a JavaScript number).
    const integer = rule.type === 'integer';
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isSafeInteger(value))
          ? String(value)
          : '';
    if (!(integer ? /^-?\d{1,64}$/ : /^-?\d{1,64}(\.\d{1,64})?$/).test(text)) {
      throw new InvalidArgumentError(
        `${label} must be ${integer ? 'an integer' : 'a number'}, got ${shown(value)}`,
      );
    }
    return text;
  }
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
  if (text === undefined) throw new InvalidArgumentError(`${label} must be a string, got ${shown(value)}`);
  if (text === '' || text === '.' || text === '..') {
    throw new InvalidArgumentError(`${label} must be a non-empty identifier, not ${JSON.stringify(text)}`);
  }
  if (rule === undefined) return text;
  const problem = brokenRule(text, rule);
  if (problem !== undefined) throw new InvalidArgumentError(`${label} must ${problem}, got ${shown(text)}`);
  return text;
}

/**
 * Checks several path parameters at once (a client's workspace, at construction); `labels` names them
 * as the caller knows them (`{ resourceGroupName: 'resourceGroup' }`).
 */
export function checkPathParameters<K extends string>(
  rules: PathRules,
  values: Record<K, unknown>,
  labels: Partial<Record<K, string>> = {},
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of Object.keys(values) as K[]) {
    out[name] = checkPathParameter(name, values[name], rules[name], labels[name]);
  }
  return out;
}

function brokenRule(text: string, rule: PathRule): string | undefined {
  if (rule.format === 'uuid' && !isGuid(text))
    return 'be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6';
  if (rule.enum !== undefined && !rule.enum.includes(text)) return `be one of ${rule.enum.join(', ')}`;
  const min = rule.minLength ?? 0;
  const max = rule.maxLength ?? MAX_PATH_PARAMETER_LENGTH;
  const lengths = min === max ? `be ${min} characters long` : `be ${min} to ${max} characters long`;
  // The longest first: a spec's pattern may backtrack on a long value, so a value over the spec's length
  // (or over MAX_PATH_PARAMETER_LENGTH when the spec sets none) is refused before the pattern runs.
  if (text.length > max) return lengths;
  if (rule.pattern !== undefined && !patternOf(rule.pattern).test(text)) return `match ${rule.pattern}`;
  if (text.length < min) return lengths;
  return undefined;
}

function patternOf(source: string): RegExp {
  let pattern = compiled.get(source);
  if (pattern === undefined) {
    // OpenAPI patterns are ECMA-262 regular expressions, unanchored unless they say otherwise.
    pattern = new RegExp(source, 'u');
    compiled.set(source, pattern);
  }
  return pattern;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `a string of ${value.length} characters` : typeof value;
}
