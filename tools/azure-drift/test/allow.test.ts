// The allow-list: what an entry matches, what it leaves, stale entries, and refused files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDrift } from '../src/check.js';
import { InputError } from '../src/document.js';
import { DRIFT_KINDS } from '../src/drift.js';
import { fixture } from './run-cli.js';

const check = (allow: string | null) =>
  checkDrift({ spec: fixture('ours.yaml'), upstream: fixture('upstream.json'), allow });

function tempAllowList(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'azure-drift-')), 'allow.yaml');
  writeFileSync(file, text);
  return file;
}

describe('an allow-list', () => {
  it('moves what its entries match, with their reasons, and leaves the rest', () => {
    const all = check(null);
    const result = check(fixture('allow.yaml'));
    const allowed = result.allowed.map((d) =>
      `${d.kind} ${d.operation ?? ''} ${d.target ?? ''} ${d.value ?? ''}`.trim(),
    );
    expect(allowed.sort()).toEqual(
      [
        'operation-extra getHealth GET /api/health',
        'response-property-missing Widgets_Get 200 createdAt',
        'response-property-missing Widgets_Create 200 createdAt',
        'response-property-missing Widgets_Create 201 createdAt',
        'response-property-missing Widgets_List 200 value[].createdAt',
        'enum-value-missing  Color Blue',
      ].sort(),
    );
    expect(result.allowed.find((d) => d.kind === 'operation-extra')?.reason).toBe(
      'Our health probe; the fixture service does not publish one.',
    );
    expect(result.drift).toHaveLength(all.drift.length - result.allowed.length);
    expect(result.drift.some((d) => d.kind === 'api-version')).toBe(true); // the other spec's entry
    expect(result.summary).toMatchObject({ ok: false, drift: result.drift.length, allowed: 6 });
  });

  it('reports entries for this spec that matched nothing, not entries for another spec', () => {
    const stale = check(fixture('allow.yaml')).staleAllowEntries;
    expect(stale).toEqual([
      expect.objectContaining({ kind: 'status-missing', operation: 'Widgets_Nothing' }),
    ]);
  });

  it('that allows every kind leaves nothing: the check passes', () => {
    const file = tempAllowList(
      `allow:\n${DRIFT_KINDS.map((kind) => `  - kind: ${kind}\n    reason: Everything is deliberate in this test.\n`).join('')}`,
    );
    const result = check(file);
    expect(result.summary.ok).toBe(true);
    expect(result.drift).toEqual([]);
    expect(result.allowed.length).toBe(check(null).drift.length);
  });

  it.each([
    [
      'an unknown key',
      'allow:\n  - kind: status-missing\n    operaton: X\n    reason: A misspelt key must not widen it.\n',
      /unknown key "operaton"/,
    ],
    ['an entry without a reason', 'allow:\n  - kind: status-missing\n    operation: X\n', /needs a "reason"/],
    [
      'an unknown kind',
      'allow:\n  - kind: status-gone\n    reason: No such kind exists at all.\n',
      /"kind" must be one of/,
    ],
    [
      'a non-string field',
      'allow:\n  - kind: status-missing\n    target: 404\n    reason: Numbers are not matched.\n',
      /"target" must be a non-empty string/,
    ],
    ['no allow list', 'entries: []\n', /"allow" list/],
  ])('with %s is refused', (_, text, message) => {
    const file = tempAllowList(text);
    expect(() => check(file)).toThrow(InputError);
    expect(() => check(file)).toThrow(message);
  });
});
