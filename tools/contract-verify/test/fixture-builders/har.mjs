// HAR 1.2 entries and JSON lines for the traffic fixtures, and the real bodies they carry.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
/** A real body's text, as recorded. */
export const body = (file) => readFileSync(join(FIXTURES, 'bodies', file), 'utf8');
/** A real body, parsed. */
export const json = (file) => JSON.parse(body(file));

const JSON_TYPE = 'application/json; charset=utf-8';

/** One HAR 1.2 entry. Bodies are strings, kept as they are. */
export function entry({
  method,
  url,
  requestHeaders = {},
  requestBody,
  requestType = 'application/json',
  status,
  responseHeaders = {},
  responseBody,
  responseType = JSON_TYPE,
  responseSize,
}) {
  const headers = (record) => Object.entries(record).map(([name, value]) => ({ name, value }));
  const parsed = new URL(url);
  return {
    startedDateTime: '2026-11-20T10:00:00.000Z',
    time: 120,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: headers(
        requestBody === undefined ? requestHeaders : { 'content-type': requestType, ...requestHeaders },
      ),
      queryString: [...parsed.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: requestBody === undefined ? 0 : Buffer.byteLength(requestBody),
      ...(requestBody === undefined ? {} : { postData: { mimeType: requestType, text: requestBody } }),
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: headers(
        responseBody === undefined ? responseHeaders : { 'content-type': responseType, ...responseHeaders },
      ),
      cookies: [],
      content:
        responseBody === undefined
          ? { size: responseSize ?? 0, mimeType: responseSize ? responseType : 'x-unknown' }
          : { size: Buffer.byteLength(responseBody), mimeType: responseType, text: responseBody },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseBody === undefined ? 0 : Buffer.byteLength(responseBody),
    },
    cache: {},
    timings: { send: 1, wait: 100, receive: 19 },
  };
}

export const har = (entries) =>
  `${JSON.stringify({ log: { version: '1.2', creator: { name: 'qc contract-verify fixtures', version: '1' }, entries } }, null, 2)}\n`;
export const jsonLines = (records) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
