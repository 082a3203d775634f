import { copyHeaders, InvalidArgumentError, throwIfAborted } from '@qc/core';
import type { AccessToken, TokenProvider } from './types.js';

/** The most redirects followed for one request, as the Fetch standard does. */
export const MAX_REDIRECTS = 20;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * One authenticated request in progress: the caller's request (its body read once into `body`, so it
 * can be sent again after a 401 or a 307), the credential it carries, and how to send it.
 */
export interface Exchange {
  provider: TokenProvider;
  /** The caller's request; its body has been read into `body`. */
  template: Request;
  body: ArrayBuffer | undefined;
  /** The only origin the credential is sent to within this exchange. */
  origin: string;
  credential: AccessToken;
  send: (request: Request) => Promise<Response>;
}

/** Sets the credential: `Authorization: Bearer <token>`, or the header the credential names. */
export function applyCredential(headers: Headers, credential: AccessToken): Headers {
  // Checked here rather than left to Headers.set, whose error message quotes the whole value.
  assertHeaderSafe(credential.header?.value ?? credential.token);
  if (credential.header === undefined) headers.set('authorization', `Bearer ${credential.token}`);
  else headers.set(credential.header.name, credential.header.value);
  return headers;
}

/** A credential with a line break, NUL or other control character cannot travel in a header. */
export function assertHeaderSafe(value: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    throw new InvalidArgumentError(
      '[@qc/auth] the credential contains a control character (a line break or NUL, often from a paste); it cannot be sent in a header',
    );
  }
}

/**
 * Removes the credential before a request leaves the origin — and, as fetch itself does on a
 * cross-origin redirect, `Authorization`, `Cookie` and `Proxy-Authorization`.
 */
export function removeCredential(headers: Headers, credential: AccessToken): Headers {
  for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
  if (credential.header !== undefined) headers.delete(credential.header.name);
  return headers;
}

/**
 * Reads the body, gets a credential (the caller's signal bounds the wait) and builds the first
 * authenticated request. Redirects are switched to `manual`: {@link finishExchange} follows them itself
 * so the credential never reaches another origin.
 */
export async function prepareExchange(
  provider: TokenProvider,
  template: Request,
  send: (request: Request) => Promise<Response>,
): Promise<{ exchange: Exchange; request: Request }> {
  throwIfAborted(template.signal);
  const body = template.body === null ? undefined : await template.arrayBuffer();
  const credential = await provider.getToken({ signal: template.signal });
  const exchange: Exchange = {
    provider,
    template,
    body,
    origin: new URL(template.url).origin,
    credential,
    send,
  };
  return { exchange, request: authenticatedRequest(exchange, credential) };
}

/** Sends a prepared exchange and finishes it. */
export async function runExchange(
  provider: TokenProvider,
  template: Request,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  const { exchange, request } = await prepareExchange(provider, template, send);
  return finishExchange(exchange, request, await send(request));
}

/**
 * Given the response to the first authenticated request: follows redirects (the credential only while
 * on the exchange's origin), then, if the server answered 401 to a request that carried the credential,
 * forces one refresh and re-sends once. The second answer is returned whatever it is: never a loop.
 */
export async function finishExchange(
  exchange: Exchange,
  request: Request,
  response: Response,
): Promise<Response> {
  const first = await followRedirects(exchange, request, response);
  if (first.response.status !== 401 || !first.authenticated) return first.response;
  discard(first.response);
  const refreshed = await exchange.provider.getToken({
    signal: exchange.template.signal,
    forceRefresh: true,
    rejectedToken: exchange.credential.token,
  });
  const retryExchange = { ...exchange, credential: refreshed };
  const retry = authenticatedRequest(retryExchange, refreshed);
  return (await followRedirects(retryExchange, retry, await exchange.send(retry))).response;
}

function authenticatedRequest(exchange: Exchange, credential: AccessToken): Request {
  const headers = applyCredential(copyHeaders(exchange.template.headers), credential);
  return new Request(exchange.template, { headers, body: exchange.body, redirect: 'manual' });
}

interface Outcome {
  response: Response;
  /** Whether the request that produced `response` carried the credential. */
  authenticated: boolean;
}

/**
 * Follows redirects the way fetch does (method and body rules of the Fetch standard, at most
 * {@link MAX_REDIRECTS}), except that the credential is removed as soon as a hop leaves the exchange's
 * origin, and is never put back. A caller who asked for `redirect: 'manual'` gets the 3xx itself.
 */
async function followRedirects(exchange: Exchange, request: Request, response: Response): Promise<Outcome> {
  const mode = exchange.template.redirect;
  let current = request;
  let answer = response;
  let authenticated = true;
  let body = exchange.body;
  for (let hops = 0; ; hops++) {
    // Browsers hide manual redirects (`opaqueredirect`, status 0): there is nothing to follow.
    if (!REDIRECT_STATUSES.has(answer.status) || answer.type === 'opaqueredirect' || mode === 'manual') {
      return { response: answer, authenticated };
    }
    const location = answer.headers.get('location');
    if (location === null) return { response: answer, authenticated };
    discard(answer);
    if (mode === 'error')
      throw new TypeError('fetch failed: the response is a redirect and redirect is "error"');
    if (hops >= MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects`);
    let target: URL;
    try {
      target = new URL(location, current.url);
    } catch {
      throw new TypeError('fetch failed: the redirect location is not a valid URL');
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      throw new TypeError('fetch failed: redirect to a URL that is not http(s)');
    }
    const headers = copyHeaders(current.headers);
    let method = current.method;
    const status = answer.status;
    if (
      (status === 303 && method !== 'GET' && method !== 'HEAD') ||
      ((status === 301 || status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      for (const name of [
        'content-type',
        'content-length',
        'content-encoding',
        'content-language',
        'content-location',
      ]) {
        headers.delete(name);
      }
    }
    if (target.origin !== exchange.origin) {
      removeCredential(headers, exchange.credential);
      authenticated = false;
    }
    current = new Request(target, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
      redirect: 'manual',
      signal: exchange.template.signal,
      credentials: exchange.template.credentials,
      cache: exchange.template.cache,
      referrerPolicy: exchange.template.referrerPolicy,
    });
    answer = await exchange.send(current);
  }
}

/**
 * Releases a body that will not be read. Not awaited: a cancel can wait on the producer (msw's mocked
 * streams never settle it), and nothing depends on it finishing.
 */
function discard(response: Response): void {
  if (response.body === null || response.bodyUsed) return;
  response.body.cancel().catch(() => undefined);
}
