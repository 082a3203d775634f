import { authFetch, authMiddleware, heyApiAuth, staticToken } from '@qc/auth';
import { createQciClient, type paths } from '@qc/qci';
import createOpenApiClient from 'openapi-fetch';
// hey-api's own fetch client over the QCi spec (the fixture @qc/auth's heyApiAuth is tested against):
// what a user who generates a hey-api SDK themselves runs, with and without the adapter.
import {
  createConfig,
  createClient as createHeyApiClient,
} from '../../../packages/auth/test/hey-api-qci/client/index.js';
import { getAllocations } from '../../../packages/auth/test/hey-api-qci/sdk.gen.js';
import { BENCH_AUTHORIZATION as AUTHORIZATION, BENCH_TOKEN } from './provider-bench.js';
import {
  ALLOCATIONS_PATH,
  ALLOCATIONS_URL,
  type AllocationsTransport,
  BENCH_BASE_URL,
} from './transports.js';

export type VariantId =
  | 'raw'
  | 'authFetch'
  | 'openapiFetch'
  | 'openapiFetchAuth'
  | 'heyApi'
  | 'heyApiAuth'
  | 'facade'
  | 'facadeNoRetry';

export interface Variant {
  id: VariantId;
  /** One GET of the allocations, body parsed: what a caller of this stack writes. */
  call: () => Promise<unknown>;
}

/**
 * Every stack under test, built once over the same in-memory transport. Each one sends the same
 * request: `GET /optimization/v1/jobs/allocations` with `Authorization: Bearer bench-token`. The
 * unauthenticated clients set that header as a fixed client header, so comparing a client with and
 * without the @qc/auth adapter shows what the adapter costs over writing the header yourself.
 */
export function createVariants(transport: AllocationsTransport): Variant[] {
  const { fetch } = transport;
  const provider = staticToken(BENCH_TOKEN);
  const baseUrl = BENCH_BASE_URL;

  const authenticatedFetch = authFetch(provider, { baseUrl, fetch });

  const openapiFetch = createOpenApiClient<paths>({
    baseUrl,
    fetch,
    headers: { authorization: AUTHORIZATION },
  });
  const openapiFetchAuth = createOpenApiClient<paths>({ baseUrl, fetch });
  openapiFetchAuth.use(authMiddleware(provider, { baseUrl }));

  // The generated client's `fetch` is typed as the DOM `fetch` (it also has `preconnect` in Node's types).
  const heyApi = createHeyApiClient(
    createConfig({
      baseUrl,
      fetch: fetch as typeof globalThis.fetch,
      headers: { Authorization: AUTHORIZATION },
    }),
  );
  const heyApiConfig = heyApiAuth(provider, { baseUrl, fetch });
  const heyApiAuthed = createHeyApiClient(
    createConfig({ baseUrl, ...heyApiConfig, fetch: heyApiConfig.fetch as typeof globalThis.fetch }),
  );

  const facade = createQciClient({ baseUrl, auth: provider, fetch });
  const facadeNoRetry = createQciClient({ baseUrl, auth: provider, fetch, retry: false });

  return [
    {
      id: 'raw',
      call: async () => {
        const response = await fetch(
          new Request(ALLOCATIONS_URL, { headers: { authorization: AUTHORIZATION } }),
        );
        return response.json();
      },
    },
    { id: 'authFetch', call: async () => (await authenticatedFetch(ALLOCATIONS_URL)).json() },
    { id: 'openapiFetch', call: async () => (await openapiFetch.GET(ALLOCATIONS_PATH)).data },
    { id: 'openapiFetchAuth', call: async () => (await openapiFetchAuth.GET(ALLOCATIONS_PATH)).data },
    { id: 'heyApi', call: async () => (await getAllocations({ client: heyApi })).data },
    { id: 'heyApiAuth', call: async () => (await getAllocations({ client: heyApiAuthed })).data },
    { id: 'facade', call: () => facade.allocations() },
    { id: 'facadeNoRetry', call: () => facadeNoRetry.allocations() },
  ];
}

/**
 * Calls each variant once and checks it really did the work: the transport saw the bearer token and
 * the parsed body came back. A variant that silently skipped authentication or parsing would otherwise
 * look fast.
 */
export async function checkVariants(variants: Variant[], transport: AllocationsTransport): Promise<void> {
  for (const variant of variants) {
    const data = await variant.call();
    const seen = transport.lastCall();
    const request = seen === undefined ? undefined : new Request(seen.input, seen.init);
    const problems = [
      request?.url === ALLOCATIONS_URL ? undefined : `sent to ${request?.url ?? 'nowhere'}`,
      request?.method === 'GET' ? undefined : `method ${request?.method}`,
      request?.headers.get('authorization') === AUTHORIZATION ? undefined : 'no bearer token',
      secondsOf(data) === 10 ? undefined : 'body not parsed',
    ].filter((problem) => problem !== undefined);
    if (problems.length > 0) throw new Error(`bench variant ${variant.id} is broken: ${problems.join(', ')}`);
  }
}

function secondsOf(data: unknown): unknown {
  const allocations = (data as { allocations?: { dirac?: { seconds?: unknown } } } | undefined)?.allocations;
  return allocations?.dirac?.seconds;
}
