/**
 * The README's examples, type-checked by `tsc` (not run): if the API changes, this file stops
 * compiling and the README gets updated with it. Imports use '../src/index.js' where the README says
 * '@qc/auth'.
 */
import createOpenApiClient from 'openapi-fetch';
import {
  AuthError,
  AZURE_MANAGEMENT_SCOPE,
  AZURE_QUANTUM_SCOPE,
  apiKey,
  auth0ClientCredentials,
  auth0PasswordRealm,
  authFetch,
  authMiddleware,
  createApiClient,
  createPipeline,
  entraClientCredentials,
  fromTokenCredential,
  heyApiAuth,
  keycloakPassword,
  qciRefreshToken,
  staticToken,
  type TokenCredentialLike,
  type TokenProvider,
} from '../src/index.js';
import { createClient, createConfig } from './hey-api-qci/client/index.js';
import type { paths } from './hey-api-qci/paths.gen.js';
import { getAllocations } from './hey-api-qci/sdk.gen.js';

declare const env: Record<string, string>;
declare const credential: TokenCredentialLike; // e.g. new DefaultAzureCredential()

export function providers() {
  // Pasqal user (Auth0 password-realm). The Pasqal package supplies these per environment.
  const pasqalUser = auth0PasswordRealm({
    domain: 'tenant.eu.auth0.com',
    clientId: env.PASQAL_CLIENT_ID ?? '',
    username: env.PASQAL_USERNAME ?? '',
    password: env.PASQAL_PASSWORD ?? '',
    realm: 'pcs-users',
    audience: 'https://apis.pasqal.cloud/account/api/v1',
  });

  // Pasqal service account (Auth0 client credentials).
  const pasqalService = auth0ClientCredentials({
    tokenUrl: 'https://tenant.eu.auth0.com/oauth/token',
    clientId: env.PASQAL_SA_CLIENT_ID ?? '',
    clientSecret: env.PASQAL_SA_CLIENT_SECRET ?? '',
    audience: 'https://apis.pasqal.cloud/account/api/v1',
  });

  // Pasqal's sa-* realms (Keycloak password grant, public client).
  const pasqalSaUser = keycloakPassword({
    serverUrl: 'https://auth.example.com',
    realm: 'pasqal-cloud',
    clientId: 'cloud-sdk',
    username: env.PASQAL_USERNAME ?? '',
    password: env.PASQAL_PASSWORD ?? '',
    audience: 'https://apis.pasqal.cloud/account/api/v1',
  });

  // QCi (refresh-token exchange); a pasted "Bearer ..." or quoted token is cleaned up.
  const qci = qciRefreshToken({ baseUrl: 'https://api.qci-prod.com', refreshToken: env.QCI_TOKEN ?? '' });

  // Azure (Entra ID client credentials): one provider per resource scope.
  const azureDataPlane = entraClientCredentials({
    tenantId: env.AZURE_TENANT_ID ?? '',
    clientId: env.AZURE_CLIENT_ID ?? '',
    clientSecret: env.AZURE_CLIENT_SECRET ?? '',
    scope: AZURE_QUANTUM_SCOPE,
  });
  const azureArmUsGov = entraClientCredentials({
    tenantId: env.AZURE_TENANT_ID ?? '',
    clientId: env.AZURE_CLIENT_ID ?? '',
    clientSecret: env.AZURE_CLIENT_SECRET ?? '',
    scope: AZURE_MANAGEMENT_SCOPE,
    authorityHost: 'https://login.microsoftonline.us',
  });

  // Any @azure/identity credential, without depending on it.
  const azureIdentity = fromTokenCredential(credential, AZURE_QUANTUM_SCOPE);

  // A token or key obtained elsewhere.
  const fixed = staticToken(env.ACCESS_TOKEN ?? '');
  const workspaceKey = apiKey({ key: env.AZURE_QUANTUM_API_KEY ?? '' }); // header x-ms-quantum-api-key

  // Your own: any object with getToken().
  const custom: TokenProvider = {
    async getToken() {
      return { token: await fetchTokenFromVault(), expiresAt: Date.now() + 600_000 };
    },
  };
  return [
    pasqalUser,
    pasqalService,
    pasqalSaUser,
    qci,
    azureDataPlane,
    azureArmUsGov,
    azureIdentity,
    fixed,
    workspaceKey,
    custom,
  ];
}

declare function fetchTokenFromVault(): Promise<string>;

export async function usingTokens(provider: TokenProvider) {
  try {
    const { token, expiresAt } = await provider.getToken({ signal: AbortSignal.timeout(10_000) });
    return { token, expiresAt };
  } catch (error) {
    if (error instanceof AuthError) {
      console.error(error.flow, error.status, error.error, error.aadstsCode); // never a secret
    }
    throw error;
  }
}

export async function withAuthFetch(provider: TokenProvider) {
  const fetch = authFetch(provider, { baseUrl: 'https://api.qci-prod.com' });
  const response = await fetch('https://api.qci-prod.com/optimization/v1/jobs/allocations');
  return response.json();
}

export async function withHeyApi(provider: TokenProvider) {
  const baseUrl = 'https://api.qci-prod.com';
  const client = createClient(createConfig({ baseUrl, ...heyApiAuth(provider, { baseUrl }) }));
  const { data } = await getAllocations({ client }); // secured: token attached; public operations: none
  return data;
}

export async function withOpenApiFetchMiddleware(provider: TokenProvider) {
  const baseUrl = 'https://api.qci-prod.com';
  const client = createOpenApiClient<paths>({ baseUrl });
  client.use(authMiddleware(provider, { baseUrl }));
  return client.GET('/optimization/v1/jobs/allocations');
}

export async function withOpenApiFetchTransport(provider: TokenProvider) {
  const baseUrl = 'https://api.qci-prod.com';
  const client = createOpenApiClient<paths>({ baseUrl, fetch: authFetch(provider, { baseUrl }) });
  return client.GET('/optimization/v1/jobs/allocations');
}

export function localMockServer() {
  return authFetch(staticToken('dev-token'), {
    baseUrl: 'http://127.0.0.1:8787',
    allowInsecureLoopback: true,
  });
}

// README: the request pipeline.
export async function pipelineExample(): Promise<void> {
  const pipeline = createPipeline({
    client: { name: 'my-app', version: '1.0.0' },
    provider: staticToken(process.env.API_TOKEN ?? ''),
    origins: ['https://api.example.com'],
    timeoutMs: 10_000,
    logger: (entry) => console.debug(entry.method, entry.url, entry.status, entry.durationMs),
  });
  const api = createApiClient({ baseUrl: 'https://api.example.com', pipeline });
  const { data, info } = await api.get({
    url: '/v1/things/{id}',
    path: { id: '42' },
    security: [{ type: 'http', scheme: 'bearer' }],
  });
  console.log(data, info.status, info.requestId);
}
