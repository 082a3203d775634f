import {
  auth0ClientCredentials,
  auth0PasswordRealm,
  keycloakClientCredentials,
  keycloakPassword,
  type TokenProvider,
  type TokenRequestOptions,
} from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import type { PasqalEnvironment } from './environments.js';

/** A Pasqal user: the password grant of the environment's identity provider (Auth0 password-realm, or Keycloak). */
export interface PasqalUserCredentials {
  /** The user's login name. */
  username: string;
  /** The user's password; refused in a browser unless `dangerouslyAllowBrowser`. */
  password: string;
}

/** A Pasqal service account (created by Pasqal, per project): the client-credentials grant. */
export interface PasqalServiceAccountCredentials {
  /** The service account's client id. */
  clientId: string;
  /** The service account's client secret; refused in a browser unless `dangerouslyAllowBrowser`. */
  clientSecret: string;
}

/** How a client authenticates: a user, a service account, or any @qc/auth provider (a static token, …). */
export type PasqalAuth = PasqalUserCredentials | PasqalServiceAccountCredentials | TokenProvider;

/** Token-request settings passed to the built-in providers (fetch, time limit, retries, refresh margin). */
export type PasqalTokenOptions = Pick<
  TokenRequestOptions,
  | 'fetch'
  | 'timeoutMs'
  | 'maxRetries'
  | 'refreshMarginMs'
  | 'allowInsecureLoopback'
  | 'dangerouslyAllowBrowser'
>;

/**
 * The token provider for `auth` in `environment`: the grant the environment's identity provider uses,
 * with its token URL, client id, realm and audience. Nothing is requested until the first API call.
 */
export function pasqalTokenProvider(
  environment: PasqalEnvironment,
  auth: PasqalAuth,
  options: PasqalTokenOptions = {},
): TokenProvider {
  if (auth === null || typeof auth !== 'object') {
    throw new InvalidArgumentError(
      'auth must be { username, password }, { clientId, clientSecret } or a token provider',
    );
  }
  if (typeof (auth as TokenProvider).getToken === 'function') return auth as TokenProvider;
  const idp = environment.auth;
  if ('username' in auth || 'password' in auth) {
    const { username, password } = auth as PasqalUserCredentials;
    return idp.kind === 'auth0'
      ? auth0PasswordRealm({
          tokenUrl: idp.tokenUrl,
          clientId: idp.clientId,
          realm: idp.realm,
          audience: idp.audience,
          username,
          password,
          ...options,
        })
      : // Keycloak takes the realm from the URL; the audience is sent as Pasqal's SDK sends it.
        keycloakPassword({
          tokenUrl: idp.tokenUrl,
          clientId: idp.clientId,
          audience: idp.audience,
          username,
          password,
          ...options,
        });
  }
  if ('clientId' in auth || 'clientSecret' in auth) {
    const { clientId, clientSecret } = auth as PasqalServiceAccountCredentials;
    return idp.kind === 'auth0'
      ? auth0ClientCredentials({
          tokenUrl: idp.tokenUrl,
          clientId,
          clientSecret,
          audience: idp.audience,
          ...options,
        })
      : keycloakClientCredentials({
          tokenUrl: idp.tokenUrl,
          clientId,
          clientSecret,
          audience: idp.audience,
          ...options,
        });
  }
  throw new InvalidArgumentError(
    'auth must be { username, password }, { clientId, clientSecret } or a token provider',
  );
}

/** The provider of a client created without `auth`: public operations work, secured ones fail at once. */
export function missingCredentials(environment: PasqalEnvironment): TokenProvider {
  return {
    getToken: () =>
      Promise.reject(
        new InvalidArgumentError(
          `this Pasqal client (${environment.name}) was created without \`auth\`: only the public device routes are available`,
        ),
      ),
  };
}
