import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';
import { createPasqalClient } from '@qc/pasqal';
import { createQciClient } from '@qc/qci';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MockCloudServices, serviceOf } from '../src/index.js';
import { leanRequest } from '../src/lean-request.js';
import type { AzureQuantumService } from '../src/mocks/azure-quantum.js';
import type { PasqalService } from '../src/mocks/pasqal.js';
import { loadMounts, type MountedService, mountServices } from '../src/services.js';

// A server answers reads for as long as it runs: what one read leaves behind, a million reads leave a
// million times. These tests send tens of thousands of reads through the mocks' `handle`, in process
// (no sockets), as the mock cloud hands them over (its lean requests), and weigh the heap after full
// collections (this project's tests run with --expose-gc). The reads are the ones that used to leave
// something per call: Azure's Jobs_Get (three SAS URLs) and storage/sasUri, Pasqal's results links,
// and the token endpoints of Entra ID and Pasqal.

const ORIGIN = 'http://127.0.0.1:4010';
const READS = 20_000;
/** Far above what a bounded mock moves (caches of fixed size), far below what 20,000 kept SAS weigh. */
const BOUND_BYTES = 4 * 1024 * 1024;

let services: MockCloudServices;
const serve = (request: Request) => {
  const service = Object.values(services).find((s) =>
    s.prefixes.some((prefix) => new URL(request.url).pathname.startsWith(`${prefix}/`)),
  );
  return (service as MountedService).handle(request);
};

/** A client's fetch that reaches the mock cloud's mocks in process, remembering the last request. */
function inProcess() {
  let last: { url: string; method: string; headers: Headers; body: string | undefined } | undefined;
  return {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const body = request.body === null ? undefined : await request.clone().text();
      last = { url: request.url, method: request.method, headers: request.headers, body };
      return (await serve(request)) ?? new Response(null, { status: 404 });
    },
    /**
     * The last request, made anew each time (not `clone()`: undici ties every clone to the original's
     * abort signal, and the original would keep them all).
     */
    again: () => {
      const { url, method, headers, body } = last as NonNullable<typeof last>;
      return () => served(method, url, headers, body);
    },
  };
}

/** A request as the mock cloud passes it to a mock. */
function served(method: string, url: string, headers: HeadersInit, body?: string): Request {
  return leanRequest(method, url, new Headers(headers), body === undefined ? undefined : Buffer.from(body));
}

function heapAfterCollection(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc (the mock cloud project does)');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Heap growth (bytes) over `count` repetitions of `read`, after a warm-up that fills every cache. */
async function growthOver(count: number, read: () => Promise<Response | undefined>): Promise<number> {
  const once = async () => {
    const response = await read();
    if (response === undefined || response.status >= 300) {
      throw new Error(`read answered ${response?.status}: ${await response?.text()}`);
    }
    await response.arrayBuffer();
  };
  for (let i = 0; i < 2_000; i++) await once();
  const before = heapAfterCollection();
  for (let i = 0; i < count; i++) await once();
  return heapAfterCollection() - before;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

beforeAll(async () => {
  services = mountServices(ORIGIN, await loadMounts());
});

describe('the mock cloud’s memory stays bounded however many reads it answers', () => {
  it('Azure Jobs_Get, which hands out three SAS URLs per read, and storage/sasUri', async () => {
    const azure = serviceOf<AzureQuantumService>(services, 'azureQuantum');
    const { tenantId = '', clientId = '', clientSecret = '' } = azure.credentials;
    const transport = inProcess();
    const quantum = createAzureQuantumClient({
      subscriptionId: azure.credentials.subscriptionId ?? '',
      resourceGroup: azure.credentials.resourceGroup ?? '',
      workspace: azure.credentials.workspace ?? '',
      baseUrl: azure.baseUrls.endpoint,
      auth: { tenantId, clientId, clientSecret, authorityHost: azure.baseUrls.authorityHost ?? '' },
      allowInsecureLoopback: true,
      fetch: transport.fetch,
    });
    const bell = ionqCircuit({ qubits: 1, circuit: [{ gate: 'h', target: 0 }] }, { shots: 10 });
    const { job } = await quantum.runJob(
      { target: 'ionq.simulator', ...bell },
      { intervalMs: 0, maxIntervalMs: 0 },
    );
    await quantum.getJob(job.id);
    const getJob = transport.again();
    // The SAS URLs still work, and still look like Azure's.
    const read = JSON.parse((await (await serve(getJob()))?.text()) ?? '{}') as {
      outputDataUri: string;
    };
    const sas = new URL(read.outputDataUri).searchParams;
    expect([...sas.keys()]).toEqual(['sv', 'st', 'se', 'sr', 'sp', 'rscd', 'sig']);
    expect((await serve(served('GET', read.outputDataUri, {})))?.status).toBe(200);

    const jobReads = await growthOver(READS, () => serve(getJob()));
    expect(jobReads, `${READS} Jobs_Get reads kept ${mib(jobReads)}`).toBeLessThan(BOUND_BYTES);

    await quantum.getSasUri(`job-${job.id}`, 'rawOutputData');
    const sasUri = transport.again();
    const sasReads = await growthOver(READS, () => serve(sasUri()));
    expect(sasReads, `${READS} storage/sasUri calls kept ${mib(sasReads)}`).toBeLessThan(BOUND_BYTES);
  });

  it('Pasqal results links, signed anew on each read', async () => {
    const pasqal = serviceOf<PasqalService>(services, 'pasqal');
    const transport = inProcess();
    const client = createPasqalClient({
      environment: pasqal.environment,
      auth: { username: pasqal.credentials.username ?? '', password: pasqal.credentials.password ?? '' },
      projectId: pasqal.credentials.projectId,
      allowInsecureLoopback: true,
      fetch: transport.fetch,
    });
    const batch = await client.createBatch({ sequence_builder: '{"version":"1"}', jobs: [{ runs: 3 }] });
    await client.waitForBatch(batch.id, { intervalMs: 0, maxIntervalMs: 0 });
    const jobId = batch.jobs?.[0]?.id as string;
    const link = (await client.getJobResultsLink(jobId)) as string;
    expect((await serve(served('GET', link, {})))?.status).toBe(200);
    const linkRead = transport.again();

    const growth = await growthOver(READS, () => serve(linkRead()));
    expect(growth, `${READS} results-link reads kept ${mib(growth)}`).toBeLessThan(BOUND_BYTES);
  });

  it('token requests of Entra ID and Pasqal (tokens are signed, not remembered)', async () => {
    const azure = serviceOf<AzureQuantumService>(services, 'azureQuantum');
    const { tenantId = '', clientId = '', clientSecret = '' } = azure.credentials;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const entraForm = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'https://quantum.microsoft.com/.default',
    }).toString();
    const entraToken = () =>
      serve(served('POST', `${azure.baseUrls.authorityHost}/${tenantId}/oauth2/v2.0/token`, form, entraForm));
    const entra = await growthOver(READS, entraToken);
    expect(entra, `${READS} Entra tokens kept ${mib(entra)}`).toBeLessThan(BOUND_BYTES);

    const pasqal = serviceOf<PasqalService>(services, 'pasqal');
    const { auth } = pasqal.environment;
    const pasqalForm = new URLSearchParams({
      grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
      client_id: auth.clientId,
      realm: auth.realm,
      audience: auth.audience,
      username: pasqal.credentials.username ?? '',
      password: pasqal.credentials.password ?? '',
    }).toString();
    const pasqalToken = () => serve(served('POST', auth.tokenUrl, form, pasqalForm));
    const pasqalTokens = await growthOver(READS, pasqalToken);
    expect(pasqalTokens, `${READS} Pasqal tokens kept ${mib(pasqalTokens)}`).toBeLessThan(BOUND_BYTES);
  });

  it('QCi reads', async () => {
    const qci = serviceOf(services, 'qci');
    const transport = inProcess();
    const client = createQciClient({
      baseUrl: qci.baseUrls.api,
      refreshToken: qci.credentials.refreshToken,
      allowInsecureLoopback: true,
      fetch: transport.fetch,
    });
    await client.allocations();
    const allocations = transport.again();
    const growth = await growthOver(READS, () => serve(allocations()));
    expect(growth, `${READS} allocation reads kept ${mib(growth)}`).toBeLessThan(BOUND_BYTES);
  });
});
