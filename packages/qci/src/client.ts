import { createErrorInterceptor, InvalidArgumentError } from '@qc/core';
import { type Client, createClient, createConfig } from './generated/client/index.js';
import {
  createAccessToken,
  getAccessTokensHealth,
  getAccessTokensVersion,
  getAllocations,
} from './generated/sdk.gen.js';
import type {
  AccessTokensPostResponse,
  Allocations,
  HealthResponse,
  VersionResponse,
} from './generated/types.gen.js';

/** QCi's production API. QCi's own client reads `QCI_API_URL`; older documentation used api.qci-next.com. */
export const QCI_PRODUCTION_URL = 'https://api.qci-prod.com';

export interface QciClientOptions {
  /**
   * Base URL of the API (a path prefix is kept). Defaults to the `QCI_API_URL` environment variable
   * when the runtime has one, else {@link QCI_PRODUCTION_URL}. Must be `https:`, except on loopback.
   */
  url?: string;
  /** The fetch the client sends requests with (default: `globalThis.fetch`, looked up per request). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface QciClient {
  /** The base URL every request of this client goes to. */
  readonly url: string;
  /**
   * The generated (hey-api) client bound to {@link url}; pass it to any generated SDK function:
   * `getAllocations({ client: qci.client })`. Its errors are typed qc errors (`HttpError` subclasses,
   * `NetworkError`).
   */
  readonly client: Client;
  /**
   * Exchanges a refresh token (QCi's "API token") for an access token. Throws
   * `AuthenticationError` (401) for a refresh token QCi does not accept.
   */
  exchangeRefreshToken(refreshToken: string, options?: CallOptions): Promise<AccessTokensPostResponse>;
  /** Health of QCi's token service. */
  health(options?: CallOptions): Promise<HealthResponse>;
  /** Name and version of QCi's token service. */
  version(options?: CallOptions): Promise<VersionResponse>;
  /** Device-time allocations; needs an authenticated `fetch` (see @qc/auth). */
  allocations(options?: CallOptions): Promise<Allocations>;
}

/** Creates an independent QCi client: its own base URL and transport, no shared global state. */
export function createQciClient(options: QciClientOptions = {}): QciClient {
  const url = resolveBaseUrl(options.url ?? environmentVariable('QCI_API_URL') ?? QCI_PRODUCTION_URL);
  const transport = options.fetch;
  const client = createClient(
    createConfig({
      baseUrl: url,
      // Looked up per request, so a fetch patched after creation (msw, instrumentation) is used.
      fetch: ((input, init) => (transport ?? globalThis.fetch)(input, init)) as typeof fetch,
    }),
  );
  // Refresh tokens this client has sent: redacted from any error body that echoes them back.
  const sentSecrets = new Set<string>();
  client.interceptors.error.use(createErrorInterceptor({ secrets: () => sentSecrets }));

  return {
    url,
    client,
    async exchangeRefreshToken(refreshToken, callOptions = {}) {
      const token = normalizeRefreshToken(refreshToken);
      sentSecrets.add(token);
      const { data } = await createAccessToken({
        client,
        body: { refresh_token: token },
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data;
    },
    async health(callOptions = {}) {
      const { data } = await getAccessTokensHealth({
        client,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data;
    },
    async version(callOptions = {}) {
      const { data } = await getAccessTokensVersion({
        client,
        signal: callOptions.signal,
        throwOnError: true,
      });
      return data;
    },
    async allocations(callOptions = {}) {
      const { data } = await getAllocations({ client, signal: callOptions.signal, throwOnError: true });
      return data;
    },
  };
}

/** Users paste the token with a `Bearer ` prefix or quotes; QCi wants the bare value. */
function normalizeRefreshToken(value: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('refreshToken must be a string');
  const token = value
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^Bearer\s+/i, '')
    .trim();
  if (token === '') throw new InvalidArgumentError('refreshToken is empty');
  return token;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function resolveBaseUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new InvalidArgumentError(`url must be an absolute URL such as ${QCI_PRODUCTION_URL}`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname))) {
    throw new InvalidArgumentError(
      `url must use https: (plain http: is accepted for loopback hosts only), got ${parsed.protocol}//${parsed.host}`,
    );
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new InvalidArgumentError('url must not contain credentials, a query or a fragment');
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function environmentVariable(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value === '' ? undefined : value;
}
