import { HttpError, InvalidArgumentError, RETRY_HEADER, UnexpectedResponseError } from '@qc/core';
import { inBrowser } from '../options.js';
import { CREDENTIAL_HEADERS } from './attempt.js';
import type { PipelineCall } from './types.js';

// The parts of a request the pipeline prepares once per call: headers, the retry hint, the gzip body,
// the User-Agent; and the mark on errors whose request left.

const SENT = Symbol('qc.requestSent');

/** Marks an error thrown after its request left (the service may have acted on it). */
export function markSent<E extends Error>(error: E): E {
  Object.defineProperty(error, SENT, { value: true, enumerable: false });
  return error;
}

/**
 * Whether the request behind `error` reached the network: an answer came (an HTTP error, an unusable
 * 2xx), or it was sent and no complete answer came (a time limit, a cut connection, the caller's abort
 * after sending). False for failures before sending (bad input, a token that could not be obtained,
 * an abort before the request left).
 */
export function requestWasSent(error: unknown): boolean {
  if (error instanceof HttpError || error instanceof UnexpectedResponseError) return true;
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[SENT] === true;
}

/**
 * The request's headers: the provider's (a client request id, QCi's timeout header), then the caller's
 * (which may replace those), never a credential header — the credential is the pipeline's to set.
 */
export function buildHeaders(
  given: PipelineCall['headers'],
  userAgent: string | undefined,
  planned: Record<string, string> | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (userAgent !== undefined) headers['user-agent'] = userAgent;
  for (const [name, value] of Object.entries(planned ?? {})) headers[name.toLowerCase()] = value;
  if (given === undefined) return headers;
  const entries = given instanceof Headers ? given.entries() : Object.entries(given);
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) continue;
    const text = String(value);
    // Checked here, before anything is sent: fetch's own error would quote the value.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text)) {
      throw new InvalidArgumentError(`header ${lower} contains a line break or another control character`);
    }
    headers[lower] = text;
  }
  return headers;
}

/** qc's per-request retry hint (RETRY_HEADER), read and removed before sending. */
export function readRetryHint(headers: Record<string, string>): 'idempotent' | 'never' | undefined {
  const value = headers[RETRY_HEADER];
  if (value === undefined) return undefined;
  delete headers[RETRY_HEADER];
  const values = new Set(value.split(',').map((v) => v.trim().toLowerCase()));
  const [only] = values;
  if (values.size === 1 && (only === 'idempotent' || only === 'never')) return only;
  throw new InvalidArgumentError(`${RETRY_HEADER} must be "idempotent" or "never"`);
}

export async function gzip(body: BodyInit): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Response(body).body as ReadableStream<Uint8Array<ArrayBuffer>>;
  const compressed = stream.pipeThrough(
    new CompressionStream('gzip') as ReadableWritablePair<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>,
  );
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** `qc-qci/1.2.0`, where the runtime lets a script set User-Agent (not in browsers or their workers). */
export function userAgentHeader(client: { name: string; version: string }): string | undefined {
  if (inBrowser()) return undefined;
  return `qc-${client.name.replace(/^@qc\//, '')}/${client.version}`;
}
