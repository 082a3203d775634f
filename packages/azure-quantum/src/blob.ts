import type { FetchLike } from '@qc/auth';
import { createHttpError, type HttpError, parseRetryAfter, RETRY_HEADER } from '@qc/core';
import { checkScheme } from './endpoint.js';
import type { SecretSet } from './transport.js';

/**
 * The two Azure Blob Storage calls a job needs — Put Blob for the input, Get Blob for the output —
 * written against SAS URLs. The SAS in the query is the only credential: no Authorization header and
 * no Azure Quantum key ever goes to the storage host, and no `@azure/storage-blob` dependency.
 */

/** The Blob service version sent as `x-ms-version` (the one the official SDK's recordings show). */
export const BLOB_SERVICE_VERSION = '2024-05-04';

export interface BlobContext {
  fetch: FetchLike;
  secrets: SecretSet;
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
  signal?: AbortSignal,
): Promise<void> {
  const url = checkedUrl(context, sasUrl);
  const response = await context.fetch(url, {
    method: 'PUT',
    headers: {
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-version': BLOB_SERVICE_VERSION,
      'x-ms-date': new Date().toUTCString(),
      'content-type': contentType,
      // The blob keeps its content type for downloads (Put Blob's own Content-Type is not stored by all versions).
      'x-ms-blob-content-type': contentType,
      [RETRY_HEADER]: 'idempotent',
    },
    body: body as BodyInit,
    signal,
  });
  if (!response.ok) throw await storageError(context, response, 'PUT', url);
  await response.body?.cancel();
}

/** Downloads a blob (Get Blob). Throws a typed HttpError (403 for an expired or invalid SAS). */
export async function getBlob(context: BlobContext, sasUrl: string, signal?: AbortSignal): Promise<Response> {
  const url = checkedUrl(context, sasUrl);
  const response = await context.fetch(url, {
    method: 'GET',
    headers: { 'x-ms-version': BLOB_SERVICE_VERSION, 'x-ms-date': new Date().toUTCString() },
    signal,
  });
  if (!response.ok) throw await storageError(context, response, 'GET', url);
  return response;
}

function checkedUrl(context: BlobContext, sasUrl: string): string {
  const url = new URL(sasUrl);
  checkScheme('the storage URL', url, context.allowInsecureLoopback);
  context.secrets.add(url.searchParams.get('sig'));
  return url.href;
}

/** Storage answers errors in XML (`<Error><Code>…</Code><Message>…</Message></Error>`). */
async function storageError(
  context: BlobContext,
  response: Response,
  method: string,
  url: string,
): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  const tag = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1]?.trim();
  const code = tag('Code') ?? response.headers.get('x-ms-error-code') ?? undefined;
  // The message's first line is the useful one; later lines carry request ids and timestamps.
  const message = tag('Message')?.split(/\r?\n/, 1)[0];
  return createHttpError({
    method,
    url,
    status: response.status,
    statusText: response.statusText,
    body: text,
    headers: response.headers,
    secrets: context.secrets.values(),
    retryAfterMs: parseRetryAfter(response.headers),
    ...(code === undefined && message === undefined ? {} : { details: { code, message } }),
  });
}
