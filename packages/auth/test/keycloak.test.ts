import { InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuthError, keycloakClientCredentials, keycloakPassword } from '../src/index.js';
import { AUDIENCE, CLIENT_SECRET, PASSWORD, TokenIssuer, USERNAME } from './fixtures.js';

const SERVER = 'https://auth.example.test';
const REALM = 'pasqal-cloud';
const TOKEN_URL = `${SERVER}/realms/${REALM}/protocol/openid-connect/token`;
const PUBLIC_CLIENT = 'cloud-sdk';
const SERVICE_CLIENT = 'svc-batch-runner';

const issuer = new TokenIssuer();
const forms: URLSearchParams[] = [];

function keycloakError(status: number, error: string, description: string) {
  return HttpResponse.json({ error, error_description: description }, { status });
}

/** Keycloak's token endpoint in its real shapes: form-encoded grants, OAuth errors, refresh tokens. */
const keycloak = http.post(TOKEN_URL, async ({ request }) => {
  issuer.requests += 1;
  if (request.headers.get('content-type') !== 'application/x-www-form-urlencoded') {
    return keycloakError(400, 'invalid_request', 'Missing form parameter: grant_type');
  }
  const form = new URLSearchParams(await request.text());
  forms.push(form);
  const grant = form.get('grant_type');
  if (grant === 'password') {
    if (form.get('client_id') !== PUBLIC_CLIENT) {
      return keycloakError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    if (form.get('username') !== USERNAME || form.get('password') !== PASSWORD) {
      return keycloakError(401, 'invalid_grant', 'Invalid user credentials');
    }
  } else if (grant === 'client_credentials') {
    if (form.get('client_id') !== SERVICE_CLIENT || form.get('client_secret') !== CLIENT_SECRET) {
      return keycloakError(401, 'unauthorized_client', 'Invalid client or Invalid client credentials');
    }
  } else {
    return keycloakError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  }
  const { token, expiresIn } = issuer.issue('keycloak');
  return HttpResponse.json({
    access_token: token,
    expires_in: expiresIn,
    refresh_expires_in: 1800,
    refresh_token: 'keycloak-refresh-token-not-used',
    token_type: 'Bearer',
    'not-before-policy': 0,
    session_state: '6d1e4f7a-5f0e-4b7a-9a43-1f1b1f1b1f1b',
    scope: 'profile email',
  });
});

useTestServer(keycloak);

const passwordOptions = {
  serverUrl: SERVER,
  realm: REALM,
  clientId: PUBLIC_CLIENT,
  username: USERNAME,
  password: PASSWORD,
};

beforeEach(() => {
  issuer.requests = 0;
  issuer.lifetimeSeconds = 300;
  forms.length = 0;
});

describe('keycloakPassword', () => {
  it('posts the password grant (form-encoded) to the realm token endpoint and reads expires_in', async () => {
    const provider = keycloakPassword(passwordOptions);
    expect(provider.flow).toBe('keycloak-password');
    const before = Date.now();
    const token = await provider.getToken();
    expect(token.token).toBe(issuer.last);
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 300_000);
    // The realm is in the URL; the form repeats it as Pasqal's SDK does (Keycloak ignores the field).
    expect([...(forms[0]?.keys() ?? [])].sort()).toEqual([
      'client_id',
      'grant_type',
      'password',
      'realm',
      'username',
    ]);
    expect(forms[0]?.get('realm')).toBe(passwordOptions.realm);
  });

  it('sends audience, scope and a confidential client secret only when given', async () => {
    await keycloakPassword({ ...passwordOptions, audience: AUDIENCE, scope: 'openid' }).getToken();
    expect(forms[0]?.get('audience')).toBe(AUDIENCE);
    expect(forms[0]?.get('scope')).toBe('openid');
    expect(forms[0]?.has('client_secret')).toBe(false);
  });

  it('accepts the full token URL instead of server and realm', async () => {
    const { serverUrl: _, realm: __, ...rest } = passwordOptions;
    const token = await keycloakPassword({ ...rest, tokenUrl: TOKEN_URL }).getToken();
    expect(token.token).toBe(issuer.last);
  });

  it('caches the token until shortly before expiry; forceRefresh runs the grant again', async () => {
    const provider = keycloakPassword(passwordOptions);
    const first = await provider.getToken();
    expect((await provider.getToken()).token).toBe(first.token);
    expect(issuer.requests).toBe(1);
    const forced = await provider.getToken({ forceRefresh: true });
    expect(forced.token).not.toBe(first.token);
    expect(issuer.requests).toBe(2);
  });

  it('turns wrong credentials into an AuthError with Keycloak’s fields and no secret', async () => {
    const wrong = 'not-the-Password-456';
    const error = await keycloakPassword({ ...passwordOptions, password: wrong })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      flow: 'keycloak-password',
      reason: 'rejected',
      status: 401,
      error: 'invalid_grant',
      errorDescription: 'Invalid user credentials',
      url: TOKEN_URL,
    });
    expectNoSecrets(error, [wrong, PASSWORD]);
  });

  it('reports an unknown client as invalid_client', async () => {
    const error = await keycloakPassword({ ...passwordOptions, clientId: 'nope' })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, error: 'invalid_client' });
  });

  it('validates options eagerly, naming the option and never echoing its value', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...passwordOptions, password: '' }, '"password"'],
      [{ ...passwordOptions, realm: undefined }, '"realm"'],
      [{ ...passwordOptions, realm: '../admin' }, '"realm"'],
      [{ ...passwordOptions, serverUrl: undefined, realm: undefined }, '"tokenUrl"'],
      [{ ...passwordOptions, tokenUrl: TOKEN_URL }, '"tokenUrl"'],
      [{ ...passwordOptions, serverUrl: 'http://auth.example.test' }, '"serverUrl"'],
      [{ ...passwordOptions, serverUrl: 'https://auth.example.test/?x=1' }, '"serverUrl"'],
      [{ ...passwordOptions, clientSecret: ' ' }, '"clientSecret"'],
      [{ ...passwordOptions, maxRetries: -1 }, '"maxRetries"'],
    ];
    for (const [options, named] of cases) {
      let thrown: unknown;
      try {
        keycloakPassword(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, named).toBeInstanceOf(InvalidArgumentError);
      expect((thrown as Error).message).toContain(named);
      expectNoSecrets(thrown, [PASSWORD]);
    }
    expect(() =>
      keycloakPassword({
        ...passwordOptions,
        serverUrl: 'http://127.0.0.1:8080',
        allowInsecureLoopback: true,
      }),
    ).not.toThrow();
  });
});

describe('keycloakClientCredentials', () => {
  const clientOptions = { tokenUrl: TOKEN_URL, clientId: SERVICE_CLIENT, clientSecret: CLIENT_SECRET };

  it('posts client_credentials with the secret in the form', async () => {
    const provider = keycloakClientCredentials(clientOptions);
    expect(provider.flow).toBe('keycloak-client-credentials');
    expect((await provider.getToken()).token).toBe(issuer.last);
    expect([...(forms[0]?.keys() ?? [])].sort()).toEqual(['client_id', 'client_secret', 'grant_type']);
  });

  it('reports a wrong secret without the secret', async () => {
    const wrong = 'cs-wrong-keycloak-secret';
    const error = await keycloakClientCredentials({ ...clientOptions, clientSecret: wrong })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ flow: 'keycloak-client-credentials', status: 401 });
    expectNoSecrets(error, [wrong, CLIENT_SECRET]);
  });

  it('requires the secret', () => {
    expect(() => keycloakClientCredentials({ ...clientOptions, clientSecret: '' })).toThrow(/"clientSecret"/);
  });
});
