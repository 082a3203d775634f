/**
 * Mock identity providers and a mock API for the @qc/auth tests. Token endpoints check the request
 * fields exactly and answer in each IdP's real shapes; the API answers 401 to unknown or expired tokens.
 */
import { HttpResponse, http } from 'msw';

export const AUTH0_DOMAIN = 'tenant.eu.auth0.com';
export const AUTH0_TOKEN_URL = `https://${AUTH0_DOMAIN}/oauth/token`;
export const ENTRA_AUTHORITY = 'https://login.microsoftonline.com';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ENTRA_TOKEN_URL = `${ENTRA_AUTHORITY}/${TENANT_ID}/oauth2/v2.0/token`;
export const QCI_URL = 'https://api.qci-prod.com';
export const QCI_TOKEN_URL = `${QCI_URL}/auth/v1/access-tokens/`;
export const API = 'https://api.example.test';

// Secrets with characters that change under URL and form encoding, so redaction of every form is tested.
export const PASSWORD = 'pw-Sup3r$ecret!&=+ü/x';
export const CLIENT_SECRET = 'cs~8Q~very.secret-client-value_42';
export const REFRESH_TOKEN = '0123456789abcdef0123456789abcdef';
export const USERNAME = 'ada@example.com';
export const CLIENT_ID = 'client-id-PeZvo7Atx7';
export const AUDIENCE = 'https://apis.example.test/account/api/v1';
export const REALM = 'pcs-users';

/** Issues opaque access tokens and remembers when each expires (on the test's clock). */
export class TokenIssuer {
  readonly expiries = new Map<string, number>();
  requests = 0;
  lifetimeSeconds = 3600;
  #counter = 0;

  issue(prefix: string): { token: string; expiresIn: number; expiresAt: number } {
    this.#counter += 1;
    const token = `${prefix}-access-${this.#counter}-${Math.random().toString(36).slice(2, 10)}`;
    const expiresAt = Date.now() + this.lifetimeSeconds * 1000;
    this.expiries.set(token, expiresAt);
    return { token, expiresIn: this.lifetimeSeconds, expiresAt };
  }

  /** True when the Authorization header carries an issued token that has not expired. */
  accepts(authorization: string | null): boolean {
    const token = authorization?.match(/^Bearer (.+)$/)?.[1];
    const expiresAt = token === undefined ? undefined : this.expiries.get(token);
    return expiresAt !== undefined && Date.now() < expiresAt;
  }

  /** The most recently issued token. */
  get last(): string {
    return [...this.expiries.keys()].at(-1) ?? '';
  }

  revokeAll(): void {
    this.expiries.clear();
  }
}

function oauthError(status: number, error: string, description: string) {
  return HttpResponse.json({ error, error_description: description }, { status });
}

async function readForm(request: Request): Promise<URLSearchParams | undefined> {
  if (request.headers.get('content-type') !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(await request.text());
}

function hasExactly(form: URLSearchParams, names: string[]): boolean {
  const keys = [...form.keys()].sort();
  return keys.length === names.length && [...names].sort().every((name, i) => keys[i] === name);
}

/** Auth0 `/oauth/token`: the password-realm and client-credentials grants, form-encoded. */
export function auth0Handler(issuer: TokenIssuer) {
  return http.post(AUTH0_TOKEN_URL, async ({ request }) => {
    issuer.requests += 1;
    if (request.headers.has('authorization'))
      return oauthError(400, 'invalid_request', 'no auth header here');
    const form = await readForm(request);
    if (form === undefined) return oauthError(400, 'invalid_request', 'form body expected');
    const grant = form.get('grant_type');
    if (grant === 'http://auth0.com/oauth/grant-type/password-realm') {
      const expected = ['grant_type', 'client_id', 'username', 'password', 'realm', 'audience'];
      if (form.has('scope')) expected.push('scope');
      if (!hasExactly(form, expected)) return oauthError(400, 'invalid_request', 'unexpected field set');
      if (
        form.get('client_id') !== CLIENT_ID ||
        form.get('realm') !== REALM ||
        form.get('audience') !== AUDIENCE
      ) {
        return oauthError(400, 'invalid_request', 'wrong client, realm or audience');
      }
      if (form.get('username') !== USERNAME || form.get('password') !== PASSWORD) {
        return oauthError(403, 'invalid_grant', 'Wrong email or password.');
      }
    } else if (grant === 'client_credentials') {
      if (!hasExactly(form, ['grant_type', 'client_id', 'client_secret', 'audience'])) {
        return oauthError(400, 'invalid_request', 'unexpected field set');
      }
      if (form.get('client_id') !== CLIENT_ID || form.get('audience') !== AUDIENCE) {
        return oauthError(403, 'access_denied', 'Client has not been granted scopes');
      }
      if (form.get('client_secret') !== CLIENT_SECRET)
        return oauthError(401, 'access_denied', 'Unauthorized');
    } else {
      return oauthError(403, 'unsupported_grant_type', 'Unsupported grant type');
    }
    const { token, expiresIn } = issuer.issue('auth0');
    return HttpResponse.json({
      access_token: token,
      expires_in: expiresIn,
      token_type: 'Bearer',
      scope: form.get('scope') ?? 'read:batches',
    });
  });
}

/** Entra ID v2 token endpoint: client credentials with a secret, form-encoded. */
export function entraHandler(issuer: TokenIssuer) {
  return http.post(ENTRA_TOKEN_URL, async ({ request }) => {
    issuer.requests += 1;
    const form = await readForm(request);
    const entraError = (status: number, error: string, code: number, text: string) =>
      HttpResponse.json(
        {
          error,
          error_description: `AADSTS${code}: ${text} Trace ID: 0d4e6d8a-1b2c\r\nCorrelation ID: 5b0f-42\r\nTimestamp: 2026-01-01 00:00:00Z`,
          error_codes: [code],
          timestamp: '2026-01-01 00:00:00Z',
          trace_id: '0d4e6d8a-1b2c',
          correlation_id: '5b0f-42',
          error_uri: `https://login.microsoftonline.com/error?code=${code}`,
        },
        { status },
      );
    if (form === undefined || !hasExactly(form, ['client_id', 'client_secret', 'grant_type', 'scope'])) {
      return entraError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the parameter 'grant_type'.",
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    if (!form.get('scope')?.endsWith('/.default')) {
      return entraError(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.');
    }
    if (form.get('client_id') !== CLIENT_ID) {
      return entraError(400, 'unauthorized_client', 700016, 'Application was not found in the directory.');
    }
    if (form.get('client_secret') !== CLIENT_SECRET) {
      return entraError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    const { token, expiresIn } = issuer.issue('entra');
    return HttpResponse.json({
      token_type: 'Bearer',
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: token,
    });
  });
}

/** QCi `POST /auth/v1/access-tokens/`: JSON `{refresh_token}` in, absolute RFC 3339 expiry out. */
export function qciTokenHandler(issuer: TokenIssuer) {
  return http.post(QCI_TOKEN_URL, async ({ request }) => {
    issuer.requests += 1;
    if (request.headers.has('authorization'))
      return HttpResponse.json({ detail: 'no bearer here' }, { status: 400 });
    if (request.headers.get('content-type') !== 'application/json') {
      return HttpResponse.json({ detail: 'JSON expected' }, { status: 415 });
    }
    const body = (await request.json()) as Record<string, unknown>;
    if (Object.keys(body).join(',') !== 'refresh_token') {
      return HttpResponse.json({ detail: 'body must be {refresh_token}' }, { status: 422 });
    }
    if (body.refresh_token !== REFRESH_TOKEN) {
      return new HttpResponse('Unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } });
    }
    const { token, expiresAt } = issuer.issue('qci');
    return HttpResponse.json({
      access_token: token,
      expires_at_rfc3339: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      token_type: 'bearer',
      organization_id: '64b0d6f1c9e77c0012345678',
      user_id: '64b0d6f1c9e77c0087654321',
    });
  });
}

/** A protected API resource: 200 with a valid token, 401 (with a challenge) otherwise. */
export function apiHandler(
  issuer: TokenIssuer,
  calls: { count: number; unauthorized: number },
  url = `${API}/v1/thing`,
) {
  return http.all(url, ({ request }) => {
    calls.count += 1;
    if (!issuer.accepts(request.headers.get('authorization'))) {
      calls.unauthorized += 1;
      return HttpResponse.json(
        { error: { code: 'Unauthorized', message: 'token expired or invalid' } },
        { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      );
    }
    return HttpResponse.json({ ok: true });
  });
}
