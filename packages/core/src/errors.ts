import { bodyExcerpt, redactCredentials, redactSecrets, redactUrl } from './redact.js';

/** Base of every error thrown by qc packages. */
export class QcError extends Error {
  /** The class name (`'HttpError'`, `'AuthError'`, …), set as a literal so minified bundles keep it. */
  override name = 'QcError';
}

/** What an error body said: a code and a message, from a standard envelope or a provider's own. */
export interface ProviderErrorDetails {
  /** Machine-readable error code (`invalid_grant`, `InvalidJobDefinition`, …). */
  code?: string;
  /** Human-readable explanation, as the service wrote it. */
  message?: string;
}

/** What {@link HttpError} (and {@link createHttpError}) is built from: the request and what came back. */
export interface HttpErrorInit {
  /** Request method, any case (shown upper-case). */
  method: string;
  /** Request URL; redacted before it is stored or shown. */
  url: string | URL;
  /** Response status code. */
  status: number;
  /** Response status text; empty when omitted (HTTP/2 has none). */
  statusText?: string;
  /** The response body: already parsed JSON, or text. */
  body?: unknown;
  /** Response headers; the request id is read from them unless `requestId` is given. */
  headers?: Headers;
  /** Values that must never appear in the error (tokens, secrets the request carried). */
  secrets?: readonly (string | undefined)[];
  /** The provider's own error envelope, when a package parsed it itself. */
  details?: ProviderErrorDetails;
  /** The request id, when the caller read it from the provider's own header (default: {@link requestIdFrom}). */
  requestId?: string | undefined;
  /** Lower-case query parameter names whose values may be shown in the URL (see `redactUrl`). */
  safeQueryParameters?: readonly string[] | undefined;
}

/**
 * A non-2xx HTTP response. Carries the status, the provider's error code and message when the body is
 * JSON, the request method and URL (query values redacted), and a short excerpt of a non-JSON body.
 */
export class HttpError extends QcError {
  override name = 'HttpError';
  /** Response status code. */
  readonly status: number;
  /** Response status text; empty when the server sent none (HTTP/2 never does). */
  readonly statusText: string;
  /** Request method, upper-case. */
  readonly method: string;
  /** Request URL with user info removed and sensitive query values redacted. */
  readonly url: string;
  /** Error code (OAuth `error`, a top-level `code`, or the provider's envelope), when the body had one. */
  readonly code: string | undefined;
  /** Provider error message, when the body had one (credentials redacted). */
  readonly serviceMessage: string | undefined;
  /** Short excerpt of the body when it was not a recognised JSON error (HTML error pages, text). */
  readonly bodyExcerpt: string | undefined;
  /** Correlation id the service returned, for support requests. */
  readonly requestId: string | undefined;

  constructor(init: HttpErrorInit) {
    const method = init.method.toUpperCase();
    const secrets = init.secrets ?? [];
    // A secret can sit in a path segment too (e.g. a key in a webhook URL), not only in the query.
    const url = redactSecrets(redactUrl(init.url, init.safeQueryParameters), secrets);
    const details = init.details ?? parseProviderError(init.body);
    const serviceMessage =
      details.message === undefined ? undefined : redactCredentials(redactSecrets(details.message, secrets));
    const code = details.code === undefined ? undefined : redactSecrets(details.code, secrets);
    const excerpt =
      serviceMessage === undefined && init.body !== undefined && init.body !== null && init.body !== ''
        ? bodyExcerpt(typeof init.body === 'string' ? init.body : safeStringify(init.body), secrets)
        : undefined;
    const statusText = init.statusText ?? '';
    const summary = [
      `${method} ${url} failed with HTTP ${init.status}${statusText ? ` ${statusText}` : ''}`,
      code ? `[${code}]` : undefined,
      serviceMessage ?? (excerpt ? `body: ${excerpt}` : undefined),
    ]
      .filter(Boolean)
      .join(' ');
    super(summary);
    this.status = init.status;
    this.statusText = statusText;
    this.method = method;
    this.url = url;
    this.code = code;
    this.serviceMessage = serviceMessage;
    this.bodyExcerpt = excerpt;
    this.requestId = init.requestId ?? requestIdFrom(init.headers);
  }

  /** The fields worth logging, all already redacted; `JSON.stringify(error)` calls this. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      code: this.code,
      serviceMessage: this.serviceMessage,
      bodyExcerpt: this.bodyExcerpt,
      requestId: this.requestId,
    };
  }
}

/** HTTP 400: the service rejected the request as malformed or invalid. */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
}
/** HTTP 401: the credential was missing, expired or rejected. */
export class AuthenticationError extends HttpError {
  override name = 'AuthenticationError';
}
/** HTTP 403: the credential is valid but not allowed to do this. */
export class PermissionDeniedError extends HttpError {
  override name = 'PermissionDeniedError';
}
/** HTTP 404: no such resource (or the caller may not see it). */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
}
/** HTTP 409: the request conflicts with the resource's current state. */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
}
/** HTTP 422: the body was well-formed but the service could not accept its content. */
export class UnprocessableEntityError extends HttpError {
  override name = 'UnprocessableEntityError';
}
/** HTTP 429: too many requests. */
export class RateLimitError extends HttpError {
  override name = 'RateLimitError';
  /** How long the service asked the caller to wait, when it said so. */
  readonly retryAfterMs: number | undefined;
  constructor(init: HttpErrorInit & { retryAfterMs?: number }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}
/** HTTP 5xx: the service failed. */
export class ServerError extends HttpError {
  override name = 'ServerError';
}

/**
 * No complete response: DNS, connection refused or reset, TLS, a connection dropped while the body
 * was read, a redirect loop. `detail` says which when it is known.
 */
export class NetworkError extends QcError {
  override name = 'NetworkError';
  constructor(
    /** Request method, as given. */
    readonly method: string,
    url: string | URL,
    options?: { cause?: unknown; detail?: string; safeQueryParameters?: readonly string[] | undefined },
  ) {
    const shown = redactUrl(url, options?.safeQueryParameters);
    super(
      `${method.toUpperCase()} ${shown} ${options?.detail ?? 'failed before a response arrived'}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.url = shown;
  }
  /** Request URL with user info removed and sensitive query values redacted. */
  readonly url: string;
}

/** A wait or request took longer than its time limit. */
export class TimeoutError extends QcError {
  override name = 'TimeoutError';
}

/** The caller's AbortSignal fired. */
export class AbortError extends QcError {
  override name = 'AbortError';
}

/** A value supplied by the caller is invalid; thrown before any request is sent. */
export class InvalidArgumentError extends QcError {
  override name = 'InvalidArgumentError';
}

/** Builds the HttpError subclass that matches the status. */
export function createHttpError(init: HttpErrorInit & { retryAfterMs?: number }): HttpError {
  switch (init.status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new ConflictError(init);
    case 422:
      return new UnprocessableEntityError(init);
    case 429:
      return new RateLimitError(init);
    default:
      return init.status >= 500 ? new ServerError(init) : new HttpError(init);
  }
}

/** Reads the body of a failed response (once) and builds the matching typed error. */
export async function httpErrorFromResponse(
  response: Response,
  request: { method: string; url: string },
  options: { secrets?: readonly (string | undefined)[] } = {},
): Promise<HttpError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read still leaves status and URL to report.
  }
  return createHttpError({
    method: request.method,
    url: request.url,
    status: response.status,
    statusText: response.statusText,
    body: parseMaybeJson(text, response.headers.get('content-type')),
    headers: response.headers,
    secrets: options.secrets,
    retryAfterMs: parseRetryAfter(response.headers),
  });
}

/** JSON when the content type says so or the text looks like JSON; the text otherwise. */
export function parseMaybeJson(text: string, contentType: string | null): unknown {
  const looksJson = /^\s*[[{]/.test(text);
  if ((contentType?.includes('json') ?? false) || looksJson) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Finds a code and message in the standard error envelopes: OAuth 2.0's `{ error, error_description }`,
 * RFC 9457 problem details (`{ title, detail }`) and a top-level `{ code, message }`. A provider's own
 * envelope (Azure's `{ error: { code, message } }`, Pasqal's JSend) is read by its package, through the
 * pipeline plan's `errorDetails`.
 */
export function parseProviderError(body: unknown): ProviderErrorDetails {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  return {
    code: asText(record.error) ?? asText(record.code),
    message:
      asText(record.error_description) ??
      asText(record.message) ??
      asText(record.detail) ??
      asText(record.title),
  };
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** Request-id headers any service may send; a provider names its own first (`x-ms-request-id`). */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id'];

/** The correlation id of an answer: the first of `providerHeaders`, then the common ones, that is set. */
export function requestIdFrom(
  headers: Headers | undefined,
  providerHeaders: readonly string[] = [],
): string | undefined {
  if (!headers) return undefined;
  for (const name of providerHeaders) {
    const value = headers.get(name);
    if (value !== null) return value;
  }
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value !== null) return value;
  }
  return undefined;
}

/**
 * Milliseconds the service asked to wait: `retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After`
 * in seconds or as an HTTP date (a past date means 0). Undefined when absent or unparseable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name);
    if (value !== null && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value));
  }
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value) * 1000);
  // Date.parse accepts almost anything ("-5", "1.5.2"); an HTTP date always names its month.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
