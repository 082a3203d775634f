import {
  Deadline,
  InvalidArgumentError,
  NetworkError,
  QcError,
  readBody,
  redactUrl,
  type SecretStore,
} from '@qc/core';
import { applyCredential, MAX_REDIRECTS } from '../exchange.js';
import { AZURE_QUANTUM_API_KEY_HEADER } from '../static.js';
import type { AccessToken, FetchLike, TokenProvider } from '../types.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/** One attempt's request: everything but the credential, which is fetched per attempt. */
export interface AttemptRequest {
  method: string;
  url: URL;
  /** Lower-case names; a fresh object is handed to fetch on every send. */
  headers: Record<string, string>;
  body: BodyInit | undefined;
  redirect: 'follow' | 'manual' | 'error';
  /** The provider, when this request carries a credential. */
  provider: TokenProvider | undefined;
  timeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  fetch: () => FetchLike;
  secrets: SecretStore;
  maxBodyBytes: number;
  /** Query parameters the provider shows in URLs (see `redactUrl`). */
  safeQueryParameters: readonly string[] | undefined;
}

export interface AttemptResult {
  status: number;
  statusText: string;
  headers: Headers;
  url: string;
  body: Uint8Array;
}

/** Why an attempt ended without a complete answer, and what the retry loop may do about it. */
export class AttemptFailure {
  constructor(
    readonly error: Error,
    /** The request left (fetch was called): the service may have acted on it. */
    readonly sent: boolean,
    /** A network failure or a time limit: the same request may succeed next time. */
    readonly transient: boolean,
    /** The caller's own abort: final. */
    readonly aborted: boolean,
  ) {}
}

/**
 * Sends one attempt and reads its whole body within one {@link Deadline}: the credential, every
 * redirect hop, the one resend after a 401, and the body all count against the same limit. Fetch gets
 * the deadline's own signal in `init` (never a copied Request, whose link to it a GC can break).
 */
export async function runAttempt(request: AttemptRequest): Promise<AttemptResult> {
  const deadline = new Deadline(
    request.timeoutMs,
    request.signal,
    () => `${request.method} ${redactUrl(request.url, request.safeQueryParameters)}`,
  );
  let sent = false;
  let stage: 'headers' | 'body' = 'headers';
  try {
    let credential: AccessToken | undefined;
    if (request.provider !== undefined) {
      const token = await deadline.race(request.provider.getToken({ signal: deadline.signal }));
      request.secrets.add(token.token);
      if (token.header !== undefined) request.secrets.add(token.header.value);
      credential = token;
    }
    const send = (url: URL, method: string, body: BodyInit | undefined, headers: Record<string, string>) => {
      // Past the deadline (or aborted) nothing more leaves: the request is not sent.
      if (deadline.reason !== undefined) return Promise.reject(deadline.reason);
      sent = true;
      return deadline.race(
        request.fetch()(url.href, {
          method,
          headers,
          body,
          signal: deadline.signal,
          // With a credential, redirects are followed here (it must not reach another origin); without
          // one, the runtime follows them (browsers can follow cross-origin redirects only this way).
          redirect: request.redirect === 'follow' && credential !== undefined ? 'manual' : request.redirect,
        }),
      );
    };
    let answer = await follow(request, send, credential);
    if (answer.response.status === 401 && answer.authenticated && request.provider !== undefined) {
      discard(answer.response);
      // The service refused the request: until it is sent again, nothing has been accepted.
      sent = false;
      const refreshed = await deadline.race(
        request.provider.getToken({
          signal: deadline.signal,
          forceRefresh: true,
          rejectedToken: credential?.token,
        }),
      );
      request.secrets.add(refreshed.token);
      answer = await follow(request, send, refreshed);
    }
    stage = 'body';
    const { response } = answer;
    const body = await readBody(response, deadline, request.maxBodyBytes);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: answer.url,
      body,
    };
  } catch (error) {
    throw classify(error, deadline, sent, stage, request);
  } finally {
    deadline.settle();
  }
}

interface Followed {
  response: Response;
  url: string;
  /** Whether the request that produced the response carried the credential. */
  authenticated: boolean;
}

type Send = (
  url: URL,
  method: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
) => Promise<Response>;

/**
 * Sends the request and follows redirects as fetch would (the Fetch standard's method and body rules,
 * at most {@link MAX_REDIRECTS}), except that the credential is dropped as soon as a hop leaves the
 * original origin and never put back.
 */
async function follow(
  request: AttemptRequest,
  send: Send,
  credential: AccessToken | undefined,
): Promise<Followed> {
  const origin = request.url.origin;
  let headers = { ...request.headers };
  if (credential !== undefined) headers = withCredential(headers, credential);
  let url = request.url;
  let method = request.method;
  let body = request.body;
  let authenticated = credential !== undefined;
  for (let hops = 0; ; hops++) {
    const response = await send(url, method, body, headers);
    if (response.type === 'opaqueredirect') {
      // A browser hides a manual redirect (status 0, no Location): it can be neither followed nor shown.
      throw networkError(
        request,
        'was redirected, and the browser does not tell where (a redirect with a credential is not followed)',
      );
    }
    const location = response.headers.get('location');
    if (request.redirect !== 'follow' || !REDIRECT_STATUSES.has(response.status) || location === null) {
      if (request.redirect === 'error' && REDIRECT_STATUSES.has(response.status)) {
        discard(response);
        throw networkError(request, 'was answered with a redirect');
      }
      if (response.url) request.secrets.addUrl(response.url);
      return { response, url: response.url || url.href, authenticated };
    }
    discard(response);
    if (hops >= MAX_REDIRECTS) {
      throw networkError(request, `was redirected more than ${MAX_REDIRECTS} times`);
    }
    let target: URL;
    try {
      target = new URL(location, url);
    } catch {
      throw networkError(request, 'was redirected to an invalid URL');
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      throw networkError(request, 'was redirected to a URL that is not http(s)');
    }
    const status = response.status;
    if (
      (status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((status === 301 || status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      headers = { ...headers };
      for (const name of BODY_HEADERS) delete headers[name];
    }
    if (target.origin !== origin) {
      headers = withoutCredential(headers, credential);
      authenticated = false;
    }
    request.secrets.addUrl(target);
    url = target;
  }
}

function withCredential(headers: Record<string, string>, credential: AccessToken): Record<string, string> {
  const applied = applyCredential(new Headers(), credential);
  const out = { ...headers };
  for (const [name, value] of applied) out[name] = value;
  return out;
}

/** Headers that carry a credential, removed on any hop to another origin (as fetch does, and more). */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  AZURE_QUANTUM_API_KEY_HEADER,
]);

function withoutCredential(
  headers: Record<string, string>,
  credential: AccessToken | undefined,
): Record<string, string> {
  const out = { ...headers };
  for (const name of CREDENTIAL_HEADERS) delete out[name];
  if (credential?.header !== undefined) delete out[credential.header.name.toLowerCase()];
  return out;
}

/** Turns whatever ended an attempt into a typed failure. */
function classify(
  error: unknown,
  deadline: Deadline,
  sent: boolean,
  stage: 'headers' | 'body',
  request: AttemptRequest,
): AttemptFailure {
  if (deadline.reason !== undefined) {
    const aborted = deadline.abortedByCaller;
    return new AttemptFailure(deadline.reason, sent, !aborted, aborted);
  }
  if (error instanceof NetworkError) return new AttemptFailure(error, sent, false, false);
  if (error instanceof QcError) return new AttemptFailure(error, sent, false, false);
  if (error instanceof Error && error.name === 'BodyTooLargeError') {
    return new AttemptFailure(
      new QcError(
        `${request.method} ${redactUrl(request.url, request.safeQueryParameters)}: ${error.message}`,
      ),
      sent,
      false,
      false,
    );
  }
  if (!sent && !(error instanceof TypeError)) {
    // A token provider's own error (AuthError), or a bad argument: not a network failure.
    return new AttemptFailure(
      error instanceof Error ? error : new QcError(String(error)),
      false,
      false,
      false,
    );
  }
  if (error instanceof TypeError && !sent) {
    // fetch refused the request before sending it (an invalid header value, say).
    return new AttemptFailure(
      new InvalidArgumentError(
        `${request.method} ${redactUrl(request.url, request.safeQueryParameters)} could not be sent: ${safeMessage(error, request.secrets)}`,
      ),
      false,
      false,
      false,
    );
  }
  const detail = stage === 'body' ? 'lost its connection while the body was read' : undefined;
  const cause = leaks(error, request.secrets) ? undefined : error;
  return new AttemptFailure(networkError(request, detail, cause), sent, true, false);
}

/** Whether an error from the runtime quotes one of the secrets (a header value it refused, say). */
function leaks(error: unknown, secrets: SecretStore): boolean {
  const text =
    error instanceof Error ? `${error.message}\n${error.stack ?? ''}\n${String(error.cause)}` : String(error);
  return secrets.values().some((secret: string) => text.includes(secret));
}

function safeMessage(error: Error, secrets: SecretStore): string {
  return leaks(error, secrets) ? error.name : error.message;
}

/**
 * Releases a body that will not be read. Not awaited: a cancel can wait on the producer (msw's mocked
 * streams never settle it), and nothing depends on it finishing.
 */
export function discard(response: Response): void {
  if (response.body === null || response.bodyUsed) return;
  response.body.cancel().catch(() => undefined);
}

function networkError(request: AttemptRequest, detail: string | undefined, cause?: unknown): NetworkError {
  return new NetworkError(request.method, request.url, {
    cause,
    detail,
    safeQueryParameters: request.safeQueryParameters,
  });
}
