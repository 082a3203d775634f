import { seededRandom } from '@qc/core/contract';
/**
 * A small state-vector simulator, so the mock's jobs produce real results (a GHZ circuit's histogram is
 * half |000⟩, half |111⟩) and tests can check numbers, not just shapes. Qubit 0 is the least
 * significant bit of a basis-state index, as in IonQ's histograms.
 */

export interface Gate {
  /** Lower-case name: h, x, y, z, s, si, t, ti, v, vi, rx, ry, rz, cnot, cx, cz, swap, ccx… */
  name: string;
  targets: number[];
  controls: number[];
  angle?: number;
}

/** An input the provider would refuse: the job fails with this code and message. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Complex = [number, number];
type Matrix = [Complex, Complex, Complex, Complex];

const SQRT_HALF = Math.SQRT1_2;
const phase = (theta: number): Complex => [Math.cos(theta), Math.sin(theta)];

function singleQubitMatrix(gate: Gate): Matrix {
  const a = gate.angle ?? 0;
  const c = Math.cos(a / 2);
  const s = Math.sin(a / 2);
  switch (gate.name) {
    case 'h':
      return [
        [SQRT_HALF, 0],
        [SQRT_HALF, 0],
        [SQRT_HALF, 0],
        [-SQRT_HALF, 0],
      ];
    case 'x':
    case 'cnot':
    case 'cx':
    case 'ccx':
    case 'not':
      return [
        [0, 0],
        [1, 0],
        [1, 0],
        [0, 0],
      ];
    case 'y':
      return [
        [0, 0],
        [0, -1],
        [0, 1],
        [0, 0],
      ];
    case 'z':
    case 'cz':
      return [
        [1, 0],
        [0, 0],
        [0, 0],
        [-1, 0],
      ];
    case 's':
      return [
        [1, 0],
        [0, 0],
        [0, 0],
        [0, 1],
      ];
    case 'si':
    case 'sdg':
      return [
        [1, 0],
        [0, 0],
        [0, 0],
        [0, -1],
      ];
    case 't':
      return [[1, 0], [0, 0], [0, 0], phase(Math.PI / 4)];
    case 'ti':
    case 'tdg':
      return [[1, 0], [0, 0], [0, 0], phase(-Math.PI / 4)];
    case 'v':
    case 'sx':
      return [
        [0.5, 0.5],
        [0.5, -0.5],
        [0.5, -0.5],
        [0.5, 0.5],
      ];
    case 'vi':
    case 'sxdg':
      return [
        [0.5, -0.5],
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, -0.5],
      ];
    case 'rx':
      return [
        [c, 0],
        [0, -s],
        [0, -s],
        [c, 0],
      ];
    case 'ry':
      return [
        [c, 0],
        [-s, 0],
        [s, 0],
        [c, 0],
      ];
    case 'rz':
      return [phase(-a / 2), [0, 0], [0, 0], phase(a / 2)];
    case 'id':
    case 'i':
      return [
        [1, 0],
        [0, 0],
        [0, 0],
        [1, 0],
      ];
    default:
      throw new InputError('InvalidInputData', `unsupported gate "${gate.name}"`);
  }
}

/** Runs the gates from |0…0⟩ and returns the probability of every basis state. */
export function probabilities(qubits: number, gates: readonly Gate[]): Float64Array {
  if (!Number.isInteger(qubits) || qubits < 1 || qubits > 16) {
    throw new InputError('InvalidInputData', `the mock simulates 1 to 16 qubits, got ${qubits}`);
  }
  const size = 2 ** qubits;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re[0] = 1;
  for (const gate of gates) {
    for (const q of [...gate.targets, ...gate.controls]) {
      if (!Number.isInteger(q) || q < 0 || q >= qubits) {
        throw new InputError(
          'InvalidInputData',
          `gate "${gate.name}" uses qubit ${q} of a ${qubits}-qubit circuit`,
        );
      }
    }
    if (gate.name === 'swap') {
      const [a, b] = gate.targets as [number, number];
      for (const [t, ctl] of [
        [a, b],
        [b, a],
        [a, b],
      ] as const)
        apply(re, im, singleQubitMatrix({ name: 'x', targets: [], controls: [] }), t, [
          ...gate.controls,
          ctl,
        ]);
      continue;
    }
    const matrix = singleQubitMatrix(gate);
    for (const target of gate.targets) apply(re, im, matrix, target, gate.controls);
  }
  const probs = new Float64Array(size);
  for (let i = 0; i < size; i++) probs[i] = (re[i] as number) ** 2 + (im[i] as number) ** 2;
  return probs;
}

function apply(
  re: Float64Array,
  im: Float64Array,
  m: Matrix,
  target: number,
  controls: readonly number[],
): void {
  const bit = 1 << target;
  const controlMask = controls.reduce((mask, q) => mask | (1 << q), 0);
  const [[ar, ai], [br, bi], [cr, ci], [dr, di]] = m;
  for (let i = 0; i < re.length; i++) {
    if (i & bit || (i & controlMask) !== controlMask) continue;
    const j = i | bit;
    const xr = re[i] as number;
    const xi = im[i] as number;
    const yr = re[j] as number;
    const yi = im[j] as number;
    re[i] = ar * xr - ai * xi + br * yr - bi * yi;
    im[i] = ar * xi + ai * xr + br * yi + bi * yr;
    re[j] = cr * xr - ci * xi + dr * yr - di * yi;
    im[j] = cr * xi + ci * xr + dr * yi + di * yr;
  }
}

/** `shots` basis-state indices drawn from the distribution. */
export function sample(probs: Float64Array, shots: number, random: () => number): number[] {
  const out: number[] = [];
  for (let shot = 0; shot < shots; shot++) {
    let r = random();
    let index = probs.length - 1;
    for (let i = 0; i < probs.length; i++) {
      r -= probs[i] as number;
      if (r < 0) {
        index = i;
        break;
      }
    }
    out.push(index);
  }
  return out;
}

/** Evaluates an angle such as `pi/2`, `-3*pi/4` or `0.5` (numbers, pi, + - * / and parentheses). */
export function evaluateAngle(text: string): number {
  const tokens = text.replace(/\s+/g, '').match(/\d+\.?\d*(?:e[-+]?\d+)?|\.\d+|pi|[-+*/()]/gi) ?? [];
  if (tokens.join('') !== text.replace(/\s+/g, ''))
    throw new InputError('InvalidInputData', `cannot read the angle "${text}"`);
  let pos = 0;
  const peek = () => tokens[pos];
  const expression = (): number => {
    let value = term();
    while (peek() === '+' || peek() === '-') value = tokens[pos++] === '+' ? value + term() : value - term();
    return value;
  };
  const term = (): number => {
    let value = factor();
    while (peek() === '*' || peek() === '/')
      value = tokens[pos++] === '*' ? value * factor() : value / factor();
    return value;
  };
  const factor = (): number => {
    const token = tokens[pos++];
    if (token === '-') return -factor();
    if (token === '+') return factor();
    if (token === '(') {
      const value = expression();
      if (tokens[pos++] !== ')')
        throw new InputError('InvalidInputData', `unbalanced parentheses in "${text}"`);
      return value;
    }
    if (token?.toLowerCase() === 'pi') return Math.PI;
    const value = Number(token);
    if (token === undefined || Number.isNaN(value))
      throw new InputError('InvalidInputData', `cannot read the angle "${text}"`);
    return value;
  };
  const value = expression();
  if (pos !== tokens.length) throw new InputError('InvalidInputData', `cannot read the angle "${text}"`);
  return value;
}

/** A deterministic random source, seeded per job so results repeat. */
export { seededRandom };
