import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for browser applications tested against the mock cloud: any origin may call it, as the page's
 * own origin (credentials included, so the origin is echoed, never `*` with credentials). A preflight
 * is answered at once with what it asked for; every other response lets the page read the headers the
 * clients read (request ids, `Retry-After`, `Location`, `Content-Range`, Azure's operation headers).
 */
const EXPOSED_HEADERS = [
  'x-ms-request-id',
  'x-ms-client-request-id',
  'x-ms-error-code',
  'x-request-id',
  'request-id',
  'retry-after',
  'retry-after-ms',
  'x-ms-retry-after-ms',
  'location',
  'azure-asyncoperation',
  'operation-location',
  'content-range',
  'www-authenticate',
  'date',
  'x-amzn-requestid',
].join(', ');

/** Answers a CORS preflight; true when it did (the request is then finished). */
export function answerPreflight(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
  const origin = incoming.headers.origin;
  const requestedMethod = incoming.headers['access-control-request-method'];
  if (incoming.method !== 'OPTIONS' || origin === undefined || requestedMethod === undefined) return false;
  const requestedHeaders = incoming.headers['access-control-request-headers'];
  outgoing.writeHead(204, {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    ...(requestedHeaders === undefined ? {} : { 'access-control-allow-headers': requestedHeaders }),
    'access-control-max-age': '600',
    // Chrome asks before a page on a public origin may reach 127.0.0.1 (Private Network Access).
    ...(incoming.headers['access-control-request-private-network'] === 'true'
      ? { 'access-control-allow-private-network': 'true' }
      : {}),
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  });
  outgoing.end();
  return true;
}

/** The CORS headers of an ordinary response to a request from a page (none without `Origin`). */
export function corsHeaders(incoming: IncomingMessage): Record<string, string> {
  const origin = incoming.headers.origin;
  // Vary on every answer: a cache must not hand one page's answer to another origin, or to no origin.
  if (origin === undefined) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}
