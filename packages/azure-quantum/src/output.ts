import type { Received } from '@qc/auth';
import { HttpError, QcError } from '@qc/core';
import { getBlob, sasExpiresAt } from './blob.js';
import type { CallOptions, WorkspaceContext } from './context.js';
import type { JobDetails } from './generated/types.gen.js';
import {
  FINAL_JOB_STATUSES,
  getJob,
  JobFailedError,
  JobNotFinishedError,
  SUCCEEDED_JOB_STATUSES,
} from './jobs.js';
import { requestSasUri } from './submit.js';

/** A SAS that expires sooner than this is replaced before the download (the official SDK's margin). */
export const SAS_REFRESH_MARGIN_MS = 5 * 60_000;

/** A finished job's output blob. */
export interface JobOutput {
  /** The job's id. */
  jobId: string;
  /** e.g. `ionq.quantum-results.v1`, `honeywell.quantum-results.v1`, `microsoft.quantum-results.v2`. */
  outputDataFormat: string | undefined;
  /** The blob's `Content-Type`, as storage sent it. */
  contentType: string | null;
  /** The blob's bytes. */
  bytes: Uint8Array;
  /** The bytes decoded as UTF-8. */
  text(): string;
  /** The bytes parsed as JSON (throws on text that is not JSON). */
  json<T = unknown>(): T;
}

/**
 * Downloads a succeeded job's output. Works with a job from any source: one from a list carries no
 * SAS (or none at all) and one read an hour ago carries an expired SAS (azure-quantum-python #181,
 * #190, #553), so a missing SAS, or one expiring within 5 minutes, is replaced through
 * `storage/sasUri` first, and a 403 from storage (clock skew, revoked SAS) gets one fresh SAS and retry.
 * A Failed or Cancelled job throws {@link JobFailedError} carrying the service's `errorData`.
 */
export async function getJobOutput(
  context: WorkspaceContext,
  jobOrId: JobDetails | string,
  options: CallOptions = {},
): Promise<JobOutput> {
  const call: CallOptions = { ...options, onResponse: undefined };
  let job = typeof jobOrId === 'string' ? await getJob(context, jobOrId, call) : jobOrId;
  if (!job?.id) throw new QcError('getJobOutput needs a job (as returned by the client) or a job id');
  // A job object may be stale (read before it finished) or a list entry without an output URL.
  const stale = !job.outputDataUri || job.status === undefined || !FINAL_JOB_STATUSES.has(job.status);
  if (typeof jobOrId !== 'string' && stale) job = await getJob(context, job.id, call);
  if (job.status === undefined || !FINAL_JOB_STATUSES.has(job.status))
    throw new JobNotFinishedError(job.id, job.status);
  if (!SUCCEEDED_JOB_STATUSES.has(job.status)) throw new JobFailedError(job);
  const outputUri = job.outputDataUri;
  if (!outputUri) throw new QcError(`Job ${job.id} succeeded but names no output blob (outputDataUri)`);

  const expiresAt = sasExpiresAt(outputUri);
  const fresh = expiresAt !== undefined && expiresAt - context.now() > SAS_REFRESH_MARGIN_MS;
  let url = fresh ? outputUri : await refreshSas(context, job, outputUri, call);
  let answer: Received;
  try {
    answer = await getBlob(context.storage, url, options);
  } catch (error) {
    if (!(fresh && error instanceof HttpError && error.status === 403)) throw error;
    url = await refreshSas(context, job, outputUri, call);
    answer = await getBlob(context.storage, url, options);
  }
  const bytes = answer.body;
  return {
    jobId: job.id,
    outputDataFormat: job.outputDataFormat ?? undefined,
    contentType: answer.headers.get('content-type'),
    bytes,
    text: () => new TextDecoder().decode(bytes),
    json: <T>() => JSON.parse(new TextDecoder().decode(bytes)) as T,
  };
}

/** A fresh read SAS for the output blob: container and blob name come from the job's URLs. */
async function refreshSas(
  context: WorkspaceContext,
  job: JobDetails,
  outputUri: string,
  call: CallOptions,
): Promise<string> {
  const { containerName, blobName } = locateBlob(job, outputUri);
  return requestSasUri(context, containerName, blobName, call);
}

/**
 * The output URL is `{account}/{container}/{blob}`, possibly behind a path prefix (local mocks) and
 * with `:443` in the host (list entries): the container is the job's `containerUri` when it has one.
 */
function locateBlob(job: JobDetails, outputUri: string): { containerName: string; blobName: string } {
  const outputPath = new URL(outputUri).pathname;
  const containerPath = job.containerUri ? new URL(job.containerUri).pathname.replace(/\/+$/, '') : undefined;
  if (containerPath && outputPath.startsWith(`${containerPath}/`)) {
    return {
      containerName: decodeURIComponent(containerPath.slice(containerPath.lastIndexOf('/') + 1)),
      blobName: decodeURIComponent(outputPath.slice(containerPath.length + 1)),
    };
  }
  const segments = outputPath.split('/').filter(Boolean);
  return {
    containerName: decodeURIComponent(segments.at(-2) ?? `job-${job.id.toLowerCase()}`),
    blobName: decodeURIComponent(segments.at(-1) ?? 'outputData'),
  };
}
