import { createContract, createMockService, type ResponseCheckPolicy, textResponse } from '@qc/core/contract';
import { http, type RequestHandler } from 'msw';
import { openApiDocument } from '../generated/spec.gen.js';
import { qciOperations } from './operations.js';
import { type QciMockOptions, QciMockState } from './state.js';

export { QCI_DEMO_REFRESH_TOKEN, type QciMockOptions, QciMockState } from './state.js';

/** A mock of QCi's API, made by {@link createQciMock}. */
export interface QciMock {
  /** The mock's state: tokens, files, jobs, allocations and counters, for assertions. */
  state: QciMockState;
  /** The mock as a plain function; the mock cloud serves it over HTTP. */
  handle: (request: Request) => Promise<Response | undefined>;
  /** msw handlers for `setupServer(...)` / `server.use(...)`. */
  handlers: RequestHandler[];
}

/**
 * A stateful, spec-validating mock of QCi's API: refresh tokens exchanged for expiring access tokens,
 * files stored part by part and reassembled, jobs moving SUBMITTED → QUEUED → RUNNING → COMPLETED
 * (one step per status poll) with result files computed from the uploaded problem, and
 * allocations that go down. Requests that break specs/qci.yaml get a 400 naming the issues.
 */
export function createQciMock(
  options: QciMockOptions & { baseUrl?: string; validateResponses?: boolean | ResponseCheckPolicy } = {},
): QciMock {
  const baseUrl = (options.baseUrl ?? 'https://api.qci-prod.com').replace(/\/+$/, '');
  const state = new QciMockState(options);
  const contract = createContract(openApiDocument);
  const service = createMockService({
    contract,
    baseUrl,
    operations: qciOperations(state),
    validateResponses: options.validateResponses ?? true,
    authorize: (request) => {
      const header = request.headers.get('authorization') ?? '';
      const token = /^Bearer (.+)$/.exec(header)?.[1];
      if (token && state.isAccessTokenValid(token)) return undefined;
      state.counters.unauthorized += 1;
      return textResponse('Unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } });
    },
  });
  // QCi's Python client posts the token exchange with a trailing slash; the service answers both.
  const handle = (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/auth/v1/access-tokens/')) {
      url.pathname = url.pathname.slice(0, -1);
      return service(new Request(url, request));
    }
    return service(request);
  };
  return {
    state,
    handle,
    handlers: [http.all(`${baseUrl}/*`, async ({ request }) => handle(request))],
  };
}
