import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { answerPreflight, corsHeaders } from './cors.js';
import { toRequest, writeResponse } from './node-http.js';
import { loadMounts, type MockCloudServices, mountServices } from './services.js';
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
  let services: MockCloudServices | undefined;
  const requestCounts: Record<string, number> = {};
  const certificates = options.tls === true ? makeCertificates() : undefined;
  const mounts = await loadMounts();
  const handler = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const path = incoming.url ?? '/';
      let status = 500;
      if (answerPreflight(incoming, outgoing)) {
        options.onRequest?.({ method: 'OPTIONS', path: path.split('?')[0] ?? path, status: 204 });
        return;
      }
      for (const [name, value] of Object.entries(corsHeaders(incoming))) outgoing.setHeader(name, value);
      try {
        const request = toRequest(incoming, origin);
        const prefix = (candidate: string) => path === candidate || path.startsWith(`${candidate}/`);
        const service = Object.values(services ?? {}).find((s) => s.prefixes.some(prefix));
        const response =
          (service ? await service.handle(request) : undefined) ??
          Response.json(
            { error: { code: 'NotFound', message: `No mock serves ${path.split('?')[0]}` } },
            { status: 404 },
          );
        const counted = service?.prefixes.find(prefix);
        if (counted) requestCounts[counted] = (requestCounts[counted] ?? 0) + 1;
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
        options.onRequest?.({ method: incoming.method ?? 'GET', path: path.split('?')[0] ?? path, status });
      }
    })();
  };
  const server: Server =
    certificates === undefined
      ? createServer(handler)
      : createHttpsServer({ key: certificates.key, cert: certificates.cert }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${certificates === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  services = mountServices(origin, mounts);
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
