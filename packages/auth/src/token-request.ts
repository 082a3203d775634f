import {
  bodyExcerpt,
  parseMaybeJson,
  parseProviderError,
  parseRetryAfter,
  redactUrl,
  requestIdFrom,
  sleep,
} from '@qc/core';
import { AuthError } from './auth-error.js';
import { AZURE_REQUEST_ID_HEADERS } from './azure.js';
import type { AuthFlow, FetchLike } from './types.js';

/** Retries after a 429, 5xx or network error when the caller did not say (three attempts in all). */
export const DEFAULT_TOKEN_RETRIES = 2;

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;

export interface TokenEndpointCall {
  flow: AuthFlow;
  url: string;
  /** Form fields (OAuth token endpoints) or a JSON object (QCi). */
  body: URLSearchParams | Record<string, string>;
  /** Every value that must never appear in an error: password, secrets, refresh token. */
  secrets: readonly (string | undefined)[];
  /** The shared request's signal: fires when its time limit is reached. */
  signal: AbortSignal;
  /** The longest Retry-After worth waiting for; longer ones fail at once (the time limit). */
  maxWaitMs: number;
  fetch?: FetchLike | undefined;
  maxRetries?: number | undefined;
}

export interface TokenEndpointResult {
  /** The parsed JSON object of a 2xx response. */
  body: Record<string, unknown>;
  /** When the response arrived (epoch ms, local clock): lifetimes count from here. */
  receivedAt: number;
  headers: Headers;
}

/**
 * POSTs to a token endpoint and returns the JSON body of its 2xx answer. Retries 429 (honouring
 * Retry-After), 408, 5xx and network errors a few times with jittered backoff; every failure becomes an
 * {@link AuthError} that carries the identity provider's error fields and nothing secret.
 */
export async function callTokenEndpoint(call: TokenEndpointCall): Promise<TokenEndpointResult> {
  const maxRetries = call.maxRetries ?? DEFAULT_TOKEN_RETRIES;
  const isForm = call.body instanceof URLSearchParams;
  const shownUrl = redactUrl(call.url);
  for (let attempt = 0; ; attempt++) {
    if (call.signal.aborted) throw call.signal.reason;
    let response: Response;
    try {
      const fetchFn = call.fetch ?? globalThis.fetch;
      response = await fetchFn(call.url, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
        },
        body: isForm ? call.body.toString() : JSON.stringify(call.body),
        signal: call.signal,
        // A redirected POST would re-send the password or secret to wherever the redirect points: a
        // redirect is reported as an error instead (browsers show it as status 0, `opaqueredirect`).
        redirect: 'manual',
      });
    } catch (error) {
      if (call.signal.aborted) throw call.signal.reason;
      if (attempt < maxRetries) {
        await sleep(backoff(attempt), call.signal);
        continue;
      }
      throw new AuthError({
        flow: call.flow,
        reason: 'network',
        summary: `token request to ${shownUrl} failed before a response arrived`,
        url: call.url,
        secrets: call.secrets,
        cause: error,
      });
    }
    const receivedAt = Date.now();

    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers, receivedAt);
      if (RETRYABLE_STATUSES.has(response.status) && attempt < maxRetries) {
        const delay = retryAfterMs ?? backoff(attempt);
        if (delay <= call.maxWaitMs) {
          discard(response);
          await sleep(delay, call.signal);
          continue;
        }
      }
      throw await rejection(call, response, retryAfterMs);
    }

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (call.signal.aborted) throw call.signal.reason;
      throw new AuthError({
        flow: call.flow,
        reason: 'network',
        summary: `token response from ${shownUrl} broke off`,
        url: call.url,
        status: response.status,
        secrets: call.secrets,
        cause: error,
      });
    }
    const parsed = parseMaybeJson(text, 'application/json');
    if (!isRecord(parsed)) {
      throw new AuthError({
        flow: call.flow,
        reason: 'invalid-response',
        summary: `token endpoint ${shownUrl} answered with a body that is not a JSON object`,
        url: call.url,
        status: response.status,
        requestId: requestIdOf(response.headers, undefined),
        secrets: call.secrets,
      });
    }
    return { body: parsed, receivedAt, headers: response.headers };
  }
}

/** The error for a 2xx token response that lacks a usable field. */
export function missingField(
  call: Pick<TokenEndpointCall, 'flow' | 'url' | 'secrets'>,
  result: TokenEndpointResult,
  field: string,
): AuthError {
  const token = result.body.access_token;
  return new AuthError({
    flow: call.flow,
    reason: 'invalid-response',
    summary: `token endpoint ${redactUrl(call.url)} answered without a usable ${field}`,
    url: call.url,
    status: 200,
    requestId: requestIdOf(result.headers, result.body),
    secrets: [...call.secrets, typeof token === 'string' ? token : undefined],
  });
}

/** Builds the AuthError for an error status from the body's OAuth / Entra / plain-text shape. */
async function rejection(
  call: TokenEndpointCall,
  response: Response,
  retryAfterMs: number | undefined,
): Promise<AuthError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The status alone still says what happened.
  }
  const parsed = parseMaybeJson(text, response.headers.get('content-type'));
  const body = isRecord(parsed) ? parsed : undefined;
  const details = parseProviderError(body);
  // Short plain-text answers ("Unauthorized") say something; HTML error pages are left out.
  const plainText =
    body === undefined && (response.headers.get('content-type') ?? '').startsWith('text/plain');
  const description =
    details.message ?? (plainText && text.trim() ? bodyExcerpt(text, call.secrets, 200) : undefined);
  return new AuthError({
    flow: call.flow,
    reason: 'rejected',
    summary:
      response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)
        ? `token endpoint ${redactUrl(call.url)} answered with a redirect, which token requests never follow`
        : `token request to ${redactUrl(call.url)} was refused`,
    url: call.url,
    status: response.status,
    error: details.code,
    errorDescription: description,
    aadstsCode: aadstsCodeOf(body, description),
    requestId: requestIdOf(response.headers, body),
    correlationId: typeof body?.correlation_id === 'string' ? body.correlation_id : undefined,
    retryAfterMs,
    secrets: call.secrets,
  });
}

/** Entra ID's AADSTS code: `error_codes[0]`, else the first `AADSTSnnnn` in the description. */
function aadstsCodeOf(body: Record<string, unknown> | undefined, description: string | undefined) {
  const codes = body?.error_codes;
  const first: unknown = Array.isArray(codes) ? codes[0] : undefined;
  if (typeof first === 'number' && Number.isInteger(first)) return `AADSTS${first}`;
  return description?.match(/\bAADSTS\d+\b/)?.[0];
}

function requestIdOf(headers: Headers, body: Record<string, unknown> | undefined): string | undefined {
  // Entra names its request in `x-ms-request-id` and, in error bodies, `trace_id`.
  return (
    requestIdFrom(headers, AZURE_REQUEST_ID_HEADERS) ??
    (typeof body?.trace_id === 'string' ? body.trace_id : undefined)
  );
}

/** Exponential backoff with jitter in [d/2, d], so callers that failed together do not retry together. */
function backoff(attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Releases a body that will not be read. Not awaited: a cancel can wait on the producer (msw's mocked
 * streams never settle it), and nothing depends on it finishing.
 */
function discard(response: Response): void {
  if (response.body === null || response.bodyUsed) return;
  response.body.cancel().catch(() => undefined);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
