import {
  type ApiClient,
  type ClientOptions,
  createApiClient,
  createPipeline,
  type Pipeline,
  type SubmissionRoute,
  type TokenProvider,
} from '@qc/auth';
import { checkTimeLimit, type RetryOptions, SecretStore } from '@qc/core';
import { missingCredentials, type PasqalAuth, type PasqalTokenOptions, pasqalTokenProvider } from './auth.js';
import { type PasqalEnvironment, type PasqalEnvironmentName, resolveEnvironment } from './environments.js';
import { describePasqalError } from './errors.js';
import { pathRules, queryParameters } from './generated/rules.gen.js';
import { PACKAGE } from './generated/version.gen.js';

/** Pasqal's SDK's time limit for every authenticated request. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Time limit of createBatch, addJobs and rebatch. Creating a batch can take longer on the server than
 * 30 s, and a client that gives up and resends creates a duplicate (pasqal-io/pasqal-cloud#285, which
 * proposes 5 minutes for create-batch).
 */
export const DEFAULT_SUBMIT_TIMEOUT_MS = 5 * 60_000;
/** Statuses retried on idempotent requests: Pasqal's SDK's set (408, 425, 429, 500, 502, 504) and 503. */
export const PASQAL_RETRYABLE_STATUSES: readonly number[] = [408, 425, 429, 500, 502, 503, 504];

/**
 * The shared client options (@qc/auth's `ClientOptions`) and Pasqal's own. Where the API is comes from
 * `environment` rather than `baseUrl`: an environment binds the core API, the account API and the
 * identity provider that issues tokens for them.
 */
export interface PasqalTransportOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** One of the five named environments (default `prod`), or a custom one. */
  environment?: PasqalEnvironmentName | PasqalEnvironment;
  /**
   * `{ username, password }` (a user), `{ clientId, clientSecret }` (a service account), or any @qc/auth
   * token provider. Without it only the public device routes work.
   */
  auth?: PasqalAuth;
  /** Settings of the built-in token providers (their own fetch, time limit, retries, refresh margin). */
  tokenOptions?: Omit<PasqalTokenOptions, 'allowInsecureLoopback'>;
  /**
   * Time limit of each request in ms — connecting, headers and the whole body (default 30 000, as
   * Pasqal's SDK).
   */
  timeoutMs?: number;
  /** Time limit of createBatch, addJobs and rebatch, in ms (default 300 000). */
  submitTimeoutMs?: number;
  /**
   * Retry policy for 408/425/429/5xx and network failures of reads (GET); `false` disables it. POST
   * requests (create batch, add jobs, rebatch, create workload) and cancels are never retried,
   * whatever this says.
   */
  retry?: RetryOptions | false;
  /**
   * Send the bodies of createBatch and addJobs gzip-compressed with `Content-Encoding: gzip`, as
   * Pasqal's SDK does by default since 0.22.0 (its `PASQAL_SKIP_GZIP_REQUEST_BODY` turns it off).
   * Default true.
   */
  gzip?: boolean;
}

export interface PasqalTransport {
  environment: PasqalEnvironment;
  /** Client of the core API's generated SDK functions. */
  client: ApiClient;
  /** Client of the account API (listProjects, getAuthInfo). */
  accountClient: ApiClient;
  /** No credential, retried GETs, the read time limit: for presigned result links. */
  download: Pipeline;
  provider: TokenProvider;
  secrets: SecretStore;
}

/**
 * Pasqal's plan for the one request pipeline (@qc/auth): the environment's two origins and its
 * identity provider, the submission routes (never retried, a longer time limit, gzip bodies,
 * outcome-unknown when the answer is lost), Pasqal's retryable statuses (reads only) and its JSend
 * error envelope. Presigned downloads get a pipeline of their own without any credential.
 */
export function createPasqalTransport(options: PasqalTransportOptions): PasqalTransport {
  const allowInsecureLoopback = options.allowInsecureLoopback === true;
  const environment = resolveEnvironment(options.environment, { allowInsecureLoopback });
  const timeoutMs = checkTimeLimit('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const submitTimeoutMs = checkTimeLimit(
    'submitTimeoutMs',
    options.submitTimeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS,
  );
  const gzip = options.gzip ?? true;
  const core = new URL(environment.coreUrl);
  const prefix = core.pathname.replace(/\/+$/, '');

  const provider =
    options.auth === undefined
      ? missingCredentials(environment)
      : pasqalTokenProvider(environment, options.auth, {
          fetch: options.fetch,
          timeoutMs,
          ...options.tokenOptions,
          // Either place may opt in; neither can take the other's opt-in back.
          dangerouslyAllowBrowser:
            options.dangerouslyAllowBrowser === true ||
            options.tokenOptions?.dangerouslyAllowBrowser === true,
          allowInsecureLoopback,
        });
  const secrets = new SecretStore();
  const auth = options.auth as Record<string, unknown> | undefined;
  for (const key of ['password', 'clientSecret']) {
    if (typeof auth?.[key] === 'string') secrets.addPermanent(auth[key] as string);
  }
  const common = {
    client: PACKAGE,
    fetch: options.fetch,
    timeoutMs,
    retry: options.retry,
    retryableStatuses: PASQAL_RETRYABLE_STATUSES,
    // Reads only. Cancels are not idempotent in their answers: a cancel resent after a 502 that had
    // already worked answers 400 "is CANCELED and cannot be cancelled". POSTs create things.
    isRetryable: (method: string) => method === 'GET' || method === 'HEAD',
    allowRetryOptIn: false,
    logger: options.logger,
    allowInsecureLoopback,
    secrets,
    safeQueryParameters: queryParameters,
    // Pasqal's API sits behind Amazon's gateway, and its result links on S3.
    requestIdHeaders: ['x-amzn-requestid', 'x-amz-request-id'],
  };
  const pipeline = createPipeline({
    ...common,
    provider,
    origins: [...new Set([core.origin, new URL(environment.accountUrl).origin])],
    submission: (method, url) =>
      method === 'POST' && url.origin === core.origin && url.pathname.startsWith(`${prefix}/`)
        ? submissionRoute(url.pathname.slice(prefix.length), { submitTimeoutMs, gzip })
        : undefined,
    errorDetails: describePasqalError,
  });
  return {
    environment,
    client: createApiClient({ baseUrl: environment.coreUrl, pipeline, pathRules }),
    accountClient: createApiClient({ baseUrl: environment.accountUrl, pipeline, pathRules }),
    download: createPipeline(common),
    provider,
    secrets,
  };
}

/** Which core routes are submissions, by path (so generated SDK calls get the policy too). */
function submissionRoute(
  path: string,
  settings: { submitTimeoutMs: number; gzip: boolean },
): SubmissionRoute | undefined {
  const common = { timeoutMs: settings.submitTimeoutMs };
  if (path === '/api/v1/batches') {
    return {
      ...common,
      operation: 'createBatch',
      gzip: settings.gzip,
      recovery: 'list the batches created since it was sent (findBatchesSince) before sending it again',
    };
  }
  if (/^\/api\/v2\/batches\/[^/]+\/jobs$/.test(path)) {
    return {
      ...common,
      operation: 'addJobs',
      gzip: settings.gzip,
      recovery: "list the batch's jobs before adding them again",
    };
  }
  if (/^\/api\/v1\/batches\/[^/]+\/rebatch$/.test(path)) {
    return {
      ...common,
      operation: 'rebatch',
      recovery: 'list the batches created since it was sent before sending it again',
    };
  }
  if (path === '/api/v1/workloads') {
    return { operation: 'createWorkload', recovery: 'check your workloads before creating it again' };
  }
  return undefined;
}
