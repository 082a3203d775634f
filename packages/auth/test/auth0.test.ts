import { InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthError, auth0ClientCredentials, auth0PasswordRealm } from '../src/index.js';
import {
  AUDIENCE,
  AUTH0_DOMAIN,
  AUTH0_TOKEN_URL,
  auth0Handler,
  CLIENT_ID,
  CLIENT_SECRET,
  PASSWORD,
  REALM,
  TokenIssuer,
  USERNAME,
} from './fixtures.js';

const issuer = new TokenIssuer();
const { server } = useTestServer(auth0Handler(issuer));

const passwordOptions = {
  domain: AUTH0_DOMAIN,
  clientId: CLIENT_ID,
  username: USERNAME,
  password: PASSWORD,
  realm: REALM,
  audience: AUDIENCE,
};
const clientOptions = {
  tokenUrl: AUTH0_TOKEN_URL,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  audience: AUDIENCE,
};

beforeEach(() => {
  issuer.requests = 0;
  issuer.lifetimeSeconds = 86_400;
});

describe('auth0PasswordRealm', () => {
  it('posts the password-realm form and returns the token with its expiry from expires_in', async () => {
    const provider = auth0PasswordRealm(passwordOptions);
    expect(provider.flow).toBe('auth0-password-realm');
    const before = Date.now();
    const token = await provider.getToken();
    expect(token.token).toBe(issuer.last);
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(token.header).toBeUndefined();
    expect(issuer.requests).toBe(1);
  });

  it('sends scope only when given', async () => {
    let form: URLSearchParams | undefined;
    server.use(
      http.post(AUTH0_TOKEN_URL, async ({ request }) => {
        form = new URLSearchParams(await request.clone().text());
        return undefined;
      }),
    );
    await auth0PasswordRealm({ ...passwordOptions, scope: 'openid profile email' }).getToken();
    expect(form?.get('scope')).toBe('openid profile email');
    expect(form?.get('grant_type')).toBe('http://auth0.com/oauth/grant-type/password-realm');
  });

  it('caches the token: a second call sends no request', async () => {
    const provider = auth0PasswordRealm(passwordOptions);
    const first = await provider.getToken();
    const second = await provider.getToken();
    expect(second.token).toBe(first.token);
    expect(issuer.requests).toBe(1);
    const forced = await provider.getToken({ forceRefresh: true });
    expect(forced.token).not.toBe(first.token);
    expect(issuer.requests).toBe(2);
  });

  it('turns a wrong password into an AuthError with the IdP fields and no secret', async () => {
    const provider = auth0PasswordRealm({ ...passwordOptions, password: 'not-the-Password-123' });
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      flow: 'auth0-password-realm',
      reason: 'rejected',
      status: 403,
      error: 'invalid_grant',
      errorDescription: 'Wrong email or password.',
      url: AUTH0_TOKEN_URL,
    });
    expect((error as AuthError).message).toContain('invalid_grant: Wrong email or password.');
    expectNoSecrets(error, ['not-the-Password-123', PASSWORD]);
  });

  it('does not keep a failure: the next call asks again', async () => {
    let refused = 0;
    server.use(
      http.post(
        AUTH0_TOKEN_URL,
        () => {
          refused += 1;
          return HttpResponse.json({ error: 'access_denied' }, { status: 401 });
        },
        { once: true },
      ),
    );
    const provider = auth0PasswordRealm(passwordOptions);
    await expect(provider.getToken()).rejects.toBeInstanceOf(AuthError);
    const token = await provider.getToken();
    expect(token.token).toBe(issuer.last);
    expect([refused, issuer.requests]).toEqual([1, 1]);
  });

  it('validates options eagerly, naming the option and never echoing its value', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...passwordOptions, password: '' }, '"password"'],
      [{ ...passwordOptions, realm: undefined }, '"realm"'],
      [{ ...passwordOptions, domain: 'https://tenant.eu.auth0.com/' }, '"domain"'],
      [{ ...passwordOptions, domain: undefined }, '"tokenUrl"'],
      [{ ...passwordOptions, tokenUrl: AUTH0_TOKEN_URL }, '"tokenUrl"'],
      [
        { ...passwordOptions, domain: undefined, tokenUrl: 'http://tenant.eu.auth0.com/oauth/token' },
        '"tokenUrl"',
      ],
      [
        { ...passwordOptions, domain: undefined, tokenUrl: 'http://127.0.0.1:8080/oauth/token' },
        '"tokenUrl"',
      ],
      [{ ...passwordOptions, timeoutMs: -1 }, '"timeoutMs"'],
      [{ ...passwordOptions, maxRetries: 1.5 }, '"maxRetries"'],
    ];
    for (const [options, named] of cases) {
      let thrown: unknown;
      try {
        auth0PasswordRealm(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, named).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as Error).message).toContain(named);
      expectNoSecrets(thrown, [PASSWORD]);
    }
    expect(() =>
      auth0PasswordRealm({
        ...passwordOptions,
        domain: undefined,
        tokenUrl: 'http://127.0.0.1:8080/oauth/token',
        allowInsecureLoopback: true,
      }),
    ).not.toThrow();
  });
});

describe('auth0ClientCredentials', () => {
  it('posts client_credentials with exactly client_id, client_secret and audience', async () => {
    const provider = auth0ClientCredentials(clientOptions);
    expect(provider.flow).toBe('auth0-client-credentials');
    const token = await provider.getToken();
    expect(token.token).toBe(issuer.last);
    expect(issuer.requests).toBe(1);
  });

  it('reports a wrong secret as access_denied without the secret', async () => {
    const wrong = 'cs-wrong-secret-value-99';
    const error = await auth0ClientCredentials({ ...clientOptions, clientSecret: wrong })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ flow: 'auth0-client-credentials', status: 401, error: 'access_denied' });
    expectNoSecrets(error, [wrong, CLIENT_SECRET]);
  });

  it('validates options eagerly', () => {
    expect(() => auth0ClientCredentials({ ...clientOptions, clientSecret: '   ' })).toThrow(/"clientSecret"/);
    expect(() => auth0ClientCredentials({ ...clientOptions, audience: 42 as never })).toThrow(/"audience"/);
  });

  it('keeps providers with different inputs apart', async () => {
    const a = auth0ClientCredentials(clientOptions);
    const b = auth0ClientCredentials(clientOptions);
    const tokenA = await a.getToken();
    const tokenB = await b.getToken();
    expect(tokenA.token).not.toBe(tokenB.token);
    expect(issuer.requests).toBe(2);
  });
});
