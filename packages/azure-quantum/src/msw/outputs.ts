import { evaluateAngle, type Gate, InputError, probabilities, sample, seededRandom } from './simulator.js';

/**
 * What the mock's providers make of a job's input: the output blob in the job's output format, as the
 * real providers write it (IonQ: probabilities by basis-state index; Quantinuum: one bitstring per shot
 * per classical register; Rigetti: one array per shot per readout register). Pasqal and QIR are not
 * simulated: they answer the all-zero outcome, in their formats' shapes.
 */

export interface ProviderOutput {
  /** Pass-through formats are written to `rawOutputData`, translated ones to `outputData`. */
  blobName: 'rawOutputData' | 'outputData';
  body: string;
  contentType: string;
}

/** Input formats each mock provider accepts. */
export const ACCEPTED_FORMATS: Readonly<Record<string, readonly string[]>> = {
  ionq: ['ionq.circuit.v1', 'qir.v1'],
  quantinuum: ['honeywell.openqasm.v1', 'qir.v1'],
  rigetti: ['rigetti.quil.v1', 'qir.v1'],
  pasqal: ['pasqal.pulser.v1'],
  'microsoft.test.firstparty': ['qir.v1'],
};

export function runProvider(job: {
  id: string;
  providerId: string;
  target: string;
  inputDataFormat: string;
  inputParams: Record<string, unknown>;
  input: Uint8Array;
}): ProviderOutput {
  const accepted = ACCEPTED_FORMATS[job.providerId] ?? [];
  if (!accepted.includes(job.inputDataFormat)) {
    throw new InputError(
      'InvalidInputData',
      `Input data format '${job.inputDataFormat}' is not supported by target '${job.target}'. Supported formats: ${accepted.join(', ')}.`,
    );
  }
  const text = () => new TextDecoder().decode(job.input);
  const shots = positive(job.inputParams.shots ?? job.inputParams.count, 100);
  const random = seededRandom(job.id);
  switch (job.inputDataFormat) {
    case 'ionq.circuit.v1':
      return json('rawOutputData', ionq(text()));
    case 'honeywell.openqasm.v1':
      return json('rawOutputData', quantinuum(text(), shots, random));
    case 'rigetti.quil.v1':
      return json('rawOutputData', rigetti(text(), shots, random));
    case 'pasqal.pulser.v1':
      return json('rawOutputData', pasqal(text(), shots));
    default:
      return json('outputData', qir(job.input, shots));
  }
}

function json(blobName: ProviderOutput['blobName'], value: unknown): ProviderOutput {
  return { blobName, body: JSON.stringify(value), contentType: 'application/json' };
}

function positive(value: unknown, fallback: number): number {
  return Number.isInteger(value) && (value as number) > 0 ? Math.min(value as number, 10_000) : fallback;
}

function ionq(source: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new InputError(
      'InvalidInputData',
      'The input is not valid JSON: ionq.circuit.v1 takes an IonQ JSON circuit.',
    );
  }
  const circuit = ((parsed as { input?: unknown }).input ?? parsed) as {
    qubits?: unknown;
    circuit?: unknown;
  };
  if (!Number.isInteger(circuit.qubits) || !Array.isArray(circuit.circuit)) {
    throw new InputError('InvalidInputData', 'An IonQ circuit needs "qubits" and a "circuit" array.');
  }
  const gates: Gate[] = (circuit.circuit as Record<string, unknown>[]).map((g) => ({
    name: String(g.gate ?? '').toLowerCase(),
    targets: (g.targets as number[] | undefined) ?? (g.target === undefined ? [] : [g.target as number]),
    controls: (g.controls as number[] | undefined) ?? (g.control === undefined ? [] : [g.control as number]),
    ...(typeof g.rotation === 'number' ? { angle: g.rotation } : {}),
  }));
  const probs = probabilities(circuit.qubits as number, gates);
  const histogram: Record<string, number> = {};
  probs.forEach((p, index) => {
    if (p > 1e-12) histogram[String(index)] = Math.round(p * 1e12) / 1e12;
  });
  return { histogram };
}

/** OpenQASM 2.0: qreg/creg, the qelib1 gates, measure. Results: one bitstring per shot, c[n-1]…c[0]. */
function quantinuum(source: string, shots: number, random: () => number) {
  if (!/^\s*(\/\/[^\n]*\n\s*)*OPENQASM\s+2(\.0)?\s*;/.test(source)) {
    throw new InputError(
      'InvalidInputData',
      'quantinuum - 2000: the program must start with "OPENQASM 2.0;".',
    );
  }
  const qregs = new Map<string, { offset: number; size: number }>();
  const cregs = new Map<string, number>();
  const gates: Gate[] = [];
  const measures: { qubit: number; creg: string; bit: number }[] = [];
  let qubits = 0;
  const qubitRef = (ref: string): number[] => {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(ref.trim());
    const reg = m ? qregs.get(m[1] as string) : undefined;
    if (!m || !reg)
      throw new InputError('CompilationError', `quantinuum - 2000: unknown qubit "${ref.trim()}"`);
    return m[2] === undefined
      ? Array.from({ length: reg.size }, (_, i) => reg.offset + i)
      : [reg.offset + Number(m[2])];
  };
  for (const raw of source.replace(/\/\/[^\n]*/g, '').split(';')) {
    const statement = raw.trim();
    if (statement === '' || /^(OPENQASM|include|barrier)\b/.test(statement)) continue;
    const reg = /^(qreg|creg)\s+(\w+)\[(\d+)\]$/.exec(statement);
    if (reg) {
      if (reg[1] === 'qreg') {
        qregs.set(reg[2] as string, { offset: qubits, size: Number(reg[3]) });
        qubits += Number(reg[3]);
      } else cregs.set(reg[2] as string, Number(reg[3]));
      continue;
    }
    const measure = /^measure\s+(.+?)\s*->\s*(\w+)(?:\[(\d+)\])?$/.exec(statement);
    if (measure) {
      const from = qubitRef(measure[1] as string);
      const creg = measure[2] as string;
      if (!cregs.has(creg))
        throw new InputError('CompilationError', `quantinuum - 2000: unknown register "${creg}"`);
      for (const [i, qubit] of from.entries()) {
        measures.push({ qubit, creg, bit: measure[3] === undefined ? i : Number(measure[3]) });
      }
      continue;
    }
    const gate = /^([a-z]\w*)(?:\(([^)]*)\))?\s+(.+)$/.exec(statement);
    if (!gate)
      throw new InputError('CompilationError', `quantinuum - 2000: cannot parse "${statement.slice(0, 40)}"`);
    const operands = (gate[3] as string).split(',').map((ref) => qubitRef(ref)[0] as number);
    const name = gate[1] as string;
    const controlled = { cx: 1, cz: 1, cy: 1, ccx: 2 }[name] ?? 0;
    gates.push({
      name: name === 'cy' ? 'y' : name,
      controls: operands.slice(0, controlled),
      targets: name === 'swap' ? operands : operands.slice(controlled),
      ...(gate[2] === undefined ? {} : { angle: evaluateAngle(gate[2]) }),
    });
  }
  const outcomes = sample(probabilities(qubits, gates), shots, random);
  const results: Record<string, string[]> = {};
  for (const [creg, size] of cregs) {
    results[creg] = outcomes.map((outcome) => {
      const bits = Array.from({ length: size }, () => '0');
      for (const m of measures)
        if (m.creg === creg) bits[size - 1 - m.bit] = (outcome >> m.qubit) & 1 ? '1' : '0';
      return bits.join('');
    });
  }
  return results;
}

/** Quil: DECLARE ro BIT[n], gates, MEASURE q ro[i]. Results: `{ ro: [[b0, b1…] per shot] }`. */
function rigetti(source: string, shots: number, random: () => number) {
  const gates: Gate[] = [];
  const measures: { qubit: number; bit: number }[] = [];
  let bits = 0;
  let qubits = 1;
  for (const raw of source.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '' || /^PRAGMA\b/.test(line)) continue;
    const declare = /^DECLARE\s+ro\s+BIT\[(\d+)\]$/.exec(line);
    if (declare) {
      bits = Number(declare[1]);
      continue;
    }
    const measure = /^MEASURE\s+(\d+)\s+ro\[(\d+)\]$/.exec(line);
    if (measure) {
      measures.push({ qubit: Number(measure[1]), bit: Number(measure[2]) });
      qubits = Math.max(qubits, Number(measure[1]) + 1);
      continue;
    }
    const gate = /^([A-Z]+)(?:\(([^)]*)\))?((?:\s+\d+)+)$/.exec(line);
    if (!gate) throw new InputError('InvalidInputData', `Quil syntax error near "${line.slice(0, 40)}"`);
    const operands = (gate[3] as string).trim().split(/\s+/).map(Number);
    qubits = Math.max(qubits, ...operands.map((q) => q + 1));
    const name = (gate[1] as string).toLowerCase();
    const controlled = { cnot: 1, cz: 1, ccnot: 2 }[name] ?? 0;
    gates.push({
      name: name === 'ccnot' ? 'ccx' : name,
      controls: operands.slice(0, controlled),
      targets: name === 'swap' ? operands : operands.slice(controlled),
      ...(gate[2] === undefined ? {} : { angle: evaluateAngle(gate[2]) }),
    });
  }
  const outcomes = sample(probabilities(qubits, gates), shots, random);
  return {
    ro: outcomes.map((outcome) => {
      const row = Array.from({ length: bits }, () => 0);
      for (const m of measures) row[m.bit] = (outcome >> m.qubit) & 1;
      return row;
    }),
  };
}

function pasqal(source: string, shots: number) {
  let sequence: { register?: unknown[] };
  try {
    sequence = JSON.parse(source);
  } catch {
    throw new InputError('InvalidInputData', 'The input is not a serialised Pulser sequence (JSON).');
  }
  const atoms = Array.isArray(sequence.register) ? Math.max(1, sequence.register.length) : 1;
  return { counter: { ['0'.repeat(atoms)]: shots } };
}

function qir(bitcode: Uint8Array, shots: number) {
  // LLVM bitcode starts with "BC" 0xC0DE.
  if (!(bitcode[0] === 0x42 && bitcode[1] === 0x43 && bitcode[2] === 0xc0 && bitcode[3] === 0xde)) {
    throw new InputError('InvalidInputData', 'The input is not QIR bitcode.');
  }
  return {
    DataFormat: 'microsoft.quantum-results.v2',
    Results: [
      {
        Histogram: [{ Outcome: [0], Display: '[0]', Count: shots }],
        Shots: Array.from({ length: shots }, () => [0]),
      },
    ],
  };
}
