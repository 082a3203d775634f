import { requestWasSent, requireField } from '@qc/auth';
import {
  HttpError,
  InvalidArgumentError,
  NotFoundError,
  RETRY_HEADER,
  ServerError,
  SubmissionOutcomeUnknownError,
} from '@qc/core';
import { blobInContainer, putBlob, withoutSas } from './blob.js';
import { API_VERSION_QUERY, type CallOptions, type WorkspaceContext } from './context.js';
import { type FormatFields, prepareInput } from './formats.js';
import { createJob, getJob, getSasUri as getSasUriCall } from './generated/sdk.gen.js';
import type { JobDetails, JobDetailsWritable, Priority } from './generated/types.gen.js';
import { checkId, newItemId } from './ids.js';

interface SubmitJobCommon extends CallOptions {
  /**
   * The job's id. Default: a new random GUID. Give your own (`newItemId()`) to make the whole call
   * retryable: when a job with that id already exists, it is returned as it is (its input is not
   * uploaded again), so repeating a submit whose answer was lost never makes a second job.
   */
  jobId?: string;
  /** Display name; default `job-{jobId}`. */
  name?: string;
  /** Provider parameters such as `shots` or `count` (the format helpers fill them in). */
  inputParams?: Record<string, unknown>;
  /** The session to run the job in. */
  sessionId?: string;
  tags?: string[];
  metadata?: Record<string, string>;
  priority?: Priority;
  /** Content type of the uploaded input; default per format (application/json, application/qasm…). */
  contentType?: string;
}

/**
 * A job to submit. For the known formats (`ionq.circuit.v1`, `honeywell.openqasm.v1`,
 * `rigetti.quil.v1`, `pasqal.pulser.v1`, `qir.v1`) the target must belong to the format's provider and
 * `input` must have the format's shape; `providerId` and `outputDataFormat` default from the format.
 */
export type SubmitJobRequest<F extends string = string> = SubmitJobCommon & {
  /** The input format, e.g. `ionq.circuit.v1`; a known one ({@link KnownInputFormat}) is checked. */
  inputDataFormat: F;
} & FormatFields<F>;

/** Asks for a SAS URL of a container (created when missing) or of one of its blobs. */
export async function requestSasUri(
  context: WorkspaceContext,
  containerName: string,
  blobName?: string,
  call: CallOptions = {},
): Promise<string> {
  const result = await getSasUriCall({
    ...call,
    client: context.client,
    path: context.path,
    query: API_VERSION_QUERY,
    body: blobName === undefined ? { containerName } : { containerName, blobName },
    // Asking again for a SAS has no other effect (the container is created once): safe to retry.
    headers: { ...call.headers, [RETRY_HEADER]: 'idempotent' },
  });
  const sasUri = requireField(
    result,
    'sasUri',
    (data) => (data as { sasUri?: string } | null)?.sasUri,
    isUrl,
  );
  context.secrets.addUrl(sasUri);
  return sasUri;
}

/**
 * Submits a job the way the official SDK does: container `job-{id}` and its SAS from `storage/sasUri`,
 * Put Blob of the input with that SAS only (no Azure credential reaches the storage host), then the job
 * PUT under the client-chosen id (idempotent, so retried on 5xx and network errors).
 */
export async function submitJob<F extends string>(
  context: WorkspaceContext,
  request: SubmitJobRequest<F>,
): Promise<JobDetails> {
  if (request === null || typeof request !== 'object')
    throw new InvalidArgumentError('a job request is required');
  const prepared = prepareInput(request);
  // Checked before the input is uploaded: a bad id must not leave a blob behind.
  const jobId = request.jobId === undefined ? newItemId() : checkId('jobId', request.jobId);
  if (request.sessionId !== undefined) checkId('sessionId', request.sessionId);
  const call: CallOptions = {
    signal: request.signal,
    timeoutMs: request.timeoutMs,
    retry: request.retry,
    headers: request.headers,
  };

  // A caller-chosen id may already name a job (a retry of a submit whose answer was lost). Its input
  // is then left alone: uploading again would overwrite the input of a job that may not have run yet.
  if (request.jobId !== undefined) {
    try {
      const existing = await getJob({
        client: context.client,
        path: { ...context.path, jobId },
        query: API_VERSION_QUERY,
        ...call,
      });
      return existing.data;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  // Container names are lowercase; a GUID given in upper case still names the same job.
  const containerUri = await requestSasUri(context, `job-${jobId.toLowerCase()}`, undefined, call);
  const inputUrl = blobInContainer(containerUri, 'inputData');
  await putBlob(context.storage, inputUrl, prepared.body, prepared.contentType, call);

  const body: JobDetailsWritable = {
    itemType: 'Job',
    name: request.name ?? `job-${jobId}`,
    providerId: prepared.providerId,
    target: request.target,
    containerUri,
    inputDataUri: withoutSas(inputUrl),
    inputDataFormat: request.inputDataFormat,
    outputDataFormat: prepared.outputDataFormat,
    inputParams: request.inputParams ?? {},
    ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
    ...(request.tags === undefined ? {} : { tags: request.tags }),
    ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
    ...(request.priority === undefined ? {} : { priority: request.priority }),
  };
  const sentAt = new Date();
  try {
    const result = await createJob({
      ...call,
      onResponse: request.onResponse,
      client: context.client,
      path: { ...context.path, jobId },
      query: API_VERSION_QUERY,
      body,
    });
    requireField(result, 'id', (data) => (data as { id?: string } | null)?.id);
    return result.data;
  } catch (error) {
    throw afterJobPut(error, jobId, sentAt);
  }
}

function isUrl(value: string): boolean {
  try {
    return typeof value === 'string' && /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * A failed job PUT, with the job id the client chose. The PUT is idempotent (retried already), so when
 * it left and no usable answer came back — including the caller giving up while it was out — the job
 * may exist: repeating submitJob with the same `jobId` returns it if it does, without uploading the
 * input again. A refusal (a 4xx) or a failure before the request left is reported as it is.
 */
function afterJobPut(error: unknown, jobId: string, sentAt: Date): unknown {
  if (error instanceof SubmissionOutcomeUnknownError) return error;
  if (!requestWasSent(error)) return error;
  if (error instanceof HttpError && !(error instanceof ServerError)) return error;
  return new SubmissionOutcomeUnknownError({
    operation: 'submitJob',
    id: jobId,
    sentAt,
    recovery: `call submitJob again with jobId "${jobId}" (it returns the job if it exists) or getJob("${jobId}")`,
    cause: error,
  });
}
