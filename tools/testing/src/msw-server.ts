import { HttpResponse, http, type RequestHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Describes a request for a failure message: method, origin and path, and the *names* of query
 * parameters only. Bodies, header values and query values (SAS signatures, codes) are never printed:
 * msw's own unhandled-request message includes the request body, which leaks passwords and secrets
 * posted to token endpoints.
 */
export function describeRequest(request: Request): string {
  const url = new URL(request.url);
  const names = [...new Set(url.searchParams.keys())];
  const query = names.length > 0 ? `?${names.map((n) => `${n}=…`).join('&')}` : '';
  return `${request.method} ${url.origin}${url.pathname}${query}`;
}

export interface TestServer {
  server: SetupServer;
  /** Requests that no handler answered since the last check (already described, secret-free). */
  unhandled: string[];
}

/**
 * Starts an msw server for the current test file. A request that no handler answers gets a network
 * error and fails the test that made it (in `afterEach`), naming only its method and URL.
 */
export function useTestServer(...handlers: RequestHandler[]): TestServer {
  const unhandled: string[] = [];
  const refuse = (request: Request) => {
    unhandled.push(describeRequest(request));
    return HttpResponse.error();
  };
  // The catch-all stays last: `server.use()` prepends per-test handlers, `resetHandlers()` keeps it.
  const server = setupServer(
    ...handlers,
    http.all('*', ({ request }) => refuse(request)),
  );

  beforeAll(() => {
    server.listen({
      onUnhandledRequest: (request) => {
        unhandled.push(describeRequest(request));
        throw new Error(`Unhandled request: ${describeRequest(request)}`);
      },
    });
  });
  afterEach(() => {
    server.resetHandlers();
    if (unhandled.length > 0) {
      const list = unhandled.splice(0).join('\n  ');
      throw new Error(`The test made request(s) that no msw handler answered:\n  ${list}`);
    }
  });
  afterAll(() => {
    server.close();
  });
  return { server, unhandled };
}
