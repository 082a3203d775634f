// Workloads: create (a submission), read, cancel.
import { requireField } from '@qc/auth';
import { type CallOptions, checkId, type PasqalContext, projectOf } from './context.js';
import { runSubmission } from './errors.js';
import * as sdk from './generated/sdk.gen.js';
import type {
  CancelWorkloadResponse,
  CreateWorkloadData,
  CreateWorkloadResponse,
  GetWorkloadResponse,
} from './generated/types.gen.js';

/** createWorkload's body; `project_id` defaults to the client's `projectId`. */
export type CreateWorkloadInput = Omit<CreateWorkloadData['body'], 'project_id'> & {
  /** The project to create the workload in; default the client's `projectId`. */
  project_id?: string;
};

/** What a Pasqal client does with workloads. */
export interface WorkloadOperations {
  /**
   * Creates a workload. Never retried; when the outcome is unknown it throws
   * {@link SubmissionOutcomeUnknownError}.
   */
  createWorkload(
    workload: CreateWorkloadInput,
    options?: CallOptions,
  ): Promise<CreateWorkloadResponse['data']>;
  /** The workload, with its `result` inline or a presigned `result_link`. */
  getWorkload(workloadId: string, options?: CallOptions): Promise<GetWorkloadResponse['data']>;
  /** Cancels a workload. */
  cancelWorkload(workloadId: string, options?: CallOptions): Promise<CancelWorkloadResponse['data']>;
}

/** The workload operations, bound to one client. */
export function workloadOperations(context: PasqalContext): WorkloadOperations {
  const { client } = context;
  return {
    async createWorkload(workload, callOptions = {}) {
      const body: CreateWorkloadData['body'] = {
        ...workload,
        project_id: projectOf(context, workload.project_id, 'createWorkload'),
      };
      return runSubmission('createWorkload', {}, async () => {
        const result = await sdk.createWorkload({ ...callOptions, client, body });
        requireField(result, 'data.id', (data) => (data as { data?: { id?: string } } | null)?.data?.id);
        return result.data.data;
      });
    },
    async getWorkload(id, callOptions = {}) {
      const { data } = await sdk.getWorkload({
        client,
        path: { workload_id: checkId('workload_id', id, 'workloadId') },
        ...callOptions,
      });
      return data.data;
    },
    async cancelWorkload(id, callOptions = {}) {
      const { data } = await sdk.cancelWorkload({
        client,
        path: { workload_id: checkId('workload_id', id, 'workloadId') },
        ...callOptions,
      });
      return data.data;
    },
  };
}
