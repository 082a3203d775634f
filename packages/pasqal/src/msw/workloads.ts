// Workloads in the mock: what is stored of a workload, how it moves, how it is rendered, and its routes.
import type { MockContext, MockOperation } from '@qc/core/contract';
import type { CreateWorkloadRequest, Workload } from '../generated/types.gen.js';
import { iso, isoOrNull, jsend, jsendError } from './jsend.js';
import type { PasqalMockState } from './state.js';

/** A workload as the mock keeps it (times in epoch ms). */
export interface StoredWorkload {
  id: string;
  projectId: string;
  userId: string;
  status: string;
  backend: string;
  workloadType: string;
  config: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  startAt: number | null;
  endAt: number | null;
  polls: number;
  nextStepAt: number;
}

/** What a new workload is made of (`PasqalMockState.createWorkload`). */
export interface NewMockWorkload {
  projectId: string;
  userId: string;
  backend: string;
  workloadType: string;
  config: Record<string, unknown>;
}

/** One step of a workload's life at `at`: PENDING → RUNNING → DONE. */
export function stepWorkload(workload: StoredWorkload, at: number): void {
  if (workload.status === 'PENDING') {
    workload.status = 'RUNNING';
    workload.startAt = at;
  } else if (workload.status === 'RUNNING') {
    workload.status = 'DONE';
    workload.endAt = at;
  } else return;
  workload.updatedAt = at;
}

/** A workload as the service sends it; a DONE one carries its result inline. */
export function renderWorkload(workload: StoredWorkload): Workload {
  return {
    id: workload.id,
    project_id: workload.projectId,
    user_id: workload.userId,
    status: workload.status,
    backend: workload.backend,
    workload_type: workload.workloadType,
    config: workload.config,
    created_at: iso(workload.createdAt),
    updated_at: iso(workload.updatedAt),
    start_timestamp: isoOrNull(workload.startAt),
    end_timestamp: isoOrNull(workload.endAt),
    errors: null,
    result: workload.status === 'DONE' ? { backend: workload.backend, config: workload.config } : null,
    result_link: null,
    queue_priority: 'MEDIUM',
  };
}

/** The workload operations of the core API: create, read (a poll moves it), cancel. */
export function workloadRoutes(
  state: PasqalMockState,
  userOf: (ctx: MockContext) => string,
): Record<string, MockOperation> {
  return {
    createWorkload: (ctx) => {
      const body = ctx.body as CreateWorkloadRequest;
      if (!state.projects.has(body.project_id)) {
        return jsendError(403, `You are not a member of project ${body.project_id}`);
      }
      const workload = state.createWorkload({
        projectId: body.project_id,
        userId: userOf(ctx),
        backend: body.backend,
        workloadType: body.workload_type,
        config: body.config,
      });
      return jsend(state.workloadJson(workload));
    },
    getWorkload: (ctx) => {
      const workload = state.workloads.get(String(ctx.path.workload_id));
      if (!workload) return jsendError(404, `Workload ${String(ctx.path.workload_id)} not found`);
      state.observeWorkload(workload);
      return jsend(state.workloadJson(workload));
    },
    cancelWorkload: (ctx) => {
      const workload = state.workloads.get(String(ctx.path.workload_id));
      if (!workload) return jsendError(404, `Workload ${String(ctx.path.workload_id)} not found`);
      if (!state.cancelWorkload(workload)) {
        return jsendError(400, `Workload ${workload.id} is ${workload.status} and cannot be cancelled`);
      }
      return jsend(state.workloadJson(workload));
    },
  };
}
