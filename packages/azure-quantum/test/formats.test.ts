import { InvalidArgumentError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import {
  createAzureQuantumClient,
  ionqCircuit,
  JOB_FORMATS,
  pasqalPulser,
  qirBitcode,
  quantinuumQasm,
  rigettiQuil,
} from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
} from '../src/msw/index.js';

const mock = createAzureQuantumMock();
useTestServer(...mock.handlers);

const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const sent: string[] = [];
const aq = createAzureQuantumClient({
  subscriptionId,
  resourceGroup,
  workspace,
  location,
  auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY },
  fetch: (input, init) => {
    sent.push(input instanceof Request ? input.url : String(input));
    return globalThis.fetch(input, init);
  },
});
const fast = { intervalMs: 0, maxIntervalMs: 0 };
const QASM = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\n';

describe('format helpers', () => {
  it('fill in provider, output format and parameters', () => {
    expect(ionqCircuit({ qubits: 1, circuit: [] }, { shots: 100 })).toEqual({
      providerId: 'ionq',
      inputDataFormat: 'ionq.circuit.v1',
      outputDataFormat: 'ionq.quantum-results.v1',
      input: { qubits: 1, circuit: [] },
      inputParams: { shots: 100 },
    });
    expect(quantinuumQasm(QASM, { count: 10 })).toMatchObject({
      providerId: 'quantinuum',
      inputDataFormat: 'honeywell.openqasm.v1',
      outputDataFormat: 'honeywell.quantum-results.v1',
      inputParams: { count: 10 },
    });
    expect(rigettiQuil('H 0')).toMatchObject({
      providerId: 'rigetti',
      outputDataFormat: 'rigetti.quil-results.v1',
      inputParams: {},
    });
    expect(pasqalPulser({ register: [] })).toMatchObject({
      providerId: 'pasqal',
      outputDataFormat: 'pasqal.pulser-results.v1',
    });
    expect(qirBitcode(new Uint8Array([0x42, 0x43, 0xc0, 0xde]), { shots: 5 })).toMatchObject({
      inputDataFormat: 'qir.v1',
      outputDataFormat: 'microsoft.quantum-results.v2',
      inputParams: { entryPoint: 'ENTRYPOINT__main', shots: 5 },
    });
  });

  it('name the content type of each format’s input blob', () => {
    expect(
      Object.fromEntries(Object.entries(JOB_FORMATS).map(([format, rule]) => [format, rule.contentType])),
    ).toEqual({
      'ionq.circuit.v1': 'application/json',
      'honeywell.openqasm.v1': 'application/qasm',
      'rigetti.quil.v1': 'text/plain',
      'pasqal.pulser.v1': 'application/json',
      'qir.v1': 'qir.v1',
    });
  });
});

describe('OpenQASM sent to IonQ (the seed article’s mistake)', () => {
  it('is a type error and a clear message before anything is sent, as a Quantinuum format', async () => {
    sent.length = 0;
    // @ts-expect-error honeywell.openqasm.v1 needs a quantinuum.* target
    const submitting = aq.submitJob({ target: 'ionq.simulator', ...quantinuumQasm(QASM) });
    await expect(submitting).rejects.toThrow(InvalidArgumentError);
    await expect(submitting).rejects.toThrow(
      /for quantinuum targets; target "ionq.simulator" belongs to ionq\. IonQ targets take ionq\.circuit\.v1/,
    );
    expect(sent).toEqual([]);
  });

  it('is a type error and a clear message as the input of ionq.circuit.v1', async () => {
    sent.length = 0;
    const submitting = aq.submitJob({
      target: 'ionq.simulator',
      inputDataFormat: 'ionq.circuit.v1',
      // @ts-expect-error ionq.circuit.v1 takes an IonQ circuit object, not text
      input: QASM,
    });
    await expect(submitting).rejects.toThrow(/not OpenQASM: IonQ on Azure does not accept OpenQASM/);
    expect(sent).toEqual([]);
  });
});

describe('other mistakes caught before any request', () => {
  it('refuse a Quantinuum program without its OPENQASM header, text as QIR, and unknown formats without provider', async () => {
    sent.length = 0;
    await expect(
      aq.submitJob({ target: 'quantinuum.sim.h2-1e', ...quantinuumQasm('h q[0];') }),
    ).rejects.toThrow(/OPENQASM 2.0/);
    await expect(
      aq.submitJob({
        target: 'ionq.simulator',
        providerId: 'ionq',
        inputDataFormat: 'qir.v1',
        // @ts-expect-error qir.v1 takes bitcode bytes
        input: 'define void @main()',
      }),
    ).rejects.toThrow(/QIR \(LLVM bitcode\) as a Uint8Array/);
    await expect(
      aq.submitJob({
        target: 'x.y',
        inputDataFormat: 'x.v1',
        input: 'x',
        outputDataFormat: 'x.out',
      } as never),
    ).rejects.toThrow(/providerId is required/);
    expect(sent).toEqual([]);
  });
});

describe('every helper runs through the mock', () => {
  it('Rigetti Quil: one array per shot of the readout register', async () => {
    const { output } = await aq.runJob(
      {
        target: 'rigetti.sim.qvm',
        ...rigettiQuil('DECLARE ro BIT[2]\nX 0\nCNOT 0 1\nMEASURE 0 ro[0]\nMEASURE 1 ro[1]\n', { count: 3 }),
      },
      fast,
    );
    expect(output.json()).toEqual({
      ro: [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    });
    expect(mock.blobStore.getBlob(`job-${output.jobId}`, 'inputData')?.contentType).toBe('text/plain');
  });

  it('Pasqal Pulser and QIR answer in their formats', async () => {
    const pasqal = await aq.runJob(
      { target: 'pasqal.sim.emu-tn', ...pasqalPulser({ register: [{}, {}] }, { count: 7 }) },
      fast,
    );
    expect(pasqal.output.json()).toEqual({ counter: { '00': 7 } });
    const qir = await aq.runJob(
      {
        target: 'ionq.simulator',
        providerId: 'ionq',
        ...qirBitcode(new Uint8Array([0x42, 0x43, 0xc0, 0xde, 0]), { shots: 2 }),
      },
      fast,
    );
    expect(qir.output.outputDataFormat).toBe('microsoft.quantum-results.v2');
    expect(qir.output.json()).toMatchObject({ DataFormat: 'microsoft.quantum-results.v2' });
    expect(mock.blobStore.getBlob(`job-${qir.job.id}`, 'inputData')?.contentType).toBe('qir.v1');
  });

  it('a format the target does not take fails the job, as the service does', async () => {
    // Typed as an unknown format, so the client cannot know better; the provider refuses it.
    const job = await aq.submitJob({
      target: 'ionq.simulator',
      providerId: 'ionq',
      inputDataFormat: 'microsoft.qc-schema.v1' as string,
      outputDataFormat: 'microsoft.dft-results.v1',
      input: { molecule: 'H2' },
    });
    const finished = await aq.waitForJob(job.id, fast);
    expect(finished.status).toBe('Failed');
    expect(finished.errorData?.message).toContain(
      "Input data format 'microsoft.qc-schema.v1' is not supported",
    );
    expect(mock.blobStore.getBlob(`job-${job.id}`, 'inputData')?.contentType).toBe('application/json');
  });
});
