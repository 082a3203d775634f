import { type Direction, deepEqual, matchesType, type RefResolver, validateSchema } from './schema.js';

/**
 * A schema compiled, once, into a yes/no check: `check(value)` is true exactly when
 * `validateSchema(schema, value, …)` finds no issue. The mocks check every request and every response
 * they send; nearly all of them conform, so the check answers those without building paths or issue
 * lists, and only a value that fails is walked again by {@link validateSchema} to name its issues. The
 * check follows validateSchema keyword by keyword (tested against it), so the two never disagree.
 */
export type SchemaCheck = (value: unknown) => boolean;

type Schema = boolean | Record<string, unknown>;

/** Compiles schemas of one document for one direction; a schema met again (a `$ref`) is compiled once. */
export class SchemaChecks {
  readonly #compiled = new Map<Schema, SchemaCheck>();
  readonly #patterns = new Map<string, RegExp>();

  constructor(
    readonly resolve: RefResolver,
    readonly direction: Direction,
  ) {}

  /** The check of a schema (compiled on first use). */
  of(schema: Schema): SchemaCheck {
    const known = this.#compiled.get(schema);
    if (known) return known;
    // Recursive schemas reach themselves through $ref: the slot is filled before the body compiles.
    let body: SchemaCheck = () => true;
    const check: SchemaCheck = (value) => body(value);
    this.#compiled.set(schema, check);
    body = this.#compile(schema);
    return check;
  }

  #pattern(source: string): RegExp {
    let regex = this.#patterns.get(source);
    if (!regex) {
      regex = new RegExp(source, 'u');
      this.#patterns.set(source, regex);
    }
    return regex;
  }

  #compile(schema: Schema): SchemaCheck {
    if (schema === true) return () => true;
    if (schema === false) return () => false;
    const s = schema;
    const checks: SchemaCheck[] = [];
    if (typeof s.$ref === 'string') {
      const ref = s.$ref;
      let target: SchemaCheck | undefined;
      checks.push((value) => {
        target ??= this.of(this.resolve(ref));
        return target(value);
      });
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      checks.push((value) => types.some((type) => matchesType(value, type)));
    }
    if (Array.isArray(s.enum)) {
      const values = s.enum as unknown[];
      checks.push((value) => values.some((allowed) => deepEqual(allowed, value)));
    }
    if ('const' in s) {
      const constant = s.const;
      checks.push((value) => deepEqual(constant, value));
    }
    const stringCheck = this.#stringKeywords(s);
    if (stringCheck) checks.push((value) => typeof value !== 'string' || stringCheck(value));
    const numberCheck = numberKeywords(s);
    if (numberCheck) checks.push((value) => typeof value !== 'number' || numberCheck(value));
    const arrayCheck = this.#arrayKeywords(s);
    if (arrayCheck) checks.push((value) => !Array.isArray(value) || arrayCheck(value));
    const objectCheck = this.#objectKeywords(s);
    if (objectCheck) {
      checks.push(
        (value) =>
          value === null ||
          typeof value !== 'object' ||
          Array.isArray(value) ||
          objectCheck(value as Record<string, unknown>),
      );
    }
    if (Array.isArray(s.allOf)) {
      const all = (s.allOf as Schema[]).map((sub) => this.of(sub));
      checks.push((value) => all.every((check) => check(value)));
    }
    if (Array.isArray(s.anyOf)) {
      const any = (s.anyOf as Schema[]).map((sub) => this.of(sub));
      checks.push((value) => any.some((check) => check(value)));
    }
    if (Array.isArray(s.oneOf)) {
      const one = (s.oneOf as Schema[]).map((sub) => this.of(sub));
      checks.push((value) => {
        let passing = 0;
        for (const check of one) if (check(value)) passing += 1;
        return passing === 1;
      });
    }
    if (s.not !== undefined) {
      const not = this.of(s.not as Schema);
      checks.push((value) => !not(value));
    }
    if (checks.length === 0) return () => true;
    if (checks.length === 1) return checks[0] as SchemaCheck;
    return (value) => {
      for (const check of checks) if (!check(value)) return false;
      return true;
    };
  }

  #stringKeywords(s: Record<string, unknown>): ((value: string) => boolean) | undefined {
    const { minLength, maxLength, pattern } = s;
    const hasMin = typeof minLength === 'number';
    const hasMax = typeof maxLength === 'number';
    const regex = typeof pattern === 'string' ? this.#pattern(pattern) : undefined;
    if (!hasMin && !hasMax && !regex) return undefined;
    const min = minLength as number;
    const max = maxLength as number;
    return (value) => {
      if (hasMin || hasMax) {
        // Lengths count code points, as validateSchema does. n UTF-16 units hold between n/2 and n
        // of them: count only when that does not settle it.
        const units = value.length;
        if (hasMin && units < min) return false;
        if (hasMax && units > 2 * max) return false;
        if ((hasMin && units / 2 < min) || (hasMax && units > max)) {
          const length = codePoints(value);
          if ((hasMin && length < min) || (hasMax && length > max)) return false;
        }
      }
      return regex === undefined || regex.test(value);
    };
  }

  #arrayKeywords(s: Record<string, unknown>): ((value: unknown[]) => boolean) | undefined {
    const { minItems, maxItems } = s;
    const unique = s.uniqueItems === true;
    const items = s.items === undefined ? undefined : this.of(s.items as Schema);
    if (typeof minItems !== 'number' && typeof maxItems !== 'number' && !unique && !items) return undefined;
    return (value) => {
      if (typeof minItems === 'number' && value.length < minItems) return false;
      if (typeof maxItems === 'number' && value.length > maxItems) return false;
      if (unique && value.some((v, i) => value.findIndex((w) => deepEqual(v, w)) !== i)) return false;
      if (items) for (const item of value) if (!items(item)) return false;
      return true;
    };
  }

  #objectKeywords(s: Record<string, unknown>): ((value: Record<string, unknown>) => boolean) | undefined {
    const { minProperties, maxProperties } = s;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const required = Array.isArray(s.required) ? this.#required(s.required as string[], properties) : [];
    const propertyChecks = new Map(Object.keys(properties).map((name) => [name, name] as const));
    const compiledProperty = new Map<string, SchemaCheck>();
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>).map(
      ([source, sub]) => [this.#pattern(source), this.of(sub)] as const,
    );
    const propertyNames = s.propertyNames === undefined ? undefined : this.of(s.propertyNames as Schema);
    const additional = s.additionalProperties;
    const additionalCheck =
      additional === undefined || additional === false ? undefined : this.of(additional as Schema);
    // Properties are reached as validateSchema reaches them (`key in properties`, inherited names too).
    const propertyCheck = (key: string): SchemaCheck => {
      let check = compiledProperty.get(key);
      if (!check) {
        const sub = properties[key] as Schema;
        check = propertyChecks.has(key)
          ? this.of(sub)
          : (value) => validateSchema(sub, value, this.resolve, this.direction).length === 0;
        compiledProperty.set(key, check);
      }
      return check;
    };
    const walksKeys =
      propertyNames !== undefined ||
      propertyChecks.size > 0 ||
      patterns.length > 0 ||
      additional !== undefined;
    if (
      typeof minProperties !== 'number' &&
      typeof maxProperties !== 'number' &&
      required.length === 0 &&
      !walksKeys
    ) {
      return undefined;
    }
    return (value) => {
      const keys = Object.keys(value);
      if (typeof minProperties === 'number' && keys.length < minProperties) return false;
      if (typeof maxProperties === 'number' && keys.length > maxProperties) return false;
      for (const name of required) if (!(name in value)) return false;
      if (!walksKeys) return true;
      for (const key of keys) {
        if (propertyNames && !propertyNames(key)) return false;
        let matched = false;
        if (key in properties) {
          matched = true;
          if (!propertyCheck(key)(value[key])) return false;
        }
        for (const [regex, check] of patterns) {
          if (regex.test(key)) {
            matched = true;
            if (!check(value[key])) return false;
          }
        }
        if (!matched && additional !== undefined) {
          if (additional === false || !(additionalCheck as SchemaCheck)(value[key])) return false;
        }
      }
      return true;
    };
  }

  /** The required names this direction enforces (a readOnly one only in responses, writeOnly in requests). */
  #required(names: string[], properties: Record<string, Schema>): string[] {
    return names.filter((name) => {
      const prop = properties[name];
      const propSchema =
        typeof prop === 'object' && typeof prop.$ref === 'string' ? this.resolve(prop.$ref) : prop;
      const flags = typeof propSchema === 'object' ? propSchema : {};
      const own = prop as Record<string, unknown> | undefined;
      if (this.direction === 'request' && (flags.readOnly === true || own?.readOnly === true)) return false;
      if (this.direction === 'response' && (flags.writeOnly === true || own?.writeOnly === true))
        return false;
      return true;
    });
  }
}

function numberKeywords(s: Record<string, unknown>): ((value: number) => boolean) | undefined {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = s;
  const bounds = [minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf];
  if (!bounds.some((bound) => typeof bound === 'number')) return undefined;
  return (value) =>
    !(typeof minimum === 'number' && value < minimum) &&
    !(typeof maximum === 'number' && value > maximum) &&
    !(typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) &&
    !(typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) &&
    !(typeof multipleOf === 'number' && !Number.isInteger(value / multipleOf));
}

function codePoints(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}
