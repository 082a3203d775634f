import type { JobDetails, ProviderStatus, Quota, SessionDetails } from '../generated/types.gen.js';
import type { BlobStoreMock } from './blob-store.js';
import { runProvider } from './outputs.js';
import { defaultProviders, defaultQuotas } from './providers.js';
import { InputError } from './simulator.js';

/** How the mock workspace's jobs and sessions move, and what it offers. */
export interface WorkspaceStateOptions {
  /** How many `getJob` polls move a job one state forward (default 1). */
  pollsPerTransition?: number;
  /** Lifetime of the SAS URLs the mock hands out (storage/sasUri and getJob), default 1 hour. */
  sasLifetimeMs?: number;
  /** An open session without running jobs times out after this long without activity (default 10 min). */
  sessionIdleTimeoutMs?: number;
  /** The providers and targets the workspace has (default: those of the recorded `providerStatus`, trimmed to what the mock can run). */
  providers?: ProviderStatus[];
  /** The workspace's quotas (default: two Microsoft quotas). */
  quotas?: Quota[];
  /** Clock (epoch ms); default Date.now, so fake timers move SAS expiry and session timeouts. */
  now?: () => number;
}

/** Who made a request, for `createdBy`/`createdByType`. */
export interface Caller {
  /** The token's client id, or `workspace key`. */
  id: string;
  /** An Entra application (bearer token) or a workspace key. */
  type: 'Application' | 'Key';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A job as the mock keeps it. */
export interface MockJob {
  /** The job as the API returns it (without SAS), updated in place. */
  record: Mutable<JobDetails> & {
    /** The job's status; always set. */
    status: string;
  };
  /** `getJob` polls so far. */
  polls: number;
  /** The creation request's defining fields: a repeated PUT with the same ones is the same job. */
  definition: string;
}

/** A session as the mock keeps it. */
export interface MockSession {
  /** The session as the API returns it, updated in place. */
  record: Mutable<SessionDetails> & {
    /** The session's status; always set. */
    status: string;
    /** `Abort` or `Continue`; always set (`Abort` when the request named none). */
    jobFailurePolicy: string;
  };
  /** Its jobs' ids (lower case), in submission order. */
  jobIds: string[];
  /** Whether it was closed. */
  closed: boolean;
  /** How many of its jobs failed. */
  failures: number;
  /** When a job was last added or finished, in epoch ms (for the idle timeout). */
  lastActivity: number;
}

export type Refusal = { status: number; code: string; message: string };

const FINAL_JOB = new Set(['Completed', 'Succeeded', 'Failed', 'Cancelled']);
const FINAL_SESSION = new Set(['Succeeded', 'Failed', 'TimedOut', 'Failure(s)']);

/** Jobs and sessions of one workspace, and the rules that move them. Inspectable by tests. */
export class WorkspaceState {
  /** Jobs by id (lower case). */
  readonly jobs = new Map<string, MockJob>();
  /** Sessions by id (lower case). */
  readonly sessions = new Map<string, MockSession>();
  /** The providers and targets the workspace has. */
  readonly providers: ProviderStatus[];
  /** The workspace's quotas. */
  readonly quotas: Quota[];
  /** Counters tests assert on. */
  readonly counters = {
    /** Jobs created (a repeated PUT of the same job is not counted). */
    jobPuts: 0,
    /** `getJob` polls. */
    jobPolls: 0,
    /** SAS URLs handed out by `storage/sasUri`. */
    sasUris: 0,
    /** Cancellations accepted. */
    cancels: 0,
    /** Requests refused with 401. */
    unauthorized: 0,
    /** Requests authenticated with a bearer token. */
    bearerRequests: 0,
    /** Requests authenticated with a workspace key. */
    apiKeyRequests: 0,
  };
  /** The mock's clock, in epoch ms. */
  readonly now: () => number;
  /** Lifetime of the SAS URLs the mock hands out. */
  readonly sasLifetimeMs: number;
  readonly #perTransition: number;
  readonly #idleTimeoutMs: number;

  constructor(
    /** The workspace's storage account. */
    readonly blobs: BlobStoreMock,
    options: WorkspaceStateOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.#perTransition = Math.max(1, options.pollsPerTransition ?? 1);
    this.sasLifetimeMs = options.sasLifetimeMs ?? 60 * 60_000;
    this.#idleTimeoutMs = options.sessionIdleTimeoutMs ?? 10 * 60_000;
    this.providers = options.providers ?? defaultProviders();
    this.quotas = options.quotas ?? defaultQuotas();
  }

  /** Times as the service writes them: seven fractional digits and `Z`. */
  stamp(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
  }

  /**
   * Creates a job from its PUT, or finds the same job again (a retried PUT); refuses a different job
   * under the same id, a container that does not exist, an unknown target and a closed session.
   */
  createJob(
    id: string,
    body: JobDetails,
    caller: Caller,
  ):
    | {
        /** The job. */
        job: MockJob;
        /** False when the PUT repeated an existing job's. */
        created: boolean;
      }
    | Refusal {
    const providerId = body.providerId.toLowerCase();
    const container = this.blobs.locate(body.containerUri);
    const definition = JSON.stringify([
      providerId,
      body.target,
      body.inputDataFormat,
      container?.container,
      body.sessionId ?? null,
    ]);
    const existing = this.jobs.get(id.toLowerCase());
    if (existing) {
      if (existing.definition === definition) return { job: existing, created: false };
      return { status: 409, code: 'Conflict', message: `A different job with id '${id}' already exists.` };
    }
    if (!container || container.blob !== undefined || !this.blobs.state.containers.has(container.container)) {
      return invalid(
        `The container URI does not name an existing container of the workspace's storage account.`,
      );
    }
    const provider = this.providers.find((p) => p.id.toLowerCase() === providerId);
    if (!provider?.targets.some((t) => t.id === body.target)) {
      return invalid(
        `The target '${body.target}' of provider '${body.providerId}' is not available in this workspace.`,
      );
    }
    let session: MockSession | undefined;
    if (body.sessionId) {
      session = this.sessions.get(body.sessionId.toLowerCase());
      if (!session) return invalid(`Session '${body.sessionId}' does not exist.`);
      this.refreshSession(session);
      if (session.closed || FINAL_SESSION.has(session.record.status)) {
        return invalid(
          'Session is already in a terminal state. This may have been due to failures in prior jobs in the session.',
        );
      }
      if (session.record.target !== body.target || session.record.providerId !== providerId) {
        return invalid(
          `Session '${body.sessionId}' runs on target '${session.record.target}', not '${body.target}'.`,
        );
      }
    }
    const containerUrl = this.blobs.urlOf(container.container);
    const at = this.stamp();
    const record: MockJob['record'] = {
      containerUri: containerUrl,
      inputDataUri: body.inputDataUri ? withoutQuery(body.inputDataUri) : `${containerUrl}/inputData`,
      inputDataFormat: body.inputDataFormat ?? null,
      inputParams: body.inputParams ?? {},
      metadata: body.metadata ?? null,
      sessionId: body.sessionId ?? null,
      jobPriority: 'Basic',
      status: 'Waiting',
      jobType: body.jobType ?? 'QuantumComputing',
      outputDataFormat: body.outputDataFormat ?? null,
      outputDataUri: body.outputDataUri ? withoutQuery(body.outputDataUri) : `${containerUrl}/outputData`,
      beginExecutionTime: null,
      cancellationTime: null,
      lastModifiedTime: at,
      quantumComputingData: null,
      errorData: null,
      isCancelling: false,
      tags: body.tags ?? [],
      ...(body.priority ? { priority: body.priority } : {}),
      name: body.name,
      id,
      providerId,
      target: body.target,
      creationTime: at,
      endExecutionTime: null,
      costEstimate: null,
      createdBy: caller.id,
      createdByType: caller.type,
      itemType: 'Job',
    };
    const job: MockJob = { record, polls: 0, definition };
    this.jobs.set(id.toLowerCase(), job);
    this.counters.jobPuts += 1;
    if (session) {
      session.jobIds.push(id.toLowerCase());
      session.lastActivity = this.now();
      this.refreshSession(session);
    }
    return { job, created: true };
  }

  /** A poll of the job: it moves one state forward every `pollsPerTransition` polls. */
  observe(job: MockJob): void {
    this.counters.jobPolls += 1;
    const { record } = job;
    if (FINAL_JOB.has(record.status)) return;
    job.polls += 1;
    if (job.polls % this.#perTransition !== 0) return;
    const at = this.stamp();
    record.lastModifiedTime = at;
    if (record.status === 'CancellationRequested') {
      record.status = 'Cancelled';
      record.cancellationTime = at;
      record.endExecutionTime = at;
      record.isCancelling = false;
      this.#afterFinal(job);
    } else if (record.status === 'Waiting') {
      record.status = 'Executing';
      record.beginExecutionTime = at;
    } else {
      this.#execute(job);
    }
  }

  /** Requests cancellation: the next poll finds the job Cancelled. False when it already finished. */
  cancel(job: MockJob): boolean {
    if (FINAL_JOB.has(job.record.status)) return false;
    this.counters.cancels += 1;
    job.record.status = 'CancellationRequested';
    job.record.isCancelling = true;
    job.record.lastModifiedTime = this.stamp();
    return true;
  }

  /** Opens a session, or finds the one opened under `id` before; refuses an unknown target. */
  openSession(
    id: string,
    body: SessionDetails,
    caller: Caller,
  ):
    | {
        /** The session. */
        session: MockSession;
        /** False when it existed already. */
        created: boolean;
      }
    | Refusal {
    const existing = this.sessions.get(id.toLowerCase());
    if (existing) return { session: existing, created: false };
    const providerId = body.providerId.toLowerCase();
    const provider = this.providers.find((p) => p.id.toLowerCase() === providerId);
    if (!provider?.targets.some((t) => t.id === body.target)) {
      return invalid(
        `The target '${body.target}' of provider '${body.providerId}' is not available in this workspace.`,
      );
    }
    const at = this.stamp();
    const session: MockSession = {
      record: {
        status: 'Waiting',
        jobFailurePolicy: body.jobFailurePolicy ?? 'Abort',
        jobPriority: 'Basic',
        name: body.name,
        id,
        providerId,
        target: body.target,
        creationTime: at,
        endExecutionTime: null,
        costEstimate: null,
        createdBy: caller.id,
        createdByType: caller.type,
        itemType: 'Session',
      },
      jobIds: [],
      closed: false,
      failures: 0,
      lastActivity: this.now(),
    };
    this.sessions.set(id.toLowerCase(), session);
    return { session, created: true };
  }

  /** Closes a session: no job can be added, and it ends once none of its jobs is running. */
  closeSession(session: MockSession): void {
    session.closed = true;
    this.refreshSession(session);
  }

  /** Brings a session's status up to date with its jobs, its closing and the idle timeout. */
  refreshSession(session: MockSession): void {
    const { record } = session;
    if (FINAL_SESSION.has(record.status)) return;
    const running = session.jobIds.filter((id) => {
      const job = this.jobs.get(id);
      return job !== undefined && !FINAL_JOB.has(job.record.status);
    }).length;
    const end = (status: string) => {
      record.status = status;
      record.endExecutionTime = this.stamp();
    };
    if (session.closed && running === 0) end(session.failures > 0 ? 'Failure(s)' : 'Succeeded');
    else if (!session.closed && running === 0 && this.now() - session.lastActivity > this.#idleTimeoutMs)
      end('TimedOut');
    else if (session.jobIds.length > 0) record.status = 'Executing';
  }

  /** The provider runs the job on its uploaded input and writes the output blob. */
  #execute(job: MockJob): void {
    const { record } = job;
    const at = this.stamp();
    const container = this.blobs.locate(record.containerUri)?.container ?? '';
    const inputAt = this.blobs.locate(record.inputDataUri ?? '');
    const input =
      inputAt?.blob === undefined ? undefined : this.blobs.getBlob(inputAt.container, inputAt.blob);
    try {
      if (!input) throw new InputError('InvalidInputData', 'The input data blob was not found.');
      const output = runProvider({
        id: record.id,
        providerId: record.providerId,
        target: record.target,
        inputDataFormat: record.inputDataFormat ?? '',
        inputParams: (record.inputParams ?? {}) as Record<string, unknown>,
        input: input.bytes,
      });
      this.blobs.putBlob(
        container,
        output.blobName,
        new TextEncoder().encode(output.body),
        output.contentType,
      );
      record.outputDataUri = this.blobs.urlOf(container, output.blobName);
      record.status = 'Succeeded';
      record.quantumComputingData = { count: 1 };
      record.costEstimate = { currencyCode: 'USD', events: [], estimatedTotal: 0 };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      record.status = 'Failed';
      record.errorData = { code: error.code, message: error.message };
    }
    record.endExecutionTime = at;
    this.#afterFinal(job);
  }

  #afterFinal(job: MockJob): void {
    const session = job.record.sessionId ? this.sessions.get(job.record.sessionId.toLowerCase()) : undefined;
    if (!session) return;
    session.lastActivity = this.now();
    if (job.record.status === 'Failed') {
      session.failures += 1;
      if (session.record.jobFailurePolicy === 'Abort' && !FINAL_SESSION.has(session.record.status)) {
        session.record.status = 'Failed';
        session.record.endExecutionTime = this.stamp();
      }
    }
    this.refreshSession(session);
  }
}

function invalid(message: string): Refusal {
  return { status: 400, code: 'InvalidJobDefinition', message };
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  return parsed.href;
}
