import { useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import createOpenApiClient from 'openapi-fetch';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  authFetch,
  authMiddleware,
  heyApiAuth,
  InsecureConnectionError,
  qciRefreshToken,
} from '../src/index.js';
import { QCI_URL, REFRESH_TOKEN, TokenIssuer } from './fixtures.js';
import { createClient, createConfig } from './hey-api-qci/client/index.js';
import type { paths } from './hey-api-qci/paths.gen.js';
import { createAccessToken, getAllocations } from './hey-api-qci/sdk.gen.js';

const issuer = new TokenIssuer();
const api = {
  calls: 0,
  unauthorized: 0,
  tokenAuthHeaders: [] as (string | null)[],
  alwaysUnauthorized: false,
};
const allocations = { allocations: { dirac: { seconds: 3600, metered: true } } };

const tokenHandler = async ({ request }: { request: Request }) => {
  issuer.requests += 1;
  api.tokenAuthHeaders.push(request.headers.get('authorization'));
  const body = (await request.json()) as { refresh_token?: string };
  if (body.refresh_token !== REFRESH_TOKEN) return new HttpResponse('Unauthorized', { status: 401 });
  const { token, expiresAt } = issuer.issue('qci');
  return HttpResponse.json({
    access_token: token,
    expires_at_rfc3339: new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z'),
    token_type: 'bearer',
    organization_id: '64b0d6f1c9e77c0012345678',
    user_id: '64b0d6f1c9e77c0087654321',
  });
};

const { server } = useTestServer(
  http.post(`${QCI_URL}/auth/v1/access-tokens`, tokenHandler),
  http.post(`${QCI_URL}/auth/v1/access-tokens/`, tokenHandler),
  http.get(`${QCI_URL}/optimization/v1/jobs/allocations`, ({ request }) => {
    api.calls += 1;
    if (api.alwaysUnauthorized || !issuer.accepts(request.headers.get('authorization'))) {
      api.unauthorized += 1;
      return HttpResponse.json({ detail: 'Unauthorized' }, { status: 401 });
    }
    return HttpResponse.json(allocations);
  }),
);

const provider = () => qciRefreshToken({ baseUrl: QCI_URL, refreshToken: REFRESH_TOKEN });

beforeEach(() => {
  issuer.requests = 0;
  issuer.revokeAll();
  Object.assign(api, { calls: 0, unauthorized: 0, tokenAuthHeaders: [], alwaysUnauthorized: false });
});

describe('hey-api generated client with heyApiAuth', () => {
  const heyApiClient = (p = provider(), baseUrl = QCI_URL) =>
    createClient(createConfig({ baseUrl, ...heyApiAuth(p, { baseUrl: QCI_URL }) }));

  it('authenticates a secured operation', async () => {
    const { data, response } = await getAllocations({ client: heyApiClient() });
    expect(response.status).toBe(200);
    expect(data).toEqual(allocations);
    expect(issuer.requests).toBe(1);
  });

  it('sends no token, not even the placeholder, to a public operation', async () => {
    const { data } = await createAccessToken({
      client: heyApiClient(),
      body: { refresh_token: REFRESH_TOKEN },
    });
    expect(data?.access_token).toBe(issuer.last);
    // One token request: the public operation itself. The provider was never asked for a token.
    expect(issuer.requests).toBe(1);
    expect(api.tokenAuthHeaders).toEqual([null]);
  });

  it('refreshes once and retries once after a 401', async () => {
    const p = provider();
    await p.getToken();
    issuer.revokeAll();
    const { response } = await getAllocations({ client: heyApiClient(p) });
    expect(response.status).toBe(200);
    expect([api.calls, api.unauthorized, issuer.requests]).toEqual([2, 1, 2]);

    api.alwaysUnauthorized = true;
    api.calls = 0;
    issuer.requests = 0;
    const { error, response: last } = await getAllocations({ client: heyApiClient(p) });
    expect(last.status).toBe(401);
    expect(error).toEqual({ detail: 'Unauthorized' });
    expect([api.calls, issuer.requests]).toEqual([2, 1]);
  });

  it('keeps the origin rules: no token for another base URL, http refused', async () => {
    let seen: string | null | undefined;
    server.use(
      http.get('https://mirror.example.test/optimization/v1/jobs/allocations', ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json(allocations);
      }),
    );
    await getAllocations({ client: heyApiClient(provider(), 'https://mirror.example.test') });
    expect(seen).toBeNull();
    expect(issuer.requests).toBe(0);
    const insecure = heyApiClient(provider(), 'http://api.qci-prod.com');
    const { error } = await getAllocations({ client: insecure });
    expect(error).toBeInstanceOf(InsecureConnectionError);
    expect(issuer.requests).toBe(0);
  });
});

describe('openapi-fetch', () => {
  it('authenticates through authMiddleware', async () => {
    const client = createOpenApiClient<paths>({ baseUrl: QCI_URL });
    client.use(authMiddleware(provider(), { baseUrl: QCI_URL }));
    const { data, response } = await client.GET('/optimization/v1/jobs/allocations');
    expect(response.status).toBe(200);
    expect(data).toEqual(allocations);
  });

  it('retries once after a 401 from onResponse, never twice', async () => {
    const p = provider();
    const client = createOpenApiClient<paths>({ baseUrl: QCI_URL });
    client.use(authMiddleware(p, { baseUrl: QCI_URL }));
    await p.getToken();
    issuer.revokeAll();
    expect((await client.GET('/optimization/v1/jobs/allocations')).response.status).toBe(200);
    expect([api.calls, issuer.requests]).toEqual([2, 2]);

    api.alwaysUnauthorized = true;
    Object.assign(api, { calls: 0 });
    issuer.requests = 0;
    const { error, response } = await client.GET('/optimization/v1/jobs/allocations');
    expect(response.status).toBe(401);
    expect(error).toEqual({ detail: 'Unauthorized' });
    expect([api.calls, issuer.requests]).toEqual([2, 1]);
  });

  it('leaves requests to other origins alone', async () => {
    let seen: string | null | undefined;
    server.use(
      http.get('https://mirror.example.test/optimization/v1/jobs/allocations', ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json(allocations);
      }),
    );
    const client = createOpenApiClient<paths>({ baseUrl: 'https://mirror.example.test' });
    client.use(authMiddleware(provider(), { baseUrl: QCI_URL }));
    await client.GET('/optimization/v1/jobs/allocations');
    expect(seen).toBeNull();
    expect(issuer.requests).toBe(0);
  });

  it('authenticates with fetch: authFetch(...) passed to createClient', async () => {
    const client = createOpenApiClient<paths>({
      baseUrl: QCI_URL,
      fetch: authFetch(provider(), { baseUrl: QCI_URL }),
    });
    const { data } = await client.GET('/optimization/v1/jobs/allocations');
    expect(data).toEqual(allocations);
    const { data: token } = await client.POST('/auth/v1/access-tokens', {
      body: { refresh_token: REFRESH_TOKEN },
    });
    expect(token?.access_token).toBe(issuer.last);
  });
});
