import type { IncomingMessage } from 'node:http';

/**
 * A Node request as the fetch `Request` the mocks take, made only as far as it is read. Most requests
 * are reads: a mock looks at their URL, method and headers and never at a body, a signal or a clone,
 * and undici's constructor (an AbortController, a second copy of the headers, its argument checks) is a
 * large part of what answering one costs. So `url`, `method` and `headers` come from the Node request,
 * and the first use of anything else makes the real `Request` and answers from it. It is a `Request`
 * to `instanceof`; the same technique as @hono/node-server's request.
 */
const real = Symbol('request');
const fields = Symbol('fields');
const full = Symbol('full');

interface LeanRequest {
  [real]: Request | undefined;
  [fields]: { url: string; method: string; headers: Headers; body: Uint8Array<ArrayBuffer> | undefined };
  [full](): Request;
}

// Request.prototype's getters check that they read a real Request: the lean one has its own.
const prototype = {
  /** The real Request, made on first need. */
  [full](this: LeanRequest): Request {
    const { url, method, headers, body } = this[fields];
    this[real] ??= new Request(url, { method, headers, body });
    return this[real];
  },
  get url(): string {
    return (this as unknown as LeanRequest)[fields].url;
  },
  get method(): string {
    return (this as unknown as LeanRequest)[fields].method;
  },
  get headers(): Headers {
    return (this as unknown as LeanRequest)[fields].headers;
  },
  get body(): ReadableStream<Uint8Array> | null {
    const self = this as unknown as LeanRequest;
    return self[fields].body === undefined ? null : self[full]().body;
  },
  get bodyUsed(): boolean {
    const self = this as unknown as LeanRequest;
    return self[real]?.bodyUsed ?? false;
  },
  /**
   * Another lean request with the same URL, method, headers (a copy) and body bytes. Not undici's
   * clone(): Node 20's ties each clone to the original's abort signal and never lets go of it (about
   * a kilobyte a clone, for as long as the process runs), and the mocks clone every request they read
   * a body from.
   */
  clone(this: LeanRequest): Request {
    if (this[real]?.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    const { url, method, headers, body } = this[fields];
    return make(method, url, new Headers(headers), body);
  },
};

// Everything else a Request has is the real one's.
for (const name of [
  'cache',
  'credentials',
  'destination',
  'duplex',
  'integrity',
  'isHistoryNavigation',
  'isReloadNavigation',
  'keepalive',
  'mode',
  'redirect',
  'referrer',
  'referrerPolicy',
  'signal',
]) {
  Object.defineProperty(prototype, name, {
    get(this: LeanRequest) {
      return (this[full]() as unknown as Record<string, unknown>)[name];
    },
  });
}
for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']) {
  if (!(name in Request.prototype)) continue;
  Object.defineProperty(prototype, name, {
    value(this: LeanRequest) {
      const request = this[full]() as unknown as Record<string, () => unknown>;
      return request[name]?.call(request);
    },
  });
}
Object.setPrototypeOf(prototype, Request.prototype);

/** A request's headers as the client sent them, repeated ones included (joined as fetch joins them). */
export function headersOf(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/**
 * The Node request as a fetch `Request` for the mocks: `url` absolute and normalized, `body` read
 * already (undefined for none). fetch refuses a body on GET and HEAD: a server reads past one (HTTP
 * gives it no meaning there).
 */
export function leanRequest(
  method: string,
  url: string,
  headers: Headers,
  body: Buffer | undefined,
): Request {
  // A Buffer is a Uint8Array over an ArrayBuffer (Node never pools request bodies in shared memory).
  const bytes = body as Uint8Array<ArrayBuffer> | undefined;
  return make(method, url, headers, method === 'GET' || method === 'HEAD' ? undefined : bytes);
}

function make(
  method: string,
  url: string,
  headers: Headers,
  body: Uint8Array<ArrayBuffer> | undefined,
): Request {
  const request = Object.create(prototype) as LeanRequest;
  request[real] = undefined;
  request[fields] = { url, method, headers, body };
  return request as unknown as Request;
}
