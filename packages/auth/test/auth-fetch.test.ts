import { AbortError, InvalidArgumentError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AZURE_QUANTUM_SCOPE,
  apiKey,
  authFetch,
  entraClientCredentials,
  InsecureConnectionError,
  staticToken,
} from '../src/index.js';
import {
  API,
  CLIENT_ID,
  CLIENT_SECRET,
  ENTRA_TOKEN_URL,
  entraHandler,
  TENANT_ID,
  TokenIssuer,
} from './fixtures.js';

const issuer = new TokenIssuer();
const calls = { count: 0, unauthorized: 0 };
const seenAuthorization: (string | null)[] = [];
const { server } = useTestServer(
  entraHandler(issuer),
  http.all(`${API}/v1/thing`, ({ request }) => {
    calls.count += 1;
    seenAuthorization.push(request.headers.get('authorization'));
    if (!issuer.accepts(request.headers.get('authorization'))) {
      calls.unauthorized += 1;
      return HttpResponse.json({ error: { code: 'Unauthorized' } }, { status: 401 });
    }
    return HttpResponse.json({ ok: true });
  }),
);

const entra = () =>
  entraClientCredentials({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    scope: AZURE_QUANTUM_SCOPE,
  });

beforeEach(() => {
  issuer.requests = 0;
  issuer.lifetimeSeconds = 3600;
  calls.count = 0;
  calls.unauthorized = 0;
  seenAuthorization.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('authFetch', () => {
  it('attaches the bearer token to the allowed origin', async () => {
    const fetch = authFetch(entra(), { baseUrl: `${API}/v1` });
    const response = await fetch(`${API}/v1/thing`);
    expect(response.status).toBe(200);
    expect(seenAuthorization).toEqual([`Bearer ${issuer.last}`]);
  });

  it('accepts fetch(url, init), fetch(request) and fetch(request, init)', async () => {
    const fetch = authFetch(entra(), { origins: [API] });
    expect((await fetch(new URL(`${API}/v1/thing`), { method: 'GET' })).status).toBe(200);
    expect((await fetch(new Request(`${API}/v1/thing`))).status).toBe(200);
    expect(
      (await fetch(new Request(`${API}/v1/thing`), { headers: { accept: 'application/json' } })).status,
    ).toBe(200);
    expect(issuer.requests).toBe(1);
  });

  it('sends requests to other origins untouched, without a token and without fetching one', async () => {
    let foreignAuthorization: string | null | undefined;
    server.use(
      http.get('https://elsewhere.example.test/file', ({ request }) => {
        foreignAuthorization = request.headers.get('authorization');
        return HttpResponse.text('hi');
      }),
    );
    const fetch = authFetch(entra(), { origins: [API] });
    const response = await fetch('https://elsewhere.example.test/file', { headers: { 'x-custom': '1' } });
    expect(await response.text()).toBe('hi');
    expect(foreignAuthorization).toBeNull();
    expect(issuer.requests).toBe(0);
  });

  it('makes 1 token request for 1,000 concurrent requests on a cold cache', async () => {
    const fetch = authFetch(entra(), { baseUrl: API });
    const responses = await Promise.all(Array.from({ length: 1000 }, () => fetch(`${API}/v1/thing`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(issuer.requests).toBe(1);
    expect(calls).toEqual({ count: 1000, unauthorized: 0 });
  });

  it('refreshes ahead of expiry across a long run: no request ever meets a 401', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fetch = authFetch(entra(), { baseUrl: API });
    const start = Date.now();
    for (let minute = 0; minute <= 150; minute++) {
      vi.setSystemTime(start + minute * 60_000 + 30_000);
      expect((await fetch(`${API}/v1/thing`)).status).toBe(200);
    }
    expect(calls.unauthorized).toBe(0);
    // One-hour tokens replaced 5 minutes early: at 0, ~55 and ~110 minutes.
    expect(issuer.requests).toBe(3);
  });

  it('after a 401 refreshes once and retries once, with the body sent again', async () => {
    const bodies: string[] = [];
    server.use(
      http.post(`${API}/v1/thing`, async ({ request }) => {
        calls.count += 1;
        bodies.push(await request.text());
        if (!issuer.accepts(request.headers.get('authorization'))) {
          return HttpResponse.json({ error: { code: 'Unauthorized' } }, { status: 401 });
        }
        return HttpResponse.json({ ok: true });
      }),
    );
    const provider = entra();
    const fetch = authFetch(provider, { baseUrl: API });
    await provider.getToken();
    issuer.revokeAll();
    const response = await fetch(`${API}/v1/thing`, { method: 'POST', body: JSON.stringify({ n: 1 }) });
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"n":1}', '{"n":1}']);
    expect(issuer.requests).toBe(2);
  });

  it('never loops: an API that always answers 401 sees 2 calls and the token endpoint 2', async () => {
    server.use(
      http.get(`${API}/v1/thing`, () => {
        calls.count += 1;
        return HttpResponse.json({ error: { code: 'Unauthorized' } }, { status: 401 });
      }),
    );
    const fetch = authFetch(entra(), { baseUrl: API });
    const response = await fetch(`${API}/v1/thing`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'Unauthorized' } });
    expect(calls.count).toBe(2);
    expect(issuer.requests).toBe(2);
  });

  it('refreshes once for a burst of 401s caused by one revoked token', async () => {
    const provider = entra();
    const fetch = authFetch(provider, { baseUrl: API });
    await fetch(`${API}/v1/thing`);
    issuer.revokeAll();
    const responses = await Promise.all(Array.from({ length: 50 }, () => fetch(`${API}/v1/thing`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(issuer.requests).toBe(2);
  });

  it('drops the token on a redirect to another origin and keeps it within the origin', async () => {
    let cdnAuthorization: string | null | undefined;
    server.use(
      http.get(`${API}/v1/moved`, () => HttpResponse.redirect(`${API}/v1/thing`, 307)),
      http.get(`${API}/v1/download`, () =>
        HttpResponse.redirect('https://cdn.example.test/blob?sig=abc', 302),
      ),
      http.get('https://cdn.example.test/blob', ({ request }) => {
        cdnAuthorization = request.headers.get('authorization');
        return HttpResponse.text('blob');
      }),
    );
    const fetch = authFetch(entra(), { baseUrl: API });
    const moved = await fetch(`${API}/v1/moved`);
    expect(moved.status).toBe(200);
    expect(seenAuthorization).toEqual([`Bearer ${issuer.last}`]);
    const download = await fetch(`${API}/v1/download`);
    expect(await download.text()).toBe('blob');
    expect(cdnAuthorization).toBeNull();
  });

  it('drops the API-key header on a cross-origin redirect too', async () => {
    let cdnKey: string | null | undefined;
    server.use(
      http.get(`${API}/v1/download`, () => HttpResponse.redirect('https://cdn.example.test/blob', 302)),
      http.get('https://cdn.example.test/blob', ({ request }) => {
        cdnKey = request.headers.get('x-ms-quantum-api-key');
        return HttpResponse.text('blob');
      }),
    );
    const fetch = authFetch(apiKey({ key: 'workspace-api-key-123' }), { baseUrl: API });
    expect(await (await fetch(`${API}/v1/download`)).text()).toBe('blob');
    expect(cdnKey).toBeNull();
  });

  it('returns the redirect itself when the caller asked for redirect: manual', async () => {
    server.use(
      http.get(`${API}/v1/download`, () => HttpResponse.redirect('https://cdn.example.test/blob', 302)),
    );
    const fetch = authFetch(entra(), { baseUrl: API });
    const response = await fetch(`${API}/v1/download`, { redirect: 'manual' });
    expect(response.status).toBe(302);
  });

  it('refuses http: to an allowed host before fetching a token', async () => {
    const fetch = authFetch(entra(), { baseUrl: API });
    await expect(fetch('http://api.example.test/v1/thing')).rejects.toBeInstanceOf(InsecureConnectionError);
    expect(issuer.requests).toBe(0);
    expect(() => authFetch(entra(), { baseUrl: 'http://api.example.test' })).toThrow(InsecureConnectionError);
  });

  it('allows http: on loopback only with allowInsecureLoopback', async () => {
    server.use(
      http.get('http://127.0.0.1:8787/v1/thing', ({ request }) => {
        seenAuthorization.push(request.headers.get('authorization'));
        return HttpResponse.json({ ok: true });
      }),
    );
    expect(() => authFetch(staticToken('local-token-1234'), { baseUrl: 'http://127.0.0.1:8787' })).toThrow(
      /allowInsecureLoopback/,
    );
    expect(() => authFetch(staticToken('local-token-1234'), { baseUrl: 'http://[::1]:8787' })).toThrow(
      InsecureConnectionError,
    );
    const fetch = authFetch(staticToken('local-token-1234'), {
      baseUrl: 'http://127.0.0.1:8787',
      allowInsecureLoopback: true,
    });
    expect((await fetch('http://127.0.0.1:8787/v1/thing')).status).toBe(200);
    expect(seenAuthorization).toEqual(['Bearer local-token-1234']);
  });

  it('needs an explicit list of origins', () => {
    expect(() => authFetch(entra(), {})).toThrow(InvalidArgumentError);
    expect(() => authFetch(entra(), { origins: ['not a url'] })).toThrow(/"origins\[0\]"/);
    expect(() => authFetch({} as never, { baseUrl: API })).toThrow(/"provider"/);
  });

  it("ends only the aborting caller's wait; the others get the token", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      http.post(ENTRA_TOKEN_URL, async () => {
        await gate;
        return undefined;
      }),
    );
    const fetch = authFetch(entra(), { baseUrl: API });
    const controller = new AbortController();
    const aborted = fetch(`${API}/v1/thing`, { signal: controller.signal });
    const others = [fetch(`${API}/v1/thing`), fetch(`${API}/v1/thing`)];
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    release();
    const responses = await Promise.all(others);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(issuer.requests).toBe(1);
  });

  it('starts clean after a failed token request', async () => {
    server.use(
      http.post(
        ENTRA_TOKEN_URL,
        () => HttpResponse.json({ error: 'temporarily_unavailable' }, { status: 400 }),
        { once: true },
      ),
    );
    const fetch = authFetch(entra(), { baseUrl: API });
    await expect(fetch(`${API}/v1/thing`)).rejects.toMatchObject({ error: 'temporarily_unavailable' });
    expect((await fetch(`${API}/v1/thing`)).status).toBe(200);
    expect(issuer.requests).toBe(1);
  });

  it('sends an API key in its own header, not as a bearer token', async () => {
    let headers: Headers | undefined;
    server.use(
      http.get(`${API}/v1/keyed`, ({ request }) => {
        headers = request.headers;
        return HttpResponse.json({ ok: true });
      }),
    );
    await authFetch(apiKey({ key: 'workspace-api-key-123' }), { baseUrl: API })(`${API}/v1/keyed`);
    expect(headers?.get('x-ms-quantum-api-key')).toBe('workspace-api-key-123');
    expect(headers?.has('authorization')).toBe(false);
    await authFetch(apiKey({ key: 'other-key-456', headerName: 'x-api-key' }), { baseUrl: API })(
      `${API}/v1/keyed`,
    );
    expect(headers?.get('x-api-key')).toBe('other-key-456');
    expect(() => apiKey({ key: 'k-1234567', headerName: 'bad header' })).toThrow(/"headerName"/);
  });

  it('uses a static token (pasted with its Bearer prefix) as is', async () => {
    const provider = staticToken({ token: ' "Bearer static-token-789" ' });
    expect(provider.flow).toBe('static-token');
    await expect(provider.getToken()).resolves.toEqual({ token: 'static-token-789' });
    expect(() => staticToken('')).toThrow(/"token"/);
  });

  it('uses an injected inner fetch', async () => {
    const inner = vi.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      return Response.json({ authorization: request.headers.get('authorization') });
    });
    const fetch = authFetch(staticToken('injected-token-1'), { baseUrl: API, fetch: inner });
    expect(await (await fetch(`${API}/v1/anything`)).json()).toEqual({
      authorization: 'Bearer injected-token-1',
    });
    expect(inner).toHaveBeenCalledTimes(1);
  });

  it('accepts any object with getToken() as a provider', async () => {
    const handMade = { getToken: vi.fn(async () => ({ token: issuer.issue('custom').token })) };
    const fetch = authFetch(handMade, { origins: [API] });
    expect((await fetch(`${API}/v1/thing`)).status).toBe(200);
    expect(handMade.getToken).toHaveBeenCalledWith({ signal: expect.any(AbortSignal) });
  });
});
