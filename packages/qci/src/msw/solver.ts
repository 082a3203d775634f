// The mock device: it really evaluates the uploaded problem. Candidate solutions come from a seeded
// random start improved by one-variable moves, energies are computed from the uploaded coefficients,
// and the result payload has the shape of the result file type QCi writes for the problem type.

import { seededRandom } from '@qc/core/contract';
import type { JobSubmission } from '../generated/types.gen.js';

export interface UploadedFile {
  type: string;
  meta: Record<string, unknown>;
  data: Record<string, unknown[]>;
}

export type SolveOutcome =
  | { resultType: string; payload: Record<string, unknown>; samples: number }
  | { error: string };

type Entry = { i: number; j: number; val: number };
type Term = { idx: number[]; val: number };
type Domain = { kind: 'binary' } | { kind: 'integer'; levels: number[] } | { kind: 'simplex'; total: number };

export function solve(
  submission: JobSubmission,
  lookup: (id: string) => UploadedFile | undefined,
): SolveOutcome {
  const [problemType, problem] = Object.entries(submission.problem_config)[0] as [
    string,
    Record<string, unknown>,
  ];
  const [, device] = Object.entries(submission.device_config)[0] as [string, Record<string, unknown>];
  const samples = typeof device.num_samples === 'number' ? device.num_samples : 1;
  const fileOf = (key: string) =>
    typeof problem[key] === 'string' ? lookup(problem[key] as string) : undefined;
  const seed = JSON.stringify(submission);

  switch (problemType) {
    case 'quadratic_unconstrained_binary_optimization': {
      const file = fileOf('qubo_file_id');
      if (!file) return { error: 'qubo_file_id does not name an uploaded file' };
      const n = Number(file.meta.num_variables);
      const energy = matrixEnergy(file.data.data as Entry[]);
      return sampled(problemType, samples, minimise(n, { kind: 'binary' }, energy, samples, seed), energy);
    }
    case 'quadratic_linearly_constrained_binary_optimization': {
      const constraints = fileOf('constraints_file_id');
      if (!constraints) return { error: 'constraints_file_id does not name an uploaded file' };
      const objectiveFile = fileOf('objective_file_id');
      const n = Number(constraints.meta.num_variables);
      const objective = objectiveFile ? matrixEnergy(objectiveFile.data.data as Entry[]) : () => 0;
      const violation = constraintViolation(constraints.data.data as Entry[], n);
      const alpha = typeof problem.alpha === 'number' ? problem.alpha : 1;
      const energy = (x: number[]) => objective(x) + alpha * violation(x);
      const found = minimise(n, { kind: 'binary' }, energy, samples, seed);
      const base = aggregate(found, energy);
      return {
        resultType: `${problemType}_results`,
        samples,
        payload: {
          ...base,
          feasibilities: base.solutions.map((x) => violation(x) === 0),
          objective_values: base.solutions.map((x) => objective(x)),
        },
      };
    }
    case 'graph_partitioning': {
      const file = fileOf('graph_file_id');
      if (!file) return { error: 'graph_file_id does not name an uploaded file' };
      const nodes = (file.data.nodes ?? []) as { id: number }[];
      const links = (file.data.links ?? []) as { source: number; target: number; weight?: number }[];
      const index = new Map(nodes.map((node, i) => [node.id, i]));
      const cut = (x: number[]) =>
        links.reduce(
          (sum, l) =>
            sum + (x[index.get(l.source) ?? 0] !== x[index.get(l.target) ?? 0] ? (l.weight ?? 1) : 0),
          0,
        );
      const imbalance = (x: number[]) => Math.abs(x.reduce((a, b) => a + b, 0) * 2 - x.length);
      const energy = (x: number[]) => cut(x) + imbalance(x);
      const base = aggregate(minimise(nodes.length, { kind: 'binary' }, energy, samples, seed), energy);
      return {
        resultType: `${problemType}_results`,
        samples,
        payload: {
          ...base,
          balances: base.solutions.map((x) => 1 - imbalance(x) / Math.max(1, x.length)),
          cut_sizes: base.solutions.map(cut),
          feasibilities: base.solutions.map((x) => imbalance(x) <= 1),
          partitions: base.solutions.map((x) =>
            [0, 1].map((side) => nodes.filter((_, i) => x[i] === side).map((n) => n.id)),
          ),
        },
      };
    }
    case 'ising_hamiltonian_optimization':
    case 'normalized_qudit_hamiltonian_optimization':
    case 'qudit_hamiltonian_optimization': {
      const file = fileOf('polynomial_file_id') ?? fileOf('hamiltonian_file_id');
      if (!file) return { error: 'the hamiltonian/polynomial file id does not name an uploaded file' };
      const n = Number(file.meta.num_variables);
      const energy =
        file.type === 'polynomial'
          ? polynomialEnergy(file.data.data as Term[])
          : hamiltonianEnergy(file.data.data as Entry[]);
      let domain: Domain = { kind: 'binary' };
      if (problemType === 'qudit_hamiltonian_optimization') {
        const levels = device.num_levels as number[];
        if (levels.length !== n)
          return { error: `num_levels has ${levels.length} entries for ${n} variables` };
        domain = { kind: 'integer', levels };
      } else if (problemType === 'normalized_qudit_hamiltonian_optimization') {
        domain = {
          kind: 'simplex',
          total: typeof device.sum_constraint === 'number' ? device.sum_constraint : 1,
        };
      }
      return sampled(problemType, samples, minimise(n, domain, energy, samples, seed), energy);
    }
    default:
      return { error: `the mock does not run ${problemType} jobs` };
  }
}

function sampled(
  problemType: string,
  samples: number,
  found: number[][],
  energy: (x: number[]) => number,
): SolveOutcome {
  return { resultType: `${problemType}_results`, samples, payload: aggregate(found, energy) };
}

/** Unique solutions with their counts, best energy first. */
function aggregate(found: number[][], energy: (x: number[]) => number) {
  const counts = new Map<string, { x: number[]; count: number }>();
  for (const x of found) {
    const key = JSON.stringify(x);
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else counts.set(key, { x, count: 1 });
  }
  const rows = [...counts.values()].map((r) => ({ ...r, e: energy(r.x) })).sort((a, b) => a.e - b.e);
  return {
    counts: rows.map((r) => r.count),
    energies: rows.map((r) => r.e),
    solutions: rows.map((r) => r.x),
  };
}

/** Sparse symmetric-or-not matrix energy x^T Q x from 0-based COO entries. */
function matrixEnergy(entries: Entry[]) {
  return (x: number[]) => entries.reduce((sum, e) => sum + e.val * (x[e.i] ?? 0) * (x[e.j] ?? 0), 0);
}

/** Hamiltonian n×(n+1): column 0 is the linear term, columns 1..n the quadratic one. */
function hamiltonianEnergy(entries: Entry[]) {
  return (x: number[]) =>
    entries.reduce((sum, e) => sum + e.val * (x[e.i] ?? 0) * (e.j === 0 ? 1 : (x[e.j - 1] ?? 0)), 0);
}

/** Polynomial terms: 1-based variable indices, 0 meaning "no variable". */
function polynomialEnergy(terms: Term[]) {
  return (x: number[]) =>
    terms.reduce((sum, t) => sum + t.val * t.idx.reduce((p, k) => (k === 0 ? p : p * (x[k - 1] ?? 0)), 1), 0);
}

/** Squared violation of A x = b for constraints stored as m×(n+1) = [A | -b]. */
function constraintViolation(entries: Entry[], n: number) {
  return (x: number[]) => {
    const rows = new Map<number, number>();
    for (const e of entries) rows.set(e.i, (rows.get(e.i) ?? 0) + e.val * (e.j === n ? 1 : (x[e.j] ?? 0)));
    return [...rows.values()].reduce((sum, r) => sum + r * r, 0);
  };
}

function minimise(n: number, domain: Domain, energy: (x: number[]) => number, samples: number, seed: string) {
  const random = seededRandom(seed);
  const out: number[][] = [];
  // Small binary problems are solved exactly for the first sample, as a real device would find their
  // optimum; local search alone can stall on a plateau (x0·x1 from 0,0).
  if (domain.kind === 'binary' && n <= 16 && samples > 0) out.push(exhaustiveBinary(n, energy));
  for (let s = out.length; s < samples; s++) {
    let x = start(n, domain, random);
    let best = energy(x);
    for (let sweep = 0; sweep < 20; sweep++) {
      let improved = false;
      for (let i = 0; i < n; i++) {
        for (const candidate of moves(x, i, domain)) {
          const e = energy(candidate);
          if (e < best - 1e-12) {
            x = candidate;
            best = e;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
    out.push(x);
  }
  return out;
}

function exhaustiveBinary(n: number, energy: (x: number[]) => number): number[] {
  let best: number[] = new Array(n).fill(0);
  let bestEnergy = energy(best);
  for (let mask = 1; mask < 2 ** n; mask++) {
    const x = Array.from({ length: n }, (_, i) => (mask >> i) & 1);
    const e = energy(x);
    if (e < bestEnergy - 1e-12) {
      best = x;
      bestEnergy = e;
    }
  }
  return best;
}

function start(n: number, domain: Domain, random: () => number): number[] {
  if (domain.kind === 'binary') return Array.from({ length: n }, () => (random() < 0.5 ? 0 : 1));
  if (domain.kind === 'integer') return domain.levels.map((levels) => Math.floor(random() * levels));
  const weights = Array.from({ length: n }, () => random() + 1e-6);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * domain.total);
}

function moves(x: number[], i: number, domain: Domain): number[][] {
  if (domain.kind === 'binary') return [x.map((v, k) => (k === i ? 1 - v : v))];
  if (domain.kind === 'integer') {
    const max = (domain.levels[i] ?? 1) - 1;
    return [-1, 1]
      .map((d) => (x[i] ?? 0) + d)
      .filter((v) => v >= 0 && v <= max)
      .map((v) => x.map((old, k) => (k === i ? v : old)));
  }
  // Simplex: move a share of mass from variable i to each other variable, keeping the sum.
  const out: number[][] = [];
  const share = (x[i] ?? 0) / 2;
  if (share <= 1e-9) return out;
  for (let j = 0; j < x.length; j++) {
    if (j === i) continue;
    out.push(x.map((v, k) => (k === i ? v - share : k === j ? v + share : v)));
  }
  return out;
}
