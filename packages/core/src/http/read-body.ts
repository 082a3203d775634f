import type { Deadline } from './deadline.js';

/** The largest body read into memory by default (256 MiB): past it, the exchange fails. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/** The body grew past the limit given to {@link readBody}. */
export class BodyTooLargeError extends RangeError {
  /** The class name, set as a literal so minified bundles keep it. */
  override name = 'BodyTooLargeError';
}

/**
 * Reads a whole response body under `deadline`: the reader is cancelled the moment the deadline passes
 * or the caller aborts (which closes the connection of a stalled or trickling body), and every read is
 * raced against it, so the read ends on time even where the runtime ignores the cancel. A body cut by
 * the network rejects with the runtime's error (undici's `TypeError: terminated`), which the pipeline
 * maps.
 */
export async function readBody(
  response: Response,
  deadline: Deadline,
  maxBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<Uint8Array> {
  const stream = response.body;
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  deadline.onExpiry(() => {
    reader.cancel(deadline.reason).catch(() => undefined);
  });
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await deadline.race(reader.read());
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(`the response body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
