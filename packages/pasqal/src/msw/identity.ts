import { hmacSha256, jsonResponse, timingSafeEqual, toBase64 } from '@qc/core/contract';
import type { PasqalEnvironment } from '../environments.js';

/**
 * The mock identity provider of one environment: Auth0 (`/oauth/token`, password-realm and
 * client-credentials grants, form or JSON bodies) or Keycloak (`/realms/{realm}/protocol/openid-connect/token`,
 * password and client-credentials grants, form bodies), answering in each provider's real shapes.
 * Tokens are JWTs whose `iss` and `aud` name the environment, so another environment's API refuses them.
 * As the real providers' tokens, they are checked without any record of them: signed (under a key of
 * this provider's own), with claims saying whose they are and until when. Any number costs no memory.
 */

/** A user of the mock's password grant. */
export interface PasqalMockUser {
  /** The login name (also the `email` of the user's tokens). */
  username: string;
  /** The password the mock accepts. */
  password: string;
  /** The identity-provider id (`user_id` of the user's batches). Default: derived from the username. */
  id?: string;
}

/** A service account of the mock's client-credentials grant. */
export interface PasqalMockServiceAccount {
  /** The client id the mock accepts. */
  clientId: string;
  /** The client secret the mock accepts. */
  clientSecret: string;
}

/** A user the mock accepts out of the box. Not a real credential. */
export const PASQAL_DEMO_USER: Readonly<Required<PasqalMockUser>> = Object.freeze({
  username: 'ada@example.com',
  password: 'demo-Passw0rd!',
  id: 'auth0|6650f2a1c3d4e5f6a7b8c9d0',
});

/** A service account the mock accepts out of the box. Not a real credential. */
export const PASQAL_DEMO_SERVICE_ACCOUNT: Readonly<PasqalMockServiceAccount> = Object.freeze({
  clientId: 'qc-demo-service-account',
  clientSecret: 'demo-service-secret-0123456789',
});

/** Who a token the mock issued belongs to. */
export interface Principal {
  /** `sub`: the user's id, or `<clientId>@clients` for a service account (Auth0's form). */
  subject: string;
  /** A user (password grant) or a service account (client credentials). */
  kind: 'user' | 'service-account';
  /** A user's login name; absent for a service account. */
  email?: string;
}

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; reason: string };

/** The `iss` a real token of the environment carries: Auth0's tenant URL, or the Keycloak realm URL. */
export function issuerOf(environment: PasqalEnvironment): string {
  const url = new URL(environment.auth.tokenUrl);
  if (environment.auth.kind === 'auth0') return `${url.origin}/`;
  return `${url.origin}${url.pathname.replace(/\/protocol\/openid-connect\/token$/, '')}`;
}

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const padded = segment.replace(/-/g, '+').replace(/_/g, '/');
    const value: unknown = JSON.parse(atob(padded + '='.repeat((4 - (padded.length % 4)) % 4)));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

/**
 * The mock of an environment's identity provider (Auth0 or Keycloak): answers token requests as the real
 * one does, issues JWTs for the environment's issuer and audience (with a random signature it remembers),
 * and checks them.
 */
export class MockIdentityProvider {
  /** The `iss` of the tokens it issues (see {@link issuerOf}). */
  readonly issuer: string;
  /** Users of the password grant, by username. */
  readonly users: Map<string, PasqalMockUser>;
  /** Service accounts of the client-credentials grant, by client id. */
  readonly serviceAccounts: Map<string, PasqalMockServiceAccount>;
  /** Signs tokens; replaced by {@link revokeAll}, as a key rotation. */
  #sign = newSigner();
  /** Tokens whose signature was checked lately, with what they say: a client sends one for an hour. */
  readonly #verified = new Map<string, { principal: Principal; expiresAt: number }>();
  /** Counters tests assert on. */
  readonly counters = {
    /** Token requests received. */
    tokenRequests: 0,
    /** Tokens issued. */
    tokensIssued: 0,
    /** Token requests refused (unknown user or client, wrong secret, wrong realm or audience). */
    tokenRefusals: 0,
  };

  constructor(
    /** The environment whose identity provider this is. */
    readonly environment: PasqalEnvironment,
    users: readonly PasqalMockUser[],
    serviceAccounts: readonly PasqalMockServiceAccount[],
    /** Lifetime of issued tokens, in seconds. */
    readonly lifetimeSeconds: number,
    /** The clock tokens expire on, in epoch ms. */
    readonly now: () => number,
  ) {
    this.issuer = issuerOf(environment);
    this.users = new Map(users.map((user) => [user.username, user]));
    this.serviceAccounts = new Map(serviceAccounts.map((account) => [account.clientId, account]));
  }

  /** Whether a request is for this environment's token endpoint. */
  matches(request: Request): boolean {
    const url = new URL(request.url);
    return request.method === 'POST' && `${url.origin}${url.pathname}` === this.environment.auth.tokenUrl;
  }

  /** Answers a token request as the environment's identity provider does. */
  async handle(request: Request): Promise<Response> {
    this.counters.tokenRequests += 1;
    const form = await readForm(request, this.environment.auth.kind === 'auth0');
    const refuse = (status: number, error: string, description: string) => {
      this.counters.tokenRefusals += 1;
      return jsonResponse({ error, error_description: description }, { status });
    };
    if (form === undefined) {
      return this.environment.auth.kind === 'auth0'
        ? refuse(400, 'invalid_request', 'Missing required parameter: grant_type')
        : refuse(400, 'invalid_request', 'Missing form parameter: grant_type');
    }
    return this.environment.auth.kind === 'auth0' ? this.#auth0(form, refuse) : this.#keycloak(form, refuse);
  }

  #auth0(form: URLSearchParams, refuse: (s: number, e: string, d: string) => Response): Response {
    const { clientId, realm, audience } = this.environment.auth;
    const grant = form.get('grant_type');
    if (grant === 'http://auth0.com/oauth/grant-type/password-realm') {
      if (form.get('client_id') !== clientId) return refuse(401, 'access_denied', 'Unauthorized');
      if (form.get('realm') !== realm) return refuse(400, 'invalid_request', 'connection is disabled');
      if (form.get('audience') !== audience) {
        return refuse(403, 'access_denied', `Service not found: ${form.get('audience') ?? ''}`);
      }
      const user = this.users.get(form.get('username') ?? '');
      if (!user || user.password !== form.get('password')) {
        return refuse(403, 'invalid_grant', 'Wrong email or password.');
      }
      return this.#issue({ subject: userId(user), kind: 'user', email: user.username }, clientId, false);
    }
    if (grant === 'client_credentials') {
      const account = this.serviceAccounts.get(form.get('client_id') ?? '');
      if (!account || account.clientSecret !== form.get('client_secret')) {
        return refuse(401, 'access_denied', 'Unauthorized');
      }
      if (form.get('audience') !== audience) {
        return refuse(
          403,
          'access_denied',
          `Service not enabled within domain: ${form.get('audience') ?? ''}`,
        );
      }
      return this.#issue(
        { subject: `${account.clientId}@clients`, kind: 'service-account' },
        account.clientId,
        false,
      );
    }
    return refuse(403, 'unsupported_grant_type', `Unsupported grant type: ${grant ?? ''}`);
  }

  #keycloak(form: URLSearchParams, refuse: (s: number, e: string, d: string) => Response): Response {
    const grant = form.get('grant_type');
    if (grant === 'password') {
      if (form.get('client_id') !== this.environment.auth.clientId) {
        return refuse(401, 'invalid_client', 'Invalid client or Invalid client credentials');
      }
      const user = this.users.get(form.get('username') ?? '');
      if (!user || user.password !== form.get('password')) {
        return refuse(401, 'invalid_grant', 'Invalid user credentials');
      }
      return this.#issue(
        { subject: userId(user), kind: 'user', email: user.username },
        this.environment.auth.clientId,
        true,
      );
    }
    if (grant === 'client_credentials') {
      const account = this.serviceAccounts.get(form.get('client_id') ?? '');
      if (!account || account.clientSecret !== form.get('client_secret')) {
        return refuse(401, 'unauthorized_client', 'Invalid client or Invalid client credentials');
      }
      return this.#issue(
        { subject: `service-account-${account.clientId}`, kind: 'service-account' },
        account.clientId,
        true,
      );
    }
    return refuse(400, 'unsupported_grant_type', 'Unsupported grant_type');
  }

  #issue(principal: Principal, clientId: string, keycloak: boolean): Response {
    this.counters.tokensIssued += 1;
    const issuedAt = Math.floor(this.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'qc-pasqal-mock' }));
    const payload = base64url(
      JSON.stringify({
        iss: this.issuer,
        sub: principal.subject,
        aud: this.environment.auth.audience,
        azp: clientId,
        iat: issuedAt,
        exp: issuedAt + this.lifetimeSeconds,
        ...(principal.email === undefined ? {} : { email: principal.email }),
        // Auth0 names the grant; the check reads which kind of principal the token stands for.
        ...(keycloak ? {} : { gty: principal.kind === 'user' ? 'password' : 'client-credentials' }),
      }),
    );
    const token = `${header}.${payload}.${this.#signature(header, payload)}`;
    const body: Record<string, unknown> = {
      access_token: token,
      expires_in: this.lifetimeSeconds,
      token_type: 'Bearer',
      scope: keycloak ? 'profile email' : 'openid profile email',
    };
    if (keycloak && principal.kind === 'user') {
      Object.assign(body, {
        refresh_expires_in: 1800,
        refresh_token: `${header}.${base64url(randomHex(16))}.${base64url(randomHex(16))}`,
        'not-before-policy': 0,
        session_state: crypto.randomUUID(),
      });
    }
    return jsonResponse(body, { headers: { 'cache-control': 'no-store', pragma: 'no-cache' } });
  }

  /**
   * Checks a bearer token the way the environment's API does: a JWT issued by this environment's
   * identity provider (`iss`), for its audience (`aud`), signed by it, not expired.
   */
  check(authorization: string | null): TokenCheck {
    const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (token === undefined) return { ok: false, reason: 'Missing bearer token' };
    const verified = this.#verified.get(token);
    if (verified) {
      if (verified.expiresAt <= this.now()) return { ok: false, reason: 'Token expired' };
      return { ok: true, principal: verified.principal };
    }
    const [header, payload, signature, extra] = token.split('.');
    const claims = payload === undefined ? undefined : decodeSegment(payload);
    if (
      header === undefined ||
      payload === undefined ||
      signature === undefined ||
      extra !== undefined ||
      !claims
    ) {
      return { ok: false, reason: 'Malformed token: not a JWT' };
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const expected = this.environment.auth.audience;
    if (claims.iss !== this.issuer || !audiences.includes(expected)) {
      return {
        ok: false,
        reason: `Token issued by ${String(claims.iss)} for ${audiences.map(String).join(', ')}; the ${this.environment.name} API accepts tokens issued by ${this.issuer} for ${expected}`,
      };
    }
    if (!timingSafeEqual(signature, this.#signature(header, payload))) {
      return { ok: false, reason: 'Invalid token signature' };
    }
    const subject = String(claims.sub);
    const serviceAccount =
      claims.gty === 'client-credentials' ||
      (this.environment.auth.kind !== 'auth0' && subject.startsWith('service-account-'));
    const principal: Principal = { subject, kind: serviceAccount ? 'service-account' : 'user' };
    if (typeof claims.email === 'string') principal.email = claims.email;
    const expiresAt = Number(claims.exp) * 1000;
    if (this.#verified.size >= VERIFIED_TOKENS) this.#verified.clear();
    this.#verified.set(token, { principal, expiresAt });
    if (expiresAt <= this.now()) return { ok: false, reason: 'Token expired' };
    return { ok: true, principal };
  }

  /** Makes every issued token invalid (as a key rotation would). */
  revokeAll(): void {
    this.#sign = newSigner();
    this.#verified.clear();
  }

  #signature(header: string, payload: string): string {
    return toBase64(this.#sign(`${header}.${payload}`))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  }
}

/** How many checked tokens the provider keeps at most (a few clients' worth; the rest are checked again). */
const VERIFIED_TOKENS = 256;

function newSigner(): (message: string) => Uint8Array {
  return hmacSha256(crypto.getRandomValues(new Uint8Array(64)));
}

function userId(user: PasqalMockUser): string {
  return (
    user.id ??
    `auth0|${[...user.username].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16)}`
  );
}

/** The token request's fields: a form (both providers) or JSON (Auth0 accepts either). */
async function readForm(request: Request, acceptJson: boolean): Promise<URLSearchParams | undefined> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  const text = await request.text();
  if (type === 'application/x-www-form-urlencoded') return new URLSearchParams(text);
  if (acceptJson && type === 'application/json') {
    try {
      const value: unknown = JSON.parse(text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      return new URLSearchParams(
        Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, String(v)]),
      );
    } catch {
      return undefined;
    }
  }
  return undefined;
}
