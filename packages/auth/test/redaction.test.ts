/**
 * Nothing secret in any failure: for every flow that talks to a token endpoint and every way the call
 * can fail, the error's message, stack, cause, JSON and util.inspect renderings hold no password,
 * client secret, refresh token or access token, even when the identity provider echoes them back.
 */
import { AbortError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  AZURE_QUANTUM_SCOPE,
  auth0ClientCredentials,
  auth0PasswordRealm,
  entraClientCredentials,
  type FlowTokenProvider,
  qciRefreshToken,
} from '../src/index.js';
import {
  AUDIENCE,
  AUTH0_TOKEN_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  ENTRA_TOKEN_URL,
  PASSWORD,
  QCI_TOKEN_URL,
  QCI_URL,
  REALM,
  REFRESH_TOKEN,
  TENANT_ID,
  USERNAME,
} from './fixtures.js';

const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZWFrZWQifQ.c2lnbmF0dXJlLWxlYWtlZA';
const SECRETS = [PASSWORD, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN];
const { server } = useTestServer();

let lastBody = '';
/**
 * The request echoed back in every form a server might use: raw (form-encoded or JSON), decoded, and
 * each field value alone. A provider can only redact its own inputs, so only those are echoed.
 */
function echo(): string {
  const values = lastBody.startsWith('{')
    ? Object.values(JSON.parse(lastBody) as Record<string, string>)
    : [...new URLSearchParams(lastBody).values()];
  return [lastBody, decodeURIComponent(lastBody.replace(/\+/g, ' ')), ...values].join(' | ');
}
const settings = { maxRetries: 0, timeoutMs: 10_000 };

const flows: { name: string; url: string; make: () => FlowTokenProvider }[] = [
  {
    name: 'auth0 password-realm',
    url: AUTH0_TOKEN_URL,
    make: () =>
      auth0PasswordRealm({
        tokenUrl: AUTH0_TOKEN_URL,
        clientId: CLIENT_ID,
        username: USERNAME,
        password: PASSWORD,
        realm: REALM,
        audience: AUDIENCE,
        ...settings,
      }),
  },
  {
    name: 'auth0 client credentials',
    url: AUTH0_TOKEN_URL,
    make: () =>
      auth0ClientCredentials({
        tokenUrl: AUTH0_TOKEN_URL,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        audience: AUDIENCE,
        ...settings,
      }),
  },
  {
    name: 'qci refresh token',
    url: QCI_TOKEN_URL,
    make: () => qciRefreshToken({ baseUrl: QCI_URL, refreshToken: REFRESH_TOKEN, ...settings }),
  },
  {
    name: 'entra client credentials',
    url: ENTRA_TOKEN_URL,
    make: () =>
      entraClientCredentials({
        tenantId: TENANT_ID,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        scope: AZURE_QUANTUM_SCOPE,
        ...settings,
      }),
  },
];

/** Failure shapes; most echo the request body and the secrets back, as a careless IdP might. */
const failures: { name: string; reason: string; respond: () => Response | Promise<Response> }[] = [
  {
    name: '4xx JSON echoing the input',
    reason: 'rejected',
    respond: () =>
      HttpResponse.json(
        {
          error: 'invalid_grant',
          error_description: `AADSTS7000215: Invalid client secret provided. Got ${echo()}`,
          error_codes: [7000215],
          trace_id: 'trace-1',
          correlation_id: 'corr-1',
          echo: lastBody,
        },
        { status: 400 },
      ),
  },
  {
    name: '5xx HTML with the form body inside',
    reason: 'rejected',
    respond: () =>
      new HttpResponse(`<html><body><h1>502 Bad Gateway</h1><pre>${echo()}</pre></body></html>`, {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }),
  },
  {
    name: 'plain-text 401 echoing the refresh token',
    reason: 'rejected',
    respond: () =>
      new HttpResponse(`Unauthorized: ${echo()}`, {
        status: 401,
        headers: { 'content-type': 'text/plain' },
      }),
  },
  {
    name: '200 with a body that is not JSON',
    reason: 'invalid-response',
    respond: () =>
      new HttpResponse(`access_token=${ACCESS_TOKEN}&${lastBody}`, {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
  },
  {
    name: '200 without access_token',
    reason: 'invalid-response',
    respond: () => HttpResponse.json({ token: ACCESS_TOKEN, expires_in: 3600, echo: lastBody }),
  },
  {
    name: '200 with an empty access_token and the real one elsewhere',
    reason: 'invalid-response',
    respond: () => HttpResponse.json({ access_token: '', id_token: ACCESS_TOKEN }),
  },
  { name: 'network error', reason: 'network', respond: () => HttpResponse.error() },
];

afterEach(() => {
  vi.useRealTimers();
});

function answerWith(url: string, respond: () => Response | Promise<Response>) {
  server.use(
    http.post(url, async ({ request }) => {
      lastBody = await request.text();
      return respond();
    }),
  );
}

describe.each(flows)('$name', ({ url, make }) => {
  it.each(failures)('$name: typed error, no secret anywhere', async ({ respond, reason }) => {
    answerWith(url, respond);
    const error = await make()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).reason).toBe(reason);
    expectNoSecrets(error, SECRETS);
  });

  it('timeout: typed error, no secret anywhere', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    answerWith(url, () => new Promise<Response>(() => undefined));
    const pending = make()
      .getToken()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await pending;
    expect(error).toMatchObject({ reason: 'timeout' });
    expectNoSecrets(error, SECRETS);
  });

  it("caller's abort: AbortError, no secret anywhere", async () => {
    answerWith(url, () => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const pending = make()
      .getToken({ signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expectNoSecrets(error, SECRETS);
  });
});

it('redacts echoed secrets inside the kept IdP fields', async () => {
  answerWith(ENTRA_TOKEN_URL, failures[0]?.respond ?? (() => HttpResponse.error()));
  const error = (await flows[3]
    ?.make()
    .getToken()
    .catch((e: unknown) => e)) as AuthError;
  expect(error.aadstsCode).toBe('AADSTS7000215');
  expect(error.errorDescription).toContain('REDACTED');
  expect(error.errorDescription).toContain('Invalid client secret provided.');
});
