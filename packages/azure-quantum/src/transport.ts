import { authFetch, type FetchLike, heyApiAuth, type TokenProvider } from '@qc/auth';
import {
  bodyExcerpt,
  copyHeaders,
  createErrorInterceptor,
  InvalidArgumentError,
  type RetryOptions,
  withRetry,
} from '@qc/core';
import { type Client, createClient, createConfig } from './generated/client/index.js';

export interface TransportOptions {
  /** The fetch requests go out with (default: `globalThis.fetch`, looked up per request). */
  fetch?: FetchLike;
  /** Per-request time limit in ms (each attempt of a retried request gets its own). */
  timeoutMs?: number;
  /** Retry policy for 429/5xx/network failures of idempotent requests; `false` disables it. */
  retry?: RetryOptions | false;
  /** Accept `http:` on loopback hosts (local mock servers) for every URL the client talks to. */
  allowInsecureLoopback?: boolean;
}

/** Secrets an error must never show; SAS signatures are added as the client meets them (bounded). */
export class SecretSet {
  /** The client's own credentials (API key, client secret): kept for the client's whole life. */
  readonly #permanent: Set<string>;
  readonly #values = new Set<string>();
  constructor(initial: readonly string[]) {
    this.#permanent = new Set(initial.filter((value) => value && value.length >= 4));
  }
  add(value: string | undefined | null): void {
    if (!value || value.length < 4) return;
    this.#values.delete(value);
    this.#values.add(value);
    // A long-running process meets a SAS per job; keep the most recent ones only.
    if (this.#values.size > 64) this.#values.delete(this.#values.values().next().value as string);
  }
  values(): string[] {
    return [...this.#permanent, ...this.#values];
  }
}

export interface Transport {
  endpoint: string;
  /** The generated client: authenticated, retried, errors typed. */
  client: Client;
  /** Authenticated fetch for nextLinks (same origin as the endpoint only). */
  pageFetch: FetchLike;
  /** Unauthenticated fetch for blob storage: the SAS in the URL is the only credential sent there. */
  storageFetch: FetchLike;
  /** The fetch token requests go out with (timed, no retry wrapper: providers retry themselves). */
  tokenFetch: FetchLike;
  secrets: SecretSet;
  allowInsecureLoopback: boolean;
}

/**
 * Builds the request path: SDK function → hey-api client → auth (token or API key only on the data
 * plane's origin, one refresh + retry after a 401) → retry policy → per-request timeout → fetch.
 */
export function createTransport(
  endpoint: string,
  provider: TokenProvider,
  secrets: SecretSet,
  options: TransportOptions,
): Transport {
  const timed = createTimedFetch(options);
  // With `retry: false` the wrapper still runs, with no retries: it removes qc's own retry header.
  const retried = withRetry(timed, options.retry === false ? { maxRetries: 0 } : (options.retry ?? {}));
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const originOptions = { baseUrl: endpoint, fetch: retried, allowInsecureLoopback };
  const auth = heyApiAuth(provider, originOptions);
  const client = createClient(
    createConfig({ baseUrl: endpoint, auth: auth.auth, fetch: auth.fetch as typeof fetch }),
  );
  client.interceptors.error.use(azureErrorInterceptor(secrets));
  return {
    endpoint,
    client,
    pageFetch: authFetch(provider, originOptions),
    storageFetch: retried,
    tokenFetch: timed,
    secrets,
    allowInsecureLoopback,
  };
}

/** The user's fetch (looked up per call, so msw installed later applies) with an optional deadline. */
export function createTimedFetch(options: TransportOptions): FetchLike {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new InvalidArgumentError('fetch must be a function');
  }
  const base: FetchLike = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const timeoutMs = options.timeoutMs;
  if (timeoutMs === undefined) return base;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new InvalidArgumentError('timeoutMs must be a positive number of milliseconds');
  }
  return (input, init) => {
    const request = new Request(input, init);
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    return base(new Request(request, { headers: copyHeaders(request.headers), signal }));
  };
}

/**
 * Typed errors for the generated client. Azure puts the error code in `x-ms-error-code` too, and a
 * 401 comes with an empty body whose only explanation is the `WWW-Authenticate` challenge (an expired
 * token, a token for another audience): those fill in for the missing envelope.
 */
function azureErrorInterceptor(secrets: SecretSet) {
  const toQcError = createErrorInterceptor({ secrets: () => secrets.values() });
  return (error: unknown, response: Response | undefined, request: Request): unknown => {
    const hasEnvelope = error !== null && typeof error === 'object' && 'error' in error;
    if (response === undefined || hasEnvelope) return toQcError(error, response, request);
    const code = response.headers.get('x-ms-error-code') ?? undefined;
    const text =
      typeof error === 'string' && error.trim() !== '' ? bodyExcerpt(error, secrets.values()) : undefined;
    const challenge = describeChallenge(response.headers.get('www-authenticate'));
    if (code === undefined && (text !== undefined || challenge === undefined)) {
      return toQcError(error, response, request);
    }
    const message = text ?? challenge ?? 'the response had no body';
    return toQcError({ error: { code, message } }, response, request);
  };
}

/** `Bearer error="invalid_token", error_description="…"` → the description (or the error). */
function describeChallenge(header: string | null): string | undefined {
  if (!header) return undefined;
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1] || undefined;
  return field('error_description') ?? field('error');
}
