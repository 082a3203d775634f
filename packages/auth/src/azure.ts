import { InvalidArgumentError, type ProviderErrorDetails, parseProviderError } from '@qc/core';
import { entraClientCredentials } from './entra.js';
import { fromTokenCredential, type TokenCredentialLike } from './token-credential.js';
import type { FetchLike, FlowTokenProvider, TokenProvider, TokenRequestOptions } from './types.js';

// What both Azure packages (the data plane and Resource Manager) share: one credential type, one way to
// read `auth`, one region rule, one error envelope.

/** A Microsoft Entra ID application (service principal) with a client secret. */
export interface EntraClientSecret {
  /** The directory (tenant) id or a verified domain. */
  tenantId: string;
  /** The application (client) id. */
  clientId: string;
  /** The application's client secret (its value, not its id). */
  clientSecret: string;
  /** Default `https://login.microsoftonline.com`; a sovereign cloud's authority, or a local mock's. */
  authorityHost?: string | URL;
}

/**
 * How an Azure client authenticates, in every Azure package:
 * - `{ tenantId, clientId, clientSecret }`: Entra client credentials, for the client's scope;
 * - any @qc/auth provider (`entraClientCredentials(…)`, `staticToken(…)`, …), recognised by its `flow`
 *   and used as it is (its scope is the caller's business);
 * - any Azure `TokenCredential` (`DefaultAzureCredential`, `ManagedIdentityCredential`, …), asked for
 *   the client's scope as `getToken(scope, { abortSignal })`.
 *
 * A hand-written provider needs a `flow` (or wrap its token in `staticToken`): an object with only
 * `getToken` is read as a TokenCredential.
 */
export type AzureCredential = EntraClientSecret | FlowTokenProvider | TokenCredentialLike;

/** Whether `value` is an @qc/auth token provider (it names its `flow`). */
export function isTokenProvider(value: unknown): value is FlowTokenProvider {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as TokenProvider).getToken === 'function' &&
    typeof (value as { flow?: unknown }).flow === 'string'
  );
}

/** Settings an Azure client passes on to the Entra provider it builds. */
export interface AzureCredentialSettings {
  /** As {@link TokenRequestOptions.fetch}. */
  fetch?: FetchLike | undefined;
  /** As {@link TokenRequestOptions.timeoutMs}. */
  timeoutMs?: number | undefined;
  /** As {@link TokenRequestOptions.dangerouslyAllowBrowser}. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** As {@link TokenRequestOptions.allowInsecureLoopback}. */
  allowInsecureLoopback?: boolean | undefined;
}

/**
 * Turns an {@link AzureCredential} into a token provider for `scope`, with the secrets it knows.
 * Undefined when `auth` is none of the three forms (the caller may know more forms, or fails).
 */
export function azureCredential(
  auth: unknown,
  scope: string,
  settings: AzureCredentialSettings = {},
):
  | {
      /** The provider to attach tokens with. */
      provider: TokenProvider;
      /** The client secret it was built from, if any: values the client must redact from its errors. */
      secrets: string[];
    }
  | undefined {
  if (auth === null || typeof auth !== 'object') return undefined;
  if ('tokenProvider' in auth) {
    throw new InvalidArgumentError(
      'auth takes an @qc/auth provider as it is: pass the provider, not { tokenProvider }',
    );
  }
  if (isTokenProvider(auth)) return { provider: auth, secrets: [] };
  // A TokenCredential before the field test: @azure/identity's ClientSecretCredential keeps `tenantId`
  // and `clientSecret` as fields of its own.
  if (typeof (auth as TokenCredentialLike).getToken === 'function') {
    return { provider: fromTokenCredential(auth as TokenCredentialLike, scope), secrets: [] };
  }
  if ('clientSecret' in auth) {
    const secret = auth as EntraClientSecret;
    const provider = entraClientCredentials({
      tenantId: secret.tenantId,
      clientId: secret.clientId,
      clientSecret: secret.clientSecret,
      scope,
      authorityHost: secret.authorityHost,
      fetch: settings.fetch,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(settings.dangerouslyAllowBrowser === undefined
        ? {}
        : { dangerouslyAllowBrowser: settings.dangerouslyAllowBrowser }),
      allowInsecureLoopback: settings.allowInsecureLoopback,
    });
    return { provider, secrets: [secret.clientSecret] };
  }
  return undefined;
}

/**
 * An Azure region in ARM's short form (`eastus`, `westus2`). The display name copied from the portal
 * (`East US`, `West US 2`) differs only by case and spaces, and is shortened; anything else is refused.
 */
export function normalizeAzureRegion(value: unknown, option = 'location'): string {
  const short = typeof value === 'string' ? value.replace(/\s+/g, '').toLowerCase() : '';
  if (!/^[a-z][a-z0-9]{0,89}$/.test(short)) {
    throw new InvalidArgumentError(`${option} must be an Azure region such as "eastus" (or "East US")`);
  }
  return short;
}

/** Azure's request-id header, looked up before the common ones. */
export const AZURE_REQUEST_ID_HEADERS: readonly string[] = ['x-ms-request-id'];

/**
 * Azure's error conventions, for both Azure planes' pipeline plans: the `{ error: { code, message } }`
 * envelope (Azure REST API guidelines), the code in `x-ms-error-code` when the body has none, and a 401
 * with an empty body whose only explanation is its `WWW-Authenticate` challenge (an expired token, a
 * token for another audience).
 */
export function azureErrorDetails(body: unknown, headers: Headers): ProviderErrorDetails | undefined {
  const nested = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (nested !== undefined) {
    const details = { code: text(nested.code), message: text(nested.message) };
    if (details.code !== undefined || details.message !== undefined) return details;
  }
  const standard = parseProviderError(body);
  if (standard.code !== undefined || standard.message !== undefined) return undefined;
  const code = headers.get('x-ms-error-code') ?? undefined;
  const challenge = describeChallenge(headers.get('www-authenticate'));
  const hasText = typeof body === 'string' && body.trim() !== '';
  if (code === undefined && (hasText || challenge === undefined)) return undefined;
  // A text body is shown as an excerpt; an empty one is explained by the challenge.
  return { code, message: hasText ? undefined : (challenge ?? 'the response had no body') };
}

/** `Bearer error="invalid_token", error_description="…"` → the description (or the error). */
function describeChallenge(header: string | null): string | undefined {
  if (!header) return undefined;
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1] || undefined;
  return field('error_description') ?? field('error');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}
