import {
  InvalidArgumentError,
  MAX_TIME_LIMIT_MS,
  SecretStore,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
} from '@qc/core';
import { simulateBrowser, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  createApiClient,
  createPipeline,
  formatLogEntry,
  type RequestLogEntry,
  requestWasSent,
  staticToken,
} from '../src/index.js';

const BASE = 'https://api.pipeline.invalid';
const TOKEN = 'pipeline-test-token-5d1c';
const seen: Request[] = [];
let unavailable = 0;

const { server } = useTestServer(
  http.all(`${BASE}/*`, ({ request }) => {
    seen.push(request.clone());
    const path = new URL(request.url).pathname;
    if (path === '/busy' && unavailable-- > 0) return HttpResponse.json({ detail: 'busy' }, { status: 503 });
    if (path === '/html')
      return new HttpResponse('<html>proxy login</html>', { headers: { 'content-type': 'text/html' } });
    if (path === '/echo-secret') {
      return HttpResponse.json(
        { detail: `bad token ${request.headers.get('authorization')}` },
        { status: 400 },
      );
    }
    return HttpResponse.json({ ok: true }, { headers: { 'x-ms-request-id': 'req-123' } });
  }),
);

afterEach(() => {
  seen.length = 0;
  unavailable = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const secured = [{ type: 'http', scheme: 'bearer' }] as const;
function client(extra: Partial<Parameters<typeof createPipeline>[0]> = {}) {
  const pipeline = createPipeline({
    client: { name: '@qc/example', version: '1.2.3' },
    provider: staticToken(TOKEN),
    origins: [BASE],
    retry: { baseDelayMs: 1 },
    // As a provider's plan names its own request-id header (Azure's).
    requestIdHeaders: ['x-ms-request-id'],
    ...extra,
  });
  return createApiClient({ baseUrl: BASE, pipeline });
}

describe('the request pipeline', () => {
  it('names the package and version in User-Agent, and sends the credential only where declared', async () => {
    const api = client();
    await api.get({ url: '/secured', security: secured });
    await api.get({ url: '/public' });
    expect(seen.map((r) => r.headers.get('user-agent'))).toEqual(['qc-example/1.2.3', 'qc-example/1.2.3']);
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([`Bearer ${TOKEN}`, null]);
  });

  it('adds the provider’s per-request headers (a fresh client request id per call)', async () => {
    let n = 0;
    const api = client({ headers: () => ({ 'x-ms-client-request-id': `id-${++n}` }) });
    const infos: (string | undefined)[] = [];
    for (let i = 0; i < 2; i++) {
      await api.get({
        url: '/x',
        onResponse: (info) => infos.push(info.clientRequestId),
      });
    }
    expect(seen.map((r) => r.headers.get('x-ms-client-request-id'))).toEqual(['id-1', 'id-2']);
    expect(infos).toEqual(['id-1', 'id-2']);
  });

  it('hands the raw answer to onResponse and to the result: status, headers, request id, attempts', async () => {
    unavailable = 1;
    const infos: unknown[] = [];
    const result = await client().get({
      url: '/busy',
      onResponse: (info) => infos.push(info),
    });
    expect(result.info).toMatchObject({ method: 'GET', status: 200, requestId: 'req-123', attempts: 2 });
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get('x-ms-request-id')).toBe('req-123');
    expect(infos).toEqual([result.info]);
  });

  it('per-call retry and headers override the client’s, but never the credential', async () => {
    unavailable = 5;
    const error = await client()
      .get({ url: '/busy', retry: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
    await client().get({
      url: '/x',
      security: secured,
      headers: { authorization: 'Bearer stolen', 'x-extra': 'yes' },
    });
    expect(seen[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[1]?.headers.get('x-extra')).toBe('yes');
  });

  it('refuses time limits that are not finite positive numbers of at most 2^31−1 ms', async () => {
    for (const bad of [0, -1, Number.POSITIVE_INFINITY, Number.NaN, 1e12, '1000', MAX_TIME_LIMIT_MS + 1]) {
      expect(() => client({ timeoutMs: bad as number })).toThrow(InvalidArgumentError);
      const perCall = await client()
        .get({ url: '/x', timeoutMs: bad as number })
        .catch((e: unknown) => e);
      expect(perCall).toBeInstanceOf(InvalidArgumentError);
    }
    expect(seen).toHaveLength(0);
    expect(() => client({ timeoutMs: MAX_TIME_LIMIT_MS })).not.toThrow();
  });

  it('reports a 2xx that is not JSON as UnexpectedResponseError with an excerpt', async () => {
    const error = await client()
      .get({ url: '/html' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).problem).toBe('not-json');
    expect((error as Error).message).toContain('proxy login');
  });

  it('logs one line per attempt: method, redacted URL, status, attempt, duration, request id — no secret', async () => {
    const entries: RequestLogEntry[] = [];
    unavailable = 1;
    const secrets = new SecretStore(['client-secret-value']);
    await client({ logger: (entry) => entries.push(entry), secrets, safeQueryParameters: ['Tag'] }).get({
      url: '/busy',
      query: { sig: 'sas-signature-value', top: 5, tag: 'nightly', note: 'private' },
      security: secured,
    });
    expect(entries.map((e) => [e.attempt, e.status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    expect(entries[0]?.retryInMs).toBeGreaterThanOrEqual(0);
    expect(entries[1]).toMatchObject({ client: '@qc/example', method: 'GET', requestId: 'req-123' });
    // Common safe names (top) and the plan's (tag) are shown; every other value is not.
    expect(entries[1]?.url).toBe(`${BASE}/busy?sig=REDACTED&top=5&tag=nightly&note=REDACTED`);
    const text = JSON.stringify(entries) + entries.map(formatLogEntry).join('\n');
    for (const secret of [TOKEN, 'sas-signature-value', 'client-secret-value'])
      expect(text).not.toContain(secret);
  });

  it('QC_DEBUG=1 logs to stderr on Node', async () => {
    vi.stubEnv('QC_DEBUG', '1');
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    await client().get({ url: '/x', security: secured });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[@qc\/example\] GET https:\/\/api\.pipeline\.invalid\/x → 200 in \d+ ms \(attempt 1, request id req-123\)$/,
    );
    expect(lines[0]).not.toContain(TOKEN);
  });

  it('redacts the tokens it sent from error bodies that echo them', async () => {
    const error = await client()
      .get({ url: '/echo-secret', security: secured })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('refuses a path parameter that would change the path', async () => {
    for (const bad of ['..', '.', '']) {
      const error = await client()
        .get({ url: '/jobs/{id}', path: { id: bad } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
    }
    await client().get({ url: '/jobs/{id}', path: { id: 'a/b c' } });
    expect(new URL(seen[0]?.url ?? '').pathname).toBe('/jobs/a%2Fb%20c');
  });
});

describe('the request pipeline, after review', () => {
  it('never lets a caller header add a second credential, and strips credential headers on a cross-origin redirect', async () => {
    const elsewhere: (string | null)[] = [];
    server.use(
      http.get(
        `${BASE}/moved`,
        () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.invalid/x' } }),
      ),
      http.get('https://elsewhere.invalid/x', ({ request }) => {
        elsewhere.push(request.headers.get('x-ms-quantum-api-key'), request.headers.get('authorization'));
        return HttpResponse.json({});
      }),
    );
    await client().get({
      url: '/moved',
      security: secured,
      headers: {
        'X-MS-Quantum-Api-Key': 'caller-key-value',
        Cookie: 'session=1',
        'Proxy-Authorization': 'Basic x',
      },
    });
    expect(elsewhere).toEqual([null, null]);
  });

  it('reports the caller’s AbortSignal.timeout() as a TimeoutError, final (not retried)', async () => {
    unavailable = 5;
    const error = await client()
      .get({ url: '/busy', signal: AbortSignal.timeout(1), retry: { baseDelayMs: 50 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen.length).toBeLessThanOrEqual(1);
  });

  it('remembers only credential-bearing query values: ordinary words stay readable in later errors', async () => {
    const api = client();
    await api.get({
      url: '/x',
      query: { public: 'true', device_type: 'FRESNEL', sig: 'sas-signature-value' },
    });
    expect(api.pipeline.secrets.values()).toContain('sas-signature-value');
    expect(api.pipeline.secrets.values()).not.toContain('FRESNEL');
    expect(api.pipeline.secrets.values()).not.toContain('true');
  });

  it('refuses a body that cannot be JSON before sending anything, as a typed error', async () => {
    const error = await client()
      .post({ url: '/x', body: { shots: 10n } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(seen).toHaveLength(0);
    const returned = await client().post({ url: '/x', body: { shots: 10n }, throwOnError: false });
    expect(returned.error).toBeInstanceOf(InvalidArgumentError);
  });

  it('a submission refused with 401 whose token refresh fails is not outcome-unknown: nothing was accepted', async () => {
    server.use(http.post(`${BASE}/submit`, () => HttpResponse.json({ detail: 'expired' }, { status: 401 })));
    const refreshFails = {
      getToken: async (options?: { forceRefresh?: boolean }) => {
        if (options?.forceRefresh)
          throw new AuthError({
            flow: 'static-token',
            reason: 'rejected',
            summary: 'refresh refused',
            url: BASE,
            secrets: [],
          });
        return { token: 'old-token-value' };
      },
    };
    const pipeline = createPipeline({
      client: { name: '@qc/example', version: '1.2.3' },
      provider: refreshFails,
      origins: [BASE],
      submission: () => ({ operation: 'submit', recovery: 'look first' }),
    });
    const error = await createApiClient({ baseUrl: BASE, pipeline })
      .post({ url: '/submit', body: {}, security: secured })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(requestWasSent(error)).toBe(false);
  });

  it('does not claim a User-Agent inside a browser worker', async () => {
    const restore = simulateBrowser('worker');
    try {
      await client().get({ url: '/x' });
    } finally {
      restore();
    }
    expect(seen[0]?.headers.get('user-agent') ?? '').not.toMatch(/^qc-/);
  });
});
