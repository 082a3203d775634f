import { cachedProvider, oauthToken, requestSettings } from './cached-provider.js';
import {
  checkTokenRequestOptions,
  invalid,
  optionalText,
  refuseSecretInBrowser,
  requireEndpoint,
  requireOptions,
  requireText,
} from './options.js';
import { callTokenEndpoint } from './token-request.js';
import type { FlowTokenProvider, TokenRequestOptions } from './types.js';

/**
 * Where the Keycloak realm is: its full token URL, or the server's base URL and the realm's name
 * (the endpoint is then `{serverUrl}/realms/{realm}/protocol/openid-connect/token`). Give one of the two.
 */
export interface KeycloakEndpoint {
  /** The token endpoint, e.g. `https://auth.example.com/realms/main/protocol/openid-connect/token`. */
  tokenUrl?: string | URL;
  /** The Keycloak server, e.g. `https://auth.example.com` (a path prefix such as `/auth` is kept). */
  serverUrl?: string | URL;
  /** The realm's name; required with `serverUrl`. */
  realm?: string;
}

interface KeycloakClientOptions extends KeycloakEndpoint, TokenRequestOptions {
  /** The Keycloak client's id, e.g. Pasqal's `cloud-sdk`. */
  clientId: string;
  /** Space-separated scopes, e.g. `openid`; not sent when absent. */
  scope?: string;
  /**
   * Sent as the `audience` form field when given. Keycloak ignores it unless the realm maps it; Pasqal's
   * SDK sends its API audience to Pasqal's Keycloak realms.
   */
  audience?: string;
}

/** Options of {@link keycloakPassword}: the realm, the client and the user. */
export interface KeycloakPasswordOptions extends KeycloakClientOptions {
  /** The user's login name. */
  username: string;
  /** The user's password; refused in a browser unless `dangerouslyAllowBrowser`. */
  password: string;
  /** The client's secret, for a confidential client; public clients (Pasqal's `cloud-sdk`) have none. */
  clientSecret?: string;
}

/** Options of {@link keycloakClientCredentials}: the realm and a confidential client. */
export interface KeycloakClientCredentialsOptions extends KeycloakClientOptions {
  /** The client's secret; refused in a browser unless `dangerouslyAllowBrowser`. */
  clientSecret: string;
}

/**
 * A user's token from Keycloak's resource-owner password grant (`grant_type=password`), form-encoded
 * as Pasqal's SDK sends it to the sa-prod and sa-preprod realms. Keycloak also returns a refresh token;
 * like Pasqal's SDK this provider does not use it and runs the password grant again near expiry.
 * Nothing is sent until the first `getToken()`.
 */
export function keycloakPassword(options: KeycloakPasswordOptions): FlowTokenProvider {
  const factory = 'keycloakPassword';
  requireOptions(factory, options);
  checkTokenRequestOptions(factory, options);
  refuseSecretInBrowser(factory, 'password', options);
  const url = keycloakTokenUrl(factory, options);
  const clientId = requireText(factory, 'clientId', options.clientId);
  const username = requireText(factory, 'username', options.username);
  const password = requireText(factory, 'password', options.password);
  const clientSecret = optionalText(factory, 'clientSecret', options.clientSecret);
  const scope = optionalText(factory, 'scope', options.scope);
  const audience = optionalText(factory, 'audience', options.audience);
  const realm = realmOf(url);
  const flow = 'keycloak-password';
  const secrets = [password, clientSecret];
  return cachedProvider({
    flow,
    cacheKey: [flow, url, clientId, 'password', audience, realm, scope, username],
    url,
    options,
    source: async (signal) => {
      const form = new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password });
      if (clientSecret !== undefined) form.set('client_secret', clientSecret);
      if (scope !== undefined) form.set('scope', scope);
      if (audience !== undefined) form.set('audience', audience);
      // Keycloak reads the realm from the URL and ignores this field; Pasqal's SDK sends it anyway.
      if (realm !== undefined) form.set('realm', realm);
      const call = { flow, url, secrets } as const;
      const result = await callTokenEndpoint({ ...call, body: form, signal, ...requestSettings(options) });
      return oauthToken(call, result);
    },
  });
}

/** A service account's token from Keycloak's client-credentials grant (a confidential client). */
export function keycloakClientCredentials(options: KeycloakClientCredentialsOptions): FlowTokenProvider {
  const factory = 'keycloakClientCredentials';
  requireOptions(factory, options);
  checkTokenRequestOptions(factory, options);
  refuseSecretInBrowser(factory, 'client secret', options);
  const url = keycloakTokenUrl(factory, options);
  const clientId = requireText(factory, 'clientId', options.clientId);
  const clientSecret = requireText(factory, 'clientSecret', options.clientSecret);
  const scope = optionalText(factory, 'scope', options.scope);
  const audience = optionalText(factory, 'audience', options.audience);
  const flow = 'keycloak-client-credentials';
  const secrets = [clientSecret];
  return cachedProvider({
    flow,
    cacheKey: [flow, url, clientId, 'client_credentials', audience, scope],
    url,
    options,
    source: async (signal) => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      });
      if (scope !== undefined) form.set('scope', scope);
      if (audience !== undefined) form.set('audience', audience);
      const call = { flow, url, secrets } as const;
      const result = await callTokenEndpoint({ ...call, body: form, signal, ...requestSettings(options) });
      return oauthToken(call, result);
    },
  });
}

// Keycloak realm names: letters, digits and `_.-` (no `/`, which would change the path).
const REALM_NAME = /^[A-Za-z0-9_.-]+$/;

function keycloakTokenUrl(factory: string, options: KeycloakEndpoint & TokenRequestOptions): string {
  if (options.tokenUrl !== undefined) {
    if (options.serverUrl !== undefined || options.realm !== undefined) {
      throw invalid(factory, 'tokenUrl', 'and "serverUrl"/"realm" are exclusive; give one');
    }
    return requireEndpoint(factory, 'tokenUrl', options.tokenUrl, options.allowInsecureLoopback).href;
  }
  if (options.serverUrl === undefined)
    throw invalid(factory, 'tokenUrl', 'or "serverUrl" and "realm" are required');
  const server = requireEndpoint(factory, 'serverUrl', options.serverUrl, options.allowInsecureLoopback);
  if (server.search !== '') throw invalid(factory, 'serverUrl', 'must not contain a query');
  const realm = requireText(factory, 'realm', options.realm);
  if (!REALM_NAME.test(realm) || realm === '.' || realm === '..') {
    throw invalid(factory, 'realm', 'must be a realm name (letters, digits, "_", ".", "-")');
  }
  const base = server.href.replace(/\/+$/, '');
  return `${base}/realms/${realm}/protocol/openid-connect/token`;
}

/** The realm named in a Keycloak token URL (`…/realms/{realm}/protocol/…`). */
function realmOf(tokenUrl: string): string | undefined {
  const match = /\/realms\/([^/]+)\/protocol\//.exec(new URL(tokenUrl).pathname);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}
