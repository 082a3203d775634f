import type { SchemaIssue } from '@qc/core/contract';
import type { Issue, Reason } from './report.js';
import { SECRET_FIELD, type TrafficSecrets } from './secrets.js';

const PARAMETER = /^(path|query|header) parameter "([^"]*)"(.*)$/;

/** Where a request issue is: a parameter (with its raw values) or the body. */
export interface RequestValues {
  path: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** The contract's request issues in the report's terms, with a value shown only when it is safe. */
export function requestIssues(
  issues: SchemaIssue[],
  values: RequestValues,
  secrets: TrafficSecrets,
): Issue[] {
  return issues.map((issue) => {
    const parameter = PARAMETER.exec(issue.path);
    if (parameter) {
      const [, where, name = '', pointer = ''] = parameter;
      const raw =
        where === 'path'
          ? values.path[name]
          : where === 'query'
            ? values.query.getAll(name)
            : values.headers.get(name);
      const value = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : at(raw, pointer)) : raw;
      return withValue(
        {
          reason: 'invalid request parameters',
          location: `${where} parameter "${name}"`,
          pointer,
          rule: tidy(issue.message, pointer),
        },
        value ?? undefined,
        name,
        secrets,
      );
    }
    const pointer = issue.path.replace(/^body/, '');
    return withValue(
      {
        reason: 'invalid request body',
        location: 'request body',
        pointer,
        rule: tidy(issue.message, pointer),
      },
      at(values.body, pointer),
      lastKey(pointer),
      secrets,
    );
  });
}

/** The contract's response issues: an undeclared status, or a body that breaks its schema. */
export function responseIssues(
  issues: SchemaIssue[],
  status: number,
  declared: string[],
  body: unknown,
  secrets: TrafficSecrets,
): Issue[] {
  return issues.map((issue) => {
    if (/ is not documented for /.test(issue.message)) {
      return {
        reason: 'undeclared status' satisfies Reason,
        location: 'status',
        pointer: '',
        rule: `${status} is not declared (declared: ${declared.join(', ') || 'none'})`,
      };
    }
    const pointer = issue.path.replace(/^response \d+/, '');
    return withValue(
      {
        reason: 'invalid response body',
        location: `response ${status} body`,
        pointer,
        rule: tidy(issue.message, pointer),
      },
      at(body, pointer),
      lastKey(pointer),
      secrets,
    );
  });
}

/**
 * Adds `got` for an enum or const rule when the value cannot be a secret: a number, boolean or null,
 * or a short identifier-like string under a key that does not name a credential. A new enum value
 * (`"PAUSED"`) is what a spec fix needs; anything longer or freer could be a token.
 */
function withValue(issue: Issue, value: unknown, key: string, secrets: TrafficSecrets): Issue {
  if (!/^must (be one of|equal) /.test(issue.rule)) return issue;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return { ...issue, got: JSON.stringify(value) };
  }
  if (
    typeof value === 'string' &&
    /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,39}$/.test(value) &&
    !SECRET_FIELD.test(key) &&
    !secrets.has(value)
  ) {
    return { ...issue, got: JSON.stringify(value) };
  }
  return issue;
}

/** The value at a JSON pointer (`/a/0/b`), or undefined. */
function at(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return value;
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function lastKey(pointer: string): string {
  const last =
    pointer
      .split('/')
      .filter((k) => !/^\d*$/.test(k))
      .at(-1) ?? '';
  return last.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A oneOf/anyOf rule quotes the closest branch's issues with their paths; those at the issue's own
 * path are said once: `must match one of the allowed shapes: must match the pattern …`.
 */
function tidy(rule: string, pointer: string): string {
  const own = pointer === '' ? '/' : pointer;
  return rule.split(`: ${own} `).join(': ').split(`; ${own} `).join('; ');
}

/** Array indices as `*`, in a pointer and in the pointers a rule quotes, so issues group by field. */
export function normalizeIndices(text: string): string {
  return text.replace(/\/\d+(?=\/|\s|;|$)/g, '/*');
}
