import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { jsonResponse, sampledResponseChecks } from '@qc/core/contract';
import type { ResponseValidation } from './args.js';
import { answerPreflight, corsHeaders } from './cors.js';
import { headersOf, leanRequest } from './lean-request.js';
import { DEFAULT_MAX_BODY_BYTES, readBody, writeResponse } from './node-http.js';
import { loadMounts, type MockCloudServices, type MountedService, mountServices } from './services.js';
import { makeCertificates } from './tls.js';

export interface MockCloudOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Called for every request with method, path and status (never headers or bodies). */
  onRequest?: (line: { method: string; path: string; status: number }) => void;
  /**
   * Serve https with a certificate made at start for 127.0.0.1 and localhost, signed by a fresh CA
   * whose file `caFile` names (trust it with `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, …). Needs
   * the `openssl` command.
   */
  tls?: boolean;
  /** The largest request body read, in bytes (default 32 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /**
   * Which of the mocks' answers are checked against their specs (an answer that breaks its spec is a
   * 500 naming the issues): the first 32 of every operation and status, then one in 16 (`sampled`, the
   * default: a mock's answers to one operation have one shape, so drift shows at once, and a busy
   * server spends a sixteenth of the checking), every one (`all`, as the packages' tests do), or none.
   */
  validateResponses?: ResponseValidation;
}

export interface MockCloud {
  /** `http://127.0.0.1:<port>`, or `https://…` with `tls` */
  origin: string;
  /** With `tls`: the PEM file of the CA that signed the server's certificate. */
  caFile?: string;
  services: MockCloudServices;
  /** Requests served, per path prefix. */
  requestCounts: Record<string, number>;
  close(): Promise<void>;
}

/**
 * Serves every package's stateful mock over real HTTP on loopback. Each mock validates requests against
 * its package's spec, exactly as in the packages' own tests; routing is by path prefix.
 */
export async function startMockCloud(options: MockCloudOptions = {}): Promise<MockCloud> {
  let routes: { prefix: string; service: MountedService }[] = [];
  const requestCounts: Record<string, number> = {};
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const certificates = options.tls === true ? makeCertificates() : undefined;
  const mounts = await loadMounts();

  /** The answer to one request: the mock's, or the mock cloud's own refusal. */
  const answer = async (incoming: IncomingMessage, target: string, path: string): Promise<Response> => {
    const method = incoming.method ?? 'GET';
    // fetch cannot carry these (undici refuses TRACE outright); no cloud API answers them either.
    if (method === 'TRACE' || method === 'TRACK') {
      return refusal(405, 'MethodNotAllowed', `${method} is not allowed`, { allow: ALLOWED_METHODS });
    }
    let url: string;
    try {
      url = absoluteUrl(target, origin);
    } catch {
      return refusal(400, 'InvalidUri', 'The request target is not a valid URL');
    }
    const route = routes.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
    if (route === undefined) return refusal(404, 'NotFound', `No mock serves ${path}`);
    requestCounts[route.prefix] = (requestCounts[route.prefix] ?? 0) + 1;
    // HTTP/1.1 framing: without Content-Length or Transfer-Encoding there is no body (nothing to await).
    const framed =
      incoming.headers['content-length'] !== undefined || incoming.headers['transfer-encoding'] !== undefined;
    const body = framed ? await readBody(incoming, maxBodyBytes) : undefined;
    if (body === 'too-large') {
      // The rest of the body is never read: the connection closes after the answer.
      return refusal(413, 'RequestBodyTooLarge', `The request body is larger than ${maxBodyBytes} bytes`, {
        connection: 'close',
      });
    }
    let headers: Headers;
    try {
      headers = headersOf(incoming);
    } catch {
      return refusal(400, 'InvalidHeader', 'A request header is not valid in HTTP');
    }
    const request = leanRequest(method, url, headers, body);
    const response = await route.service.handle(request);
    return response ?? refusal(404, 'NotFound', `No mock serves ${path}`);
  };

  const handler = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const target = incoming.url ?? '/';
      const query = target.indexOf('?');
      const path = query === -1 ? target : target.slice(0, query);
      let status = 500;
      if (answerPreflight(incoming, outgoing)) {
        options.onRequest?.({ method: 'OPTIONS', path, status: 204 });
        return;
      }
      for (const [name, value] of Object.entries(corsHeaders(incoming))) outgoing.setHeader(name, value);
      try {
        const response = await answer(incoming, target, path);
        status = response.status;
        await writeResponse(response, outgoing);
      } catch (error) {
        // A mock that broke its own contract, or a bug: report it to the client without internals.
        status = 500;
        const message = error instanceof Error ? `${error.name}: ${error.message}` : 'mock failure';
        if (!outgoing.headersSent) {
          outgoing.writeHead(500, { 'content-type': 'application/json' });
          outgoing.end(JSON.stringify({ error: { code: 'MockFailure', message } }));
        } else outgoing.destroy();
      } finally {
        options.onRequest?.({ method: incoming.method ?? 'GET', path, status });
      }
    })();
  };
  const server: Server =
    certificates === undefined
      ? createServer(handler)
      : createHttpsServer({ key: certificates.key, cert: certificates.cert }, handler);
  // A CONNECT never reaches the request handler: without this, Node would drop the connection.
  server.on('connect', (incoming: IncomingMessage, socket: Socket) => {
    const body = JSON.stringify({ error: { code: 'MethodNotAllowed', message: 'CONNECT is not allowed' } });
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nallow: ${ALLOWED_METHODS}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    options.onRequest?.({ method: 'CONNECT', path: incoming.url ?? '', status: 405 });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${certificates === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  const validation = options.validateResponses ?? 'sampled';
  const services = mountServices(
    origin,
    mounts,
    validation === 'sampled' ? sampledResponseChecks() : validation === 'all',
  );
  routes = Object.values(services).flatMap((service) =>
    service.prefixes.map((prefix) => ({ prefix, service })),
  );
  return {
    origin,
    ...(certificates === undefined ? {} : { caFile: certificates.caFile }),
    services,
    requestCounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** Characters an origin-form target may hold that a URL parser keeps as they are (no dot segments). */
const NORMALIZED_TARGET = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;

/**
 * The request's URL as fetch would hold it (what `Request.url` reads: absolute, normalized). The usual
 * origin-form target needs no parsing; anything else (absolute-form, `*`, characters to escape, dot
 * segments) goes through the URL parser, which throws for what no URL can be.
 */
function absoluteUrl(target: string, origin: string): string {
  if (NORMALIZED_TARGET.test(target) && !DOT_SEGMENT.test(target)) return `${origin}${target}`;
  return new URL(target, origin).href;
}

/** The mock cloud's own answer (not a mock's): its error envelope. */
function refusal(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ error: { code, message } }, { status, headers });
}
