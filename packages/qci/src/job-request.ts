import { InvalidArgumentError } from '@qc/core';
import type {
  Dirac1Device,
  Dirac3NormalizedQuditDevice,
  Dirac3QuditDevice,
  JobSubmission,
} from './generated/types.gen.js';

/** Exactly one of the two; QCi deprecates Hamiltonian matrices in favour of polynomial files. */
type HamiltonianSource =
  | {
      /** Id of an uploaded `polynomial` file. */
      polynomialFileId: string;
      hamiltonianFileId?: never;
    }
  | {
      /** Id of an uploaded `hamiltonian` matrix file (deprecated by QCi). */
      hamiltonianFileId: string;
      polynomialFileId?: never;
    };

interface JobCommon {
  /** A name for the job (`job_name`). */
  jobName?: string;
  /** Tags for the job (`job_tags`). */
  jobTags?: string[];
}

/**
 * A job by the names QCi's own client uses (`job_type`, never sent on the wire): each maps to one
 * problem type and the device that runs it.
 */
export type QciJobRequest = JobCommon &
  (
    | ({
        /** QUBO: minimise xᵀQx over binary x, on Dirac-1. */
        jobType: 'sample-qubo';
        /** Id of an uploaded `qubo` file. */
        quboFileId: string;
      } & Dirac1Device)
    | ({
        /** Binary optimisation under linear equality constraints, on Dirac-1. */
        jobType: 'sample-constraint';
        /** Id of an uploaded `constraints` file. */
        constraintsFileId: string;
        /** Id of an uploaded `objective` file. */
        objectiveFileId?: string;
        /** Weight of the constraint penalty. */
        alpha?: number;
        /** Absolute tolerance when checking that a solution is feasible. */
        atol?: number;
      } & Dirac1Device)
    | ({
        /** Split a graph's nodes into balanced parts with few cut edges, on Dirac-1. */
        jobType: 'graph-partitioning';
        /** Id of an uploaded `graph` file. */
        graphFileId: string;
        /** Number of parts (sent as QCi's client sends it, `num_paritions`). */
        numPartitions?: number;
        /** Sent as `alpha`; QCi does not document its meaning. */
        alpha?: number;
        /** Sent as `gamma`; QCi does not document its meaning. */
        gamma?: number;
      } & Dirac1Device)
    | ({
        /** Ising Hamiltonian optimisation, on Dirac-1. */
        jobType: 'sample-hamiltonian-ising';
      } & HamiltonianSource &
        Dirac1Device)
    | ({
        /** Normalised qudit Hamiltonian optimisation, on Dirac-3. */
        jobType: 'sample-hamiltonian';
      } & HamiltonianSource &
        Dirac3NormalizedQuditDevice)
    | ({
        /** Integer (qudit) Hamiltonian optimisation, on Dirac-3; needs `num_levels`. */
        jobType: 'sample-hamiltonian-integer';
      } & HamiltonianSource &
        Dirac3QuditDevice)
  );

/** The job types of {@link QciJobRequest}, as QCi's own client names them. */
export type QciJobType = QciJobRequest['jobType'];

const DIRAC_1_KEYS = ['num_samples'] as const;
const DIRAC_3_KEYS = [
  'num_samples',
  'sum_constraint',
  'relaxation_schedule',
  'mean_photon_number',
  'quantum_fluctuation_coefficient',
] as const;
const DIRAC_3_QUDIT_KEYS = [
  'num_levels',
  'num_samples',
  'relaxation_schedule',
  'mean_photon_number',
  'quantum_fluctuation_coefficient',
] as const;

function pick(request: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (request[key] !== undefined) out[key] = request[key];
  return out;
}

function hamiltonian(request: Record<string, unknown>): Record<string, string> {
  const polynomial = request.polynomialFileId;
  const matrix = request.hamiltonianFileId;
  if ((polynomial === undefined) === (matrix === undefined)) {
    throw new InvalidArgumentError('give exactly one of polynomialFileId and hamiltonianFileId');
  }
  return polynomial !== undefined
    ? { polynomial_file_id: String(polynomial) }
    : { hamiltonian_file_id: String(matrix) };
}

/** The wire body (`job_submission`) for a job request. */
export function toJobSubmission(request: QciJobRequest): JobSubmission {
  const r = request as unknown as Record<string, unknown>;
  const common = {
    ...(request.jobName === undefined ? {} : { job_name: request.jobName }),
    ...(request.jobTags === undefined ? {} : { job_tags: request.jobTags }),
  };
  const dirac1 = { 'dirac-1': pick(r, DIRAC_1_KEYS) };
  switch (request.jobType) {
    case 'sample-qubo':
      return {
        ...common,
        problem_config: { quadratic_unconstrained_binary_optimization: { qubo_file_id: request.quboFileId } },
        device_config: dirac1,
      };
    case 'sample-constraint':
      return {
        ...common,
        problem_config: {
          quadratic_linearly_constrained_binary_optimization: {
            constraints_file_id: request.constraintsFileId,
            ...(request.objectiveFileId === undefined ? {} : { objective_file_id: request.objectiveFileId }),
            ...(request.alpha === undefined ? {} : { alpha: request.alpha }),
            ...(request.atol === undefined ? {} : { atol: request.atol }),
          },
        },
        device_config: dirac1,
      };
    case 'graph-partitioning':
      return {
        ...common,
        problem_config: {
          graph_partitioning: {
            graph_file_id: request.graphFileId,
            // QCi's wire name is misspelt; its client sends it this way.
            ...(request.numPartitions === undefined ? {} : { num_paritions: request.numPartitions }),
            ...(request.alpha === undefined ? {} : { alpha: request.alpha }),
            ...(request.gamma === undefined ? {} : { gamma: request.gamma }),
          },
        },
        device_config: dirac1,
      };
    case 'sample-hamiltonian-ising':
      return {
        ...common,
        problem_config: { ising_hamiltonian_optimization: hamiltonian(r) } as never,
        device_config: dirac1,
      };
    case 'sample-hamiltonian':
      return {
        ...common,
        problem_config: { normalized_qudit_hamiltonian_optimization: hamiltonian(r) } as never,
        device_config: { 'dirac-3_normalized_qudit': pick(r, DIRAC_3_KEYS) },
      };
    case 'sample-hamiltonian-integer': {
      if (!Array.isArray(request.num_levels) || request.num_levels.length === 0) {
        throw new InvalidArgumentError(
          'sample-hamiltonian-integer needs num_levels: one level count per variable',
        );
      }
      return {
        ...common,
        problem_config: { qudit_hamiltonian_optimization: hamiltonian(r) } as never,
        device_config: { 'dirac-3_qudit': pick(r, DIRAC_3_QUDIT_KEYS) as Dirac3QuditDevice },
      };
    }
    default:
      throw new InvalidArgumentError(
        `unknown jobType ${JSON.stringify((request as { jobType?: unknown }).jobType)}`,
      );
  }
}
