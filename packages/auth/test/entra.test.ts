import { InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  AZURE_MANAGEMENT_SCOPE,
  AZURE_QUANTUM_SCOPE,
  AZURE_STORAGE_SCOPE,
  entraClientCredentials,
} from '../src/index.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  ENTRA_TOKEN_URL,
  entraHandler,
  TENANT_ID,
  TokenIssuer,
} from './fixtures.js';

const issuer = new TokenIssuer();
const { server } = useTestServer(entraHandler(issuer));
const options = {
  tenantId: TENANT_ID,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  scope: AZURE_QUANTUM_SCOPE,
};

beforeEach(() => {
  issuer.requests = 0;
  issuer.lifetimeSeconds = 3599;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('entraClientCredentials', () => {
  it('exports the three resource scopes', () => {
    expect([AZURE_QUANTUM_SCOPE, AZURE_MANAGEMENT_SCOPE, AZURE_STORAGE_SCOPE]).toEqual([
      'https://quantum.microsoft.com/.default',
      'https://management.azure.com/.default',
      'https://storage.azure.com/.default',
    ]);
  });

  it('posts the client-credentials form to {authority}/{tenant}/oauth2/v2.0/token', async () => {
    const provider = entraClientCredentials(options);
    expect(provider.flow).toBe('entra-client-credentials');
    const token = await provider.getToken();
    expect(token.token).toBe(issuer.last);
    expect(issuer.requests).toBe(1);
  });

  it('uses a sovereign-cloud authority host', async () => {
    let seen: string | undefined;
    server.use(
      http.post('https://login.microsoftonline.us/:tenant/oauth2/v2.0/token', ({ request }) => {
        seen = request.url;
        return HttpResponse.json({
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: 'gov-token-123',
        });
      }),
    );
    const provider = entraClientCredentials({
      ...options,
      authorityHost: 'https://login.microsoftonline.us/',
    });
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'gov-token-123' });
    expect(seen).toBe(`https://login.microsoftonline.us/${TENANT_ID}/oauth2/v2.0/token`);
  });

  it('surfaces the AADSTS code, error and trace ids of a rejected secret, never the secret', async () => {
    const wrong = 'wrong~client~secret~value';
    const error = await entraClientCredentials({ ...options, clientSecret: wrong })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      flow: 'entra-client-credentials',
      reason: 'rejected',
      status: 401,
      error: 'invalid_client',
      aadstsCode: 'AADSTS7000215',
      requestId: '0d4e6d8a-1b2c',
      correlationId: '5b0f-42',
    });
    const { message, errorDescription } = error as AuthError;
    expect(message).toContain('invalid_client: AADSTS7000215: Invalid client secret provided.');
    expect(message).not.toContain('Correlation ID');
    expect(errorDescription).toContain('Correlation ID: 5b0f-42');
    expectNoSecrets(error, [wrong, CLIENT_SECRET]);
  });

  it('refreshes when Entra asks for it earlier with refresh_in', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    server.use(
      http.post(ENTRA_TOKEN_URL, () => {
        issuer.requests += 1;
        return HttpResponse.json({
          token_type: 'Bearer',
          expires_in: 86_399,
          ext_expires_in: 86_399,
          refresh_in: 43_199,
          access_token: `long-lived-${issuer.requests}`,
        });
      }),
    );
    const provider = entraClientCredentials(options);
    await provider.getToken();
    vi.setSystemTime(Date.now() + 43_000_000);
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'long-lived-1' });
    vi.setSystemTime(Date.now() + 200_000);
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'long-lived-2' });
  });

  it('validates tenant, scope and authority eagerly', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...options, tenantId: 'common' }, '"tenantId"'],
      [{ ...options, tenantId: '../evil' }, '"tenantId"'],
      [{ ...options, scope: 'https://quantum.microsoft.com' }, '"scope"'],
      [{ ...options, scope: `${AZURE_QUANTUM_SCOPE} ${AZURE_MANAGEMENT_SCOPE}` }, '"scope"'],
      [{ ...options, authorityHost: 'http://login.microsoftonline.com' }, '"authorityHost"'],
      [{ ...options, clientSecret: undefined }, '"clientSecret"'],
    ];
    for (const [given, named] of cases) {
      expect(() => entraClientCredentials(given as never), named).toThrow(InvalidArgumentError);
      expect(() => entraClientCredentials(given as never), named).toThrow(named);
    }
  });
});
