import {
  type ApiClient,
  type ClientOptions,
  cleanPastedToken,
  createApiClient,
  createPipeline,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  qciRefreshToken,
  type TokenProvider,
} from '@qc/auth';
import {
  checkBaseUrl,
  checkOptionalTimeLimit,
  InvalidArgumentError,
  type RetryOptions,
  SecretStore,
} from '@qc/core';
import { pathRules, queryParameters } from './generated/rules.gen.js';
import { PACKAGE } from './generated/version.gen.js';

/** QCi's production API. QCi's own client reads `QCI_API_URL`; older documentation used api.qci-next.com. */
export const QCI_PRODUCTION_URL = 'https://api.qci-prod.com';

export interface QciTransportOptions extends Omit<ClientOptions, 'dangerouslyAllowBrowser'> {
  /**
   * Base URL of the API (a path prefix is kept). Default: the `QCI_API_URL` environment variable when
   * the runtime has one, else {@link QCI_PRODUCTION_URL}. Must be `https:`, except on loopback.
   */
  baseUrl?: string;
  /**
   * QCi's long-lived API token, exchanged for access tokens as needed (refreshed 10 minutes before
   * they expire). Default: the `QCI_TOKEN` environment variable — only when `baseUrl` is not given
   * either (so it comes from `QCI_API_URL` or is production). Ignored when `auth` is given.
   */
  refreshToken?: string;
  /** Any @qc/auth token provider instead of the refresh-token exchange. */
  auth?: TokenProvider;
  /**
   * Time limit of each request in ms — connecting, headers and the whole body (default 30 000). Also
   * sent as `X-Request-Timeout-Nano`, as QCi's client does, so the service knows when the caller gives
   * up. The token exchange gets the same limit.
   */
  timeoutMs?: number;
  /** Retry policy for 429/5xx/network failures of idempotent requests (GET, part uploads); `false` disables. */
  retry?: RetryOptions | false;
}

export interface QciTransport {
  /** The base URL every request goes to. */
  baseUrl: string;
  client: ApiClient;
  /** Values the client sent that must never appear in an error. */
  secrets: SecretStore;
}

/** What a lost job submission leaves the caller to do: QCi has no job listing to search. */
const SUBMIT_RECOVERY =
  'QCi has no job listing; look for the job in the QCi dashboard, or compare allocations(), before submitting it again';

/**
 * QCi's plan for the one request pipeline (@qc/auth): its origin, the refresh-token exchange, job
 * submission as the one route that is never retried, and the timeout header.
 */
export function createQciTransport(options: QciTransportOptions): QciTransport {
  // A renamed option left in an object spread would otherwise be ignored, and the client would send its
  // credential to QCI_API_URL or production instead of where the caller meant.
  if ('url' in options) throw new InvalidArgumentError('the option "url" is now "baseUrl"');
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const url = checkBaseUrl(
    'baseUrl',
    options.baseUrl ?? environmentVariable('QCI_API_URL') ?? QCI_PRODUCTION_URL,
    allowInsecureLoopback,
    QCI_PRODUCTION_URL,
  );
  const timeoutMs = checkOptionalTimeLimit('timeoutMs', options.timeoutMs);

  // QCI_TOKEN is only sent where QCI_API_URL (or production) points: a client aimed at another URL
  // (staging, a local mock) never picks up the developer's real token by accident.
  const urlFromEnvironment = options.baseUrl === undefined;
  const refreshToken =
    options.refreshToken ??
    (options.auth || !urlFromEnvironment ? undefined : environmentVariable('QCI_TOKEN'));
  const tokenLimitMs = timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The token exchange tells the service its limit too (its headers are a plain object, see
  // callTokenEndpoint): added to the init, no Request is rebuilt.
  const tokenFetch: FetchLike = (input, init) =>
    (options.fetch ?? globalThis.fetch)(input, {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string>),
        'x-request-timeout-nano': nanoseconds(tokenLimitMs),
      },
    });
  const provider =
    options.auth ??
    (refreshToken === undefined
      ? undefined
      : qciRefreshToken({
          baseUrl: url,
          refreshToken,
          fetch: tokenFetch,
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          allowInsecureLoopback,
        }));
  const secrets = new SecretStore();
  if (refreshToken) {
    secrets.addPermanent(refreshToken);
    secrets.addPermanent(cleanPastedToken(refreshToken));
  }
  const jobsPath = `${new URL(url).pathname.replace(/\/+$/, '')}/optimization/v1/jobs`;
  const pipeline = createPipeline({
    client: PACKAGE,
    provider,
    origins: [url],
    allowInsecureLoopback,
    fetch: options.fetch,
    timeoutMs,
    retry: options.retry,
    logger: options.logger,
    secrets,
    safeQueryParameters: queryParameters,
    submission: (method, target) =>
      method === 'POST' && target.pathname === jobsPath
        ? { operation: 'submitJob', recovery: SUBMIT_RECOVERY }
        : undefined,
    // QCi's client tells the service when it gives up, in nanoseconds.
    headers: ({ timeoutMs: limit }): Record<string, string> =>
      limit === undefined ? {} : { 'x-request-timeout-nano': nanoseconds(limit) },
  });
  return { baseUrl: url, client: createApiClient({ baseUrl: url, pipeline, pathRules }), secrets };
}

function nanoseconds(ms: number): string {
  return `${Math.round(ms)}000000`;
}

/** An environment variable where the runtime has them; never throws (Deno without --allow-env). */
function environmentVariable(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
