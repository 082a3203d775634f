import {
  type ApiClient,
  AZURE_REQUEST_ID_HEADERS,
  azureErrorDetails,
  type ClientOptions,
  createApiClient,
  createPipeline,
  type Pipeline,
  type TokenProvider,
} from '@qc/auth';
import { checkOptionalTimeLimit, type ProviderErrorDetails, randomUuid, type SecretStore } from '@qc/core';
import { pathRules, queryParameters } from './generated/rules.gen.js';
import { PACKAGE } from './generated/version.gen.js';

/** Time limit of one blob upload or download when the client names none (inputs can be large). */
export const DEFAULT_STORAGE_TIMEOUT_MS = 5 * 60_000;

/** The shared client options (@qc/auth's `ClientOptions`); the base URL is the endpoint's business. */
export interface TransportOptions extends Omit<ClientOptions, 'baseUrl'> {
  /**
   * Time limit of each request in ms — connecting, headers and the whole body (default 30 000; blob
   * transfers 300 000). Token requests get the same limit.
   */
  timeoutMs?: number;
}

export interface Transport {
  endpoint: string;
  /** The client of the generated SDK functions: authenticated, retried, errors typed. */
  client: ApiClient;
  /** The data plane's pipeline, for nextLinks (the credential only on the endpoint's origin). */
  api: Pipeline;
  /** Blob storage: no credential at all, the SAS in the URL is the only one the storage host sees. */
  storage: Pipeline;
  secrets: SecretStore;
  allowInsecureLoopback: boolean;
}

/**
 * Azure Quantum's plan for the one request pipeline (@qc/auth): the data plane's origin and
 * credential, a fresh `x-ms-client-request-id` per call (the Azure SDK's correlation header), and its
 * error conventions; blob storage gets a pipeline of its own without any credential.
 */
export function createTransport(
  endpoint: string,
  provider: TokenProvider,
  secrets: SecretStore,
  options: TransportOptions,
): Transport {
  const timeoutMs = checkOptionalTimeLimit('timeoutMs', options.timeoutMs);
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const common = {
    client: PACKAGE,
    fetch: options.fetch,
    retry: options.retry,
    logger: options.logger,
    allowInsecureLoopback,
    secrets,
  };
  const api = createPipeline({
    ...common,
    provider,
    origins: [endpoint],
    timeoutMs,
    headers: () => ({ 'x-ms-client-request-id': randomUuid() }),
    errorDetails: azureErrorDetails,
    requestIdHeaders: AZURE_REQUEST_ID_HEADERS,
    safeQueryParameters: queryParameters,
  });
  const storage = createPipeline({
    ...common,
    timeoutMs: timeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS,
    errorDetails: storageErrorDetails,
    requestIdHeaders: AZURE_REQUEST_ID_HEADERS,
    safeQueryParameters: SAS_FIELDS,
  });
  return {
    endpoint,
    client: createApiClient({ baseUrl: endpoint, pipeline: api, pathRules }),
    api,
    storage,
    secrets,
    allowInsecureLoopback,
  };
}

/**
 * The fields of a SAS URL that grant nothing by themselves (version, resource, permissions, times,
 * protocol) and the Blob API's own `restype`/`comp`: shown in errors, while `sig` stays REDACTED.
 */
const SAS_FIELDS = ['sv', 'sr', 'sp', 'se', 'st', 'spr', 'restype', 'comp'];

/** Storage answers errors in XML (`<Error><Code>…</Code><Message>…</Message></Error>`). */
function storageErrorDetails(body: unknown, headers: Headers): ProviderErrorDetails | undefined {
  const text = typeof body === 'string' ? body : '';
  const tag = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1]?.trim();
  const code = tag('Code') ?? headers.get('x-ms-error-code') ?? undefined;
  // The message's first line is the useful one; later lines carry request ids and timestamps.
  const message = tag('Message')?.split(/\r?\n/, 1)[0];
  return code === undefined && message === undefined ? undefined : { code, message };
}
