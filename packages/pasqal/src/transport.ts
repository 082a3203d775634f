import { heyApiAuth, type TokenProvider } from '@qc/auth';
import {
  copyHeaders,
  InvalidArgumentError,
  RETRY_HEADER,
  type RetryOptions,
  TimeoutError,
  withRetry,
} from '@qc/core';
import { missingCredentials, type PasqalAuth, type PasqalTokenOptions, pasqalTokenProvider } from './auth.js';
import { type PasqalEnvironment, type PasqalEnvironmentName, resolveEnvironment } from './environments.js';
import { createPasqalErrorInterceptor } from './errors.js';
import { type Client, createClient, createConfig } from './generated/client/index.js';

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Pasqal's SDK's time limit for every authenticated request. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Time limit of createBatch, addJobs and rebatch. Creating a batch can take longer on the server than
 * 30 s, and a client that gives up and resends creates a duplicate (pasqal-io/pasqal-cloud#285, which
 * proposes 5 minutes for create-batch).
 */
export const DEFAULT_SUBMIT_TIMEOUT_MS = 5 * 60_000;
/** Statuses retried on idempotent requests: Pasqal's SDK's set (408, 425, 429, 500, 502, 504) and 503. */
export const PASQAL_RETRYABLE_STATUSES: readonly number[] = [408, 425, 429, 500, 502, 503, 504];

export interface PasqalTransportOptions {
  /** One of the five named environments (default `prod`), or a custom one. */
  environment?: PasqalEnvironmentName | PasqalEnvironment;
  /**
   * `{ username, password }` (a user), `{ clientId, clientSecret }` (a service account), or any @qc/auth
   * token provider. Without it only the public device routes work.
   */
  auth?: PasqalAuth;
  /** Settings of the built-in token providers (their own fetch, time limit, retries, refresh margin). */
  tokenOptions?: Omit<PasqalTokenOptions, 'allowInsecureLoopback'>;
  /** The fetch requests go out with (default: `globalThis.fetch`, looked up per request). */
  fetch?: FetchLike;
  /** Time limit of each request, in ms (default 30 000, as Pasqal's SDK). */
  timeoutMs?: number;
  /** Time limit of createBatch, addJobs and rebatch, in ms (default 300 000). */
  submitTimeoutMs?: number;
  /**
   * Retry policy for 408/425/429/5xx and network failures of idempotent requests (GET, and the PATCH/PUT
   * cancels, close and tags, whose repetition has the same effect); `false` disables it. POST requests
   * (create batch, add jobs, rebatch, create workload) are never retried, whatever this says.
   */
  retry?: RetryOptions | false;
  /**
   * Send the bodies of createBatch and addJobs gzip-compressed with `Content-Encoding: gzip`, as
   * Pasqal's SDK does by default since 0.22.0 (its `PASQAL_SKIP_GZIP_REQUEST_BODY` turns it off).
   * Default true.
   */
  gzip?: boolean;
  /** Accept `http://127.0.0.1` and other loopback URLs in a custom environment (local mock servers). */
  allowInsecureLoopback?: boolean;
}

export interface PasqalTransport {
  environment: PasqalEnvironment;
  /** hey-api client of the core API. */
  client: Client;
  /** hey-api client of the account API (listProjects, getAuthInfo). */
  accountClient: Client;
  /** Plain fetch (no credential, retried GETs, time limit) for presigned downloads. */
  download: FetchLike;
  provider: TokenProvider;
  secrets: Set<string>;
}

/** A submission route: never retried, longer time limit, and maybe gzip-compressed. */
interface RoutePolicy {
  submit: boolean;
  gzip: boolean;
}

/**
 * The request path: SDK function → hey-api client → auth (token only on secured operations, on the
 * environment's origins; one refresh + resend after a 401) → retry (never for POST) → route policy
 * (time limit per attempt, gzip) → fetch.
 */
export function createPasqalTransport(options: PasqalTransportOptions): PasqalTransport {
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const environment = resolveEnvironment(options.environment, { allowInsecureLoopback });
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const submitTimeoutMs = positive('submitTimeoutMs', options.submitTimeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new InvalidArgumentError('fetch must be a function');
  }
  const base: FetchLike = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const corePath = new URL(environment.coreUrl);
  const policyOf = (request: Request): RoutePolicy | undefined => routePolicy(request, corePath);

  const routed = withRoutePolicy(base, policyOf, { timeoutMs, submitTimeoutMs, gzip: options.gzip ?? true });
  const retry: RetryOptions = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  const retried = withRetry(routed, {
    retryableStatuses: PASQAL_RETRYABLE_STATUSES,
    ...retry,
    // Reads only. Cancels are not idempotent in their answers: a cancel resent after a 502 that had
    // already worked answers 400 "is CANCELED and cannot be cancelled".
    isRetryable: retry.isRetryable ?? ((request) => request.method === 'GET' || request.method === 'HEAD'),
  });
  // POSTs create things: a resend after a timeout is how users got duplicate batches. No opt-in.
  const guarded: FetchLike = (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    if (request.method !== 'POST') return retried(request);
    const headers = copyHeaders(request.headers);
    headers.set(RETRY_HEADER, 'never');
    return retried(new Request(request, { headers }));
  };

  const provider =
    options.auth === undefined
      ? missingCredentials(environment)
      : pasqalTokenProvider(environment, options.auth, {
          fetch: options.fetch,
          ...options.tokenOptions,
          allowInsecureLoopback,
        });
  const secrets = new Set<string>();
  const auth = options.auth as Record<string, unknown> | undefined;
  for (const key of ['password', 'clientSecret']) {
    if (typeof auth?.[key] === 'string' && auth[key] !== '') secrets.add(auth[key] as string);
  }
  // Tokens too, whatever their provider: a service that echoes the bearer token back in an error body
  // must not put it into an error message.
  const remembering: typeof provider = {
    getToken: async (tokenOptions) => {
      const token = await provider.getToken(tokenOptions);
      secrets.add(token.token);
      return token;
    },
  };
  const authConfig = heyApiAuth(remembering, {
    origins: [...new Set([new URL(environment.coreUrl).origin, new URL(environment.accountUrl).origin])],
    fetch: guarded,
    allowInsecureLoopback,
  });
  const interceptor = createPasqalErrorInterceptor(() => secrets);
  const makeClient = (baseUrl: string) => {
    const client = createClient(
      createConfig({ baseUrl, ...authConfig, fetch: authConfig.fetch as typeof fetch }),
    );
    client.interceptors.error.use(interceptor);
    return client;
  };

  const download = withRetry(withTimeout(base, timeoutMs), {
    retryableStatuses: PASQAL_RETRYABLE_STATUSES,
    ...(options.retry === false ? { maxRetries: 0 } : (options.retry ?? {})),
  });

  return {
    environment,
    client: makeClient(environment.coreUrl),
    accountClient: makeClient(environment.accountUrl),
    download,
    provider,
    secrets,
  };
}

/** Which core routes are submissions, by method and path (so generated SDK calls get the policy too). */
function routePolicy(request: Request, core: URL): RoutePolicy | undefined {
  if (request.method !== 'POST') return undefined;
  const url = new URL(request.url);
  const prefix = core.pathname.replace(/\/+$/, '');
  if (url.origin !== core.origin || !url.pathname.startsWith(`${prefix}/`)) return undefined;
  const path = url.pathname.slice(prefix.length);
  if (path === '/api/v1/batches') return { submit: true, gzip: true };
  if (/^\/api\/v2\/batches\/[^/]+\/jobs$/.test(path)) return { submit: true, gzip: true };
  if (/^\/api\/v1\/batches\/[^/]+\/rebatch$/.test(path)) return { submit: true, gzip: false };
  return undefined;
}

/** Per-attempt time limits (longer for submissions) and gzip bodies on the routes that accept them. */
function withRoutePolicy(
  inner: FetchLike,
  policyOf: (request: Request) => RoutePolicy | undefined,
  settings: { timeoutMs: number; submitTimeoutMs: number; gzip: boolean },
): FetchLike {
  return async (input, init) => {
    let request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const policy = policyOf(request);
    if (policy?.gzip && settings.gzip && request.body !== null) {
      const plain = await request.arrayBuffer();
      const headers = copyHeaders(request.headers);
      headers.set('content-encoding', 'gzip');
      headers.delete('content-length');
      request = new Request(request, { headers, body: await gzip(plain) });
    }
    return timed(inner, request, policy?.submit ? settings.submitTimeoutMs : settings.timeoutMs);
  };
}

function withTimeout(inner: FetchLike, timeoutMs: number): FetchLike {
  return (input, init) =>
    timed(
      inner,
      input instanceof Request && init === undefined ? input : new Request(input, init),
      timeoutMs,
    );
}

/** Sends `request` with a time limit; running out of time is a TimeoutError naming the request. */
async function timed(inner: FetchLike, request: Request, timeoutMs: number): Promise<Response> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([request.signal, deadline]);
  try {
    return await inner(new Request(request, { signal }));
  } catch (error) {
    if (deadline.aborted && !request.signal.aborted) {
      const url = new URL(request.url);
      throw new TimeoutError(
        `${request.method} ${url.origin}${url.pathname} got no response within ${timeoutMs} ms`,
        { cause: error },
      );
    }
    throw error;
  }
}

async function gzip(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new InvalidArgumentError(`${name} must be a positive number of milliseconds`);
  }
  return value;
}
