import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Every way an error is commonly rendered: message, stack, cause chain, JSON, util.inspect, String(). */
export function collectRenderings(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    out.push(String(current));
    out.push(inspect(current, { depth: 10, showHidden: true, getters: true }));
    try {
      out.push(JSON.stringify(current) ?? '');
    } catch (jsonError) {
      out.push(`JSON.stringify threw: ${String(jsonError)}`);
    }
    if (current instanceof Error) {
      out.push(current.message, current.stack ?? '');
      current = current.cause;
    } else {
      current = undefined;
    }
  }
  return out;
}

/** Fails when any secret (raw, URL-, form- or JSON-encoded) appears anywhere in any rendering of `error`. */
export function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeDefined();
  const renderings = collectRenderings(error).join('\n');
  for (const secret of secrets) {
    expect(secret.length, 'a secret used in a test must be long enough to be unambiguous').toBeGreaterThan(6);
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]);
    if ([...forms].some((form) => renderings.includes(form))) {
      // Do not print the secret itself, only that it leaked and where the search looked.
      throw new Error(`A secret (${secret.length} characters) appears in the error's renderings`);
    }
  }
}
