import { jsonResponse } from '@qc/core/contract';
/**
 * The mock's token check, like ARM's: a bearer token is required, it must not be expired, and its
 * audience must be Azure Resource Manager — a token issued for the quantum data plane
 * (`https://quantum.microsoft.com`) is refused with `InvalidAuthenticationTokenAudience`.
 */

/** The claims the check reads. */
export interface TokenClaims {
  /** Audience: the resource the token was issued for, e.g. `https://management.azure.com`. */
  aud?: string;
  /** Expiry, in seconds since the epoch (JWT `exp`). */
  exp?: number;
  /** The tenant the token was issued in. */
  tid?: string;
}

/** ARM accepts tokens for either of its resource URIs, with or without the trailing slash. */
export const MANAGEMENT_AUDIENCES: readonly string[] = [
  'https://management.azure.com',
  'https://management.core.windows.net',
];

/**
 * Reads the payload of a JWT without checking its signature (only the Entra mock that signed it holds
 * the key: pass it as `entra` to have tokens checked); the Entra mocks' JWTs carry an `aud` that follows
 * the requested scope. Undefined when not a JWT.
 */
export function decodeJwtClaims(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || payload === '') return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as unknown;
    return claims !== null && typeof claims === 'object' ? (claims as TokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

const CHALLENGE =
  'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The access token is invalid."';

function unauthorized(code: string, message: string, challenge = CHALLENGE): Response {
  return jsonResponse(
    { error: { code, message } },
    { status: 401, headers: { 'www-authenticate': challenge, 'x-ms-failure-cause': 'gateway' } },
  );
}

/**
 * An Entra mock that knows which tokens it issued (`@qc/azure-quantum/msw`'s `createEntraMock` fits):
 * with it, only tokens really issued for ARM's audience pass, so one Entra serves both mocks.
 */
export interface BearerChecker {
  /** Whether the request's bearer token was issued by the mock for `audience`, and why not. */
  checkBearer(
    request: Request,
    audience: string,
  ):
    | {
        /** The token is valid for the audience. */
        ok: true;
      }
    | {
        /** The token is refused. */
        ok: false;
        /** Why: `missing`, `unknown`, `expired` or `audience`. */
        reason: string;
        /** The `WWW-Authenticate` value to answer the 401 with. */
        challenge?: string;
      };
}

/** ARM's 401 for an Entra mock's verdict. */
export function checkWithEntra(request: Request, entra: BearerChecker): Response | undefined {
  const check = entra.checkBearer(request, MANAGEMENT_AUDIENCES[0] as string);
  if (check.ok) return undefined;
  const [code, message] = {
    missing: ['AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."],
    expired: [
      'ExpiredAuthenticationToken',
      'The access token expiry UTC time is earlier than current UTC time.',
    ],
    audience: [
      'InvalidAuthenticationTokenAudience',
      'The access token has been obtained for wrong audience or resource. It should match one of the management audiences.',
    ],
  }[check.reason] ?? ['InvalidAuthenticationToken', 'The access token is invalid.'];
  return unauthorized(code as string, message as string, check.challenge ?? CHALLENGE);
}

/** A 401 in ARM's words when the request's token is missing, malformed, expired or for another resource. */
export function checkManagementToken(
  request: Request,
  now: number,
  verify: (token: string) => TokenClaims | undefined = decodeJwtClaims,
): Response | undefined {
  const header = request.headers.get('authorization');
  if (header === null) {
    return unauthorized(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
    );
  }
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const claims = token === undefined ? undefined : verify(token);
  if (claims === undefined) {
    return unauthorized('InvalidAuthenticationToken', 'The access token is invalid: it is not a bearer JWT.');
  }
  const audience = (claims.aud ?? '').replace(/\/+$/, '');
  if (!MANAGEMENT_AUDIENCES.includes(audience)) {
    return unauthorized(
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${claims.aud ?? ''}'. It should exactly match with one of the allowed audiences ${MANAGEMENT_AUDIENCES.map((a) => `'${a}/'`).join(',')}.`,
    );
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
    return unauthorized(
      'ExpiredAuthenticationToken',
      'The access token expiry UTC time is earlier than current UTC time.',
    );
  }
  return undefined;
}
