import { collect, UnsafeNextLinkError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAzureQuantumClient, ionqCircuit, type JobDetails, quantinuumQasm } from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
} from '../src/msw/index.js';

let clock = Date.parse('2026-03-02T09:00:00Z');
const mock = createAzureQuantumMock({ pageSize: 2, now: () => clock });
const listRequests: string[] = [];
const { server } = useTestServer(
  http.get('https://eastus.quantum.azure.com/*', ({ request }) => {
    const url = new URL(request.url);
    listRequests.push(`${url.pathname.split('/').at(-1)}?${url.searchParams}`);
    return undefined;
  }),
  ...mock.handlers,
);

const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const aq = createAzureQuantumClient({
  subscriptionId,
  resourceGroup,
  workspace,
  location,
  auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY },
});
const JOBS_URL = `https://eastus.quantum.azure.com/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Quantum/workspaces/${workspace}/jobs`;

const created: JobDetails[] = [];

beforeAll(async () => {
  // Five IonQ jobs a minute apart, and one Quantinuum job inside a session.
  for (let i = 0; i < 5; i++) {
    clock += 60_000;
    created.push(
      await aq.submitJob({
        target: 'ionq.simulator',
        name: `ionq-${i}`,
        ...ionqCircuit({ qubits: 1, circuit: [] }),
      }),
    );
  }
  const session = await aq.openSession({ target: 'quantinuum.sim.h2-1e', providerId: 'quantinuum' });
  clock += 60_000;
  await aq.submitJob({
    target: 'quantinuum.sim.h2-1e',
    sessionId: session.id,
    ...quantinuumQasm('OPENQASM 2.0;\nqreg q[1];\ncreg c[1];\nmeasure q[0] -> c[0];\n'),
  });
});

describe('lists', () => {
  it('follow nextLink across three pages, keeping the filter and advancing skip', async () => {
    listRequests.length = 0;
    const jobs = await collect(aq.listJobs({ filter: "ProviderId eq 'ionq'", orderby: 'CreationTime desc' }));
    expect(jobs.map((j) => j.name)).toEqual(['ionq-4', 'ionq-3', 'ionq-2', 'ionq-1', 'ionq-0']);
    expect(listRequests).toEqual([
      `jobs?api-version=2026-01-15-preview&filter=ProviderId+eq+%27ionq%27&orderby=CreationTime+desc`,
      `jobs?api-version=2026-01-15-preview&filter=ProviderId+eq+%27ionq%27&orderby=CreationTime+desc&top=2&skip=2`,
      `jobs?api-version=2026-01-15-preview&filter=ProviderId+eq+%27ionq%27&orderby=CreationTime+desc&top=2&skip=4`,
    ]);
  });

  it('fetch only the pages needed for maxItems, lazily', async () => {
    listRequests.length = 0;
    const iterator = aq.listJobs({ maxItems: 3 });
    expect(listRequests).toEqual([]);
    expect(await collect(iterator)).toHaveLength(3);
    expect(listRequests).toHaveLength(2);
  });

  it('list top-level items as jobs and sessions told apart by itemType (session jobs excluded)', async () => {
    const items = await collect(aq.listTopLevelItems());
    const kinds = items.map((item) => item.itemType);
    expect(kinds.filter((k) => k === 'Job')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'Session')).toHaveLength(1);
    const session = items.find((item) => item.itemType === 'Session');
    if (session?.itemType !== 'Session') throw new Error('no session');
    expect(session.jobFailurePolicy).toBe('Abort');
    const sessionJobs = await collect(aq.listSessionJobs(session.id));
    expect(sessionJobs.map((j) => j.target)).toEqual(['quantinuum.sim.h2-1e']);
    expect(await collect(aq.listSessions({ filter: "State eq 'Executing'" }))).toHaveLength(1);
  });

  it('list providers and quotas', async () => {
    const providers = await collect(aq.listProviderStatus());
    expect(providers.map((p) => p.id)).toContain('ionq');
    expect(providers.find((p) => p.id === 'ionq')?.targets.map((t) => t.id)).toContain('ionq.simulator');
    expect((await collect(aq.listQuotas())).map((q) => q.dimension)).toEqual([
      'concurrent_dft_jobs',
      'concurrent_resource_estimator_jobs',
    ]);
  });

  it('answer a filter the service does not understand with a typed 400', async () => {
    await expect(collect(aq.listJobs({ filter: "Colour eq 'blue'" }))).rejects.toMatchObject({
      status: 400,
      code: 'InvalidQuery',
    });
  });

  it('never follow a nextLink to another origin (the credential would go with it)', async () => {
    const foreign: string[] = [];
    server.use(
      http.get(JOBS_URL, () =>
        HttpResponse.json({ value: [created[0]], nextLink: 'https://collector.example/jobs?skip=1' }),
      ),
      http.all('https://collector.example/*', ({ request }) => {
        foreign.push(request.url);
        return HttpResponse.json({ value: [] });
      }),
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const job of aq.listJobs()) seen.push(job.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeNextLinkError);
    expect(error).toMatchObject({ reason: 'foreign-origin' });
    expect(seen).toEqual([created[0]?.id]);
    expect(foreign).toEqual([]);
  });

  it('send this client’s api-version with a nextLink that names another one', async () => {
    let first = true;
    server.use(
      http.get(JOBS_URL, ({ request }) => {
        if (!first) return undefined;
        first = false;
        const next = new URL(request.url);
        next.searchParams.set('api-version', '2022-09-12-preview');
        next.searchParams.set('skip', '4');
        return HttpResponse.json({ value: [], nextLink: next.href });
      }),
    );
    listRequests.length = 0;
    // The mock refuses any other api-version with a 400, so reaching the items proves the override.
    expect(await collect(aq.listJobs())).toHaveLength(2); // items 5 and 6 of 6
    // The override answered the first page; the recorder sees only the followed nextLink.
    expect(listRequests).toHaveLength(1);
    expect(listRequests[0]).toContain('api-version=2026-01-15-preview');
  });
});
