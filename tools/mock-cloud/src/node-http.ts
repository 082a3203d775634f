import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Node request as a fetch `Request` for the mocks (which are written against web APIs). */
export function toRequest(incoming: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    const name = incoming.rawHeaders[i];
    const value = incoming.rawHeaders[i + 1];
    if (name !== undefined && value !== undefined) headers.append(name, value);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    // Required by undici for a streamed request body.
    duplex: 'half',
  } as RequestInit);
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
  if (response.body === null) {
    outgoing.end();
    return;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  outgoing.end(body);
}
