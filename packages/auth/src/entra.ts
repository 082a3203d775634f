import { cachedProvider, oauthToken, requestSettings } from './cached-provider.js';
import {
  checkTokenRequestOptions,
  invalid,
  refuseSecretInBrowser,
  requireEndpoint,
  requireOptions,
  requireText,
} from './options.js';
import { callTokenEndpoint } from './token-request.js';
import type { FlowTokenProvider, TokenRequestOptions } from './types.js';

/** Scope of the Azure Quantum data plane (`{location}.quantum.azure.com`). */
export const AZURE_QUANTUM_SCOPE = 'https://quantum.microsoft.com/.default';
/** Scope of Azure Resource Manager (`management.azure.com`), for the Microsoft.Quantum provider. */
export const AZURE_MANAGEMENT_SCOPE = 'https://management.azure.com/.default';
/** Scope of Azure Storage with Entra RBAC (not needed with SAS URLs). */
export const AZURE_STORAGE_SCOPE = 'https://storage.azure.com/.default';
/** Entra ID authority of the public cloud; sovereign clouds have their own. */
export const AZURE_PUBLIC_CLOUD_AUTHORITY = 'https://login.microsoftonline.com';

/** Options of {@link entraClientCredentials}: the tenant, the application and the one resource scope. */
export interface EntraClientCredentialsOptions extends TokenRequestOptions {
  /** The directory (tenant) id or a verified domain; `common`, `organizations` and `consumers` do not work. */
  tenantId: string;
  /** The application (client) id. */
  clientId: string;
  /** The application's client secret (its value, not its id); refused in a browser unless `dangerouslyAllowBrowser`. */
  clientSecret: string;
  /** One resource's `/.default` scope, e.g. {@link AZURE_QUANTUM_SCOPE}. One token per resource. */
  scope: string;
  /** Default {@link AZURE_PUBLIC_CLOUD_AUTHORITY}; e.g. `https://login.microsoftonline.us` for US Gov. */
  authorityHost?: string | URL;
}

const MULTI_TENANT_ALIASES = new Set(['common', 'organizations', 'consumers']);

/**
 * An application token from Microsoft Entra ID's client-credentials grant, posted as a form to
 * `{authorityHost}/{tenantId}/oauth2/v2.0/token`. Errors carry Entra's `error`, the `AADSTS` code and
 * the trace and correlation ids. A `refresh_in` in the answer brings the refresh forward.
 */
export function entraClientCredentials(options: EntraClientCredentialsOptions): FlowTokenProvider {
  const factory = 'entraClientCredentials';
  requireOptions(factory, options);
  checkTokenRequestOptions(factory, options);
  refuseSecretInBrowser(factory, 'client secret', options);
  const tenantId = requireText(factory, 'tenantId', options.tenantId).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(tenantId)) {
    throw invalid(factory, 'tenantId', 'must be a tenant id (GUID) or a domain name');
  }
  if (MULTI_TENANT_ALIASES.has(tenantId.toLowerCase())) {
    throw invalid(
      factory,
      'tenantId',
      'must name one tenant; client credentials cannot use a multi-tenant alias',
    );
  }
  const clientId = requireText(factory, 'clientId', options.clientId);
  const clientSecret = requireText(factory, 'clientSecret', options.clientSecret);
  const scope = requireText(factory, 'scope', options.scope).trim();
  if (/\s/.test(scope) || !scope.endsWith('/.default')) {
    throw invalid(factory, 'scope', 'must be one resource scope ending in "/.default"');
  }
  const authority = requireEndpoint(
    factory,
    'authorityHost',
    options.authorityHost ?? AZURE_PUBLIC_CLOUD_AUTHORITY,
    options.allowInsecureLoopback,
  );
  if (authority.search !== '') throw invalid(factory, 'authorityHost', 'must not contain a query');
  const prefix = `${authority.origin}${authority.pathname.replace(/\/+$/, '')}`;
  const url = `${prefix}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
  const flow = 'entra-client-credentials';
  const secrets = [clientSecret];
  return cachedProvider({
    flow,
    cacheKey: [flow, url, clientId, 'client_credentials', scope],
    url,
    options,
    source: async (signal) => {
      const form = new URLSearchParams({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
        scope,
      });
      const call = { flow, url, secrets } as const;
      const result = await callTokenEndpoint({ ...call, body: form, signal, ...requestSettings(options) });
      const received = oauthToken(call, result);
      const refreshIn = Number(result.body.refresh_in);
      return Number.isFinite(refreshIn) && refreshIn > 0
        ? { ...received, refreshAfter: result.receivedAt + refreshIn * 1000 }
        : received;
    },
  });
}
