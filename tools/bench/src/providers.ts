// Per-call overhead of each provider facade's typical read, against raw fetch of the same URL over the
// same in-memory transport (token cached). The bodies are the recorded fixtures, so each facade parses
// what the real service sends.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '@qc/auth';
import { staticToken } from '@qc/auth';
import { createAzureQuantumClient } from '@qc/azure-quantum';
import { createPasqalClient, PASQAL_ENVIRONMENTS, type PasqalEnvironment } from '@qc/pasqal';
import { BENCH_TOKEN } from './variants.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'specs', 'fixtures');
const AUTHORIZATION = `Bearer ${BENCH_TOKEN}`;

export type ProviderVariantId = 'pasqalRaw' | 'pasqalFacade' | 'azureRaw' | 'azureFacade';

export interface ProviderVariant {
  id: ProviderVariantId;
  call: () => Promise<unknown>;
  /** What a correct call returns: checked once before timing. */
  check: (result: unknown) => boolean;
}

/** A transport that answers every request with one recorded JSON body, remembering the last request. */
function fixedTransport(body: string): { fetch: FetchLike; last: () => Request | undefined } {
  let last: { input: RequestInfo | URL; init: RequestInit | undefined } | undefined;
  return {
    fetch: async (input, init) => {
      last = { input, init };
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    },
    last: () => (last === undefined ? undefined : new Request(last.input, last.init)),
  };
}

export function createProviderVariants(): ProviderVariant[] {
  const provider = staticToken(BENCH_TOKEN);

  // Pasqal: GET /api/v2/batches/{id} on a bench environment with prod's identity values.
  const pasqalBody = readFileSync(join(fixtures, 'pasqal', 'get_v2_batches_batch_id.response.json'), 'utf8');
  const batchId = (JSON.parse(pasqalBody) as { data: { id: string } }).data.id;
  const environment: PasqalEnvironment = {
    name: 'bench',
    coreUrl: 'https://apis.pasqal.invalid/core-fast',
    accountUrl: 'https://apis.pasqal.invalid/account',
    auth: PASQAL_ENVIRONMENTS.prod.auth,
  };
  const pasqalRaw = fixedTransport(pasqalBody);
  const pasqalFacadeTransport = fixedTransport(pasqalBody);
  const pasqal = createPasqalClient({ environment, auth: provider, fetch: pasqalFacadeTransport.fetch });
  const batchUrl = `${environment.coreUrl}/api/v2/batches/${batchId}`;

  // Azure Quantum: GET …/jobs/{id} on a workspace endpoint.
  const azureBody = readFileSync(join(fixtures, 'azure', 'Jobs_Get.json'), 'utf8');
  const jobId = (JSON.parse(azureBody) as { id: string }).id;
  const workspace = {
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    resourceGroup: 'myresourcegroup',
    workspace: 'myworkspace',
  };
  const endpoint = 'https://myworkspace.eastus.quantum.azure.com';
  const azureRaw = fixedTransport(azureBody);
  const azureFacadeTransport = fixedTransport(azureBody);
  const quantum = createAzureQuantumClient({
    ...workspace,
    endpoint,
    auth: { tokenProvider: provider },
    fetch: azureFacadeTransport.fetch,
  });
  const jobUrl = `${endpoint}/subscriptions/${workspace.subscriptionId}/resourceGroups/${workspace.resourceGroup}/providers/Microsoft.Quantum/workspaces/${workspace.workspace}/jobs/${jobId}?api-version=2026-01-15-preview`;

  const idOf = (value: unknown) => (value as { id?: unknown } | undefined)?.id;
  return [
    {
      id: 'pasqalRaw',
      call: async () =>
        (await pasqalRaw.fetch(new Request(batchUrl, { headers: { authorization: AUTHORIZATION } }))).json(),
      check: (result) => idOf((result as { data?: unknown }).data) === batchId,
    },
    {
      id: 'pasqalFacade',
      call: () => pasqal.getBatch(batchId),
      check: (result) =>
        idOf(result) === batchId &&
        pasqalFacadeTransport.last()?.headers.get('authorization') === AUTHORIZATION,
    },
    {
      id: 'azureRaw',
      call: async () =>
        (await azureRaw.fetch(new Request(jobUrl, { headers: { authorization: AUTHORIZATION } }))).json(),
      check: (result) => idOf(result) === jobId,
    },
    {
      id: 'azureFacade',
      call: () => quantum.getJob(jobId),
      check: (result) =>
        idOf(result) === jobId && azureFacadeTransport.last()?.headers.get('authorization') === AUTHORIZATION,
    },
  ];
}

/** Calls each variant once; a variant that skipped authentication or parsing would look fast. */
export async function checkProviderVariants(variants: readonly ProviderVariant[]): Promise<void> {
  for (const variant of variants) {
    if (!variant.check(await variant.call())) throw new Error(`bench variant ${variant.id} is broken`);
  }
}
