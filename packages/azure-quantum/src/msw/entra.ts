import { hmacSha256, jsonResponse, timingSafeEqual, toBase64 } from '@qc/core/contract';
import { http, type RequestHandler } from 'msw';

/** A tenant, app registration and secret the mock accepts out of the box. Not real credentials. */
export const ENTRA_DEMO_CREDENTIALS = Object.freeze({
  /** The demo tenant. */
  tenantId: '72f9a1b2-0000-4c3d-9e8f-00000000c0de',
  /** The demo app registration's client id. */
  clientId: '5e1ec7ed-0000-4000-8000-00000000a11c',
  /** The demo app registration's client secret. */
  clientSecret: 'qc-demo-client-secret~not-a-real-one',
});

/** An app registration the mock knows: its tenant, client id and secret. */
export interface EntraMockClient {
  /** The tenant it is registered in. */
  tenantId: string;
  /** Its client id. */
  clientId: string;
  /** The secret the mock accepts for it. */
  clientSecret: string;
}

/** Options of {@link createEntraMock}. */
export interface EntraMockOptions {
  /** Default `https://login.microsoftonline.com`; a path prefix is kept (`http://127.0.0.1:8787/entra`). */
  authorityHost?: string;
  /** App registrations the mock knows (default: {@link ENTRA_DEMO_CREDENTIALS}). */
  clients?: readonly EntraMockClient[];
  /** Lifetime of issued tokens in seconds (default 3599, as Entra answers). */
  tokenLifetimeSeconds?: number;
  /** Clock (epoch ms); default Date.now, so fake timers move expiry. */
  now?: () => number;
}

/** A token the mock issued. */
export interface IssuedToken {
  /** The token itself (JWT-shaped). */
  token: string;
  /** The tenant it was issued in. */
  tenantId: string;
  /** The client it was issued to. */
  clientId: string;
  /** The scope asked for, e.g. `https://quantum.microsoft.com/.default`. */
  scope: string;
  /** The scope's resource: `https://quantum.microsoft.com` for `https://quantum.microsoft.com/.default`. */
  audience: string;
  /** Its expiry, in epoch ms. */
  expiresAt: number;
}

/** What {@link EntraMock.checkBearer} found: the token, or why it is refused and the challenge to send. */
export type TokenCheck =
  | {
      /** The token is valid for the audience. */
      ok: true;
      /** The token, as issued. */
      token: IssuedToken;
    }
  | {
      /** The token is refused. */
      ok: false;
      /** No bearer token, one the mock never issued (or revoked), an expired one, or one for another audience. */
      reason: 'missing' | 'unknown' | 'expired' | 'audience';
      /** The `WWW-Authenticate` value to answer the 401 with. */
      challenge: string;
    };

/** How many of the latest tokens {@link EntraMockState.tokens} keeps for assertions. */
export const ENTRA_MOCK_RECORDED_TOKENS = 1000;

/** What the Entra mock knows and counts, for assertions. */
export interface EntraMockState {
  /** The app registrations it accepts. */
  readonly clients: EntraMockClient[];
  /**
   * The tokens issued, latest last, for assertions: the {@link ENTRA_MOCK_RECORDED_TOKENS} latest
   * (older ones still work; checks read the token itself).
   */
  readonly tokens: Map<string, IssuedToken>;
  /** Counters tests assert on. */
  readonly counters: {
    /** Token requests received. */
    tokenRequests: number;
    /** Tokens issued (by requests or by `issueToken`). */
    tokensIssued: number;
    /** Token requests refused. */
    rejectedRequests: number;
  };
}

/** A mock of Microsoft Entra ID, made by {@link createEntraMock}. */
export interface EntraMock {
  /** The authority host the mock answers on (no trailing slash). */
  readonly authorityHost: string;
  /** App registrations, issued tokens and counters. */
  readonly state: EntraMockState;
  /** The mock as a plain function; undefined for requests it does not serve. */
  handle(request: Request): Promise<Response | undefined>;
  /** msw handlers for `setupServer(...)` / `server.use(...)`. */
  handlers: RequestHandler[];
  /** Issues a token directly (what a test's fake TokenCredential returns). */
  issueToken(request: { scope: string; tenantId?: string; clientId?: string }): IssuedToken;
  /** An `@azure/identity`-shaped TokenCredential backed by this mock (for "any TokenCredential" tests). */
  tokenCredential(client?: Partial<EntraMockClient>): {
    /** Issues a token for the first scope, which must end in `/.default`. */
    getToken(scopes: string | string[]): Promise<{
      /** The token. */
      token: string;
      /** Its expiry, in epoch ms. */
      expiresOnTimestamp: number;
    }>;
  };
  /** Checks a request's `Authorization: Bearer` token against an expected audience. */
  checkBearer(request: Request, audience: string): TokenCheck;
  /** Revokes a token: later checks fail with `unknown`. */
  revoke(token: string): void;
}

/** The resource a `/.default` scope names. */
export function audienceOf(scope: string): string {
  return scope.replace(/\/?\.default$/, '').replace(/\/+$/, '');
}

/**
 * A stateful mock of Microsoft Entra ID's v2 token endpoint (client-credentials grant, form-encoded,
 * as `@qc/auth`'s `entraClientCredentials` and MSAL send it) and of its OpenID discovery document.
 * Tokens are JWTs and their audience follows the requested scope, so one instance can serve several
 * resource mocks — the Azure Quantum data plane and Azure Resource Manager — each of which checks that
 * a token was issued for *its* audience with {@link EntraMock.checkBearer}. As with real Entra tokens, a
 * check needs no record of the token: it is signed (HS256, under a key of this mock's own) and its claims
 * say who it was issued to, for which audience, until when. Any number of tokens costs no memory.
 */
export function createEntraMock(options: EntraMockOptions = {}): EntraMock {
  const authority = new URL(options.authorityHost ?? 'https://login.microsoftonline.com');
  const authorityHost = `${authority.origin}${authority.pathname.replace(/\/+$/, '')}`;
  const basePath = authority.pathname.replace(/\/+$/, '');
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const now = options.now ?? (() => Date.now());
  const state: EntraMockState = {
    clients: [...(options.clients ?? [ENTRA_DEMO_CREDENTIALS])],
    tokens: new Map(),
    counters: { tokenRequests: 0, tokensIssued: 0, rejectedRequests: 0 },
  };
  const sign = hmacSha256(globalThis.crypto.getRandomValues(new Uint8Array(64)));
  // Revoked by a test (revoke()), never by traffic: only as large as the tests make it.
  const revoked = new Set<string>();

  /** The token this mock signed, from its claims; undefined for any other string. */
  const verify = (token: string): IssuedToken | undefined => {
    const recorded = state.tokens.get(token);
    if (recorded) return recorded;
    const [header, payload, signature, extra] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined || extra !== undefined)
      return undefined;
    if (!timingSafeEqual(signature, base64url(toBase64(sign(`${header}.${payload}`))))) return undefined;
    const claims = JSON.parse(fromBase64url(payload)) as Record<string, unknown>;
    return {
      token,
      tenantId: String(claims.tid),
      clientId: String(claims.appid),
      scope: `${String(claims.aud)}/.default`,
      audience: String(claims.aud),
      expiresAt: Number(claims.exp) * 1000,
    };
  };

  const issueToken: EntraMock['issueToken'] = ({ scope, tenantId, clientId }) => {
    const client = state.clients[0] ?? ENTRA_DEMO_CREDENTIALS;
    const issued: IssuedToken = {
      token: '',
      tenantId: tenantId ?? client.tenantId,
      clientId: clientId ?? client.clientId,
      scope,
      audience: audienceOf(scope),
      expiresAt: now() + lifetime * 1000,
    };
    issued.token = signedJwt(issued, now(), sign);
    state.tokens.set(issued.token, issued);
    if (state.tokens.size > ENTRA_MOCK_RECORDED_TOKENS) {
      state.tokens.delete(state.tokens.keys().next().value as string);
    }
    state.counters.tokensIssued += 1;
    return issued;
  };

  const challenge = (tenantId: string, description?: string) =>
    `Bearer authorization_uri="${authorityHost}/${tenantId}", error="invalid_token"${
      description ? `, error_description="${description}"` : ''
    }`;

  const checkBearer: EntraMock['checkBearer'] = (request, audience) => {
    const tenant = state.clients[0]?.tenantId ?? ENTRA_DEMO_CREDENTIALS.tenantId;
    const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!token)
      return {
        ok: false,
        reason: 'missing',
        challenge: `Bearer authorization_uri="${authorityHost}/${tenant}"`,
      };
    const issued = revoked.has(token) ? undefined : verify(token);
    if (!issued)
      return { ok: false, reason: 'unknown', challenge: challenge(tenant, 'The access token is invalid') };
    if (issued.expiresAt <= now()) {
      return { ok: false, reason: 'expired', challenge: challenge(issued.tenantId, 'The token expired') };
    }
    if (audienceOf(issued.audience) !== audienceOf(audience)) {
      return {
        ok: false,
        reason: 'audience',
        challenge: challenge(issued.tenantId, `The audience '${issued.audience}' is invalid`),
      };
    }
    return { ok: true, token: issued };
  };

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (url.origin !== authority.origin || !url.pathname.startsWith(`${basePath}/`)) return undefined;
    const route = /^\/([^/]+)\/(oauth2\/v2\.0\/token|v2\.0\/\.well-known\/openid-configuration)$/.exec(
      url.pathname.slice(basePath.length),
    );
    if (!route) return undefined;
    const tenantId = decodeOrKeep(route[1] as string);
    if (route[2] !== 'oauth2/v2.0/token') {
      if (request.method !== 'GET') return undefined;
      return jsonResponse(discoveryDocument(authorityHost, tenantId));
    }
    if (request.method !== 'POST') return undefined;
    state.counters.tokenRequests += 1;
    const refused = (status: number, error: string, code: number, description: string) => {
      state.counters.rejectedRequests += 1;
      return entraError(status, error, code, description, now());
    };
    if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      return refused(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    }
    const form = new URLSearchParams(await request.text());
    for (const field of ['grant_type', 'client_id', 'scope']) {
      if (!form.get(field)) {
        return refused(
          400,
          'invalid_request',
          900144,
          `The request body must contain the following parameter: '${field}'.`,
        );
      }
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return refused(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    if (!state.clients.some((c) => c.tenantId.toLowerCase() === tenantId.toLowerCase())) {
      return refused(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID.`,
      );
    }
    const clientId = form.get('client_id') as string;
    const client = state.clients.find(
      (c) => c.tenantId.toLowerCase() === tenantId.toLowerCase() && c.clientId === clientId,
    );
    if (!client) {
      return refused(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`,
      );
    }
    if (form.get('client_secret') !== client.clientSecret) {
      return refused(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.',
      );
    }
    const scope = (form.get('scope') as string).trim();
    if (/\s/.test(scope)) {
      return refused(
        400,
        'invalid_scope',
        70011,
        'The provided request must include a single resource scope for the client credentials flow.',
      );
    }
    if (!scope.endsWith('/.default')) {
      return refused(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const issued = issueToken({ scope, tenantId: client.tenantId, clientId: client.clientId });
    return jsonResponse(
      { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: issued.token },
      { headers: { 'cache-control': 'no-store, no-cache' } },
    );
  };

  return {
    authorityHost,
    state,
    handle,
    handlers: [http.all('*', ({ request }) => handle(request))],
    issueToken,
    tokenCredential: (client = {}) => ({
      async getToken(scopes) {
        const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes;
        if (!scope.endsWith('/.default')) throw new Error(`scope must end in /.default`);
        const issued = issueToken({ scope, tenantId: client.tenantId, clientId: client.clientId });
        return { token: issued.token, expiresOnTimestamp: issued.expiresAt };
      },
    }),
    checkBearer,
    revoke: (token) => {
      revoked.add(token);
      state.tokens.delete(token);
    },
  };
}

let sequence = 0;

const base64url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/** A tenant segment decoded; one that is not valid percent-encoding is taken as written (no such tenant). */
function decodeOrKeep(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A signed JWT: real Entra tokens are JWTs, and some code peeks at `exp`/`aud`. */
function signedJwt(issued: IssuedToken, at: number, sign: (message: string) => Uint8Array): string {
  sequence += 1;
  const encode = (value: object) => base64url(btoa(JSON.stringify(value)));
  const seconds = Math.floor(at / 1000);
  const payload = {
    aud: issued.audience,
    iss: `https://sts.windows.net/${issued.tenantId}/`,
    iat: seconds,
    nbf: seconds,
    exp: Math.floor(issued.expiresAt / 1000),
    appid: issued.clientId,
    tid: issued.tenantId,
    sub: issued.clientId,
    uti: `qc-mock-${sequence}`,
  };
  const signed = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode(payload)}`;
  return `${signed}.${base64url(toBase64(sign(signed)))}`;
}

function entraError(status: number, error: string, code: number, description: string, at: number): Response {
  const traceId = globalThis.crypto.randomUUID();
  const correlationId = globalThis.crypto.randomUUID();
  const timestamp = new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return jsonResponse(
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { status },
  );
}

function discoveryDocument(authorityHost: string, tenantId: string) {
  const base = `${authorityHost}/${tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${authorityHost}/${tenantId}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    tenant_region_scope: 'NA',
  };
}
