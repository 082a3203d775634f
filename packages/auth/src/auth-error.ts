import { QcError, redactCredentials, redactSecrets, redactUrl } from '@qc/core';
import type { AuthFlow } from './types.js';

/**
 * Why a token could not be obtained:
 * - `rejected`: the identity provider answered with an error status (its `error` fields are kept);
 * - `invalid-response`: a 2xx whose body is not JSON or lacks `access_token`;
 * - `network`: no response arrived; `timeout`: the token request ran out of time;
 * - `no-token`: a TokenCredential returned null.
 */
export type AuthErrorReason = 'rejected' | 'invalid-response' | 'network' | 'timeout' | 'no-token';

/** What an {@link AuthError} is built from; every text field is redacted against `secrets` first. */
export interface AuthErrorInit {
  /** The flow that failed. */
  flow: AuthFlow;
  /** Why it failed. */
  reason: AuthErrorReason;
  /** What happened, in words written by this package (never text from a response). */
  summary: string;
  /** The token endpoint; query values and user info are redacted. */
  url?: string | URL;
  /** Status of the identity provider's answer, when one arrived. */
  status?: number;
  /** The identity provider's `error` code, e.g. `invalid_grant`, `invalid_client`. */
  error?: string;
  /** The identity provider's `error_description`; redacted before it is stored. */
  errorDescription?: string;
  /** Entra ID's `AADSTSnnnnn` code, from `error_codes` or the description. */
  aadstsCode?: string;
  /** The request id: Entra's `x-ms-request-id` or `trace_id`, or a common request-id header. */
  requestId?: string;
  /** Entra ID's `correlation_id`, from the error body. */
  correlationId?: string;
  /** How long the identity provider asked the caller to wait (`Retry-After`), in ms. */
  retryAfterMs?: number;
  /** Values that must never appear in the error: password, client secret, refresh token, tokens. */
  secrets: readonly (string | undefined)[];
  /** Only a fetch `TypeError` is kept, and only when nothing secret shows in it. */
  cause?: unknown;
}

/**
 * A token could not be obtained. Carries the flow, the HTTP status and the identity provider's own error
 * fields. Nothing secret is ever stored on it: descriptions are redacted, request bodies are never kept,
 * and `cause` is dropped unless it is a network `TypeError` free of secrets.
 */
export class AuthError extends QcError {
  override name = 'AuthError';
  /** The flow that failed. */
  readonly flow: AuthFlow;
  /** Why it failed. */
  readonly reason: AuthErrorReason;
  /** The token endpoint, query values and user info redacted; undefined for flows without one. */
  readonly url: string | undefined;
  /** Status of the identity provider's answer; undefined when none arrived. */
  readonly status: number | undefined;
  /** The identity provider's `error` code, e.g. `invalid_grant`, `invalid_client`. */
  readonly error: string | undefined;
  /** The identity provider's `error_description`, redacted. */
  readonly errorDescription: string | undefined;
  /** Entra ID's `AADSTSnnnnn` code, e.g. `AADSTS7000215` for a wrong client secret. */
  readonly aadstsCode: string | undefined;
  /** The request id, to quote in a support request (Entra's `x-ms-request-id` or `trace_id`). */
  readonly requestId: string | undefined;
  /** Entra ID's `correlation_id`, to quote in a support request. */
  readonly correlationId: string | undefined;
  /** How long the identity provider asked the caller to wait (`Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(init: AuthErrorInit) {
    const clean = (text: string | undefined) =>
      text === undefined ? undefined : redactCredentials(redactSecrets(text, init.secrets));
    const url = init.url === undefined ? undefined : redactUrl(init.url);
    const error = clean(init.error);
    const errorDescription = clean(init.errorDescription);
    const aadstsCode = clean(init.aadstsCode);
    // The first line only: Entra appends Trace ID / Correlation ID / Timestamp lines, kept as fields.
    const firstLine = errorDescription?.split(/\r?\n/, 1)[0]?.trim();
    const message = [
      `[${init.flow}] ${clean(init.summary)}`,
      init.status === undefined ? undefined : `(HTTP ${init.status})`,
      error === undefined ? undefined : `${error}${firstLine ? `: ${firstLine}` : ''}`,
      error === undefined && firstLine ? firstLine : undefined,
      aadstsCode !== undefined && !(firstLine ?? '').includes(aadstsCode) ? `[${aadstsCode}]` : undefined,
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(' ');
    const cause = safeCause(init.cause, init.secrets);
    super(message, cause === undefined ? undefined : { cause });
    this.flow = init.flow;
    this.reason = init.reason;
    this.url = url;
    this.status = init.status;
    this.error = error;
    this.errorDescription = errorDescription;
    this.aadstsCode = aadstsCode;
    this.requestId = clean(init.requestId);
    this.correlationId = clean(init.correlationId);
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The fields worth logging, all already redacted; `JSON.stringify(error)` calls this. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      flow: this.flow,
      reason: this.reason,
      url: this.url,
      status: this.status,
      error: this.error,
      errorDescription: this.errorDescription,
      aadstsCode: this.aadstsCode,
      requestId: this.requestId,
      correlationId: this.correlationId,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/**
 * Keeps a fetch `TypeError` ("fetch failed", "Failed to fetch") as the cause, because its nested cause
 * (ECONNREFUSED, certificate errors) is what users need to debug a network failure, but only after
 * checking that no secret appears anywhere in its chain. Any other value is dropped: it could be an
 * object that holds the request.
 */
function safeCause(cause: unknown, secrets: readonly (string | undefined)[]): TypeError | undefined {
  if (!(cause instanceof TypeError)) return undefined;
  const texts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      texts.push(current.message, current.stack ?? '', ...Object.values(current).map(String));
      current = current.cause;
    } else {
      texts.push(String(current));
      try {
        texts.push(JSON.stringify(current) ?? '');
      } catch {
        return undefined;
      }
      current = undefined;
    }
  }
  if (current !== undefined && current !== null) return undefined;
  const all = texts.join('\n');
  // redactSecrets also matches the URL- and form-encoded forms of each secret.
  return redactSecrets(all, secrets) === all ? cause : undefined;
}
