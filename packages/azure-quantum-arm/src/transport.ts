import {
  type ApiClient,
  AZURE_REQUEST_ID_HEADERS,
  azureErrorDetails,
  type ClientOptions,
  createApiClient,
  createPipeline,
} from '@qc/auth';
import { checkBaseUrl, checkOptionalTimeLimit, type RetryOptions, randomUuid, SecretStore } from '@qc/core';
import { type ArmAuth, resolveArmAuth } from './auth.js';
import { pathRules, queryParameters } from './generated/rules.gen.js';
import { PACKAGE } from './generated/version.gen.js';

/** Azure Resource Manager in the public cloud. */
export const AZURE_RESOURCE_MANAGER_URL = 'https://management.azure.com';
/** The Microsoft.Quantum api-version of specs/azure-quantum-arm.yaml (the one the official SDK uses). */
export const QUANTUM_ARM_API_VERSION = '2025-12-15-preview';
/** The Microsoft.Storage api-version of the blob-container call. */
export const STORAGE_API_VERSION = '2024-01-01';
/** The Azure Resource Graph api-version the official SDK uses. */
export const RESOURCE_GRAPH_API_VERSION = '2021-03-01';

/** Credentials, ARM's URL and the transport settings of an ARM client. */
export interface ArmTransportOptions extends ClientOptions {
  /** Credentials for ARM (see {@link ArmAuth}). */
  auth: ArmAuth;
  /**
   * ARM's base URL (a path prefix is kept). Default {@link AZURE_RESOURCE_MANAGER_URL}; sovereign clouds
   * use theirs (`https://management.usgovcloudapi.net`), and local mocks `http://127.0.0.1:…/prefix`.
   */
  baseUrl?: string;
  /** Token scope for `{ tenantId, clientId, clientSecret }` and TokenCredentials. Default ARM's `/.default`. */
  scope?: string;
  /**
   * Retries of 408/429/5xx and network failures for idempotent calls (GET, PUT, DELETE); POSTs
   * (listKeys, regenerateKey, checks and queries) are never retried. `false` disables.
   */
  retry?: RetryOptions | false;
}

export interface ArmTransport {
  baseUrl: string;
  /** The client of the generated SDK functions: authenticated, typed errors. */
  client: ApiClient;
  /** An authenticated GET of an absolute ARM URL (a nextLink, an LRO monitor), with the retry policy. */
  get: (url: string, signal?: AbortSignal) => Promise<Response>;
  /** GETs a URL and parses its JSON body; a non-2xx answer becomes a typed error. */
  getJson: (url: string, signal?: AbortSignal) => Promise<unknown>;
  /** Values that must never appear in an error: the client secret, API keys read through this client. */
  secrets: SecretStore;
}

/**
 * ARM's plan for the one request pipeline (@qc/auth): its origin and token, a fresh
 * `x-ms-client-request-id` per call, and POSTs (listKeys, regenerateKey, checks, queries) never retried.
 */
export function createArmTransport(options: ArmTransportOptions): ArmTransport {
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const baseUrl = checkBaseUrl(
    'baseUrl',
    options.baseUrl ?? AZURE_RESOURCE_MANAGER_URL,
    allowInsecureLoopback,
    AZURE_RESOURCE_MANAGER_URL,
  );
  const timeoutMs = checkOptionalTimeLimit('timeoutMs', options.timeoutMs);
  const { provider, secrets: known } = resolveArmAuth(options.auth, {
    scope: options.scope,
    fetch: options.fetch,
    timeoutMs,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
    allowInsecureLoopback,
  });
  const secrets = new SecretStore(known);
  const pipeline = createPipeline({
    client: PACKAGE,
    provider,
    origins: [baseUrl],
    allowInsecureLoopback,
    fetch: options.fetch,
    timeoutMs,
    retry: options.retry,
    logger: options.logger,
    secrets,
    headers: () => ({ 'x-ms-client-request-id': randomUuid() }),
    errorDetails: azureErrorDetails,
    requestIdHeaders: AZURE_REQUEST_ID_HEADERS,
    safeQueryParameters: queryParameters,
  });
  const get = async (url: string, signal?: AbortSignal): Promise<Response> => {
    const answer = await pipeline.send({
      method: 'GET',
      url,
      headers: { accept: 'application/json' },
      authenticate: true,
      signal,
    });
    const nullBody = answer.status === 204 || answer.status === 304 || answer.body.byteLength === 0;
    return new Response(nullBody ? null : (answer.body as Uint8Array<ArrayBuffer>), {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };
  const getJson = async (url: string, signal?: AbortSignal): Promise<unknown> =>
    pipeline.json(
      await pipeline.send({
        method: 'GET',
        url,
        headers: { accept: 'application/json' },
        authenticate: true,
        signal,
      }),
    );
  return { baseUrl, client: createApiClient({ baseUrl, pipeline, pathRules }), get, getJson, secrets };
}
