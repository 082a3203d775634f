import { gunzipSync } from 'node:zlib';
import { headerOf, InputError, type RecordedBody, type RecordedExchange } from './exchange.js';

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), as browsers' devtools and mitmproxy
// export it. Only the fields the check needs are read; anything else in an entry is ignored.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the exchanges of a parsed HAR document; throws InputError naming the entry that is malformed. */
export function readHar(document: Json, file: string): RecordedExchange[] {
  const log = document.log;
  if (!isObject(log) || !Array.isArray(log.entries)) {
    throw new InputError(`${file}: a HAR file needs a "log" object with an "entries" array`);
  }
  return log.entries.map((entry: unknown, index) => readEntry(entry, `entry ${index + 1}`, file));
}

function readEntry(entry: unknown, at: string, file: string): RecordedExchange {
  const bad = (what: string) => new InputError(`${file}: ${at}: ${what}`);
  if (!isObject(entry)) throw bad('is not an object');
  const { request, response } = entry;
  if (!isObject(request)) throw bad('has no "request" object');
  if (typeof request.method !== 'string' || request.method === '') throw bad('request.method is missing');
  if (typeof request.url !== 'string' || request.url === '') throw bad('request.url is missing');
  if (!isObject(response)) throw bad('has no "response" object');
  if (typeof response.status !== 'number') throw bad('response.status is not a number');

  // Devtools record a failed or blocked request with status 0 (some tools -1): no response to check.
  const answered = response.status > 0;
  return {
    at,
    method: request.method.toUpperCase(),
    url: request.url,
    requestHeaders: withMimeType(readHeaders(request.headers, bad, 'request'), request.postData),
    requestBody: requestBodyOf(request.postData, bad),
    status: answered ? response.status : undefined,
    responseHeaders: withMimeType(readHeaders(response.headers, bad, 'response'), response.content),
    responseBody: answered ? responseBodyOf(response.content, response.status, bad) : { kind: 'unrecorded' },
  };
}

/** HAR keeps the body's media type beside it too; it stands in when the headers were not kept. */
function withMimeType(headers: [string, string][], body: unknown): [string, string][] {
  const mimeType = isObject(body) && typeof body.mimeType === 'string' ? body.mimeType : '';
  if (mimeType === '' || headerOf(headers, 'content-type') !== undefined) return headers;
  return [...headers, ['content-type', mimeType]];
}

function readHeaders(
  headers: unknown,
  bad: (what: string) => InputError,
  side: 'request' | 'response',
): [string, string][] {
  if (headers === undefined) return [];
  if (!Array.isArray(headers)) throw bad(`${side}.headers is not an array`);
  return headers.map((header: unknown, i) => {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string') {
      throw bad(`${side}.headers[${i}] needs a string "name" and "value"`);
    }
    return [header.name, header.value];
  });
}

function requestBodyOf(postData: unknown, bad: (what: string) => InputError): RecordedBody {
  if (postData === undefined || postData === null) return { kind: 'absent' };
  if (!isObject(postData)) throw bad('request.postData is not an object');
  // A form recorded as `params` only, or a body the tool left out: its content is unknown.
  if (typeof postData.text !== 'string') return { kind: 'unrecorded' };
  const text = decode(postData.text, postData.encoding, bad, 'request.postData');
  return text === '' ? { kind: 'absent' } : { kind: 'text', text };
}

function responseBodyOf(content: unknown, status: number, bad: (what: string) => InputError): RecordedBody {
  if (content === undefined || content === null) return { kind: 'unrecorded' };
  if (!isObject(content)) throw bad('response.content is not an object');
  if (typeof content.text !== 'string') {
    // No text: an empty body (size 0, or a status that has none), or one the tool did not keep.
    const empty = content.size === 0 || status === 204 || status === 304;
    return empty ? { kind: 'absent' } : { kind: 'unrecorded' };
  }
  const text = decode(content.text, content.encoding, bad, 'response.content');
  return text === '' ? { kind: 'absent' } : { kind: 'text', text };
}

/** The body's text: base64 decoded when the HAR says so, gunzipped when the bytes are gzip. */
function decode(text: string, encoding: unknown, bad: (what: string) => InputError, field: string): string {
  if (encoding === undefined || encoding === null || encoding === '') return text;
  if (encoding !== 'base64') throw bad(`${field}.encoding "${String(encoding).slice(0, 20)}" is not base64`);
  let bytes: Uint8Array = Buffer.from(text, 'base64');
  // Pasqal's and QCi's clients gzip JSON bodies; a proxy may keep the bytes as sent.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw bad(`${field} starts like gzip but does not decompress`);
    }
  }
  return new TextDecoder().decode(bytes);
}
