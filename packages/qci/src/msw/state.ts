import type {
  FileMetadata,
  FileMetadataConfig,
  FilePart,
  FilePartConfig,
  JobStatus,
  JobStatusTimestamps,
  JobSubmission,
} from '../generated/types.gen.js';
import { solve } from './solver.js';

/** How the QCi mock starts: its credentials, allocations and job pace. */
export interface QciMockOptions {
  /** Refresh tokens the mock accepts (default: {@link QCI_DEMO_REFRESH_TOKEN}). */
  refreshTokens?: string[];
  /** Lifetime of issued access tokens (default 1 hour). */
  accessTokenLifetimeMs?: number;
  /** Device seconds the account starts with (default 600). */
  allocationSeconds?: number;
  /** How many status polls (`GET …/status`) a job takes to move one state forward (default 1). */
  observationsPerTransition?: number;
  /** Clock; defaults to Date.now, so fake timers move token expiry. */
  now?: () => number;
}

/** A refresh token the mock (and the mock cloud) accepts out of the box. Not a real credential. */
export const QCI_DEMO_REFRESH_TOKEN = '0c1d2e3f405162738495a6b7c8d9e0f1';

interface StoredFile {
  id: string;
  name?: string;
  /** The single file_config entry of the metadata POST: [type, meta]. */
  type: string;
  meta: Record<string, unknown>;
  parts: Map<number, Record<string, unknown>>;
  uploadedAt: number;
}

interface StoredJob {
  id: string;
  submission: JobSubmission;
  status: JobStatus;
  timestamps: JobStatusTimestamps;
  observations: number;
  resultFileId?: string;
  deviceUsageSeconds?: number;
  error?: string;
}

const LIFECYCLE: JobStatus[] = ['SUBMITTED', 'QUEUED', 'RUNNING', 'COMPLETED'];
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'ERRORED', 'CANCELLED']);

const SWEEP_FLOOR = 1024;

/** The mock's whole state: tokens, files and their parts, jobs, allocations. Inspectable by tests. */
export class QciMockState {
  /** Refresh tokens the token endpoint accepts. */
  readonly refreshTokens: Set<string>;
  /** Access tokens issued, with their expiry in epoch ms. */
  readonly accessTokens = new Map<string, number>();
  /** Uploaded and result files, by id. */
  readonly files = new Map<string, StoredFile>();
  /** Submitted jobs, by id. */
  readonly jobs = new Map<string, StoredJob>();
  /** Device seconds left; a completed job uses some, a job that needs more than is left ends ERRORED. */
  allocationSeconds: number;
  /** Counters tests assert on. */
  readonly counters = {
    /** Refresh tokens exchanged for access tokens. */
    tokenExchanges: 0,
    /** Requests refused with 401. */
    unauthorized: 0,
    /** File parts uploaded. */
    partUploads: 0,
  };
  readonly #lifetime: number;
  readonly #perTransition: number;
  /** The mock's clock, in epoch ms. */
  readonly now: () => number;
  #sequence = 0;
  /** accessTokens' size that triggers the next sweep of expired tokens. */
  #sweepAt = SWEEP_FLOOR;

  constructor(options: QciMockOptions = {}) {
    this.refreshTokens = new Set(options.refreshTokens ?? [QCI_DEMO_REFRESH_TOKEN]);
    this.#lifetime = options.accessTokenLifetimeMs ?? 60 * 60 * 1000;
    this.allocationSeconds = options.allocationSeconds ?? 600;
    this.#perTransition = Math.max(1, options.observationsPerTransition ?? 1);
    this.now = options.now ?? (() => Date.now());
  }

  /** A fresh 24-hex-character id, like QCi's MongoDB ObjectIds. */
  newId(): string {
    this.#sequence += 1;
    const seconds = Math.floor(this.now() / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8);
    return `${seconds}${this.#sequence.toString(16).padStart(16, '0')}`;
  }

  /** Issues a new access token (a token exchange). */
  issueAccessToken(): {
    /** The access token. */
    token: string;
    /** Its expiry, in epoch ms. */
    expiresAt: number;
  } {
    this.counters.tokenExchanges += 1;
    const token = `qci-mock-access-${this.newId()}`;
    const expiresAt = Math.floor((this.now() + this.#lifetime) / 1000) * 1000;
    this.accessTokens.set(token, expiresAt);
    // Expired tokens are refused whether remembered or not: forgetting them keeps the map at the tokens
    // alive at once, however many exchanges a long-running mock answers (amortized: a sweep each time
    // the map has doubled).
    if (this.accessTokens.size >= this.#sweepAt) {
      const now = this.now();
      for (const [known, expiry] of this.accessTokens) if (expiry <= now) this.accessTokens.delete(known);
      this.#sweepAt = Math.max(SWEEP_FLOOR, 2 * this.accessTokens.size);
    }
    return { token, expiresAt };
  }

  /** Whether `token` was issued by this mock and has not expired. */
  isAccessTokenValid(token: string): boolean {
    const expiresAt = this.accessTokens.get(token);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  /** Stores a new file, without parts, from its metadata POST (`file_config`'s one entry). */
  createFile(name: string | undefined, config: Record<string, Record<string, unknown>>): StoredFile {
    const [type, meta] = Object.entries(config)[0] ?? ['unknown', {}];
    const file: StoredFile = { id: this.newId(), name, type, meta, parts: new Map(), uploadedAt: this.now() };
    this.files.set(file.id, file);
    return file;
  }

  /** Concatenates every array field of the parts in part order, as QCi's client does on download. */
  assembled(file: StoredFile): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const n of [...file.parts.keys()].sort((a, b) => a - b)) {
      for (const [key, value] of Object.entries(file.parts.get(n) ?? {})) {
        if (Array.isArray(value)) out[key] = [...(out[key] ?? []), ...value];
      }
    }
    return out;
  }

  /** The file's metadata as the API returns it. */
  metadataOf(file: StoredFile): FileMetadata {
    const bytes = [...file.parts.values()].reduce((sum, part) => sum + JSON.stringify(part).length, 0);
    return {
      file_id: file.id,
      ...(file.name === undefined ? {} : { file_name: file.name }),
      upload_date_rfc3339: toRfc3339(file.uploadedAt),
      last_accessed_rfc3339: toRfc3339(this.now()),
      num_parts: file.parts.size,
      num_bytes: bytes,
      file_config: { [file.type]: file.meta } as FileMetadataConfig,
    };
  }

  /** Part `n` (1-based) as the API returns it; undefined when there is no such part. */
  partOf(file: StoredFile, n: number): FilePart | undefined {
    const part = file.parts.get(n);
    if (!part) return undefined;
    return {
      file_id: file.id,
      part_number: n,
      upload_date_rfc3339: toRfc3339(file.uploadedAt),
      file_config: { [file.type]: part } as FilePartConfig,
    };
  }

  /** Stores a new SUBMITTED job. */
  submitJob(submission: JobSubmission): StoredJob {
    const job: StoredJob = {
      id: this.newId(),
      submission,
      status: 'SUBMITTED',
      timestamps: { submitted_at_rfc3339nano: toRfc3339(this.now(), true) },
      observations: 0,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /** A poll of the job: it moves one state forward every `observationsPerTransition` observations. */
  observe(job: StoredJob): void {
    if (FINAL_STATUSES.has(job.status)) return;
    job.observations += 1;
    if (job.observations % this.#perTransition !== 0) return;
    const next = LIFECYCLE[LIFECYCLE.indexOf(job.status) + 1];
    if (!next) return;
    if (next === 'COMPLETED') this.#complete(job);
    else {
      job.status = next;
      const key = `${next.toLowerCase()}_at_rfc3339nano`;
      job.timestamps[key] = toRfc3339(this.now(), true);
    }
  }

  /** Cancels the job at `at` (an RFC 3339 time). False when it already finished. */
  cancel(job: StoredJob, at: string): boolean {
    if (FINAL_STATUSES.has(job.status)) return false;
    job.status = 'CANCELLED';
    job.timestamps.cancelled_at_rfc3339nano = at;
    return true;
  }

  #complete(job: StoredJob): void {
    const outcome = solve(job.submission, (id) => {
      const file = this.files.get(id);
      return file ? { type: file.type, meta: file.meta, data: this.assembled(file) } : undefined;
    });
    if ('error' in outcome) {
      job.status = 'ERRORED';
      job.error = outcome.error;
      job.timestamps.errored_at_rfc3339nano = toRfc3339(this.now(), true);
      return;
    }
    const usage = Math.max(1, Math.ceil(outcome.samples / 10));
    if (usage > this.allocationSeconds) {
      job.status = 'ERRORED';
      job.error = `insufficient allocation: ${usage} s needed, ${this.allocationSeconds} s left`;
      job.timestamps.errored_at_rfc3339nano = toRfc3339(this.now(), true);
      return;
    }
    this.allocationSeconds -= usage;
    const result = this.createFile(undefined, { [outcome.resultType]: {} });
    result.parts.set(1, outcome.payload);
    job.resultFileId = result.id;
    job.deviceUsageSeconds = usage;
    job.status = 'COMPLETED';
    job.timestamps.completed_at_rfc3339nano = toRfc3339(this.now(), true);
  }
}

function toRfc3339(ms: number, withMillis = false): string {
  const iso = new Date(ms).toISOString();
  return withMillis ? iso : `${iso.slice(0, 19)}Z`;
}
