import { checkBaseUrl, InvalidArgumentError } from '@qc/core';

/**
 * Pasqal's environments. Each binds the two API base URLs to the identity provider that issues tokens
 * for them, so a token of one environment is never requested for another (Pasqal's SDK chooses the
 * endpoints and the auth configuration separately, and a `preprod` client without its own auth
 * configuration silently fetches a *prod* token). Values from Pasqal's SDK (`endpoints.py`,
 * `PASQAL_ENDPOINTS` and `AUTH_CONFIG`, 0.23.0).
 */

/** The environments Pasqal's SDK knows, by name (see {@link PASQAL_ENVIRONMENTS}). */
export type PasqalEnvironmentName = 'prod' | 'preprod' | 'dev' | 'sa-prod' | 'sa-preprod';

/** The identity provider of an environment and the values its token requests carry. */
export interface PasqalIdentityProvider {
  /** Auth0 (password-realm and client-credentials grants) or Keycloak (password grant). */
  kind: 'auth0' | 'keycloak';
  /** The token endpoint. */
  tokenUrl: string;
  /** The public client id users log in with (no secret). Service accounts bring their own. */
  clientId: string;
  /** Auth0: the connection users belong to (`pcs-users`). Keycloak: the realm in the token URL. */
  realm: string;
  /** The API the token is for; the services refuse tokens issued for another audience. */
  audience: string;
}

/** One environment: its two API base URLs and the identity provider that issues tokens for them. */
export interface PasqalEnvironment {
  /** A label, shown in errors: `prod`, `preprod`, … or a custom one. */
  name: string;
  /** Base URL of the core API (batches, jobs, workloads, devices), e.g. `https://apis.pasqal.cloud/core-fast`. */
  coreUrl: string;
  /** Base URL of the account API (projects, current user), e.g. `https://apis.pasqal.cloud/account`. */
  accountUrl: string;
  /** Where tokens for these APIs come from. */
  auth: PasqalIdentityProvider;
}

function auth0(tenant: string, clientId: string, apiHost: string): PasqalIdentityProvider {
  return Object.freeze({
    kind: 'auth0' as const,
    tokenUrl: `https://${tenant}.eu.auth0.com/oauth/token`,
    clientId,
    realm: 'pcs-users',
    audience: `https://${apiHost}/account/api/v1`,
  });
}

function keycloak(authHost: string, audienceHost: string): PasqalIdentityProvider {
  return Object.freeze({
    kind: 'keycloak' as const,
    tokenUrl: `https://${authHost}/realms/pasqal-cloud/protocol/openid-connect/token`,
    clientId: 'cloud-sdk',
    realm: 'pasqal-cloud',
    audience: `https://${audienceHost}/account/api/v1`,
  });
}

function environment(name: string, apiHost: string, identity: PasqalIdentityProvider): PasqalEnvironment {
  return Object.freeze({
    name,
    coreUrl: `https://${apiHost}/core-fast`,
    accountUrl: `https://${apiHost}/account`,
    auth: identity,
  });
}

/** The five environments Pasqal's SDK knows. `prod` (region fr) is its default. */
export const PASQAL_ENVIRONMENTS: Readonly<Record<PasqalEnvironmentName, PasqalEnvironment>> = Object.freeze({
  prod: environment(
    'prod',
    'apis.pasqal.cloud',
    auth0('pasqal', 'PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB', 'apis.pasqal.cloud'),
  ),
  preprod: environment(
    'preprod',
    'apis.preprod.pasqal.cloud',
    auth0('pasqal-preprod', '2l6A2ldvwJE5sdkghu40BTYLm7sSUAv9', 'apis.preprod.pasqal.cloud'),
  ),
  dev: environment(
    'dev',
    'apis.dev.pasqal.cloud',
    auth0('pasqal-dev', '5QtfSu1UV118Iz6By6IJRSNoDrLbAiOv', 'apis.dev.pasqal.cloud'),
  ),
  // Region sa: Keycloak. Its tokens carry the same audience as their FR counterparts (Pasqal's SDK sends
  // it); the issuer tells them apart.
  'sa-prod': environment(
    'sa-prod',
    'apis.sa.pasqal.cloud',
    keycloak('auth.sa.pasqal.cloud', 'apis.pasqal.cloud'),
  ),
  'sa-preprod': environment(
    'sa-preprod',
    'apis.preprod.sa.pasqal.cloud',
    keycloak('auth.preprod.sa.pasqal.cloud', 'apis.preprod.pasqal.cloud'),
  ),
});

/**
 * The environment a client uses: one of {@link PASQAL_ENVIRONMENTS} by name, or a custom one (a proxy,
 * a mock cloud), validated and with trailing slashes removed.
 */
export function resolveEnvironment(
  given: PasqalEnvironmentName | PasqalEnvironment | undefined,
  options: { allowInsecureLoopback?: boolean } = {},
): PasqalEnvironment {
  if (given === undefined) return PASQAL_ENVIRONMENTS.prod;
  if (typeof given === 'string') {
    const known = PASQAL_ENVIRONMENTS[given as PasqalEnvironmentName];
    if (!known || !Object.hasOwn(PASQAL_ENVIRONMENTS, given)) {
      throw new InvalidArgumentError(
        `environment must be one of ${Object.keys(PASQAL_ENVIRONMENTS).join(', ')} or a custom environment object`,
      );
    }
    return known;
  }
  if (given === null || typeof given !== 'object') {
    throw new InvalidArgumentError('environment must be a name or an environment object');
  }
  const loopback = options.allowInsecureLoopback === true;
  const name = text('environment.name', given.name);
  const auth = given.auth;
  if (auth === null || typeof auth !== 'object') {
    throw new InvalidArgumentError('environment.auth must describe the identity provider');
  }
  if (auth.kind !== 'auth0' && auth.kind !== 'keycloak') {
    throw new InvalidArgumentError('environment.auth.kind must be "auth0" or "keycloak"');
  }
  return Object.freeze({
    name,
    coreUrl: baseUrl('environment.coreUrl', given.coreUrl, loopback),
    accountUrl: baseUrl('environment.accountUrl', given.accountUrl, loopback),
    auth: Object.freeze({
      kind: auth.kind,
      tokenUrl: baseUrl('environment.auth.tokenUrl', auth.tokenUrl, loopback),
      clientId: text('environment.auth.clientId', auth.clientId),
      realm: text('environment.auth.realm', auth.realm),
      audience: text('environment.auth.audience', auth.audience),
    }),
  });
}

function text(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError(`${name} must be a non-empty string`);
  }
  return value;
}

/** An absolute https URL (http only on loopback, with the opt-in), without credentials, query or fragment. */
export function baseUrl(name: string, raw: unknown, allowInsecureLoopback: boolean): string {
  return checkBaseUrl(name, text(name, raw), allowInsecureLoopback);
}
