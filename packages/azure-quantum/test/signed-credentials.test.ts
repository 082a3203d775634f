import { describe, expect, it } from 'vitest';
import {
  AZURE_QUANTUM_AUDIENCE,
  createBlobStoreMock,
  createEntraMock,
  ENTRA_MOCK_RECORDED_TOKENS,
} from '../src/msw/index.js';

// SAS URLs and tokens are checked as the real services check them: by their signature and the fields
// it covers, not by a record of each one issued (a server would keep them all). These tests hold the
// mocks to what that must still mean for clients.

let clock = Date.parse('2026-03-02T09:00:00Z');
const hour = 60 * 60_000;
const accountUrl = 'https://teststore.blob.core.windows.net';

async function refusal(response: Response | undefined) {
  const text = (await response?.text()) ?? '';
  return {
    status: response?.status,
    code: /<Code>(.*?)<\/Code>/.exec(text)?.[1],
    detail: /<AuthenticationErrorDetail>(.*?)<\/AuthenticationErrorDetail>/.exec(text)?.[1],
  };
}

describe('SAS URLs are signed with the store’s account key and checked by signing again', () => {
  const store = createBlobStoreMock({ accountUrl, now: () => clock });
  store.putBlob('job-1', 'outputData', new TextEncoder().encode('{"histogram":{}}'), 'application/json');
  const grant = {
    container: 'job-1',
    blob: 'outputData',
    permissions: 'r',
    startsAt: clock - 5 * 60_000,
    expiresAt: clock + hour,
    kind: 'blob' as const,
    contentDisposition: 'attachment; filename=bell-1.output.json',
  };

  it('looks like Azure’s: its fields in Azure’s order, sig a base64 HMAC-SHA256', async () => {
    const url = new URL(store.issueSas(grant));
    expect([...url.searchParams.keys()]).toEqual(['sv', 'st', 'se', 'sr', 'sp', 'rscd', 'sig']);
    expect(url.searchParams.get('st')).toBe('2026-03-02T08:55:00Z');
    expect(url.searchParams.get('sig')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const response = await store.handle(new Request(url));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-disposition')).toBe(grant.contentDisposition);
    // Two SAS for the same grant are the same SAS: nothing random, nothing to remember.
    expect(store.issueSas(grant)).toBe(url.href);
  });

  it('refuses a SAS signed with another account key, even for the same account URL', async () => {
    const other = createBlobStoreMock({ accountUrl, now: () => clock });
    const forged = other.issueSas(grant);
    expect(await refusal(await store.handle(new Request(forged)))).toEqual({
      status: 403,
      code: 'AuthenticationFailed',
      detail: 'Signature did not match.',
    });
  });

  it('refuses a SAS with any signed field added or changed, as Azure does (rsct, sip, se)', async () => {
    for (const [name, value] of [
      ['rsct', 'text/html'],
      ['sip', '10.0.0.1'],
      ['se', '2030-01-01T00:00:00Z'],
      ['sr', 'c'],
    ]) {
      const url = new URL(store.issueSas(grant));
      url.searchParams.set(name as string, value as string);
      expect((await refusal(await store.handle(new Request(url)))).code, name).toBe('AuthenticationFailed');
    }
  });

  it('reads the expiry from the signed `se`: valid until then, refused after, saying why', async () => {
    const url = store.issueSas({ ...grant, expiresAt: clock + 60_000 });
    const before = clock;
    try {
      clock += 60_000;
      expect((await store.handle(new Request(url)))?.status).toBe(200);
      clock += 1_000;
      const expired = await refusal(await store.handle(new Request(url)));
      expect(expired).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
      expect(expired.detail).toContain('Signature not valid in the specified time frame');
    } finally {
      clock = before;
    }
  });
});

describe('Entra tokens are signed JWTs, checked without a record of each', () => {
  const entra = createEntraMock({ now: () => clock });
  const request = (token: string) =>
    new Request('https://x.test', { headers: { authorization: `Bearer ${token}` } });

  it('a token stays good after far more tokens than the record keeps were issued; it still expires', () => {
    const first = entra.issueToken({ scope: `${AZURE_QUANTUM_AUDIENCE}/.default` }).token;
    for (let i = 0; i < ENTRA_MOCK_RECORDED_TOKENS + 10; i++) {
      entra.issueToken({ scope: 'https://management.azure.com/.default' });
    }
    expect(entra.state.tokens.size).toBe(ENTRA_MOCK_RECORDED_TOKENS);
    expect(entra.state.tokens.has(first)).toBe(false);
    const check = entra.checkBearer(request(first), AZURE_QUANTUM_AUDIENCE);
    expect(check).toMatchObject({ ok: true, token: { audience: AZURE_QUANTUM_AUDIENCE } });
    expect(entra.checkBearer(request(first), 'https://management.azure.com')).toMatchObject({
      ok: false,
      reason: 'audience',
    });
    const before = clock;
    try {
      clock += 2 * hour;
      expect(entra.checkBearer(request(first), AZURE_QUANTUM_AUDIENCE)).toMatchObject({
        ok: false,
        reason: 'expired',
      });
    } finally {
      clock = before;
    }
  });

  it('refuses a token another Entra mock signed, a tampered one, and a revoked one', () => {
    const other = createEntraMock({ now: () => clock });
    const foreign = other.issueToken({ scope: `${AZURE_QUANTUM_AUDIENCE}/.default` }).token;
    expect(entra.checkBearer(request(foreign), AZURE_QUANTUM_AUDIENCE)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });

    const token = entra.issueToken({ scope: `${AZURE_QUANTUM_AUDIENCE}/.default` }).token;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const widened = btoa(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(
      entra.checkBearer(request(`${header}.${widened}.${signature}`), AZURE_QUANTUM_AUDIENCE),
    ).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    expect(JSON.parse(atob(header))).toEqual({ typ: 'JWT', alg: 'HS256' });

    expect(entra.checkBearer(request(token), AZURE_QUANTUM_AUDIENCE).ok).toBe(true);
    entra.revoke(token);
    expect(entra.checkBearer(request(token), AZURE_QUANTUM_AUDIENCE)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
  });
});
