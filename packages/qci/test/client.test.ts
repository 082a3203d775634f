import { AuthenticationError, InvalidArgumentError, NetworkError, ServerError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAccessToken, createQciClient, getAccessTokensVersion } from '../src/index.js';

const BASE = 'https://api.qci-prod.com';
const REFRESH_TOKEN = '0123456789abcdef0123456789abcdef';
const ACCESS_TOKEN = 'access-token-for-tests-7f3a9c';

let tokenRequests: unknown[] = [];

const { server } = useTestServer(
  http.post(`${BASE}/auth/v1/access-tokens`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    tokenRequests.push(body);
    if (request.headers.has('authorization')) {
      return HttpResponse.json({ message: 'token endpoint takes no bearer token' }, { status: 400 });
    }
    if (Object.keys(body).join(',') !== 'refresh_token' || typeof body.refresh_token !== 'string') {
      return HttpResponse.json({ message: 'body must be {refresh_token}' }, { status: 400 });
    }
    if (body.refresh_token !== REFRESH_TOKEN) {
      return new HttpResponse('Unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } });
    }
    return HttpResponse.json({
      access_token: ACCESS_TOKEN,
      expires_at_rfc3339: '2030-01-01T00:00:00Z',
      token_type: 'bearer',
      organization_id: '64b0d6f1c9e77c0012345678',
      user_id: '64b0d6f1c9e77c0087654321',
    });
  }),
  http.get(`${BASE}/auth/v1/access-tokens/version`, () =>
    HttpResponse.json({ application_name: 'auth', version: '1.4.2' }),
  ),
);

describe('createQciClient', () => {
  it('exchanges a refresh token for an access token', async () => {
    tokenRequests = [];
    const qci = createQciClient({ baseUrl: BASE });
    const token = await qci.exchangeRefreshToken(REFRESH_TOKEN);
    expect(token.access_token).toBe(ACCESS_TOKEN);
    expect(token.expires_at_rfc3339).toBe('2030-01-01T00:00:00Z');
    expect(tokenRequests).toEqual([{ refresh_token: REFRESH_TOKEN }]);
  });

  it('strips a pasted Bearer prefix and quotes from the refresh token', async () => {
    tokenRequests = [];
    const qci = createQciClient({ baseUrl: BASE });
    await qci.exchangeRefreshToken(` "Bearer ${REFRESH_TOKEN}" `);
    expect(tokenRequests).toEqual([{ refresh_token: REFRESH_TOKEN }]);
  });

  it('turns a rejected refresh token into an AuthenticationError without the token in it', async () => {
    const wrong = 'ffffffffffffffffffffffffffffffff';
    const qci = createQciClient({ baseUrl: BASE });
    const error = await qci.exchangeRefreshToken(wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, method: 'POST', url: `${BASE}/auth/v1/access-tokens` });
    expectNoSecrets(error, [wrong]);
  });

  it('turns a 5xx HTML page into a ServerError with status and a short excerpt', async () => {
    server.use(
      http.post(
        `${BASE}/auth/v1/access-tokens`,
        () =>
          new HttpResponse(
            `<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>502 Bad Gateway</h1><p>nginx</p>${'<!-- padding -->'.repeat(200)}</body></html>`,
            { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } },
          ),
      ),
    );
    const qci = createQciClient({ baseUrl: BASE });
    const error = await qci.exchangeRefreshToken(REFRESH_TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    const serverError = error as ServerError;
    expect(serverError.status).toBe(502);
    expect(serverError.bodyExcerpt).toBe('502 Bad Gateway 502 Bad Gateway nginx');
    expect(serverError.message).toContain('HTTP 502');
    expect(serverError.message).toContain('502 Bad Gateway nginx');
    expect(serverError.message).not.toContain('<');
    expectNoSecrets(error, [REFRESH_TOKEN]);
  });

  it('redacts a refresh token that the service echoes back in its error body', async () => {
    server.use(
      http.post(`${BASE}/auth/v1/access-tokens`, async ({ request }) => {
        const body = (await request.json()) as { refresh_token: string };
        return HttpResponse.json({ message: `invalid token ${body.refresh_token}` }, { status: 400 });
      }),
    );
    const error = await createQciClient({ baseUrl: BASE })
      .exchangeRefreshToken(REFRESH_TOKEN)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expectNoSecrets(error, [REFRESH_TOKEN]);
  });

  it('retries a connection failure of a GET, then reports it as a NetworkError', async () => {
    let attempts = 0;
    server.use(
      http.get(`${BASE}/auth/v1/access-tokens/health`, () => {
        attempts += 1;
        return HttpResponse.error();
      }),
    );
    const error = await createQciClient({ baseUrl: BASE, retry: { baseDelayMs: 1, maxRetries: 2 } })
      .health()
      .catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain(`GET ${BASE}/auth/v1/access-tokens/health`);
  });

  it('keeps two clients with different base URLs independent (no global client)', async () => {
    const other = 'https://qci.example.test/prefix';
    server.use(
      http.get(`${other}/auth/v1/access-tokens/version`, () =>
        HttpResponse.json({ application_name: 'auth', version: 'staging' }),
      ),
    );
    const prod = createQciClient({ baseUrl: BASE });
    const staging = createQciClient({ baseUrl: `${other}/` });
    expect(staging.baseUrl).toBe(other);
    expect((await staging.version()).version).toBe('staging');
    expect((await prod.version()).version).toBe('1.4.2');
    // The generated SDK functions work with either client.
    const { data } = await getAccessTokensVersion({ client: staging.client });
    expect(data.version).toBe('staging');
  });

  it('the generated SDK functions throw typed errors, or return them with throwOnError: false', async () => {
    const qci = createQciClient({ baseUrl: BASE });
    const body = { refresh_token: 'nope-nope-nope' };
    await expect(createAccessToken({ client: qci.client, body })).rejects.toBeInstanceOf(AuthenticationError);
    const result = await createAccessToken({ client: qci.client, body, throwOnError: false });
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(AuthenticationError);
  });

  it('refuses the old option name "url" instead of ignoring it (the token would go to production)', () => {
    const stale = { url: 'http://127.0.0.1:9', refreshToken: REFRESH_TOKEN, allowInsecureLoopback: true };
    expect(() => createQciClient(stale as never)).toThrow('the option "url" is now "baseUrl"');
  });

  it('rejects base URLs that would leak tokens or cannot work', () => {
    expect(() => createQciClient({ baseUrl: 'http://api.qci-prod.com' })).toThrow(InvalidArgumentError);
    expect(() => createQciClient({ baseUrl: 'api.qci-prod.com' })).toThrow(/absolute URL/);
    expect(() => createQciClient({ baseUrl: 'https://user:pw@api.qci-prod.com' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createQciClient({ baseUrl: 'http://127.0.0.1:8080' })).toThrow(/allowInsecureLoopback/);
    expect(createQciClient({ baseUrl: 'http://127.0.0.1:8080', allowInsecureLoopback: true }).baseUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('does not re-post the refresh token when the token endpoint redirects', async () => {
    const posted: string[] = [];
    server.use(
      http.post(`${BASE}/auth/v1/access-tokens`, () =>
        HttpResponse.redirect('https://elsewhere.test/collect', 307),
      ),
      http.post('https://elsewhere.test/collect', async ({ request }) => {
        posted.push(await request.text());
        return HttpResponse.json({ access_token: 'x', expires_at_rfc3339: '2099-01-01T00:00:00Z' });
      }),
    );
    const error = await createQciClient({ baseUrl: BASE })
      .exchangeRefreshToken(REFRESH_TOKEN)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 307 });
    expect(posted).toEqual([]);
  });

  it('uses QCI_TOKEN only for the URL QCI_API_URL (or production) names', async () => {
    const staging = 'https://staging.example.test';
    const stagingSaw: { path: string; authorization: string | null; body: string }[] = [];
    server.use(
      http.all(`${staging}/*`, async ({ request }) => {
        stagingSaw.push({
          path: new URL(request.url).pathname,
          authorization: request.headers.get('authorization'),
          body: await request.text(),
        });
        return HttpResponse.json({ allocations: {} });
      }),
      http.get(`${BASE}/optimization/v1/jobs/allocations`, ({ request }) =>
        request.headers.get('authorization') === `Bearer ${ACCESS_TOKEN}`
          ? HttpResponse.json({ allocations: { dirac: { seconds: 1, metered: true } } })
          : new HttpResponse('Unauthorized', { status: 401 }),
      ),
    );
    process.env.QCI_TOKEN = REFRESH_TOKEN;
    try {
      tokenRequests = [];
      await createQciClient({ baseUrl: staging, retry: false })
        .allocations()
        .catch(() => undefined);
      // The developer's token went nowhere: no exchange at staging, no bearer on the call.
      expect(stagingSaw).toEqual([
        { path: '/optimization/v1/jobs/allocations', authorization: null, body: '' },
      ]);
      expect(tokenRequests).toEqual([]);
      // Without a url (production), QCI_TOKEN is used.
      expect((await createQciClient().allocations()).allocations.dirac?.seconds).toBe(1);
      expect(tokenRequests).toEqual([{ refresh_token: REFRESH_TOKEN }]);
    } finally {
      delete process.env.QCI_TOKEN;
    }
  });
});
