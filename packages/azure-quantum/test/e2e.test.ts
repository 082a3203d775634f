import { expectNoSecrets, useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import {
  type AzureQuantumClientOptions,
  createAzureQuantumClient,
  ionqCircuit,
  JobFailedError,
  quantinuumQasm,
} from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  demoConnectionString,
  ENTRA_DEMO_CREDENTIALS,
} from '../src/msw/index.js';

const mock = createAzureQuantumMock();
useTestServer(...mock.handlers);

const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const names = { subscriptionId, resourceGroup, workspace };
const fast = { intervalMs: 0, maxIntervalMs: 0 };

/** Every auth kind the client takes, aimed at the mock workspace. */
const authKinds: [string, () => AzureQuantumClientOptions, 'Application' | 'Key'][] = [
  ['Entra client secret', () => ({ ...names, location, auth: { ...ENTRA_DEMO_CREDENTIALS } }), 'Application'],
  ['TokenCredential', () => ({ ...names, location, auth: mock.entra.tokenCredential() }), 'Application'],
  ['API key', () => ({ ...names, location, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } }), 'Key'],
  ['connection string', () => ({ auth: { connectionString: demoConnectionString() } }), 'Key'],
];

const GHZ = {
  qubits: 3,
  circuit: [
    { gate: 'h', target: 0 },
    { gate: 'cnot', control: 0, target: 1 },
    { gate: 'cnot', control: 1, target: 2 },
  ],
};

const BELL_QASM = `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0],q[1];
measure q[0] -> c[0];
measure q[1] -> c[1];
`;

describe.each(authKinds)('submit, wait and download with %s', (_kind, options, createdByType) => {
  it('runs an IonQ circuit and reads its histogram', async () => {
    const aq = createAzureQuantumClient(options());
    const before = { ...mock.blobStore.state.counters };
    const submitted = await aq.submitJob({
      target: 'ionq.simulator',
      name: 'ghz',
      ...ionqCircuit(GHZ, { shots: 100 }),
    });
    expect(submitted).toMatchObject({
      status: 'Waiting',
      providerId: 'ionq',
      inputDataFormat: 'ionq.circuit.v1',
    });
    expect(submitted.createdByType).toBe(createdByType);

    // The input blob went to the job's container with the format's content type.
    const input = mock.blobStore.getBlob(`job-${submitted.id}`, 'inputData');
    expect(input?.contentType).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(input?.bytes))).toEqual(GHZ);

    const progress: string[] = [];
    const job = await aq.waitForJob(submitted.id, {
      ...fast,
      onProgress: ({ value }) => progress.push(String(value.status)),
    });
    expect(progress).toEqual(['Executing', 'Succeeded']);
    const output = await aq.getJobOutput(job);
    expect(output.outputDataFormat).toBe('ionq.quantum-results.v1');
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '7': 0.5 } });

    // Storage saw the SAS only: no bearer token, no workspace key.
    expect(mock.blobStore.state.counters.withCredentialHeader).toBe(before.withCredentialHeader);
    expect(mock.blobStore.state.counters.puts).toBe(before.puts + 1);
  });

  it('runs OpenQASM on Quantinuum and reads one bitstring per shot', async () => {
    const aq = createAzureQuantumClient(options());
    const { job, output } = await aq.runJob(
      { target: 'quantinuum.sim.h2-1e', ...quantinuumQasm(BELL_QASM, { count: 50 }) },
      fast,
    );
    expect(job.status).toBe('Succeeded');
    expect(mock.blobStore.getBlob(`job-${job.id}`, 'inputData')?.contentType).toBe('application/qasm');
    const results = output.json<{ c: string[] }>();
    expect(results.c).toHaveLength(50);
    // Bell pairs: both bits always agree, and both outcomes occur.
    expect(new Set(results.c)).toEqual(new Set(['00', '11']));
  });
});

describe('a job that fails', () => {
  it('raises JobFailedError carrying the service errorData', async () => {
    const aq = createAzureQuantumClient({ ...names, location, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } });
    const submitted = await aq.submitJob({
      target: 'quantinuum.sim.h2-1e',
      ...quantinuumQasm('OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n'),
    });
    const job = await aq.waitForJob(submitted.id, fast);
    expect(job.status).toBe('Failed');
    const error = await aq.getJobOutput(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).errorData?.code).toBe('InvalidInputData');
    expect((error as JobFailedError).message).toContain('unsupported gate');
    expectNoSecrets(error, [AZURE_QUANTUM_DEMO_API_KEY]);
  });
});
