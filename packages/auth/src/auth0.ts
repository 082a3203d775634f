import { cachedProvider, oauthToken, requestSettings } from './cached-provider.js';
import {
  checkTokenRequestOptions,
  invalid,
  optionalText,
  refuseSecretInBrowser,
  requireEndpoint,
  requireHost,
  requireOptions,
  requireText,
} from './options.js';
import { callTokenEndpoint } from './token-request.js';
import type { FlowTokenProvider, TokenRequestOptions } from './types.js';

/** Auth0's grant type for the resource-owner password flow bound to one connection (realm). */
export const AUTH0_PASSWORD_REALM_GRANT = 'http://auth0.com/oauth/grant-type/password-realm';

/** Where the Auth0 tenant is: its full token URL, or its (custom) domain. Give exactly one. */
export interface Auth0Endpoint {
  /** The token endpoint, e.g. `https://tenant.eu.auth0.com/oauth/token`. */
  tokenUrl?: string | URL;
  /** The tenant's domain, e.g. `tenant.eu.auth0.com`; the endpoint is `https://{domain}/oauth/token`. */
  domain?: string;
}

/** Options of {@link auth0PasswordRealm}: the tenant, the application, the user and the API. */
export interface Auth0PasswordRealmOptions extends Auth0Endpoint, TokenRequestOptions {
  /** The Auth0 application's client id. */
  clientId: string;
  /** The user's login name. */
  username: string;
  /** The user's password; refused in a browser unless `dangerouslyAllowBrowser`. */
  password: string;
  /** The Auth0 connection the user belongs to. */
  realm: string;
  /** The API the token is for. */
  audience: string;
  /** Space-separated scopes, e.g. `openid profile email`; not sent when absent. */
  scope?: string;
}

/** Options of {@link auth0ClientCredentials}: the tenant, the machine-to-machine application and the API. */
export interface Auth0ClientCredentialsOptions extends Auth0Endpoint, TokenRequestOptions {
  /** The machine-to-machine application's client id. */
  clientId: string;
  /** The application's client secret; refused in a browser unless `dangerouslyAllowBrowser`. */
  clientSecret: string;
  /** The API the token is for. */
  audience: string;
}

/**
 * A user's token from Auth0's password-realm grant (Pasqal Cloud users). The form is posted
 * url-encoded, as Pasqal's own SDK does. Nothing is sent until the first `getToken()`.
 *
 * No environment defaults live here: the Pasqal package binds tenant, client id, realm and audience to
 * each environment so a prod token is never requested for preprod by accident.
 */
export function auth0PasswordRealm(options: Auth0PasswordRealmOptions): FlowTokenProvider {
  const factory = 'auth0PasswordRealm';
  requireOptions(factory, options);
  checkTokenRequestOptions(factory, options);
  refuseSecretInBrowser(factory, 'password', options);
  const url = auth0TokenUrl(factory, options);
  const clientId = requireText(factory, 'clientId', options.clientId);
  const username = requireText(factory, 'username', options.username);
  const password = requireText(factory, 'password', options.password);
  const realm = requireText(factory, 'realm', options.realm);
  const audience = requireText(factory, 'audience', options.audience);
  const scope = optionalText(factory, 'scope', options.scope);
  const flow = 'auth0-password-realm';
  const secrets = [password];
  return cachedProvider({
    flow,
    cacheKey: [flow, url, clientId, AUTH0_PASSWORD_REALM_GRANT, audience, scope, realm, username],
    url,
    options,
    source: async (signal) => {
      const form = new URLSearchParams({
        grant_type: AUTH0_PASSWORD_REALM_GRANT,
        client_id: clientId,
        username,
        password,
        realm,
        audience,
      });
      if (scope !== undefined) form.set('scope', scope);
      const call = { flow, url, secrets } as const;
      const result = await callTokenEndpoint({
        ...call,
        body: form,
        signal,
        ...requestSettings(options),
      });
      return oauthToken(call, result);
    },
  });
}

/**
 * A service account's token from Auth0's client-credentials grant (Pasqal service accounts). Tokens
 * count against Auth0's machine-to-machine quota, so they are cached until shortly before expiry.
 */
export function auth0ClientCredentials(options: Auth0ClientCredentialsOptions): FlowTokenProvider {
  const factory = 'auth0ClientCredentials';
  requireOptions(factory, options);
  checkTokenRequestOptions(factory, options);
  refuseSecretInBrowser(factory, 'client secret', options);
  const url = auth0TokenUrl(factory, options);
  const clientId = requireText(factory, 'clientId', options.clientId);
  const clientSecret = requireText(factory, 'clientSecret', options.clientSecret);
  const audience = requireText(factory, 'audience', options.audience);
  const flow = 'auth0-client-credentials';
  const secrets = [clientSecret];
  return cachedProvider({
    flow,
    cacheKey: [flow, url, clientId, 'client_credentials', audience],
    url,
    options,
    source: async (signal) => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        audience,
      });
      const call = { flow, url, secrets } as const;
      const result = await callTokenEndpoint({
        ...call,
        body: form,
        signal,
        ...requestSettings(options),
      });
      return oauthToken(call, result);
    },
  });
}

function auth0TokenUrl(factory: string, options: Auth0Endpoint & TokenRequestOptions): string {
  if (options.tokenUrl !== undefined && options.domain !== undefined) {
    throw invalid(factory, 'tokenUrl', 'and "domain" are exclusive; give one');
  }
  if (options.domain !== undefined) {
    return `https://${requireHost(factory, 'domain', options.domain)}/oauth/token`;
  }
  if (options.tokenUrl === undefined) throw invalid(factory, 'tokenUrl', 'or "domain" is required');
  return requireEndpoint(factory, 'tokenUrl', options.tokenUrl, options.allowInsecureLoopback).href;
}
