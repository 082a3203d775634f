import {
  bodyExcerpt,
  checkTimeLimit,
  createHttpError,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RETRYABLE_STATUSES,
  fitsRetryBudget,
  type HttpError,
  InvalidArgumentError,
  isIdempotentMethod,
  parseMaybeJson,
  parseRetryAfter,
  planRetryDelay,
  QcError,
  type RetryOptions,
  type RetryPolicy,
  redactUrl,
  requestIdFrom,
  resolveRetryPolicy,
  SecretStore,
  SubmissionOutcomeUnknownError,
  UnexpectedResponseError,
} from '@qc/core';
import { checkFetch } from '../auth-fetch.js';
import { createOriginPolicy, type OriginPolicy } from '../origin-policy.js';
import type { FetchLike } from '../types.js';
import { AttemptFailure, type AttemptResult, runAttempt } from './attempt.js';
import { resolveLogger } from './log.js';
import { buildHeaders, gzip, markSent, readRetryHint, userAgentHeader } from './request-parts.js';
import type { PipelineCall, PipelinePlan, Received, ResponseInfo } from './types.js';

/** Time limit of each attempt when neither the client nor the call names one. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The one request pipeline every qc client sends through. */
export interface Pipeline {
  /**
   * Sends one call: credential on allowed origins, redirects within the credential rules, one refresh
   * and resend after a 401, retries of idempotent calls, one time limit per attempt over connecting,
   * headers and the whole body. Resolves with the complete answer whatever its status; rejects only
   * with qc errors (TimeoutError, NetworkError, AbortError, AuthError, SubmissionOutcomeUnknownError…).
   */
  send(call: PipelineCall): Promise<Received>;
  /** The typed error for a non-2xx answer (provider envelope parsed, secrets redacted). */
  httpError(received: Received): HttpError;
  /**
   * The JSON body of an answer: a typed HttpError for a non-2xx status, an UnexpectedResponseError
   * (outcome-unknown for a submission) for a body that is not JSON. An empty body is `undefined`.
   */
  json(received: Received): unknown;
  /** For a submission, what an unusable 2xx answer means: the outcome is unknown. Else `error` itself. */
  unusable(received: Received, error: Error): Error;
  /** Secrets of this client: its credentials, the tokens and URL signatures it has met. */
  readonly secrets: SecretStore;
  /** `@qc/qci`, …: the client's name, for messages. */
  readonly clientName: string;
  /** A URL as this client shows it in errors and logs: query values redacted but for its safe names. */
  showUrl(url: string | URL): string;
  /** The plan's safe query parameter names, lower-cased (for errors built outside the pipeline). */
  readonly safeQueryParameters: readonly string[] | undefined;
}

/** Builds a pipeline; every option is checked now, so a bad one fails at start-up. */
export function createPipeline(plan: PipelinePlan): Pipeline {
  checkFetch('createPipeline', plan.fetch);
  const clientName = plan.client.name;
  const defaultTimeoutMs = checkTimeLimit('timeoutMs', plan.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const retryableStatuses = plan.retryableStatuses ?? DEFAULT_RETRYABLE_STATUSES;
  const withStatuses = (retry: RetryOptions | false | undefined): RetryPolicy =>
    resolveRetryPolicy(retry === false ? false : { retryableStatuses, ...retry });
  const defaultPolicy = withStatuses(plan.retry);
  const isRetryable = plan.isRetryable ?? ((method: string) => isIdempotentMethod(method));
  const origins: OriginPolicy | undefined =
    plan.provider === undefined
      ? undefined
      : createOriginPolicy(clientName, {
          origins: plan.origins ?? [],
          allowInsecureLoopback: plan.allowInsecureLoopback,
        });
  const secrets = plan.secrets ?? new SecretStore();
  const log = resolveLogger(plan.logger);
  const fetchOf = (): FetchLike => plan.fetch ?? globalThis.fetch;
  const userAgent = userAgentHeader(plan.client);
  const maxBodyBytes = plan.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const safeQueryParameters = plan.safeQueryParameters?.map((name) => name.toLowerCase());
  const showUrl = (url: string | URL): string => redactUrl(url, safeQueryParameters);

  async function send(call: PipelineCall): Promise<Received> {
    const method = call.method.toUpperCase();
    const url = parseUrl(call.url);
    const route = plan.submission?.(method, url);
    const timeoutMs =
      call.timeoutMs !== undefined
        ? checkTimeLimit('timeoutMs', call.timeoutMs)
        : route?.timeoutMs !== undefined
          ? checkTimeLimit('submission timeoutMs', route.timeoutMs)
          : defaultTimeoutMs;
    const policy = call.retry === undefined ? defaultPolicy : withStatuses(call.retry);
    const headers = buildHeaders(call.headers, userAgent, plan.headers?.({ method, url, timeoutMs }));
    const hint = readRetryHint(headers);
    // Submissions are never retried: a resend after a lost answer is how duplicates are made.
    const retryable =
      route === undefined &&
      policy.maxRetries > 0 &&
      (hint === 'never'
        ? false
        : hint === 'idempotent' && plan.allowRetryOptIn !== false
          ? true
          : isRetryable(method, url));
    const onCredentialOrigin = origins?.allows(url);
    const authenticated = call.authenticate === true && onCredentialOrigin;
    // A public call to the API's own origin may carry a secret in its body (QCi's token exchange posts
    // the refresh token): it never follows a redirect, which would re-post the body elsewhere.
    const redirect = call.redirect ?? (onCredentialOrigin && !authenticated ? 'manual' : 'follow');
    secrets.addUrl(url);

    let body: BodyInit | undefined = call.body ?? undefined;
    if (route?.gzip === true && body !== undefined && headers['content-encoding'] === undefined) {
      try {
        body = await gzip(body);
      } catch (error) {
        throw new QcError(`${route.operation}: the body could not be gzip-compressed`, { cause: error });
      }
      headers['content-encoding'] = 'gzip';
      delete headers['content-length'];
    }

    const started = now();
    let sentAt: Date | undefined;
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      const attemptStarted = now();
      sentAt ??= new Date();
      let result: AttemptResult | undefined;
      let failure: AttemptFailure | undefined;
      try {
        result = await runAttempt({
          method,
          url,
          headers,
          body,
          redirect,
          provider: authenticated ? plan.provider : undefined,
          timeoutMs,
          signal: call.signal,
          fetch: fetchOf,
          secrets,
          maxBodyBytes,
          safeQueryParameters,
        });
      } catch (caught) {
        if (!(caught instanceof AttemptFailure)) throw caught;
        failure = caught;
      }
      const durationMs = now() - attemptStarted;
      const clientRequestId = headers['x-ms-client-request-id'];
      if (failure !== undefined) {
        const again = retryable && failure.transient && !failure.aborted && attempt <= policy.maxRetries;
        const delay = again ? planRetryDelay(attempt, undefined, policy).delayMs : undefined;
        const fits = delay !== undefined && fitsRetryBudget(delay, 'backoff', waitedMs, policy);
        log?.({
          client: clientName,
          method,
          url: showUrl(url),
          attempt,
          durationMs,
          error: failure.error.name,
          ...(clientRequestId ? { clientRequestId } : {}),
          ...(fits ? { retryInMs: delay } : {}),
        });
        if (!fits || delay === undefined) {
          // Sent, then no complete answer — even when the caller gave up waiting: the service may have
          // stored it. Nothing sent (an abort before the request left) is a plain error.
          if (route !== undefined && failure.sent) {
            throw markSent(
              new SubmissionOutcomeUnknownError({
                operation: route.operation,
                sentAt,
                recovery: route.recovery,
                cause: failure.error,
              }),
            );
          }
          throw failure.sent ? markSent(failure.error) : failure.error;
        }
        policy.onRetry?.({
          attempt,
          delayMs: delay,
          delaySource: 'backoff',
          error: failure.error,
          request: { method, url: showUrl(url) },
        });
        waitedMs += delay;
        await policy.sleep(delay, call.signal ?? NEVER);
        continue;
      }
      const answer = result as AttemptResult;
      const requestId = requestIdFrom(answer.headers, plan.requestIdHeaders);
      let retryInMs: number | undefined;
      if (retryable && attempt <= policy.maxRetries && policy.retryableStatuses.has(answer.status)) {
        const planned = planRetryDelay(attempt, answerLike(answer), policy);
        if (fitsRetryBudget(planned.delayMs, planned.delaySource, waitedMs, policy)) {
          retryInMs = planned.delayMs;
          policy.onRetry?.({
            attempt,
            delayMs: planned.delayMs,
            delaySource: planned.delaySource,
            status: answer.status,
            request: { method, url: showUrl(url) },
          });
        }
      }
      log?.({
        client: clientName,
        method,
        url: showUrl(url),
        attempt,
        status: answer.status,
        durationMs,
        ...(requestId ? { requestId } : {}),
        ...(clientRequestId ? { clientRequestId } : {}),
        ...(retryInMs !== undefined ? { retryInMs } : {}),
      });
      if (retryInMs !== undefined) {
        waitedMs += retryInMs;
        await policy.sleep(retryInMs, call.signal ?? NEVER);
        continue;
      }
      const finalUrl = answer.url;
      let shownUrl: string | undefined;
      const info: ResponseInfo = {
        method,
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
        // Redacting a URL costs as much as the rest of a call: done when someone reads it.
        get url() {
          shownUrl ??= showUrl(finalUrl);
          return shownUrl;
        },
        requestId,
        clientRequestId,
        attempts: attempt,
        durationMs: now() - started,
      };
      const received: Received = {
        method,
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
        url: answer.url,
        body: answer.body,
        info,
        submission: route === undefined ? undefined : { route, sentAt },
      };
      call.onResponse?.(info);
      if (route !== undefined && answer.status >= 500) {
        // A 5xx to a submission says nothing about whether it was stored.
        throw new SubmissionOutcomeUnknownError({
          operation: route.operation,
          sentAt,
          recovery: route.recovery,
          cause: httpError(received),
        });
      }
      return received;
    }
  }

  function httpError(received: Received): HttpError {
    const text = decodeText(received.body);
    const body = parseMaybeJson(text, received.headers.get('content-type'));
    const known = secrets.values();
    const described = plan.errorDetails?.(body, received.headers, known);
    const error = createHttpError({
      method: received.method,
      url: received.url,
      status: received.status,
      statusText: received.statusText,
      body,
      headers: received.headers,
      secrets: known,
      requestId: received.info.requestId,
      safeQueryParameters,
      retryAfterMs: parseRetryAfter(received.headers),
      ...(described === undefined || (described.code === undefined && described.message === undefined)
        ? {}
        : { details: { code: described.code, message: described.message } }),
    });
    for (const [name, value] of Object.entries(described?.properties ?? {})) {
      Object.defineProperty(error, name, { value, enumerable: false });
    }
    return error;
  }

  function json(received: Received): unknown {
    if (received.status < 200 || received.status > 299) throw httpError(received);
    if (received.body.byteLength === 0) return undefined;
    const text = decodeText(received.body);
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw unusable(
        received,
        new UnexpectedResponseError({
          method: received.method,
          url: received.url,
          status: received.status,
          problem: /^\s*[[{]/.test(text) ? 'truncated' : 'not-json',
          expected: 'a JSON body',
          requestId: received.info.requestId,
          bodyExcerpt: bodyExcerpt(text.slice(0, 2048), secrets.values(), 160),
          cause,
          safeQueryParameters,
        }),
      );
    }
  }

  function unusable(received: Received, error: Error): Error {
    if (received.submission === undefined) return error;
    return new SubmissionOutcomeUnknownError({
      operation: received.submission.route.operation,
      sentAt: received.submission.sentAt,
      recovery: received.submission.route.recovery,
      cause: error,
    });
  }

  return { send, httpError, json, unusable, secrets, clientName, showUrl, safeQueryParameters };
}

/** A signal that never fires, for sleeps of calls that have none. */
const NEVER = new AbortController().signal;

const decoder = new TextDecoder();
/** The body as text (UTF-8, BOM removed). */
export function decodeText(body: Uint8Array): string {
  return decoder.decode(body);
}

function now(): number {
  return performance.now();
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new InvalidArgumentError(`not an absolute URL: ${redactUrl(raw)}`);
  }
}

function answerLike(answer: AttemptResult): Response {
  // planRetryDelay reads only the status and the headers.
  return { status: answer.status, headers: answer.headers } as Response;
}
