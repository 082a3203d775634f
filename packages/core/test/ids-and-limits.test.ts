import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  capRetryAfter,
  checkTimeLimit,
  InvalidArgumentError,
  isGuid,
  isSafeIdentifier,
  MAX_TIME_LIMIT_MS,
  randomUuid,
  SecretStore,
} from '../src/index.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('randomUuid', () => {
  it('makes version-4 GUIDs, also where crypto.randomUUID is missing (a plain-http page)', () => {
    expect(isGuid(randomUuid())).toBe(true);
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const ids = new Set(Array.from({ length: 50 }, () => randomUuid()));
    expect(ids.size).toBe(50);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('checkTimeLimit', () => {
  it('accepts finite positive milliseconds up to 2^31−1 and names the option otherwise', () => {
    expect(checkTimeLimit('timeoutMs', 1)).toBe(1);
    expect(checkTimeLimit('timeoutMs', MAX_TIME_LIMIT_MS)).toBe(MAX_TIME_LIMIT_MS);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, MAX_TIME_LIMIT_MS + 1, '1000', null]) {
      expect(() => checkTimeLimit('submitTimeoutMs', bad)).toThrow(InvalidArgumentError);
      expect(() => checkTimeLimit('submitTimeoutMs', bad)).toThrow(/submitTimeoutMs/);
    }
  });

  it('capRetryAfter bounds a service’s wait', () => {
    expect(capRetryAfter(999_999_000)).toBe(60_000);
    expect(capRetryAfter(1_500)).toBe(1_500);
    expect(capRetryAfter(-5)).toBe(0);
  });
});

describe('isSafeIdentifier', () => {
  it('accepts ids services send and refuses what would steer a path', () => {
    for (const ok of ['686c59e8acc178773e9913d0', '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'a.b_c:d~e']) {
      expect(isSafeIdentifier(ok)).toBe(true);
    }
    for (const bad of ['', '.', '..', '../x', 'a/b', 'https://evil.example', ' x', 42, null]) {
      expect(isSafeIdentifier(bad)).toBe(false);
    }
  });
});

describe('SecretStore', () => {
  it('keeps credentials for good, URL signatures most-recent-first, and never public query values', () => {
    const store = new SecretStore(['client-secret']);
    store.addUrl('https://acct.blob.core.windows.net/c/b?sv=2024-05-04&se=2030-01-01&sig=sas-signature');
    store.addUrl('https://s3.example/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=amz-signature');
    expect(store.values()).toEqual(['client-secret', 'sas-signature', 'amz-signature']);
    for (let i = 0; i < 100; i++) store.add(`token-${i}`);
    expect(store.values()).toContain('client-secret');
    expect(store.values()).not.toContain('sas-signature');
    expect(store.values()).toHaveLength(65);
  });
});
