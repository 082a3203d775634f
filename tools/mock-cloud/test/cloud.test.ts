import { createAzureQuantumClient, ionqCircuit } from '@qc/azure-quantum';
import { createAzureQuantumArmClient } from '@qc/azure-quantum-arm';
import { createPasqalClient } from '@qc/pasqal';
import { PROVIDERS } from '@qc/provider-list';
import { createQciClient } from '@qc/qci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockCloud, serviceOf, startMockCloud } from '../src/index.js';
import type { AzureQuantumService } from '../src/mocks/azure-quantum.js';
import type { PasqalService } from '../src/mocks/pasqal.js';
import type { QciService } from '../src/mocks/qci.js';

let cloud: MockCloud;
const seen: string[] = [];
beforeAll(async () => {
  cloud = await startMockCloud({
    onRequest: ({ method, path, status }) => seen.push(`${status} ${method} ${path}`),
  });
});
afterAll(() => cloud.close());
const qciService = () => serviceOf<QciService>(cloud.services, 'qci');
const pasqalService = () => serviceOf<PasqalService>(cloud.services, 'pasqal');

describe('mock cloud over real HTTP', () => {
  it('serves every provider of the list under its prefixes, and nothing else', async () => {
    expect(Object.keys(cloud.services)).toEqual(PROVIDERS.map((provider) => provider.mockCloud.service));
    for (const { mockCloud } of PROVIDERS) {
      const prefixes = Object.values(mockCloud.prefixes);
      expect(serviceOf(cloud.services, mockCloud.service).prefixes).toEqual(prefixes);
      for (const prefix of prefixes) {
        // Routed to the mock mounted there (whatever it answers), counted under its prefix.
        const before = cloud.requestCounts[prefix] ?? 0;
        await (await fetch(`${cloud.origin}${prefix}/x`)).arrayBuffer();
        expect(cloud.requestCounts[prefix], prefix).toBe(before + 1);
      }
    }
  });

  it('runs a QCi job end to end against the loopback server', async () => {
    const qci = createQciClient({
      baseUrl: qciService().baseUrls.api,
      refreshToken: qciService().credentials.refreshToken,
      allowInsecureLoopback: true,
    });
    const fileId = await qci.uploadFile({
      file_config: { qubo: { num_variables: 2, data: [{ i: 0, j: 1, val: -1 }] } },
    });
    const outcome = await qci.runJob({ jobType: 'sample-qubo', quboFileId: fileId }, { intervalMs: 1 });
    expect(outcome.status).toBe('COMPLETED');
    expect((outcome.results as { energies: number[] }).energies[0]).toBe(-1);
    expect(qciService().state.counters.tokenExchanges).toBeGreaterThanOrEqual(1);
    expect(cloud.requestCounts['/qci']).toBe(seen.filter((line) => line.includes(' /qci/')).length);
  });

  it('runs a Pasqal batch end to end, results from the presigned host', async () => {
    const pasqal = pasqalService();
    const client = createPasqalClient({
      environment: pasqal.environment,
      auth: { username: pasqal.credentials.username ?? '', password: pasqal.credentials.password ?? '' },
      projectId: pasqal.credentials.projectId,
      allowInsecureLoopback: true,
    });
    const batch = await client.createBatch({ sequence_builder: '{"version":"1"}', jobs: [{ runs: 7 }] });
    const done = await client.waitForBatch(batch.id, { intervalMs: 1, maxIntervalMs: 5 });
    expect(done.status).toBe('DONE');
    const [entry] = await client.getBatchResults(done.id);
    expect(Object.values(entry?.result?.counter ?? {}).reduce((a, b) => a + Number(b), 0)).toBe(7);
  });

  it('connects to Azure Quantum through ARM by workspace name and runs a job', async () => {
    const azureArm = serviceOf(cloud.services, 'azureArm');
    const azureQuantum = serviceOf<AzureQuantumService>(cloud.services, 'azureQuantum');
    const auth = {
      tenantId: azureArm.credentials.tenantId ?? '',
      clientId: azureArm.credentials.clientId ?? '',
      clientSecret: azureArm.credentials.clientSecret ?? '',
      authorityHost: azureQuantum.baseUrls.authorityHost ?? '',
    };
    const arm = createAzureQuantumArmClient({
      auth,
      baseUrl: azureArm.baseUrls.resourceManager,
      allowInsecureLoopback: true,
    });
    const connection = await arm.findWorkspace(azureArm.credentials.workspace ?? '');
    expect(connection.baseUrl).toBe(azureQuantum.baseUrls.endpoint);
    const quantum = createAzureQuantumClient({ ...connection, auth, allowInsecureLoopback: true });
    const bell = {
      qubits: 2,
      circuit: [
        { gate: 'h' as const, target: 0 },
        { gate: 'cnot' as const, control: 0, target: 1 },
      ],
    };
    const { job, output } = await quantum.runJob(
      { target: 'ionq.simulator', ...ionqCircuit(bell, { shots: 10 }) },
      { intervalMs: 0, maxIntervalMs: 0 },
    );
    expect(job.status).toBe('Succeeded');
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '3': 0.5 } });
    // Storage got no Azure credential: the input went up with the SAS alone.
    expect(cloud.requestCounts['/azure/blob']).toBeGreaterThanOrEqual(2);
    expect(azureQuantum.mock.blobStore.state.counters.puts).toBeGreaterThanOrEqual(1);
    expect(azureQuantum.mock.blobStore.state.counters.withCredentialHeader).toBe(0);
  });

  it('answers 400 naming the problem for a request that breaks the spec, 404 outside every mock', async () => {
    const bad = await fetch(`${qciService().baseUrls.api}/auth/v1/access-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('refresh_token');
    expect((await fetch(`${cloud.origin}/nowhere`)).status).toBe(404);
  });

  it('answers QCi’s token exchange at the Python client’s trailing-slash path too', async () => {
    const response = await fetch(`${qciService().baseUrls.api}/auth/v1/access-tokens/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: qciService().credentials.refreshToken }),
    });
    expect(response.status).toBe(200);
    expect(Object.keys((await response.json()) as object)).toContain('access_token');
  });

  it('logs method, path and status only', () => {
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toMatch(/^\d{3} [A-Z]+ \/[^?\s]*$/);
  });
});

describe('browsers can call the mock cloud (CORS)', () => {
  it('answers a preflight with what it asked for', async () => {
    const response = await fetch(`${cloud.origin}/qci/optimization/v1/jobs/allocations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-ms-client-request-id',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, x-ms-client-request-id',
    );
  });

  it('lets the page read the answer and the headers the clients read', async () => {
    const response = await fetch(`${cloud.origin}/qci/optimization/v1/jobs/allocations`, {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('retry-after');
    const plain = await fetch(`${cloud.origin}/qci/optimization/v1/jobs/allocations`);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Origin');
  });

  it('keeps a mock’s own exposed headers beside the common ones (Pasqal’s Content-Range)', async () => {
    const { username = '', password = '', projectId } = pasqalService().credentials;
    const pasqal = createPasqalClient({
      environment: pasqalService().environment,
      auth: { username, password },
      ...(projectId === undefined ? {} : { projectId }),
      allowInsecureLoopback: true,
    });
    let exposed: string | null = null;
    await pasqal.listBatches(
      { limit: 1 },
      {
        headers: { origin: 'http://localhost:5173' },
        onResponse: (info) => {
          exposed = info.headers.get('access-control-expose-headers');
        },
      },
    );
    expect(exposed).toMatch(/x-ms-request-id/i);
    expect(exposed).toMatch(/content-range/i);
  });
});
