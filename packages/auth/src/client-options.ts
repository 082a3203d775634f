import type { RetryOptions } from '@qc/core';
import type { QcLogger } from './pipeline/types.js';
import type { FetchLike } from './types.js';

/**
 * The options every qc client takes, spelled and meaning the same in each: where the API is
 * (`baseUrl`), how requests go out, how long they may take, how they are retried and logged, and the
 * two opt-ins. Each client adds what is its own (credentials, a workspace, an environment).
 */
export interface ClientOptions {
  /**
   * The API's base URL (a path prefix is kept): another region, a sovereign cloud, a proxy, or a local
   * mock. Must be `https:`, except `http:` on a loopback host with `allowInsecureLoopback`. Each client
   * documents its default.
   */
  baseUrl?: string;
  /** The fetch requests (token requests included) go out with. Default `globalThis.fetch`, per request. */
  fetch?: FetchLike;
  /**
   * Time limit of each request in ms — connecting, headers and the whole body (default 30 000). Token
   * requests get the same limit.
   */
  timeoutMs?: number;
  /**
   * Retry policy for 408/429/5xx answers and network failures of requests that are safe to repeat;
   * `false` disables it. Requests that create something are never retried.
   */
  retry?: RetryOptions | false;
  /** Debug log of every attempt (method, redacted URL, status, duration, request id); `QC_DEBUG=1` on Node. */
  logger?: QcLogger;
  /**
   * Accept a password or client secret in a web page or browser worker, where anyone who loads the page
   * can read it (refused by default; tokens, API keys and TokenCredentials need no opt-in).
   */
  dangerouslyAllowBrowser?: boolean;
  /** Accept `http:` URLs on loopback hosts (local mock servers) for the API and its token endpoints. */
  allowInsecureLoopback?: boolean;
}
