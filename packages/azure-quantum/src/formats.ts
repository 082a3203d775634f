import { InvalidArgumentError } from '@qc/core';

/**
 * Job input formats of the common providers: which provider takes each format, which output format
 * it produces and the content type its input blob needs. Knowing this up front turns the classic
 * mistake — OpenQASM sent to IonQ, which only takes its JSON circuit (or QIR) — into a type error or a
 * clear message before anything is uploaded, instead of a job that fails minutes later.
 */

interface FormatRule {
  /** The provider whose targets take this format (`{provider}.…` target ids); undefined: any. */
  provider?: string;
  /** The output format its jobs produce. */
  outputDataFormat: string;
  /** The content type of the input blob. */
  contentType: string;
  /** What `input` must be. */
  input: 'json' | 'text' | 'bytes';
  /** What the format is, for error messages. */
  description: string;
}

/**
 * The known input formats, by `inputDataFormat`: for each, the provider whose targets take it, the
 * output format it produces, the content type of its input blob, and what `input` must be.
 */
export const JOB_FORMATS = {
  /** IonQ's JSON circuit. */
  'ionq.circuit.v1': {
    /** Taken by `ionq.*` targets. */
    provider: 'ionq',
    /** A histogram of probabilities. */
    outputDataFormat: 'ionq.quantum-results.v1',
    /** The input blob's content type. */
    contentType: 'application/json',
    /** `input` is an object (or its JSON text). */
    input: 'json',
    /** What the format is, for error messages. */
    description: "IonQ's JSON circuit ({ qubits, circuit: [{ gate, target, control }] })",
  },
  /** OpenQASM 2.0 for Quantinuum. */
  'honeywell.openqasm.v1': {
    /** Taken by `quantinuum.*` targets. */
    provider: 'quantinuum',
    /** Quantinuum's results. */
    outputDataFormat: 'honeywell.quantum-results.v1',
    /** The input blob's content type. */
    contentType: 'application/qasm',
    /** `input` is the source text. */
    input: 'text',
    /** What the format is, for error messages. */
    description: "Quantinuum's OpenQASM 2.0 source",
  },
  /** Quil for Rigetti. */
  'rigetti.quil.v1': {
    /** Taken by `rigetti.*` targets. */
    provider: 'rigetti',
    /** Rigetti's results. */
    outputDataFormat: 'rigetti.quil-results.v1',
    /** The input blob's content type. */
    contentType: 'text/plain',
    /** `input` is the source text. */
    input: 'text',
    /** What the format is, for error messages. */
    description: "Rigetti's Quil source",
  },
  /** A serialised Pulser sequence for Pasqal. */
  'pasqal.pulser.v1': {
    /** Taken by `pasqal.*` targets. */
    provider: 'pasqal',
    /** Pasqal's results. */
    outputDataFormat: 'pasqal.pulser-results.v1',
    /** The input blob's content type. */
    contentType: 'application/json',
    /** `input` is an object (or its JSON text). */
    input: 'json',
    /** What the format is, for error messages. */
    description: 'a serialised Pulser sequence (JSON)',
  },
  /** QIR bitcode, for any QIR-capable target. */
  'qir.v1': {
    /** Microsoft's results format. */
    outputDataFormat: 'microsoft.quantum-results.v2',
    /** The service identifies QIR bitcode by this literal content type. */
    contentType: 'qir.v1',
    /** `input` is the bitcode, a `Uint8Array`. */
    input: 'bytes',
    /** What the format is, for error messages. */
    description: 'QIR (LLVM bitcode)',
  },
} as const satisfies Record<string, FormatRule>;

/** An input format qc knows (a key of {@link JOB_FORMATS}); other formats are passed through unchecked. */
export type KnownInputFormat = keyof typeof JOB_FORMATS;

/** One gate of an IonQ circuit (`qis` gate set: h, x, y, z, s, si, t, ti, v, vi, rx, ry, rz, cnot, swap…). */
export interface IonQGate {
  /** The gate's name, e.g. `h`, `cnot`, `rx`. */
  gate: string;
  /** The qubit it acts on. */
  target?: number;
  /** The qubits it acts on, for multi-target gates. */
  targets?: number[];
  /** The control qubit, for a controlled gate. */
  control?: number;
  /** The control qubits, for a multi-controlled gate. */
  controls?: number[];
  /** Radians, for rotations. */
  rotation?: number;
}

/** IonQ's JSON circuit, the input of `ionq.circuit.v1`. */
export interface IonQCircuit {
  /** Number of qubits. */
  qubits: number;
  /** The gates, in order. */
  circuit: IonQGate[];
  /** Default `qis`. */
  gateset?: 'qis' | 'native';
}

/** What each known format requires of `target`, `providerId` and `input`. */
export interface KnownFormatFields {
  /** IonQ's JSON circuit: an IonQ target. */
  'ionq.circuit.v1': {
    /** An IonQ target, e.g. `ionq.simulator`. */
    target: `ionq.${string}`;
    /** Default `ionq`. */
    providerId?: 'ionq' | 'IonQ';
    /** The circuit. */
    input: IonQCircuit;
  };
  /** OpenQASM 2.0: a Quantinuum target. */
  'honeywell.openqasm.v1': {
    /** A Quantinuum target, e.g. `quantinuum.sim.h2-1sc`. */
    target: `quantinuum.${string}`;
    /** Default `quantinuum`. */
    providerId?: 'quantinuum';
    /** The OpenQASM 2.0 source. */
    input: string;
  };
  /** Quil: a Rigetti target. */
  'rigetti.quil.v1': {
    /** A Rigetti target, e.g. `rigetti.sim.qvm`. */
    target: `rigetti.${string}`;
    /** Default `rigetti`. */
    providerId?: 'rigetti';
    /** The Quil source. */
    input: string;
  };
  /** A Pulser sequence: a Pasqal target. */
  'pasqal.pulser.v1': {
    /** A Pasqal target, e.g. `pasqal.sim.emu-tn`. */
    target: `pasqal.${string}`;
    /** Default `pasqal`. */
    providerId?: 'pasqal';
    /** The serialised sequence, as an object or its JSON text. */
    input: string | object;
  };
  /** QIR: any QIR-capable target, whose provider must be named. */
  'qir.v1': {
    /** The target. */
    target: string;
    /** The target's provider. */
    providerId: string;
    /** The bitcode. */
    input: Uint8Array;
  };
}

/** Fields of a job request that depend on its input format. */
export type FormatFields<F extends string> = F extends KnownInputFormat
  ? KnownFormatFields[F] & {
      /** Default the format's own (see {@link JOB_FORMATS}). */
      outputDataFormat?: string;
    }
  : {
      /** The target. */
      target: string;
      /** The target's provider. */
      providerId: string;
      /** The input, sent as it is (text or bytes) or as JSON (an object). */
      input: string | Uint8Array | object;
      /** The output format (required: qc does not know this input format's). */
      outputDataFormat: string;
    };

/** A job's input, ready to spread into `submitJob({ target, ...input })`. */
export type FormattedInput<F extends KnownInputFormat> = {
  /** The input format. */
  inputDataFormat: F;
  /** The output format it produces. */
  outputDataFormat: string;
  /** The input, as given. */
  input: KnownFormatFields[F]['input'];
  /** The provider's parameters (shots, entry point, …), undefined values left out. */
  inputParams: Record<string, unknown>;
} & (F extends 'qir.v1'
  ? {
      /** Not set: QIR names no provider; give it with the target. */
      providerId?: never;
    }
  : {
      /** The provider the format belongs to. */
      providerId: NonNullable<KnownFormatFields[F]['providerId']>;
    });

/** An IonQ circuit (`ionq.circuit.v1` → histogram of probabilities, `ionq.quantum-results.v1`). */
export function ionqCircuit(
  circuit: IonQCircuit,
  params: { shots?: number } = {},
): FormattedInput<'ionq.circuit.v1'> {
  return { providerId: 'ionq', ...formatted('ionq.circuit.v1', circuit, params) };
}

/** OpenQASM 2.0 for Quantinuum (`honeywell.openqasm.v1`); `count`/`shots` is the number of shots. */
export function quantinuumQasm(
  source: string,
  params: { shots?: number; count?: number } = {},
): FormattedInput<'honeywell.openqasm.v1'> {
  return { providerId: 'quantinuum', ...formatted('honeywell.openqasm.v1', source, params) };
}

/** Quil for Rigetti (`rigetti.quil.v1`); `count` is the number of shots. */
export function rigettiQuil(
  source: string,
  params: { count?: number; skipQuilc?: boolean; substitutions?: Record<string, number[][]> } = {},
): FormattedInput<'rigetti.quil.v1'> {
  return { providerId: 'rigetti', ...formatted('rigetti.quil.v1', source, params) };
}

/** A serialised Pulser sequence for Pasqal (`pasqal.pulser.v1`); `count` is the number of runs. */
export function pasqalPulser(
  sequence: string | object,
  params: { count?: number } = {},
): FormattedInput<'pasqal.pulser.v1'> {
  return { providerId: 'pasqal', ...formatted('pasqal.pulser.v1', sequence, params) };
}

/** QIR bitcode for any QIR-capable target; give `providerId` with the target. */
export function qirBitcode(
  bitcode: Uint8Array,
  params: { entryPoint?: string; shots?: number; targetProfile?: string; arguments?: unknown[] } = {},
): FormattedInput<'qir.v1'> {
  // The service reads the profile as `target_profile` (what azure-quantum-python sends).
  const { entryPoint = 'ENTRYPOINT__main', targetProfile, ...rest } = params;
  return formatted('qir.v1', bitcode, {
    entryPoint,
    target_profile: targetProfile,
    ...rest,
  }) as FormattedInput<'qir.v1'>;
}

function formatted<F extends KnownInputFormat>(format: F, input: unknown, params: Record<string, unknown>) {
  const inputParams = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
  return {
    inputDataFormat: format,
    outputDataFormat: JOB_FORMATS[format].outputDataFormat,
    input: input as KnownFormatFields[F]['input'],
    inputParams,
  };
}

export interface PreparedInput {
  providerId: string;
  outputDataFormat: string;
  contentType: string;
  body: string | Uint8Array;
}

const PROVIDER_PREFIXES = new Set(['ionq', 'quantinuum', 'rigetti', 'pasqal', 'microsoft', 'qci']);

/**
 * Checks that format, target, provider and input agree, and serialises the input. Runs before any
 * request, so a mismatch costs nothing.
 */
export function prepareInput(request: {
  target: unknown;
  providerId?: unknown;
  inputDataFormat: unknown;
  outputDataFormat?: unknown;
  input: unknown;
  contentType?: unknown;
}): PreparedInput {
  const { target, inputDataFormat: format } = request;
  if (typeof target !== 'string' || target.trim() === '')
    throw new InvalidArgumentError('target is required');
  if (typeof format !== 'string' || format === '')
    throw new InvalidArgumentError('inputDataFormat is required');
  const rule = (JOB_FORMATS as Record<string, FormatRule>)[format];
  const targetProvider = target.split('.')[0]?.toLowerCase() ?? '';
  if (rule?.provider && PROVIDER_PREFIXES.has(targetProvider) && targetProvider !== rule.provider) {
    const hint =
      targetProvider === 'ionq' ? ' IonQ targets take ionq.circuit.v1 (JSON) or qir.v1, not OpenQASM.' : '';
    throw new InvalidArgumentError(
      `inputDataFormat "${format}" is ${rule.description} for ${rule.provider} targets; target "${target}" belongs to ${targetProvider}.${hint}`,
    );
  }
  const providerId =
    typeof request.providerId === 'string' && request.providerId !== '' ? request.providerId : rule?.provider;
  if (providerId === undefined)
    throw new InvalidArgumentError(`providerId is required for inputDataFormat "${format}"`);
  const outputDataFormat =
    typeof request.outputDataFormat === 'string' && request.outputDataFormat !== ''
      ? request.outputDataFormat
      : rule?.outputDataFormat;
  if (outputDataFormat === undefined) {
    throw new InvalidArgumentError(`outputDataFormat is required for inputDataFormat "${format}"`);
  }
  const body = serialise(format, rule, request.input);
  const contentType =
    typeof request.contentType === 'string'
      ? request.contentType
      : (rule?.contentType ?? defaultContentType(request.input));
  return { providerId, outputDataFormat, contentType, body };
}

function defaultContentType(input: unknown): string {
  if (typeof input === 'string') return 'text/plain';
  return input instanceof Uint8Array ? 'application/octet-stream' : 'application/json';
}

function serialise(format: string, rule: FormatRule | undefined, input: unknown): string | Uint8Array {
  if (input === undefined || input === null) throw new InvalidArgumentError('input is required');
  if (format === 'ionq.circuit.v1') return JSON.stringify(ionqInput(input));
  const expected = rule?.input;
  if (input instanceof Uint8Array) {
    if (expected === undefined || expected === 'bytes') return input;
    throw new InvalidArgumentError(`inputDataFormat "${format}" takes ${rule?.description}, not bytes`);
  }
  if (expected === 'bytes') {
    throw new InvalidArgumentError(`inputDataFormat "${format}" takes ${rule?.description} as a Uint8Array`);
  }
  if (typeof input === 'string') {
    if (format === 'honeywell.openqasm.v1' && !/OPENQASM\s+\d/.test(input)) {
      throw new InvalidArgumentError(
        'honeywell.openqasm.v1 input must be OpenQASM 2.0 source ("OPENQASM 2.0; …")',
      );
    }
    return input;
  }
  if (typeof input === 'object' && expected !== 'text') return JSON.stringify(input);
  throw new InvalidArgumentError(
    `inputDataFormat "${format}" takes ${rule?.description ?? 'a string, bytes or JSON'}`,
  );
}

/** IonQ's circuit: an object, or its JSON text; OpenQASM gets a message saying so. */
function ionqInput(input: unknown): IonQCircuit {
  let circuit = input;
  if (typeof input === 'string') {
    if (/OPENQASM\s+\d/.test(input)) {
      throw new InvalidArgumentError(
        "ionq.circuit.v1 takes IonQ's JSON circuit ({ qubits, circuit: [...] }), not OpenQASM: IonQ on Azure does not accept OpenQASM; convert the circuit or submit QIR (qir.v1)",
      );
    }
    try {
      circuit = JSON.parse(input);
    } catch {
      throw new InvalidArgumentError('ionq.circuit.v1 input must be an IonQ circuit object or its JSON text');
    }
  }
  const candidate = circuit as Partial<IonQCircuit> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    !Number.isInteger(candidate.qubits) ||
    !Array.isArray(candidate.circuit)
  ) {
    throw new InvalidArgumentError(
      'ionq.circuit.v1 input must be { qubits: number, circuit: [{ gate, target, … }] }',
    );
  }
  return candidate as IonQCircuit;
}
