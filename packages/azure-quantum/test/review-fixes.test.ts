// Behaviour found in review: the wire format of a submission, credentials objects from @azure/identity,
// secrets that must stay redacted however long the client lives, values never echoed.
import { InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createAzureQuantumClient, ionqCircuit, qirBitcode } from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  ENTRA_DEMO_CREDENTIALS,
} from '../src/msw/index.js';

const mock = createAzureQuantumMock();
const { server } = useTestServer(...mock.handlers);
const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const names = { subscriptionId, resourceGroup, workspace, location };
const BELL = {
  qubits: 2,
  circuit: [
    { gate: 'h' as const, target: 0 },
    { gate: 'cnot' as const, control: 0, target: 1 },
  ],
};

describe('a submission on the wire', () => {
  it('uploads with BlockBlob + x-ms-version and no credential, and the job PUT carries the container SAS', async () => {
    const seen: { method: string; url: string; headers: Headers; body: string }[] = [];
    const listener = async ({ request }: { request: Request }) => {
      seen.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.clone().text(),
      });
    };
    server.events.on('request:start', listener);
    try {
      const quantum = createAzureQuantumClient({ ...names, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } });
      await quantum.submitJob({ target: 'ionq.simulator', ...ionqCircuit(BELL, { shots: 10 }) });
    } finally {
      server.events.removeListener('request:start', listener);
    }
    const upload = seen.find((r) => r.method === 'PUT' && r.url.includes('.blob.core.windows.net'));
    expect(upload?.headers.get('x-ms-blob-type')).toBe('BlockBlob');
    expect(upload?.headers.get('x-ms-version')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(upload?.headers.get('content-type')).toBe('application/json');
    expect(upload?.headers.has('authorization')).toBe(false);
    expect(upload?.headers.has('x-ms-quantum-api-key')).toBe(false);
    const put = seen.find((r) => r.method === 'PUT' && r.url.includes('/jobs/'));
    const body = JSON.parse(put?.body ?? '{}') as { containerUri?: string; inputDataUri?: string };
    expect(new URL(body.containerUri ?? 'x:').searchParams.has('sig')).toBe(true);
    expect(body.inputDataUri).toContain('/inputData');
  });
});

describe('credential objects from @azure/identity', () => {
  it('are used through getToken even when they carry clientSecret and tenantId fields', async () => {
    // ClientSecretCredential keeps these two as own fields (but not clientId).
    const inner = mock.entra.tokenCredential();
    const credential = Object.assign(Object.create({ getToken: inner.getToken.bind(inner) }), {
      tenantId: ENTRA_DEMO_CREDENTIALS.tenantId,
      clientSecret: 'a-field-the-credential-keeps-privately',
    });
    const quantum = createAzureQuantumClient({ ...names, auth: credential });
    const job = await quantum.submitJob({ target: 'ionq.simulator', ...ionqCircuit(BELL, { shots: 10 }) });
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('redaction over a long-lived client', () => {
  it('still hides the API key after many SAS signatures went through the client', async () => {
    const quantum = createAzureQuantumClient({ ...names, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } });
    for (let i = 0; i < 70; i++) await quantum.getSasUri(`job-${i.toString().padStart(4, '0')}`);
    server.use(
      http.get(
        `${mock.endpoint}/subscriptions/:s/resourceGroups/:g/providers/Microsoft.Quantum/workspaces/:w/jobs/:id`,
        () =>
          HttpResponse.json(
            { error: { code: 'Bad', message: `the key ${AZURE_QUANTUM_DEMO_API_KEY} is not allowed` } },
            { status: 400 },
          ),
      ),
    );
    const error = await quantum.getJob('00000000-0000-4000-8000-000000000001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectNoSecrets(error, [AZURE_QUANTUM_DEMO_API_KEY]);
  });

  it('never echoes a value typed into the wrong field', () => {
    const key = 'XyZsecret+ApiKey/Value0123456789abcdef==';
    const error = (() => {
      try {
        createAzureQuantumClient({
          subscriptionId,
          resourceGroup,
          workspace: key,
          location,
          auth: { apiKey: 'k-123456' },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expectNoSecrets(error, [key]);
  });
});

describe('qirBitcode', () => {
  it('sends the target profile as target_profile, as the service reads it', () => {
    const input = qirBitcode(new Uint8Array([0x42, 0x43]), { targetProfile: 'Adaptive_RI' });
    expect(input.inputParams).toMatchObject({
      entryPoint: 'ENTRYPOINT__main',
      target_profile: 'Adaptive_RI',
    });
    expect(input.inputParams).not.toHaveProperty('targetProfile');
  });
});

describe('a submit repeated with the same job id', () => {
  it('returns the existing job and leaves its input alone, even when the new input differs', async () => {
    const quantum = createAzureQuantumClient({ ...names, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } });
    const jobId = '0c0ffee0-0000-4000-8000-000000000001';
    const first = await quantum.submitJob({
      jobId,
      target: 'ionq.simulator',
      ...ionqCircuit(BELL, { shots: 10 }),
    });
    const other = { qubits: 1, circuit: [{ gate: 'x' as const, target: 0 }] };
    const putsBefore = mock.blobStore.state.counters.puts;
    const again = await quantum.submitJob({
      jobId,
      target: 'ionq.simulator',
      ...ionqCircuit(other, { shots: 10 }),
    });
    expect(again.id).toBe(first.id);
    expect(mock.blobStore.state.counters.puts).toBe(putsBefore);
    const stored = mock.blobStore.state.containers.get(`job-${jobId}`)?.get('inputData');
    expect(JSON.parse(new TextDecoder().decode(stored?.bytes))).toMatchObject({ qubits: 2 });
  });
});
