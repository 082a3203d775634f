import type { CallOptions, Pipeline, Received, RequestBody } from '@qc/auth';
import { RETRY_HEADER } from '@qc/core';
import { checkScheme } from './endpoint.js';

/**
 * The two Azure Blob Storage calls a job needs — Put Blob for the input, Get Blob for the output —
 * written against SAS URLs. The SAS in the query is the only credential: no Authorization header and
 * no Azure Quantum key ever goes to the storage host, and no `@azure/storage-blob` dependency.
 */

/** The Blob service version sent as `x-ms-version` (the one the official SDK's recordings show). */
export const BLOB_SERVICE_VERSION = '2024-05-04';

export interface BlobContext {
  /** The storage pipeline: no credential; the SAS is in the URL. */
  pipeline: Pipeline;
  allowInsecureLoopback: boolean;
}

/** The URL without its query (the SAS): what a job stores as `inputDataUri`. */
export function withoutSas(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/** The URL of a blob inside a container, keeping the container URL's SAS query. */
export function blobInContainer(containerUrl: string, blobName: string): string {
  const url = new URL(containerUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(blobName)}`;
  return url.href;
}

/** When the URL's SAS stops working (its `se`), or undefined when it has no SAS or no readable expiry. */
export function sasExpiresAt(url: string): number | undefined {
  const params = new URL(url).searchParams;
  if (!params.has('sig')) return undefined;
  const expiry = Date.parse(params.get('se') ?? '');
  return Number.isNaN(expiry) ? undefined : expiry;
}

/** Uploads a whole blob (Put Blob), replacing any blob of that name: repeating it is harmless. */
export async function putBlob(
  context: BlobContext,
  sasUrl: string,
  body: Uint8Array | string,
  contentType: string,
  call: CallOptions = {},
): Promise<void> {
  const url = checkedUrl(context, sasUrl);
  const answer = await context.pipeline.send({
    ...call,
    method: 'PUT',
    url,
    headers: {
      ...call.headers,
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-version': BLOB_SERVICE_VERSION,
      'x-ms-date': new Date().toUTCString(),
      'content-type': contentType,
      // The blob keeps its content type for downloads (Put Blob's own Content-Type is not stored by all versions).
      'x-ms-blob-content-type': contentType,
      [RETRY_HEADER]: 'idempotent',
    },
    body: body as RequestBody,
  });
  if (answer.status < 200 || answer.status > 299) throw context.pipeline.httpError(answer);
}

/** Downloads a blob (Get Blob). Throws a typed HttpError (403 for an expired or invalid SAS). */
export async function getBlob(
  context: BlobContext,
  sasUrl: string,
  call: CallOptions = {},
): Promise<Received> {
  const url = checkedUrl(context, sasUrl);
  const answer = await context.pipeline.send({
    ...call,
    method: 'GET',
    url,
    headers: { ...call.headers, 'x-ms-version': BLOB_SERVICE_VERSION, 'x-ms-date': new Date().toUTCString() },
  });
  if (answer.status < 200 || answer.status > 299) throw context.pipeline.httpError(answer);
  return answer;
}

function checkedUrl(context: BlobContext, sasUrl: string): string {
  const url = new URL(sasUrl);
  checkScheme('the storage URL', url, context.allowInsecureLoopback);
  // Every signature of the URL is redacted from errors and logs, whatever storage echoes back.
  context.pipeline.secrets.addUrl(url);
  return url.href;
}
