import {
  createContract,
  createMockService,
  type MockOperation,
  type ResponseCheckPolicy,
} from '@qc/core/contract';
import { http, type RequestHandler } from 'msw';
import { type PasqalEnvironment, type PasqalEnvironmentName, resolveEnvironment } from '../environments.js';
import { openApiDocument } from '../generated/spec.gen.js';
import { withFaults } from './faults.js';
import {
  MockIdentityProvider,
  PASQAL_DEMO_SERVICE_ACCOUNT,
  PASQAL_DEMO_USER,
  type PasqalMockServiceAccount,
  type PasqalMockUser,
  type Principal,
} from './identity.js';
import { fastApiValidation, jsendError } from './jsend.js';
import { pasqalOperations } from './operations.js';
import { PasqalMockState, type PasqalMockStateOptions } from './state.js';

export { PASQAL_DEMO_PROJECT_ID, type PasqalMockProject } from './account.js';
export { MOCK_DEVICES } from './devices.js';
export type { MockFault } from './faults.js';
export {
  issuerOf,
  MockIdentityProvider,
  PASQAL_DEMO_SERVICE_ACCOUNT,
  PASQAL_DEMO_USER,
  type PasqalMockServiceAccount,
  type PasqalMockUser,
  type Principal,
} from './identity.js';
export type { MockJobInput, MockJobOutcome } from './jobs.js';
export { PasqalMockState, type PasqalMockStateOptions } from './state.js';

/** Options of {@link createPasqalMock}: the environment, its accounts and tokens, and the state's lifecycle. */
export interface PasqalMockOptions extends PasqalMockStateOptions {
  /** The environment mocked (default `prod`): its core and account URLs and its identity provider. */
  environment?: PasqalEnvironmentName | PasqalEnvironment;
  /** Users of the password grant (default: {@link PASQAL_DEMO_USER}). */
  users?: PasqalMockUser[];
  /** Service accounts of the client-credentials grant (default: {@link PASQAL_DEMO_SERVICE_ACCOUNT}). */
  serviceAccounts?: PasqalMockServiceAccount[];
  /** Lifetime of issued tokens in seconds (default 3600). Tokens expire on `now()`. */
  tokenLifetimeSeconds?: number;
  /**
   * Throw when a mock response breaks the spec: every response (`true`, the default) or those a policy
   * picks (`sampledResponseChecks()` of `@qc/core/contract`, as the mock cloud does).
   */
  validateResponses?: boolean | ResponseCheckPolicy;
  /** Accept a custom environment on `http://127.0.0.1` and other loopback hosts. */
  allowInsecureLoopback?: boolean;
}

/** A mock of one Pasqal Cloud environment, made by {@link createPasqalMock}. */
export interface PasqalMock {
  /** The environment mocked. */
  environment: PasqalEnvironment;
  /** Batches, jobs, workloads, results links, injected faults and call counters, for assertions. */
  state: PasqalMockState;
  /** The environment's identity provider: users, service accounts, issued tokens, counters. */
  identity: MockIdentityProvider;
  /** The mock as a plain function; undefined for requests it does not serve. */
  handle: (request: Request) => Promise<Response | undefined>;
  /** msw handlers: token endpoint, core API, account API and the presigned results host. */
  handlers: RequestHandler[];
}

const GZIP_ROUTES = new Set(['createBatch', 'addJobs']);

/**
 * A stateful, spec-validating mock of one Pasqal Cloud environment:
 * - its identity provider (Auth0 or Keycloak, as the environment says) issues JWTs for the environment's
 *   issuer and audience, which expire; the APIs refuse missing, expired, unknown and other environments'
 *   tokens with 401;
 * - every operation of specs/pasqal-cloud.yaml, requests validated against the spec (400 naming the issues),
 *   responses checked against it; JSend envelopes, `pagination` and `Content-Range` on lists;
 * - batches whose jobs move PENDING → RUNNING → DONE per poll (`getBatch`/`getJob`) or per clock
 *   (`advance: 'clock'`, `transitionMs`), cancel (through CANCELING), close, open-batch TIMED_OUT,
 *   PAUSED on demand, rebatch, tags;
 * - presigned results links served by a mock storage host that refuses an Authorization header;
 * - gzip request bodies (`Content-Encoding: gzip`) on createBatch and addJobs, as the service accepts them;
 * - injected faults (`state.inject`) for error paths.
 */
export function createPasqalMock(options: PasqalMockOptions = {}): PasqalMock {
  const environment = resolveEnvironment(options.environment, {
    allowInsecureLoopback: options.allowInsecureLoopback === true,
  });
  const state = new PasqalMockState(environment, options);
  const identity = new MockIdentityProvider(
    environment,
    options.users ?? [PASQAL_DEMO_USER],
    options.serviceAccounts ?? [PASQAL_DEMO_SERVICE_ACCOUNT],
    options.tokenLifetimeSeconds ?? 3600,
    state.now,
  );
  const contract = createContract(openApiDocument);
  const principals = new WeakMap<Request, Principal>();
  const operations = pasqalOperations(state, (request) => principals.get(request));

  const serviceFor = (baseUrl: string, implementations: Record<string, MockOperation>, account: boolean) =>
    createMockService({
      contract,
      baseUrl,
      operations: withFaults(state, implementations),
      validateResponses: options.validateResponses ?? true,
      authorize: (request) => {
        const check = identity.check(request.headers.get('authorization'));
        if (check.ok) {
          principals.set(request, check.principal);
          return undefined;
        }
        state.counters.unauthorized += 1;
        return jsendError(401, check.reason, {
          account,
          headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
        });
      },
    });
  const core = serviceFor(environment.coreUrl, operations.core, false);
  const account = serviceFor(environment.accountUrl, operations.account, true);

  // Where each part of the environment lives, worked out once (every request is routed by them).
  const area = (base: string) => {
    const url = new URL(base);
    return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
  };
  const results = area(state.resultsBaseUrl);
  const coreArea = area(environment.coreUrl);
  const accountArea = area(environment.accountUrl);
  const within = (url: URL, { origin, prefix }: { origin: string; prefix: string }) =>
    url.origin === origin && (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));

  const handle = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (request.method === 'POST' && identity.matches(request)) return identity.handle(request);
    if (within(url, results)) return state.serveResults(request);
    const isCore = within(url, coreArea);
    const isAccount = within(url, accountArea);
    if (!isCore && !isAccount) return undefined;
    state.tick();
    const pathname = url.pathname.slice((isCore ? coreArea : accountArea).prefix.length) || '/';
    const matched = contract.match(request.method, pathname);
    // The two APIs share one spec: an account route on the core base (or the reverse) does not exist.
    const served = isCore ? operations.core : operations.account;
    if (matched && !(matched.operationId in served)) {
      return jsendError(404, `No route ${request.method} ${pathname} on this API`, { account: !isCore });
    }
    const refused = await checkEncoding(request, matched?.operationId, state);
    if (refused) return refused;
    return isCore ? core(request) : account(request);
  };

  const handlers: RequestHandler[] = [
    http.post(environment.auth.tokenUrl, async ({ request }) => handle(request)),
    http.all(`${state.resultsBaseUrl}/*`, async ({ request }) => handle(request)),
    http.all(`${environment.coreUrl}/*`, async ({ request }) => handle(request)),
    http.all(`${environment.accountUrl}/*`, async ({ request }) => handle(request)),
  ];
  return { environment, state, identity, handle, handlers };
}

/**
 * Content-Encoding as the service treats it: `gzip` is accepted on createBatch and addJobs (Pasqal's SDK
 * sends those two compressed) and must then really be gzip; a gzip body sent without the header is not
 * JSON to the service (FastAPI's 422); any other encoding is refused.
 */
async function checkEncoding(
  request: Request,
  operationId: string | undefined,
  state: PasqalMockState,
): Promise<Response | undefined> {
  if (request.body === null || request.method === 'GET' || request.method === 'HEAD') return undefined;
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase() ?? 'identity';
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (encoding === 'identity') {
    return isGzip
      ? fastApiValidation([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }])
      : undefined;
  }
  if (encoding !== 'gzip') return jsendError(400, `Content-Encoding ${encoding} is not supported`);
  if (operationId === undefined || !GZIP_ROUTES.has(operationId)) {
    return jsendError(400, 'Content-Encoding gzip is accepted on createBatch and addJobs only');
  }
  if (!isGzip) return jsendError(400, 'The body is declared gzip but is not gzip data');
  state.counters.gzipBodies += 1;
  return undefined;
}
