import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTextOf } from '@qc/core/contract';

/** The largest request body the mock cloud reads (default of `maxBodyBytes`): 32 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The request body, read whole before the mock sees it, or `too-large` as soon as it passes `limit`
 * bytes (a declared Content-Length above it is refused before a byte is read). A mock then gets its
 * body from memory, never from a socket a client may stall or drop halfway.
 */
export async function readBody(
  incoming: IncomingMessage,
  limit: number,
): Promise<Buffer | undefined | 'too-large'> {
  const length = incoming.headers['content-length'];
  // HTTP/1.1 framing: without Content-Length or Transfer-Encoding there is no body.
  if (length === undefined && incoming.headers['transfer-encoding'] === undefined) return undefined;
  if (Number(length) > limit) return 'too-large';
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    read += chunk.length;
    if (read > limit) return 'too-large';
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, read);
}

const MERGED_LIST_HEADERS = new Set(['access-control-expose-headers', 'vary']);

/** Writes a fetch `Response` to a Node response. */
export async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    // List headers already set on the Node response (the CORS ones) are merged, not replaced.
    const earlier = MERGED_LIST_HEADERS.has(name) ? outgoing.getHeader(name) : undefined;
    headers[name] =
      name === 'set-cookie'
        ? response.headers.getSetCookie()
        : typeof earlier === 'string'
          ? `${earlier}, ${value}`
          : value;
  });
  outgoing.writeHead(response.status, response.statusText, headers);
  // A mock's answer knows its body text: written as it is, its stream never read.
  const text = bodyTextOf(response);
  if (text !== undefined) {
    outgoing.end(text);
    return;
  }
  if (response.body === null) {
    outgoing.end();
    return;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  outgoing.end(body);
}
