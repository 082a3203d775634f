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

export interface AuthErrorInit {
  flow: AuthFlow;
  reason: AuthErrorReason;
  /** What happened, in words written by this package (never text from a response). */
  summary: string;
  /** The token endpoint; query values and user info are redacted. */
  url?: string | URL;
  status?: number;
  /** The identity provider's `error` code, e.g. `invalid_grant`, `invalid_client`. */
  error?: string;
  /** The identity provider's `error_description`; redacted before it is stored. */
  errorDescription?: string;
  /** Entra ID's `AADSTSnnnnn` code, from `error_codes` or the description. */
  aadstsCode?: string;
  requestId?: string;
  correlationId?: string;
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
  readonly flow: AuthFlow;
  readonly reason: AuthErrorReason;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;
  readonly aadstsCode: string | undefined;
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
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
