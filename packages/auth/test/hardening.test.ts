import { InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  apiKey,
  authFetch,
  entraClientCredentials,
  heyApiAuth,
  qciRefreshToken,
  staticToken,
} from '../src/index.js';
import {
  API,
  CLIENT_ID,
  CLIENT_SECRET,
  ENTRA_TOKEN_URL,
  entraHandler,
  QCI_URL,
  qciTokenHandler,
  REFRESH_TOKEN,
  TENANT_ID,
  TokenIssuer,
} from './fixtures.js';
import { createClient, createConfig } from './hey-api-qci/client/index.js';
import { createAccessToken } from './hey-api-qci/sdk.gen.js';

const issuer = new TokenIssuer();
const foreign: { url: string; headers: Record<string, string>; body: string }[] = [];
const { server } = useTestServer(
  entraHandler(issuer),
  qciTokenHandler(issuer),
  http.all('https://elsewhere.test/*', async ({ request }) => {
    foreign.push({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    return HttpResponse.json({ access_token: 'from-elsewhere', expires_at_rfc3339: '2099-01-01T00:00:00Z' });
  }),
);

afterEach(() => {
  foreign.length = 0;
  vi.useRealTimers();
});

describe('credentials with control characters', () => {
  it('are refused when the provider is created, without quoting them', () => {
    const token = 'line-one-of-token\nline-two-of-token';
    const error = (() => {
      try {
        staticToken(token);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expectNoSecrets(error, ['line-one-of-token', 'line-two-of-token']);
    expect(() => apiKey({ key: 'key-part-one\r\nX-Injected: 1' })).toThrow(InvalidArgumentError);
  });

  it('are refused when a custom provider returns one, before any request, without quoting them', async () => {
    const provider = { getToken: async () => ({ token: 'custom-token-value\u0000tail-of-token' }) };
    let requests = 0;
    server.use(
      http.get(`${API}/v1/x`, () => {
        requests += 1;
        return HttpResponse.json({});
      }),
    );
    const error = await authFetch(provider, { baseUrl: API })(`${API}/v1/x`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(requests).toBe(0);
    expectNoSecrets(error, ['custom-token-value', 'tail-of-token']);
  });
});

describe('cross-origin redirects', () => {
  it('drop Cookie and Proxy-Authorization along with the token, as fetch does', async () => {
    server.use(
      http.get(`${API}/v1/download`, () => HttpResponse.redirect('https://elsewhere.test/blob', 302)),
    );
    const fetchWithAuth = authFetch(staticToken('static-token-value-123'), { baseUrl: API });
    const response = await fetchWithAuth(`${API}/v1/download`, {
      headers: { cookie: 'sid=session-secret-value', 'proxy-authorization': 'Basic cHJveHk6c2VjcmV0' },
    });
    expect(response.status).toBe(200);
    expect(foreign).toHaveLength(1);
    expect(foreign[0]?.headers).not.toHaveProperty('authorization');
    expect(foreign[0]?.headers).not.toHaveProperty('cookie');
    expect(foreign[0]?.headers).not.toHaveProperty('proxy-authorization');
  });

  it('are never followed by public operations on the allowed origin: a refresh token is not re-posted', async () => {
    server.use(
      http.post(`${QCI_URL}/auth/v1/access-tokens`, () =>
        HttpResponse.redirect('https://elsewhere.test/steal', 307),
      ),
    );
    const provider = qciRefreshToken({ baseUrl: QCI_URL, refreshToken: REFRESH_TOKEN });
    const client = createClient(
      createConfig({ baseUrl: QCI_URL, ...heyApiAuth(provider, { baseUrl: QCI_URL }) }),
    );
    const result = await createAccessToken({ client, body: { refresh_token: REFRESH_TOKEN } });
    expect(result.response?.status).toBe(307);
    expect(result.data).toBeUndefined();
    expect(foreign).toEqual([]);
  });
});

describe('a refresh that fails while the cached token is still valid', () => {
  it('keeps serving the valid token, and tries again later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const provider = entraClientCredentials({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scope: 'https://quantum.microsoft.com/.default',
      maxRetries: 0,
    });
    const first = await provider.getToken();
    // Past the refresh point (5 min before the 1-hour expiry), the identity provider is down.
    vi.setSystemTime(new Date('2030-01-01T00:56:00Z'));
    let outageAttempts = 0;
    server.use(
      http.post(ENTRA_TOKEN_URL, () => {
        outageAttempts += 1;
        return new HttpResponse('<h1>503</h1>', { status: 503 });
      }),
    );
    expect((await provider.getToken()).token).toBe(first.token);
    expect(outageAttempts).toBe(1);
    // Within the retry interval the old token is served without a new attempt.
    expect((await provider.getToken()).token).toBe(first.token);
    expect(outageAttempts).toBe(1);
    // The identity provider is back: the next attempt replaces the token.
    server.resetHandlers();
    vi.setSystemTime(new Date('2030-01-01T00:56:10Z'));
    const second = await provider.getToken();
    expect(second.token).not.toBe(first.token);
  });

  it('fails once the old token is about to expire', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    const provider = entraClientCredentials({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scope: 'https://management.azure.com/.default',
      maxRetries: 0,
    });
    await provider.getToken();
    vi.setSystemTime(new Date('2031-01-01T00:59:58Z'));
    server.use(http.post(ENTRA_TOKEN_URL, () => new HttpResponse('<h1>503</h1>', { status: 503 })));
    await expect(provider.getToken()).rejects.toMatchObject({ status: 503 });
  });
});
