import type { ProviderErrorDetails, RetryOptions, SecretStore } from '@qc/core';
import type { FetchLike, TokenProvider } from '../types.js';

/** One line of the debug log: never a body, a header value, a token or a secret. */
export interface RequestLogEntry {
  /** `@qc/qci`, `@qc/pasqal`, …: which client sent it. */
  client: string;
  /** Request method. */
  method: string;
  /** The URL with user info removed and query values redacted. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The status of the answer; absent when none came. */
  status?: number;
  /** Milliseconds from sending to the end of the body (or the failure). */
  durationMs: number;
  /** The service's request id, when it sent one. */
  requestId?: string;
  /** The client's own request id (Azure's `x-ms-client-request-id`), when it sends one. */
  clientRequestId?: string;
  /** The error's name (`TimeoutError`, `NetworkError`) when the attempt failed without an answer. */
  error?: string;
  /** When the attempt is retried: the wait before the next one. */
  retryInMs?: number;
}

/** Receives the debug log. Give it to a client's `logger` option, or set `QC_DEBUG=1` on Node. */
export type QcLogger = (entry: RequestLogEntry) => void;

/** The raw answer to a call, for callers who need more than its parsed body. */
export interface ResponseInfo {
  /** Request method. */
  method: string;
  /** Response status code. */
  status: number;
  /** Response status text; empty when the server sent none (HTTP/2 never does). */
  statusText: string;
  /** Response headers. */
  headers: Headers;
  /** The final URL (after redirects), query values redacted. */
  url: string;
  /** The service's request id (`x-ms-request-id`, `x-request-id`, `request-id`), when it sent one. */
  requestId: string | undefined;
  /** The client's own request id (Azure's `x-ms-client-request-id`), when it sent one. */
  clientRequestId: string | undefined;
  /** Attempts made, retries included. */
  attempts: number;
  /** Milliseconds from the first attempt to the end of the last body. */
  durationMs: number;
}

/** Options every facade method and every generated SDK function take for one call. */
export interface CallOptions {
  /** Stops the call; nothing sent yet → AbortError, a submission already sent → outcome unknown. */
  signal?: AbortSignal;
  /**
   * Time limit of each attempt in ms — connecting, headers and the whole body — instead of the
   * client's. A finite number above 0, at most 2^31−1.
   */
  timeoutMs?: number;
  /** Retry policy of this call instead of the client's; `false` sends it once. Submissions never retry. */
  retry?: RetryOptions | false;
  /** Extra request headers (they cannot replace the credential). */
  headers?: Record<string, string | undefined>;
  /** Called with the final answer's status, headers and request id, whatever the status. */
  onResponse?: (info: ResponseInfo) => void;
}

/** How a route that creates something is sent. */
export interface SubmissionRoute {
  /** The operation's name, for errors (`createBatch`). */
  operation: string;
  /** Time limit of this route (longer than reads, since the server may take its time). */
  timeoutMs?: number;
  /** Send the body gzip-compressed with `Content-Encoding: gzip`. */
  gzip?: boolean;
  /** How a caller finds out whether a lost submission took effect. */
  recovery: string;
}

/** What a provider package tells the pipeline: its quirks, and nothing else. */
export interface PipelinePlan {
  /** The package (`@qc/qci`) and its version: the User-Agent and the log name it. */
  client: {
    /** Package name, e.g. `@qc/qci`. */
    name: string;
    /** Package version. */
    version: string;
  };
  /** Token provider for operations that declare `security`; without it they go out unauthenticated. */
  provider?: TokenProvider;
  /** Origins the credential may be sent to (required with `provider`). */
  origins?: readonly (string | URL)[];
  /** Allow `http:` origins on loopback hosts (127.0.0.1, ::1, localhost), for local mock servers. */
  allowInsecureLoopback?: boolean;
  /** The fetch requests go out with (default `globalThis.fetch`, looked up per request). */
  fetch?: FetchLike;
  /** Time limit of each attempt in ms (default {@link DEFAULT_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Retry policy; `false` disables retries. */
  retry?: RetryOptions | false;
  /** Statuses retried when the retry options do not name their own. */
  retryableStatuses?: readonly number[];
  /** Whether a request may be retried at all (default: GET, HEAD, OPTIONS, PUT, DELETE). */
  isRetryable?: (method: string, url: URL) => boolean;
  /**
   * Whether a request's `x-qc-retry: idempotent` header may make it retryable where `isRetryable`
   * says no (default true; `never` always turns retries off).
   */
  allowRetryOptIn?: boolean;
  /** Which routes are submissions (never retried, their own time limit, outcome-unknown on loss). */
  submission?: (method: string, url: URL) => SubmissionRoute | undefined;
  /**
   * The provider's error envelope (the standard ones — OAuth, RFC 9457, a top-level `code`/`message` —
   * are read without it); `properties` are attached to the HttpError, non-enumerable (`error.pasqal`).
   */
  errorDetails?: (
    body: unknown,
    headers: Headers,
    secrets: readonly string[],
  ) =>
    | (ProviderErrorDetails & {
        /** Extra fields to attach to the error, by property name (`pasqal`). */
        properties?: Record<string, unknown>;
      })
    | undefined;
  /** Headers the provider adds to every request (`x-ms-client-request-id`, QCi's timeout header). */
  headers?: (context: { method: string; url: URL; timeoutMs: number | undefined }) => Record<string, string>;
  /** Secrets to redact from errors and logs; the pipeline adds tokens and URL signatures it meets. */
  secrets?: SecretStore;
  /** Debug log; default: `QC_DEBUG` on Node, else none. */
  logger?: QcLogger;
  /** Largest body read into memory, in bytes (default 256 MiB). */
  maxBodyBytes?: number;
  /**
   * Query parameters whose values errors and logs may show (ids, filters), beyond the common ones
   * (paging, `api-version`); every other query value is shown as REDACTED.
   */
  safeQueryParameters?: readonly string[];
  /** The provider's request-id headers, looked up before `x-request-id` and `request-id`. */
  requestIdHeaders?: readonly string[];
}

/** Request bodies the pipeline can send again (a stream could be sent only once). */
export type RequestBody = string | Uint8Array<ArrayBuffer> | ArrayBuffer | Blob | URLSearchParams | FormData;

/** One call through the pipeline. */
export interface PipelineCall extends CallOptions {
  /** Request method. */
  method: string;
  /** Absolute request URL. */
  url: string;
  /** Request body; none when null or undefined. */
  body?: RequestBody | null | undefined;
  /** Attach the credential (the operation declares `security`) when the URL's origin is allowed. */
  authenticate?: boolean;
  /** `manual` returns a 3xx as it is; default `follow` (within the rules on credentials). */
  redirect?: 'follow' | 'manual' | 'error';
}

/** A complete answer: status, headers and the whole body, read within the time limit. */
export interface Received {
  /** Request method. */
  method: string;
  /** Response status code. */
  status: number;
  /** Response status text. */
  statusText: string;
  /** Response headers. */
  headers: Headers;
  /** The final URL, unredacted (for following links); never print it. */
  url: string;
  /** The whole body, read within the time limit. */
  body: Uint8Array;
  /** What the caller is shown of the answer (URL redacted). */
  info: ResponseInfo;
  /** Set when the call was a submission: what an unusable answer must be reported as. */
  submission:
    | {
        /** The submission route the call matched. */
        route: SubmissionRoute;
        /** When the request was sent. */
        sentAt: Date;
      }
    | undefined;
}
