import { InputError, type RecordedBody, type RecordedExchange } from './exchange.js';

/**
 * JSON lines: one exchange per line, blank lines ignored.
 *
 *   {"method": "GET", "url": "https://…", "status": 200, "body": {…}}
 *
 * - `method`, `url` (absolute), `status` (100–599) are required.
 * - `body`: the response body as a JSON value; omitted or null when the response had none.
 * - `requestBody`: the request body as a JSON value; null when the request had none; omitted when it
 *   was not recorded (then a required body is not reported missing).
 * - `requestHeaders`, `responseHeaders`: optional objects of header name to string value (the
 *   content type, header parameters). Without them, bodies are taken as application/json.
 *
 * Any other key is refused: a misspelt `requestbody` would otherwise turn a check off in silence.
 */
const KEYS = new Set(['method', 'url', 'status', 'body', 'requestBody', 'requestHeaders', 'responseHeaders']);

type Json = Record<string, unknown>;

export function readJsonLines(text: string, file: string): RecordedExchange[] {
  const exchanges: RecordedExchange[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const at = `line ${index + 1}`;
    const bad = (what: string) => new InputError(`${file}: ${at}: ${what}`);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      // The parser's own message quotes the line, which may hold a credential.
      throw bad('is not valid JSON (each line must be one JSON object)');
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw bad('is not a JSON object');
    }
    exchanges.push(readRecord(record as Json, at, bad));
  });
  return exchanges;
}

function readRecord(record: Json, at: string, bad: (what: string) => InputError): RecordedExchange {
  const unknown = Object.keys(record).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) {
    const names = unknown.map((key) => JSON.stringify(key.slice(0, 40))).join(', ');
    throw bad(`unknown key ${names} (allowed: ${[...KEYS].join(', ')})`);
  }
  const { method, url, status } = record;
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) throw bad('"method" must be an HTTP method');
  if (typeof url !== 'string' || !URL.canParse(url)) throw bad('"url" must be an absolute URL');
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw bad('"status" must be an HTTP status (an integer from 100 to 599)');
  }
  const requestBody: RecordedBody = !('requestBody' in record)
    ? { kind: 'unrecorded' }
    : record.requestBody === null
      ? { kind: 'absent' }
      : { kind: 'json', value: record.requestBody };
  const responseBody: RecordedBody =
    record.body === undefined || record.body === null
      ? { kind: 'absent' }
      : { kind: 'json', value: record.body };
  return {
    at,
    method: method.toUpperCase(),
    url,
    requestHeaders: headersOf(record.requestHeaders, 'requestHeaders', bad),
    requestBody,
    status,
    responseHeaders: headersOf(record.responseHeaders, 'responseHeaders', bad),
    responseBody,
  };
}

function headersOf(value: unknown, key: string, bad: (what: string) => InputError): [string, string][] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad(`"${key}" must be an object of header names to string values`);
  }
  return Object.entries(value).map(([name, v]) => {
    if (typeof v !== 'string') throw bad(`"${key}" must be an object of header names to string values`);
    return [name, v];
  });
}
