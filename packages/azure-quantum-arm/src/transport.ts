import { authFetch, type FetchLike, heyApiAuth } from '@qc/auth';
import {
  bodyExcerpt,
  checkBaseUrl,
  copyHeaders,
  createErrorInterceptor,
  httpErrorFromResponse,
  InvalidArgumentError,
  QcError,
  type RetryOptions,
  redactUrl,
  withRetry,
} from '@qc/core';
import { type ArmAuth, resolveArmAuth } from './auth.js';
import { type Client, createClient, createConfig } from './generated/client/index.js';

/** Azure Resource Manager in the public cloud. */
export const AZURE_RESOURCE_MANAGER_URL = 'https://management.azure.com';
/** The Microsoft.Quantum api-version of specs/azure-quantum-arm.yaml (the one the official SDK uses). */
export const QUANTUM_ARM_API_VERSION = '2025-12-15-preview';
/** The Microsoft.Storage api-version of the blob-container call. */
export const STORAGE_API_VERSION = '2024-01-01';
/** The Azure Resource Graph api-version the official SDK uses. */
export const RESOURCE_GRAPH_API_VERSION = '2021-03-01';

export interface ArmTransportOptions {
  /** Credentials for ARM (see {@link ArmAuth}). */
  auth: ArmAuth;
  /**
   * ARM's base URL (a path prefix is kept). Default {@link AZURE_RESOURCE_MANAGER_URL}; sovereign clouds
   * use theirs (`https://management.usgovcloudapi.net`), and local mocks `http://127.0.0.1:…/prefix`.
   */
  baseUrl?: string;
  /** Token scope for `{ tenantId, clientId, clientSecret }` and TokenCredentials. Default ARM's `/.default`. */
  scope?: string;
  /** The fetch requests (token requests included) go out with. Default `globalThis.fetch`, per request. */
  fetch?: FetchLike;
  /** Time limit of each request, in ms. */
  timeoutMs?: number;
  /**
   * Retries of 408/429/5xx and network failures for idempotent calls (GET, PUT, DELETE); POSTs
   * (listKeys, regenerateKey, checks and queries) are never retried. `false` disables.
   */
  retry?: RetryOptions | false;
  /** Accept `http:` base URLs and authorities on loopback hosts (local mock servers). */
  allowInsecureLoopback?: boolean;
}

export interface ArmTransport {
  baseUrl: string;
  /** The generated client: authenticated, typed errors. */
  client: Client;
  /** An authenticated GET of an absolute ARM URL (a nextLink, an LRO monitor), with the retry policy. */
  get: (url: string, signal?: AbortSignal) => Promise<Response>;
  /** GETs a URL and parses its JSON body; a non-2xx answer becomes a typed error. */
  getJson: (url: string, signal?: AbortSignal) => Promise<unknown>;
  /** Values that must never appear in an error: the client secret, API keys read through this client. */
  secrets: Set<string>;
}

export function createArmTransport(options: ArmTransportOptions): ArmTransport {
  const baseUrl = resolveBaseUrl(
    options.baseUrl ?? AZURE_RESOURCE_MANAGER_URL,
    options.allowInsecureLoopback,
  );
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new InvalidArgumentError('timeoutMs must be a positive number of milliseconds');
  }
  const base = options.fetch;
  const send: FetchLike = (input, init) => (base ?? globalThis.fetch)(input, init);
  const timed = options.timeoutMs === undefined ? send : withTimeout(send, options.timeoutMs);
  const retried = withRetry(timed, options.retry === false ? { maxRetries: 0 } : (options.retry ?? {}));

  const { provider, secrets: known } = resolveArmAuth(options.auth, {
    scope: options.scope,
    fetch: options.fetch,
    allowInsecureLoopback: options.allowInsecureLoopback,
  });
  const secrets = new Set(known);
  const origin = { baseUrl, fetch: retried, allowInsecureLoopback: options.allowInsecureLoopback };
  const authConfig = heyApiAuth(provider, origin);
  const client = createClient(
    createConfig({ baseUrl, ...authConfig, fetch: authConfig.fetch as typeof fetch }),
  );
  client.interceptors.error.use(createErrorInterceptor({ secrets: () => secrets }));

  const authed = authFetch(provider, origin);
  const get = (url: string, signal?: AbortSignal) =>
    authed(new Request(url, { method: 'GET', headers: { accept: 'application/json' }, signal }));
  const getJson = async (url: string, signal?: AbortSignal) => {
    const response = await get(url, signal);
    if (!response.ok) {
      throw await httpErrorFromResponse(response, { method: 'GET', url }, { secrets: [...secrets] });
    }
    const text = await response.text();
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // A proxy's HTML page with a 200: say so, with a short excerpt, instead of a bare SyntaxError.
      throw new QcError(
        `GET ${redactUrl(url)} answered ${response.status} with a body that is not JSON: ${bodyExcerpt(text, [...secrets], 120)}`,
      );
    }
  };
  return { baseUrl, client, get, getJson, secrets };
}

function withTimeout(inner: FetchLike, timeoutMs: number): FetchLike {
  return (input, init) => {
    const request = new Request(input, init);
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    return inner(new Request(request, { headers: copyHeaders(request.headers), signal }));
  };
}

function resolveBaseUrl(raw: string, allowInsecureLoopback: boolean | undefined): string {
  return checkBaseUrl('baseUrl', raw, allowInsecureLoopback === true, AZURE_RESOURCE_MANAGER_URL);
}
