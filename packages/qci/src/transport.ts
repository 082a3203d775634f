import {
  type AuthFetchOptions,
  cleanPastedToken,
  heyApiAuth,
  qciRefreshToken,
  type TokenProvider,
} from '@qc/auth';
import {
  checkBaseUrl,
  copyHeaders,
  createErrorInterceptor,
  InvalidArgumentError,
  type RetryOptions,
  withRetry,
} from '@qc/core';
import { type Client, createClient, createConfig } from './generated/client/index.js';

/** QCi's production API. QCi's own client reads `QCI_API_URL`; older documentation used api.qci-next.com. */
export const QCI_PRODUCTION_URL = 'https://api.qci-prod.com';

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface QciTransportOptions {
  /**
   * Base URL of the API (a path prefix is kept). Default: the `QCI_API_URL` environment variable when
   * the runtime has one, else {@link QCI_PRODUCTION_URL}. Must be `https:`, except on loopback.
   */
  url?: string;
  /**
   * QCi's long-lived API token, exchanged for access tokens as needed (refreshed 10 minutes before
   * they expire). Default: the `QCI_TOKEN` environment variable — only when `url` is not given either
   * (so it comes from `QCI_API_URL` or is production). Ignored when `auth` is given.
   */
  refreshToken?: string;
  /** Any @qc/auth token provider instead of the refresh-token exchange. */
  auth?: TokenProvider;
  /** The fetch requests go out with (default: `globalThis.fetch`, looked up per request). */
  fetch?: FetchLike;
  /**
   * Per-request time limit in ms. Also sent as `X-Request-Timeout-Nano`, as QCi's client does, so the
   * service knows when the caller gives up.
   */
  timeoutMs?: number;
  /** Retry policy for 429/5xx/network failures of idempotent requests (GET, part uploads); `false` disables. */
  retry?: RetryOptions | false;
  /** Accept `http://127.0.0.1` and other loopback URLs (local mock servers). */
  allowInsecureLoopback?: boolean;
}

export interface QciTransport {
  url: string;
  client: Client;
  /** Values the client sent that must never appear in an error. */
  secrets: Set<string>;
}

/**
 * The request path: SDK function → hey-api client → auth (token only on secured operations, one
 * refresh + retry after a 401) → retry policy → timeout header → fetch.
 */
export function createQciTransport(options: QciTransportOptions): QciTransport {
  const url = resolveBaseUrl(
    options.url ?? environmentVariable('QCI_API_URL') ?? QCI_PRODUCTION_URL,
    options.allowInsecureLoopback === true,
  );
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new InvalidArgumentError('timeoutMs must be a positive number of milliseconds');
  }
  const base = options.fetch;
  const transport: FetchLike = (input, init) => (base ?? globalThis.fetch)(input, init);
  const timed = options.timeoutMs === undefined ? transport : withTimeout(transport, options.timeoutMs);
  // With `retry: false` the wrapper still runs, with no retries: it removes qc's own retry header.
  const retried = withRetry(timed, options.retry === false ? { maxRetries: 0 } : (options.retry ?? {}));

  // QCI_TOKEN is only sent where QCI_API_URL (or production) points: a client aimed at another URL
  // (staging, a local mock) never picks up the developer's real token by accident.
  const urlFromEnvironment = options.url === undefined;
  const refreshToken =
    options.refreshToken ??
    (options.auth || !urlFromEnvironment ? undefined : environmentVariable('QCI_TOKEN'));
  const provider =
    options.auth ??
    (refreshToken === undefined
      ? undefined
      : qciRefreshToken({
          url,
          refreshToken,
          fetch: timed,
          allowInsecureLoopback: options.allowInsecureLoopback,
        }));
  const originOptions: AuthFetchOptions = {
    baseUrl: url,
    fetch: retried,
    allowInsecureLoopback: options.allowInsecureLoopback,
  };
  const authConfig = provider ? heyApiAuth(provider, originOptions) : { fetch: retried };

  const client = createClient(
    createConfig({ baseUrl: url, ...authConfig, fetch: authConfig.fetch as typeof fetch }),
  );
  const secrets = new Set<string>();
  if (refreshToken) {
    secrets.add(refreshToken);
    secrets.add(cleanPastedToken(refreshToken));
  }
  client.interceptors.error.use(createErrorInterceptor({ secrets: () => secrets }));
  return { url, client, secrets };
}

/** Gives every request a deadline, and tells QCi about it in nanoseconds. */
function withTimeout(inner: FetchLike, timeoutMs: number): FetchLike {
  const nanos = String(BigInt(Math.round(timeoutMs)) * 1_000_000n);
  return (input, init) => {
    const request = new Request(input, init);
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    const headers = copyHeaders(request.headers);
    headers.set('X-Request-Timeout-Nano', nanos);
    return inner(new Request(request, { headers, signal }));
  };
}

function resolveBaseUrl(raw: string, allowInsecureLoopback: boolean): string {
  return checkBaseUrl('url', raw, allowInsecureLoopback, QCI_PRODUCTION_URL);
}

function environmentVariable(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value === '' ? undefined : value;
}
