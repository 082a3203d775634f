import { basename } from 'node:path';
import { InputError, isNode, readData } from './document.js';
import { type AllowEntry, type AllowedDrift, DRIFT_KINDS, type Drift, type DriftKind } from './drift.js';

const KEYS = ['spec', 'kind', 'operation', 'target', 'value', 'reason'] as const;

/**
 * Reads the allow-list: `{ allow: [{ spec?, kind, operation?, target?, value?, reason }] }`. Every
 * field but `reason` matches the drift's field of that name (`*` matches any run of characters);
 * `spec` matches our spec's file name. Anything else in the file is refused, so a misspelt key cannot
 * allow more than it says.
 */
export function readAllowList(file: string): AllowEntry[] {
  const data = readData(file, 'allow-list');
  if (!isNode(data) || !Array.isArray(data.allow)) {
    throw new InputError(`${file}: an allow-list is an object with an "allow" list`);
  }
  const extra = Object.keys(data).filter((key) => key !== 'allow');
  if (extra.length > 0) throw new InputError(`${file}: unknown top-level key "${extra[0]}"`);
  return data.allow.map((raw, index) => {
    const where = `${file}: allow[${index}]`;
    if (!isNode(raw)) throw new InputError(`${where} is not an object`);
    for (const key of Object.keys(raw)) {
      if (!(KEYS as readonly string[]).includes(key)) {
        throw new InputError(`${where}: unknown key "${key}" (known: ${KEYS.join(', ')})`);
      }
      if (typeof raw[key] !== 'string' || raw[key] === '') {
        throw new InputError(`${where}: "${key}" must be a non-empty string`);
      }
    }
    if (raw.reason === undefined || String(raw.reason).trim().length < 10) {
      throw new InputError(`${where}: every entry needs a "reason" (a sentence, not a word)`);
    }
    if (!(DRIFT_KINDS as readonly string[]).includes(String(raw.kind))) {
      throw new InputError(`${where}: "kind" must be one of ${DRIFT_KINDS.join(', ')}`);
    }
    return raw as unknown as AllowEntry & { kind: DriftKind };
  });
}

function glob(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (value === undefined) return false;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

export interface Allowance {
  drift: Drift[];
  allowed: AllowedDrift[];
  stale: AllowEntry[];
}

/** Splits the drift into what the entries for this spec allow and what they do not. */
export function applyAllowList(drift: Drift[], entries: AllowEntry[], specFile: string): Allowance {
  const specName = basename(specFile);
  const relevant = entries.filter((entry) => glob(entry.spec, specName));
  const used = new Set<AllowEntry>();
  const remaining: Drift[] = [];
  const allowed: AllowedDrift[] = [];
  for (const item of drift) {
    const entry = relevant.find(
      (e) =>
        e.kind === item.kind &&
        glob(e.operation, item.operation) &&
        glob(e.target, item.target) &&
        glob(e.value, item.value),
    );
    if (entry) {
      used.add(entry);
      allowed.push({ ...item, reason: entry.reason });
    } else {
      remaining.push(item);
    }
  }
  return { drift: remaining, allowed, stale: relevant.filter((entry) => !used.has(entry)) };
}
