// The mock's data and the rules that move it: batches and their jobs, workloads, results, faults.
import type { PasqalEnvironment } from '../environments.js';
import type { Batch, CreateJob, Job, Project, Workload } from '../generated/types.gen.js';
import { isTerminalStatus } from '../waiting.js';
import { PASQAL_DEMO_PROJECT_ID, type PasqalMockProject, renderProject } from './account.js';
import { batchStatus, type NewMockBatch, renderBatch, type StoredBatch } from './batches.js';
import { type MockFault, MockFaults } from './faults.js';
import { type MockJobInput, type MockJobOutcome, renderJob, type StoredJob, stepJob } from './jobs.js';
import { MockResultsHost } from './results.js';
import { type NewMockWorkload, renderWorkload, type StoredWorkload, stepWorkload } from './workloads.js';

/** How the mock's batches, jobs and workloads move, and what it knows from the start. */
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

/** The mock's data and lifecycle: batches, jobs, workloads, results links, faults. Inspectable by tests. */
export class PasqalMockState {
  /** Every batch, by id. */
  readonly batches = new Map<string, StoredBatch>();
  /** Every job of every batch, by id. */
  readonly jobs = new Map<string, StoredJob>();
  /** Every workload, by id. */
  readonly workloads = new Map<string, StoredWorkload>();
  /** The projects batches and workloads may be created in, by id. */
  readonly projects: Map<string, Required<PasqalMockProject>>;
  /** Calls per operationId, and other counters tests assert on. */
  readonly calls: Record<string, number> = {};
  /** Counters tests assert on. */
  readonly counters = {
    /** Requests refused with 401 (no, expired, unknown or foreign token). */
    unauthorized: 0,
    /** Request bodies that arrived gzip-compressed. */
    gzipBodies: 0,
    /** Results served from a presigned link. */
    resultsDownloads: 0,
    /** Results requests the storage host refused (expired or forged link, an Authorization header). */
    resultsRefused: 0,
  };
  /** The mock's clock, in epoch ms ({@link PasqalMockStateOptions.now}). */
  readonly now: () => number;
  /** Origin and path prefix of the presigned results links. */
  readonly resultsBaseUrl: string;
  readonly #results: MockResultsHost;
  readonly #faults = new MockFaults();
  readonly #advance: 'poll' | 'clock';
  readonly #perTransition: number;
  readonly #transitionMs: number;
  readonly #openTimeoutMs: number;
  readonly #outcome: (job: MockJobInput) => MockJobOutcome;
  #seq = 0;

  constructor(
    /** The environment mocked. */
    readonly environment: PasqalEnvironment,
    options: PasqalMockStateOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.#advance = options.advance ?? 'poll';
    this.#perTransition = Math.max(1, options.pollsPerTransition ?? 1);
    this.#transitionMs = Math.max(1, options.transitionMs ?? 1000);
    this.#openTimeoutMs = options.openBatchTimeoutMs ?? 10 * 60_000;
    this.#outcome = options.jobOutcome ?? (() => 'DONE');
    // One storage host per environment, so mocks of several environments can run side by side.
    const bucket = `qc-mock-pasqal-results-${environment.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
    this.resultsBaseUrl = (options.resultsBaseUrl ?? `https://${bucket}.s3.eu-west-3.amazonaws.com`).replace(
      /\/+$/,
      '',
    );
    this.#results = new MockResultsHost(this.resultsBaseUrl, {
      lifetimeMs: options.resultsLinkLifetimeMs ?? 15 * 60_000,
      now: () => this.now(),
      jobs: this.jobs,
      counters: this.counters,
    });
    const projects = options.projects ?? [{ id: PASQAL_DEMO_PROJECT_ID, name: 'Demo project' }];
    this.projects = new Map(projects.map((p) => [p.id, { status: 'ACTIVE', ...p }]));
  }

  // --- faults ------------------------------------------------------------------------------------

  /** Makes the next call(s) of `operationId` fail, or be slow (see {@link MockFault}). */
  inject(operationId: string, fault: MockFault): void {
    this.#faults.inject(operationId, fault);
  }

  /** Removes the faults still pending for `operationId` (or for every operation). */
  clearFaults(operationId?: string): void {
    this.#faults.clear(operationId);
  }

  /** The fault for this call of `operationId`, if any (consumes one use). */
  takeFault(operationId: string): MockFault | undefined {
    return this.#faults.take(operationId);
  }

  // --- lifecycle ---------------------------------------------------------------------------------

  #nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** Stores a new PENDING batch without jobs (createBatch, rebatch). */
  createBatch(init: NewMockBatch): StoredBatch {
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

  /** Stores new PENDING jobs at the end of `batch` and returns them. */
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

  /** The batch's jobs, in submission order. */
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
          while (!isTerminalStatus(job.status) && job.nextStepAt <= now && !batch.paused) {
            const at = job.nextStepAt;
            this.#step(job, batch, at);
            job.nextStepAt = at + this.#transitionMs;
          }
        }
        this.recompute(batch);
      }
      for (const workload of this.workloads.values()) {
        while (!isTerminalStatus(workload.status) && workload.nextStepAt <= now) {
          const at = workload.nextStepAt;
          stepWorkload(workload, at);
          workload.nextStepAt = at + this.#transitionMs;
        }
      }
    }
    for (const batch of this.batches.values()) {
      if (!batch.open || batch.canceled || batch.paused) continue;
      const idle = this.jobsOf(batch).every((job) => isTerminalStatus(job.status));
      if (idle && now - batch.lastActivityAt >= this.#openTimeoutMs) {
        batch.timedOut = true;
        batch.open = false;
        this.recompute(batch);
      }
    }
  }

  #step(job: StoredJob, batch: StoredBatch, at = this.now()): void {
    if (batch.paused || isTerminalStatus(job.status)) return;
    stepJob(job, at, this.#outcome);
  }

  /** Cancels a job: PENDING at once, RUNNING through CANCELING. False when it already finished. */
  cancelJob(job: StoredJob): boolean {
    if (isTerminalStatus(job.status) || job.status === 'CANCELING') return !isTerminalStatus(job.status);
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
    if (isTerminalStatus(batch.status)) return false;
    batch.canceled = true;
    batch.open = false;
    batch.paused = false;
    for (const job of this.jobsOf(batch)) this.cancelJob(job);
    this.recompute(batch);
    return true;
  }

  /** Closes an open batch: no more jobs, and it finishes once its jobs have. */
  close(batch: StoredBatch): void {
    if (!batch.open) return;
    batch.open = false;
    batch.updatedAt = this.now();
    this.recompute(batch);
  }

  /** Holds a batch (PAUSED): its jobs stop moving until {@link resume}. */
  pause(batchId: string): void {
    const batch = this.batches.get(batchId);
    if (!batch || isTerminalStatus(batch.status)) return;
    batch.paused = true;
    this.recompute(batch);
  }

  /** Releases a batch held by {@link pause}: its jobs move again. */
  resume(batchId: string): void {
    const batch = this.batches.get(batchId);
    if (!batch) return;
    batch.paused = false;
    batch.lastActivityAt = this.now();
    this.recompute(batch);
  }

  /** Derives the batch's status from its jobs; the times of its start and end follow. */
  recompute(batch: StoredBatch): void {
    const status = batchStatus(batch, this.jobsOf(batch));
    if (status === batch.status) return;
    const now = this.now();
    batch.status = status;
    batch.updatedAt = now;
    if (status !== 'PENDING' && batch.startAt === null) batch.startAt = now;
    if (isTerminalStatus(status)) batch.endAt = now;
  }

  // --- workloads ---------------------------------------------------------------------------------

  /** Stores a new PENDING workload. */
  createWorkload(init: NewMockWorkload): StoredWorkload {
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

  /** `getWorkload` read the workload: in `poll` mode it moves one step every `pollsPerTransition` reads. */
  observeWorkload(workload: StoredWorkload): void {
    if (this.#advance !== 'poll') return;
    workload.polls += 1;
    if (workload.polls % this.#perTransition === 0) stepWorkload(workload, this.now());
  }

  /** Cancels a workload. False when it already finished. */
  cancelWorkload(workload: StoredWorkload): boolean {
    if (isTerminalStatus(workload.status)) return false;
    workload.status = 'CANCELED';
    workload.endAt = this.now();
    workload.updatedAt = workload.endAt;
    return true;
  }

  // --- results -----------------------------------------------------------------------------------

  /** A fresh presigned link to a DONE job's results, or null. */
  resultsLink(job: StoredJob): string | null {
    return this.#results.link(job);
  }

  /** Serves a presigned results URL as the storage service would (S3's error shapes). */
  serveResults(request: Request): Response {
    return this.#results.serve(request);
  }

  // --- JSON views ----------------------------------------------------------------------------------

  /** The batch as the API returns it, with its jobs embedded or as `job_ids`. */
  batchJson(batch: StoredBatch, jobs: 'embed' | 'ids'): Batch {
    return renderBatch(batch, this.jobsOf(batch), jobs);
  }

  /** The job as the API returns it; `sequence` only when asked (getJob has it, lists do not). */
  jobJson(job: StoredJob, withSequence = false): Job {
    return renderJob(job, this.batches.get(job.batchId), withSequence);
  }

  /** The workload as the API returns it. */
  workloadJson(workload: StoredWorkload): Workload {
    return renderWorkload(workload);
  }

  /** The project as the account API returns it. */
  projectJson(project: Required<PasqalMockProject>): Project {
    return renderProject(project);
  }
}
