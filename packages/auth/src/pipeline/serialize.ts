import { InvalidArgumentError } from '@qc/core';
import type { ApiRequestOptions } from './api-client.js';
import { checkPathParameter, type PathRules } from './path-rules.js';
import type { RequestBody } from './types.js';

// How the API client turns a generated SDK call into URL, headers and body: OpenAPI's defaults (simple
// path parameters, form-style exploded query arrays, deepObject query objects, JSON bodies).

/**
 * `/jobs/{id}` + `{ id: 'a b' }` → `/jobs/a%20b`. Each value is checked against the spec's rule for its
 * name (see {@link checkPathParameter}); `.`/`..`/empty/missing values are refused whatever the rules.
 */
export function fillPath(template: string, path: unknown, rules?: PathRules): string {
  if (!template.includes('{')) return template;
  const values = (path ?? {}) as Record<string, unknown>;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(checkPathParameter(name, values[name], rules?.[name])),
  );
}

/** Form style, exploded arrays (`id=a&id=b`), deepObject for objects — the OpenAPI defaults. */
export function serializeQuery(query: unknown): string {
  if (query === undefined || query === null) return '';
  const parts: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    const text = value instanceof Date ? value.toISOString() : String(value);
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
  };
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, inner] of Object.entries(value)) {
        if (inner !== null && typeof inner === 'object' && !(inner instanceof Date)) {
          throw new InvalidArgumentError(`query parameter ${name}[${key}] cannot be an object or an array`);
        }
        add(`${name}[${key}]`, inner);
      }
    } else add(name, value);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function plainHeaders(given: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (given === undefined || given === null) return out;
  const entries =
    given instanceof Headers ? given.entries() : Object.entries(given as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  }
  return out;
}

export function serializeBody(
  body: unknown,
  serializer: ApiRequestOptions['bodySerializer'],
): RequestBody | undefined {
  if (body === undefined) return undefined;
  if (serializer !== undefined) return serializer(body);
  try {
    return serializeJson(body);
  } catch (error) {
    // A BigInt or a cycle: nothing was sent.
    throw new InvalidArgumentError(
      `the request body cannot be sent as JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
}

function serializeJson(body: unknown): RequestBody {
  if (
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  ) {
    return body as RequestBody;
  }
  return JSON.stringify(body);
}
