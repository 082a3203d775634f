import type { PasqalEnvironment } from '../environments.js';
import type {
  Batch,
  CreateJob,
  Device,
  EmulatorConfiguration,
  Job,
  JobResult,
  Project,
  Workload,
} from '../generated/types.gen.js';

/** A project the mock knows. */
export interface PasqalMockProject {
  id: string;
  name: string;
  /** Default `ACTIVE`. */
  status?: string;
}

/** The project the mock's users belong to out of the box. */
export const PASQAL_DEMO_PROJECT_ID = '8d0f0e34-3f4c-4d2a-9a55-1c2b3d4e5f60';

/** What decides a finished job's fate in the mock. */
export interface MockJobInput {
  id: string;
  batchId: string;
  runs: number;
  variables: Record<string, unknown> | null;
  sequence: string | null;
}

/** `DONE`, or `{ error }` for a job that ends in ERROR with that message. */
export type MockJobOutcome = 'DONE' | { error: string };

/** A fault injected into the next call(s) of an operation. */
export interface MockFault {
  /** Answer with this status (and `body`) instead of the operation's response. Omit to only delay. */
  status?: number;
  /** JSON body (an object) or text (a string) of the fault's response. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Run the operation first, keeping its effects, then answer with the fault: a gateway that gave up
   * while the service did the work (a batch created behind a 504).
   */
  afterEffect?: boolean;
  /** Wait this long before answering (real time), e.g. longer than the client's time limit. */
  delayMs?: number;
  /** How many calls the fault applies to (default 1). */
  times?: number;
}

export interface PasqalMockStateOptions {
  /** Lifecycle clock: `poll` (default) moves a batch's jobs one step per `getBatch` and a job one step per `getJob`; `clock` moves them every `transitionMs` of `now()`. */
  advance?: 'poll' | 'clock';
  /** Polls per step in `poll` mode (default 1): PENDING → RUNNING → DONE takes two steps. */
  pollsPerTransition?: number;
  /** Milliseconds per step in `clock` mode (default 1000). */
  transitionMs?: number;
  /** An open batch whose jobs are all finished times out (TIMED_OUT) after this long without new jobs (default 10 min). */
  openBatchTimeoutMs?: number;
  /** Lifetime of a presigned results link (default 15 min). */
  resultsLinkLifetimeMs?: number;
  /** Origin (and path prefix) of the presigned results links (default: a mock S3 bucket per environment). */
  resultsBaseUrl?: string;
  /** Projects (default: one, {@link PASQAL_DEMO_PROJECT_ID}). */
  projects?: PasqalMockProject[];
  /** How each job ends (default: DONE). */
  jobOutcome?: (job: MockJobInput) => MockJobOutcome;
  /** Clock in epoch ms (default Date.now): fake timers move token expiry, timeouts and `clock` lifecycles. */
  now?: () => number;
}

export interface StoredJob {
  id: string;
  batchId: string;
  projectId: string;
  status: string;
  runs: number;
  variables: Record<string, unknown> | null;
  sequence: string | null;
  createdAt: number;
  updatedAt: number;
  startAt: number | null;
  endAt: number | null;
  errors: string[] | null;
  parentId: string | null;
  creationOrder: number;
  seq: number;
  polls: number;
  nextStepAt: number;
}

export interface StoredBatch {
  id: string;
  projectId: string;
  userId: string;
  deviceType: string;
  sequenceBuilder: string | null;
  open: boolean;
  canceled: boolean;
  timedOut: boolean;
  paused: boolean;
  status: string;
  createdAt: number;
  updatedAt: number;
  startAt: number | null;
  endAt: number | null;
  webhook: string | null;
  tags: string[];
  jobIds: string[];
  parentId: string | null;
  configuration: EmulatorConfiguration | null;
  backendConfiguration: string | null;
  queuePriority: string;
  lastActivityAt: number;
  polls: number;
  seq: number;
}

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

const JOB_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'ERROR', 'CANCELED', 'CANCELING'];
const FINAL = new Set(['DONE', 'ERROR', 'CANCELED', 'TIMED_OUT']);

/** Devices of the mock: two QPUs (one inactive) and three emulators. */
export const MOCK_DEVICES: readonly (Device & { public: boolean })[] = [
  device('FRESNEL', false, 'ACTIVE', 25, true),
  device('FRESNEL_CAN1', false, 'INACTIVE', 25, true),
  device('EMU_FREE', true, 'ACTIVE', 12, true),
  device('EMU_MPS', true, 'ACTIVE', 80, true),
  device('EMU_SV', true, 'ACTIVE', 25, false),
];

function device(
  type: string,
  emulator: boolean,
  availability: string,
  atoms: number,
  isPublic: boolean,
): Device & { public: boolean } {
  return {
    id: `mock-${type.toLowerCase()}`,
    name: type,
    device_type: type,
    status: availability === 'ACTIVE' ? 'UP' : 'DOWN',
    availability,
    average_queue_time: emulator ? 60 : 3600,
    max_atom_num: atoms,
    is_emulator: emulator,
    channels: [],
    allowed_result_types: ['counter'],
    default_result_types: ['counter'],
    active: availability === 'ACTIVE',
    description: `${type} (qc mock)`,
    bill_usage: !emulator,
    public: isPublic,
  };
}

/** A device's Pulser specification, as the service sends it: a JSON string. */
export function deviceSpecs(type: string): string {
  const d = MOCK_DEVICES.find((x) => x.device_type === type);
  return JSON.stringify({
    version: '1',
    name: type,
    dimensions: 2,
    rydberg_level: 60,
    max_atom_num: d?.max_atom_num ?? 0,
    min_atom_distance: 5,
    channels: [],
    is_virtual: d?.is_emulator ?? false,
  });
}

/** The mock's data and lifecycle: batches, jobs, workloads, results links, faults. Inspectable by tests. */
export class PasqalMockState {
  readonly batches = new Map<string, StoredBatch>();
  readonly jobs = new Map<string, StoredJob>();
  readonly workloads = new Map<string, StoredWorkload>();
  readonly projects: Map<string, Required<PasqalMockProject>>;
  /** Calls per operationId, and other counters tests assert on. */
  readonly calls: Record<string, number> = {};
  readonly counters = { unauthorized: 0, gzipBodies: 0, resultsDownloads: 0, resultsRefused: 0 };
  readonly now: () => number;
  readonly resultsBaseUrl: string;
  readonly #links = new Map<string, { jobId: string; expiresAt: number }>();
  readonly #faults = new Map<string, MockFault[]>();
  readonly #advance: 'poll' | 'clock';
  readonly #perTransition: number;
  readonly #transitionMs: number;
  readonly #openTimeoutMs: number;
  readonly #linkLifetimeMs: number;
  readonly #outcome: (job: MockJobInput) => MockJobOutcome;
  #seq = 0;

  constructor(
    readonly environment: PasqalEnvironment,
    options: PasqalMockStateOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.#advance = options.advance ?? 'poll';
    this.#perTransition = Math.max(1, options.pollsPerTransition ?? 1);
    this.#transitionMs = Math.max(1, options.transitionMs ?? 1000);
    this.#openTimeoutMs = options.openBatchTimeoutMs ?? 10 * 60_000;
    this.#linkLifetimeMs = options.resultsLinkLifetimeMs ?? 15 * 60_000;
    this.#outcome = options.jobOutcome ?? (() => 'DONE');
    // One storage host per environment, so mocks of several environments can run side by side.
    const bucket = `qc-mock-pasqal-results-${environment.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
    this.resultsBaseUrl = (options.resultsBaseUrl ?? `https://${bucket}.s3.eu-west-3.amazonaws.com`).replace(
      /\/+$/,
      '',
    );
    const projects = options.projects ?? [{ id: PASQAL_DEMO_PROJECT_ID, name: 'Demo project' }];
    this.projects = new Map(projects.map((p) => [p.id, { status: 'ACTIVE', ...p }]));
  }

  // --- faults ------------------------------------------------------------------------------------

  /** Makes the next call(s) of `operationId` fail, or be slow (see {@link MockFault}). */
  inject(operationId: string, fault: MockFault): void {
    const list = this.#faults.get(operationId) ?? [];
    list.push({ times: 1, ...fault });
    this.#faults.set(operationId, list);
  }

  /** Removes the faults still pending for `operationId` (or for every operation). */
  clearFaults(operationId?: string): void {
    if (operationId === undefined) this.#faults.clear();
    else this.#faults.delete(operationId);
  }

  /** The fault for this call of `operationId`, if any (consumes one use). */
  takeFault(operationId: string): MockFault | undefined {
    const list = this.#faults.get(operationId);
    const fault = list?.[0];
    if (!list || !fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) list.shift();
    return fault;
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  #nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  createBatch(init: {
    projectId: string;
    userId: string;
    deviceType: string;
    sequenceBuilder: string | null;
    open: boolean;
    webhook: string | null;
    tags: string[];
    configuration: EmulatorConfiguration | null;
    backendConfiguration: string | null;
    parentId?: string | null;
  }): StoredBatch {
    const now = this.now();
    const batch: StoredBatch = {
      id: crypto.randomUUID(),
      ...init,
      parentId: init.parentId ?? null,
      canceled: false,
      timedOut: false,
      paused: false,
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
      startAt: null,
      endAt: null,
      jobIds: [],
      queuePriority: 'MEDIUM',
      lastActivityAt: now,
      polls: 0,
      seq: this.#nextSeq(),
    };
    this.batches.set(batch.id, batch);
    return batch;
  }

  addJobs(batch: StoredBatch, jobs: readonly (CreateJob & { parentId?: string | null })[]): StoredJob[] {
    const now = this.now();
    const added = jobs.map((input) => {
      const job: StoredJob = {
        id: crypto.randomUUID(),
        batchId: batch.id,
        projectId: batch.projectId,
        status: 'PENDING',
        runs: input.runs ?? 0,
        variables: input.variables ?? null,
        sequence: input.sequence ?? null,
        createdAt: now,
        updatedAt: now,
        startAt: null,
        endAt: null,
        errors: null,
        parentId: input.parentId ?? null,
        creationOrder: batch.jobIds.length,
        seq: this.#nextSeq(),
        polls: 0,
        nextStepAt: now + this.#transitionMs,
      };
      batch.jobIds.push(job.id);
      this.jobs.set(job.id, job);
      return job;
    });
    batch.lastActivityAt = now;
    batch.updatedAt = now;
    this.recompute(batch);
    return added;
  }

  jobsOf(batch: StoredBatch): StoredJob[] {
    return batch.jobIds.map((id) => this.jobs.get(id)).filter((job): job is StoredJob => job !== undefined);
  }

  /** `getBatch` read the batch: in `poll` mode its jobs move one step every `pollsPerTransition` reads. */
  observeBatch(batch: StoredBatch): void {
    if (this.#advance !== 'poll') return;
    batch.polls += 1;
    if (batch.polls % this.#perTransition !== 0) return;
    for (const job of this.jobsOf(batch)) this.#step(job, batch);
    this.recompute(batch);
  }

  /** `getJob` read the job: in `poll` mode it moves one step every `pollsPerTransition` reads. */
  observeJob(job: StoredJob): void {
    if (this.#advance !== 'poll') return;
    job.polls += 1;
    if (job.polls % this.#perTransition !== 0) return;
    const batch = this.batches.get(job.batchId);
    if (!batch) return;
    this.#step(job, batch);
    this.recompute(batch);
  }

  /** Called before every request: `clock` lifecycles and open-batch timeouts catch up with `now()`. */
  tick(): void {
    const now = this.now();
    if (this.#advance === 'clock') {
      for (const batch of this.batches.values()) {
        for (const job of this.jobsOf(batch)) {
          while (!FINAL.has(job.status) && job.nextStepAt <= now && !batch.paused) {
            const at = job.nextStepAt;
            this.#step(job, batch, at);
            job.nextStepAt = at + this.#transitionMs;
          }
        }
        this.recompute(batch);
      }
      for (const workload of this.workloads.values()) {
        while (!FINAL.has(workload.status) && workload.nextStepAt <= now) {
          const at = workload.nextStepAt;
          this.#stepWorkload(workload, at);
          workload.nextStepAt = at + this.#transitionMs;
        }
      }
    }
    for (const batch of this.batches.values()) {
      if (!batch.open || batch.canceled || batch.paused) continue;
      const idle = this.jobsOf(batch).every((job) => FINAL.has(job.status));
      if (idle && now - batch.lastActivityAt >= this.#openTimeoutMs) {
        batch.timedOut = true;
        batch.open = false;
        this.recompute(batch);
      }
    }
  }

  #step(job: StoredJob, batch: StoredBatch, at = this.now()): void {
    if (batch.paused || FINAL.has(job.status)) return;
    if (job.status === 'PENDING') {
      job.status = 'RUNNING';
      job.startAt = at;
    } else if (job.status === 'CANCELING') {
      job.status = 'CANCELED';
      job.endAt = at;
    } else if (job.status === 'RUNNING') {
      const outcome = this.#outcome({
        id: job.id,
        batchId: job.batchId,
        runs: job.runs,
        variables: job.variables,
        sequence: job.sequence,
      });
      if (outcome === 'DONE') {
        job.status = 'DONE';
      } else {
        job.status = 'ERROR';
        job.errors = [outcome.error];
      }
      job.endAt = at;
    }
    job.updatedAt = at;
  }

  /** Cancels a job: PENDING at once, RUNNING through CANCELING. False when it already finished. */
  cancelJob(job: StoredJob): boolean {
    if (FINAL.has(job.status) || job.status === 'CANCELING') return !FINAL.has(job.status);
    const now = this.now();
    if (job.status === 'RUNNING') job.status = 'CANCELING';
    else {
      job.status = 'CANCELED';
      job.endAt = now;
    }
    job.updatedAt = now;
    const batch = this.batches.get(job.batchId);
    if (batch) this.recompute(batch);
    return true;
  }

  /** Cancels a batch and its unfinished jobs. False when the batch already finished. */
  cancelBatch(batch: StoredBatch): boolean {
    if (FINAL.has(batch.status)) return false;
    batch.canceled = true;
    batch.open = false;
    batch.paused = false;
    for (const job of this.jobsOf(batch)) this.cancelJob(job);
    this.recompute(batch);
    return true;
  }

  close(batch: StoredBatch): void {
    if (!batch.open) return;
    batch.open = false;
    batch.updatedAt = this.now();
    this.recompute(batch);
  }

  /** Holds a batch (PAUSED): its jobs stop moving until {@link resume}. */
  pause(batchId: string): void {
    const batch = this.batches.get(batchId);
    if (!batch || FINAL.has(batch.status)) return;
    batch.paused = true;
    this.recompute(batch);
  }

  resume(batchId: string): void {
    const batch = this.batches.get(batchId);
    if (!batch) return;
    batch.paused = false;
    batch.lastActivityAt = this.now();
    this.recompute(batch);
  }

  /** Derives the batch's status from its jobs. */
  recompute(batch: StoredBatch): void {
    const jobs = this.jobsOf(batch);
    const before = batch.status;
    let status: string;
    if (batch.canceled) status = jobs.some((j) => j.status === 'CANCELING') ? 'CANCELING' : 'CANCELED';
    else if (batch.timedOut) status = 'TIMED_OUT';
    else if (batch.paused) status = 'PAUSED';
    else if (jobs.length === 0) status = batch.open ? 'PENDING' : 'DONE';
    else if (jobs.some((j) => !FINAL.has(j.status))) {
      status = jobs.every((j) => j.status === 'PENDING') ? 'PENDING' : 'RUNNING';
    } else if (batch.open) status = 'RUNNING';
    else if (jobs.every((j) => j.status === 'CANCELED')) status = 'CANCELED';
    else if (jobs.every((j) => j.status !== 'DONE')) status = 'ERROR';
    else status = 'DONE';
    if (status === before) return;
    const now = this.now();
    batch.status = status;
    batch.updatedAt = now;
    if (status !== 'PENDING' && batch.startAt === null) batch.startAt = now;
    if (FINAL.has(status)) batch.endAt = now;
  }

  // --- workloads ---------------------------------------------------------------------------------

  createWorkload(init: {
    projectId: string;
    userId: string;
    backend: string;
    workloadType: string;
    config: Record<string, unknown>;
  }): StoredWorkload {
    const now = this.now();
    const workload: StoredWorkload = {
      id: crypto.randomUUID(),
      ...init,
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
      startAt: null,
      endAt: null,
      polls: 0,
      nextStepAt: now + this.#transitionMs,
    };
    this.workloads.set(workload.id, workload);
    return workload;
  }

  observeWorkload(workload: StoredWorkload): void {
    if (this.#advance !== 'poll') return;
    workload.polls += 1;
    if (workload.polls % this.#perTransition === 0) this.#stepWorkload(workload, this.now());
  }

  #stepWorkload(workload: StoredWorkload, at: number): void {
    if (workload.status === 'PENDING') {
      workload.status = 'RUNNING';
      workload.startAt = at;
    } else if (workload.status === 'RUNNING') {
      workload.status = 'DONE';
      workload.endAt = at;
    } else return;
    workload.updatedAt = at;
  }

  cancelWorkload(workload: StoredWorkload): boolean {
    if (FINAL.has(workload.status)) return false;
    workload.status = 'CANCELED';
    workload.endAt = this.now();
    workload.updatedAt = workload.endAt;
    return true;
  }

  // --- results -----------------------------------------------------------------------------------

  /** A fresh presigned link to a DONE job's results, or null. */
  resultsLink(job: StoredJob): string | null {
    if (job.status !== 'DONE') return null;
    const signature = [...crypto.getRandomValues(new Uint8Array(32))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    const now = this.now();
    this.#links.set(signature, { jobId: job.id, expiresAt: now + this.#linkLifetimeMs });
    const date = new Date(now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `AKIAQCMOCK/${date.slice(0, 8)}/eu-west-3/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': String(Math.round(this.#linkLifetimeMs / 1000)),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': signature,
    });
    return `${this.resultsBaseUrl}/${job.projectId}/${job.id}/results.json?${query}`;
  }

  /** Serves a presigned results URL as the storage service would (S3's error shapes). */
  serveResults(request: Request): Response {
    const url = new URL(request.url);
    const s3Error = (status: number, code: string, message: string) =>
      new Response(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>QCMOCK0000000001</RequestId></Error>`,
        { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'QCMOCK0000000001' } },
      );
    if (request.method !== 'GET')
      return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed');
    if (request.headers.has('authorization')) {
      this.counters.resultsRefused += 1;
      return s3Error(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    }
    const link = this.#links.get(url.searchParams.get('X-Amz-Signature') ?? '');
    const job = link ? this.jobs.get(link.jobId) : undefined;
    if (!link || !job || !url.pathname.endsWith(`/${job.id}/results.json`)) {
      this.counters.resultsRefused += 1;
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (link.expiresAt <= this.now()) {
      this.counters.resultsRefused += 1;
      return s3Error(403, 'AccessDenied', 'Request has expired');
    }
    this.counters.resultsDownloads += 1;
    return Response.json(resultOf(job));
  }

  // --- JSON views ----------------------------------------------------------------------------------

  batchJson(batch: StoredBatch, jobs: 'embed' | 'ids'): Batch {
    const list = this.jobsOf(batch);
    const perStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0]));
    for (const job of list) perStatus[job.status] = (perStatus[job.status] ?? 0) + 1;
    return {
      id: batch.id,
      status: batch.status,
      open: batch.open,
      complete: !batch.open,
      device_type: batch.deviceType,
      project_id: batch.projectId,
      user_id: batch.userId,
      created_at: iso(batch.createdAt),
      updated_at: iso(batch.updatedAt),
      start_datetime: isoOrNull(batch.startAt),
      end_datetime: isoOrNull(batch.endAt),
      webhook: batch.webhook,
      sequence_builder: batch.sequenceBuilder,
      jobs_count: list.length,
      jobs_count_per_status: perStatus,
      ...(jobs === 'embed' ? { jobs: list.map((job) => this.jobJson(job)) } : { job_ids: [...batch.jobIds] }),
      parent_id: batch.parentId,
      configuration: batch.configuration,
      backend_configuration: batch.backendConfiguration,
      tags: [...batch.tags],
      device_status: null,
      queue_priority: batch.queuePriority,
    };
  }

  jobJson(job: StoredJob, withSequence = false): Job {
    const batch = this.batches.get(job.batchId);
    return {
      id: job.id,
      batch_id: job.batchId,
      project_id: job.projectId,
      status: job.status,
      runs: job.runs,
      created_at: iso(job.createdAt),
      updated_at: iso(job.updatedAt),
      start_timestamp: isoOrNull(job.startAt),
      end_timestamp: isoOrNull(job.endAt),
      errors: job.errors,
      variables: job.variables,
      parent_id: job.parentId,
      creation_order: job.creationOrder,
      ...(withSequence ? { sequence: job.sequence ?? batch?.sequenceBuilder ?? null } : {}),
    };
  }

  workloadJson(workload: StoredWorkload): Workload {
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

  projectJson(project: Required<PasqalMockProject>): Project {
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
}

export function isFinal(status: string): boolean {
  return FINAL.has(status);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** Deterministic results: `runs` shots over 3 qubits, seeded by the job id. */
function resultOf(job: StoredJob): JobResult {
  let seed = [...job.id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 2166136261);
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const weights = Array.from({ length: 8 }, () => random() ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw: string[] = [];
  for (let shot = 0; shot < job.runs; shot++) {
    let pick = random() * sum;
    let index = 0;
    while (index < 7 && pick >= (weights[index] as number)) {
      pick -= weights[index] as number;
      index += 1;
    }
    raw.push(index.toString(2).padStart(3, '0'));
  }
  const counter: Record<string, number> = {};
  for (const bits of raw) counter[bits] = (counter[bits] ?? 0) + 1;
  return job.runs <= 10_000 ? { counter, raw } : { counter };
}
