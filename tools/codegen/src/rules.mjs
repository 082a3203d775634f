// What the spec says about the values a client puts into URLs, as data the client checks at run time:
// each path parameter's rule (type, pattern, format, lengths) and the names of the query parameters
// (whose values errors and logs may show). Written to src/generated/rules.gen.ts.

/** Query parameter names that may carry a credential: never shown, even when a spec declares them. */
const SECRET_LIKE = /sig|token|key|code|secret|password|credential|auth/i;

/**
 * @param {Record<string, any>} document the parsed OpenAPI document
 * @returns {{ pathRules: Record<string, Record<string, unknown>>, queryParameters: string[] }}
 */
export function urlRules(document) {
  const resolve = (node) => {
    let current = node;
    const seen = new Set();
    while (current && typeof current.$ref === 'string') {
      if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
      seen.add(current.$ref);
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce((object, key) => object?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    }
    return current ?? {};
  };
  const pathRules = {};
  const where = {};
  const query = new Set();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || typeof operation !== 'object' || operation === null) continue;
      for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolve(raw);
        if (parameter.in === 'query') {
          if (!SECRET_LIKE.test(parameter.name)) query.add(parameter.name.toLowerCase());
          continue;
        }
        if (parameter.in !== 'path') continue;
        const rule = ruleOf(resolve(parameter.schema));
        const key = `${parameter.name}`;
        const previous = pathRules[key];
        if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(rule)) {
          // The client looks rules up by name: one name must mean one rule in a spec.
          throw new Error(
            `path parameter "${key}" has different schemas at ${where[key]} and ${method.toUpperCase()} ${path}: give them one schema`,
          );
        }
        pathRules[key] = rule;
        where[key] ??= `${method.toUpperCase()} ${path}`;
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(pathRules).sort(([a], [b]) => a.localeCompare(b)));
  return { pathRules: sorted, queryParameters: [...query].sort() };
}

function ruleOf(schema) {
  const rule = {};
  if (schema.type === 'integer' || schema.type === 'number') rule.type = schema.type;
  if (schema.format === 'uuid') rule.format = 'uuid';
  if (typeof schema.pattern === 'string') {
    new RegExp(schema.pattern, 'u'); // a pattern the client cannot compile fails here, not in a call
    rule.pattern = schema.pattern;
  }
  if (Number.isInteger(schema.minLength)) rule.minLength = schema.minLength;
  if (Number.isInteger(schema.maxLength)) rule.maxLength = schema.maxLength;
  if (Array.isArray(schema.enum)) rule.enum = schema.enum.map(String);
  return rule;
}

/** The source of rules.gen.ts. */
export function rulesSource(header, document) {
  const { pathRules, queryParameters } = urlRules(document);
  return `${header}

import type { PathRules } from '@qc/auth';

/** What the spec declares about each path parameter: the API client checks every value against it. */
export const pathRules = ${JSON.stringify(pathRules, null, 2)} as const satisfies PathRules;

/** The spec's query parameters: their values are shown in errors and logs (others are REDACTED). */
export const queryParameters: readonly string[] = ${JSON.stringify(queryParameters)};
`;
}
