// The account API of the mock: its projects and what it knows of the caller.
import type { MockOperation } from '@qc/core/contract';
import type { Project } from '../generated/types.gen.js';
import { MOCK_DEVICES } from './devices.js';
import type { Principal } from './identity.js';
import { jsend } from './jsend.js';
import type { PasqalMockState } from './state.js';

/** A project the mock knows. */
export interface PasqalMockProject {
  /** The project id (`project_id` of batches and workloads). */
  id: string;
  /** The project's display name. */
  name: string;
  /** Default `ACTIVE`. */
  status?: string;
}

/** The project the mock's users belong to out of the box. */
export const PASQAL_DEMO_PROJECT_ID = '8d0f0e34-3f4c-4d2a-9a55-1c2b3d4e5f60';

/** A project as the account API sends it. */
export function renderProject(project: Required<PasqalMockProject>): Project {
  return {
    id: project.id,
    project_id: project.id,
    name: project.name,
    description: '',
    company: 'qc mock',
    package: 'QUANTUM_DISCOVERY',
    project_status: project.status,
    project_type: 'CLIENT',
    queue_priority: 'MEDIUM',
    allowed_device_types: MOCK_DEVICES.map((d) => d.device_type),
    allowed_workload_types: [],
    additional_access_grants: [],
    account_manager: null,
    main_admin: null,
    count: { ACTIVE_ADMIN: 1, ACTIVE_MEMBER: 0, PENDING: 0 },
    email_domain: null,
    last_activity_date: null,
  };
}

/** The operations of the account API: projects and auth info (its `code` is an integer). */
export function accountRoutes(
  state: PasqalMockState,
  principalOf: (request: Request) => Principal | undefined,
): Record<string, MockOperation> {
  return {
    listProjects: (ctx) => {
      const status = ctx.query.project_status;
      const projects = [...state.projects.values()].filter(
        (p) => status === undefined || p.status === status,
      );
      return jsend(
        projects.map((p) => state.projectJson(p)),
        { account: true },
      );
    },
    getAuthInfo: (ctx) => {
      const principal = principalOf(ctx.request);
      return jsend(
        {
          id: principal?.subject ?? 'anonymous',
          email: principal?.email ?? '',
          email_verified: principal?.kind === 'user',
          type: principal?.kind === 'service-account' ? 'service_account' : 'user',
          superuser: false,
          allowed_device_types: MOCK_DEVICES.map((d) => d.device_type),
          acl: [],
          projects: [...state.projects.keys()],
        },
        { account: true },
      );
    },
  };
}
