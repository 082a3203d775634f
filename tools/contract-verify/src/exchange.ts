/** What a traffic file says about one message body. */
export type RecordedBody =
  /** The message had no body. */
  | { kind: 'absent' }
  /** The recording does not say (a HAR without the content, a JSON line without `requestBody`). */
  | { kind: 'unrecorded' }
  /** A JSON value, already parsed (JSON lines). */
  | { kind: 'json'; value: unknown }
  /** The body's text as recorded (HAR), parsed by its content type when it is checked. */
  | { kind: 'text'; text: string };

/** One request and its response, as read from a traffic file. */
export interface RecordedExchange {
  /** Where the record is in the file, for the report: `entry 3` (HAR) or `line 3` (JSON lines). */
  at: string;
  method: string;
  url: string;
  requestHeaders: [name: string, value: string][];
  requestBody: RecordedBody;
  /** Undefined when no response was recorded (a failed or blocked request). */
  status: number | undefined;
  responseHeaders: [name: string, value: string][];
  responseBody: RecordedBody;
}

export interface Traffic {
  format: 'HAR' | 'JSON lines';
  exchanges: RecordedExchange[];
}

/**
 * The command's input is unusable: a file that cannot be read, a traffic file that is neither HAR nor
 * JSON lines, a spec that does not load. Exit code 2, never mixed up with a mismatch (1). Messages name
 * the file and the record, never the content (it may hold credentials).
 */
export class InputError extends Error {
  override name = 'InputError';
}

/** The value of a header (case-insensitive), or undefined. */
export function headerOf(headers: readonly [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
