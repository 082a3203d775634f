import { InvalidArgumentError, isLoopbackHost, redactUrl } from '@qc/core';
import { invalid } from './options.js';

/** Which requests may carry the credential. */
export interface OriginOptions {
  /** Origins (`https://host[:port]`) the credential may be sent to. Paths are ignored. */
  origins?: readonly (string | URL)[];
  /** The API base URL; its origin is allowed. Used when `origins` is not given, added to it when it is. */
  baseUrl?: string | URL;
  /**
   * Allow `http:` for loopback hosts (127.0.0.1, ::1, localhost) listed in `origins`/`baseUrl`, for
   * local mock servers. Plain `http:` to any other host is always refused.
   */
  allowInsecureLoopback?: boolean;
}

/**
 * A credential would travel over plain `http:`. Thrown before any token is requested: by the factory
 * when an allowed origin is `http:` without the loopback opt-in, and per request when a request goes to
 * an allowed host over `http:` (a downgraded URL, a `nextLink` that lost its `s`).
 */
export class InsecureConnectionError extends InvalidArgumentError {
  override name = 'InsecureConnectionError';
  /** The refused URL, query values redacted. */
  readonly url: string;
  constructor(url: string | URL, message: string) {
    super(message);
    this.url = redactUrl(url);
  }
}

export interface OriginPolicy {
  /** The allowed origins, normalised (`https://host[:port]`). */
  readonly origins: readonly string[];
  /**
   * True when a request to `url` gets the credential, false when it passes through untouched.
   * Throws {@link InsecureConnectionError} for `http:` to an allowed host.
   */
  allows(url: URL): boolean;
}

/** Builds and validates the allow-list; `factory` names the caller in error messages. */
export function createOriginPolicy(factory: string, options: OriginOptions): OriginPolicy {
  if (options === null || typeof options !== 'object') {
    throw invalid(factory, 'origins', 'or "baseUrl" is required: the origins the credential may be sent to');
  }
  const given: { option: string; value: unknown }[] = [];
  if (options.origins !== undefined) {
    if (!Array.isArray(options.origins)) throw invalid(factory, 'origins', 'must be an array of origins');
    options.origins.forEach((value, index) => {
      given.push({ option: `origins[${index}]`, value });
    });
  }
  if (options.baseUrl !== undefined) given.push({ option: 'baseUrl', value: options.baseUrl });
  if (given.length === 0) {
    throw invalid(factory, 'origins', 'or "baseUrl" is required: the origins the credential may be sent to');
  }
  const allowed = new Set<string>();
  const allowedHosts = new Set<string>();
  for (const { option, value } of given) {
    let url: URL;
    try {
      url = new URL(value instanceof URL ? value.href : String(value));
    } catch {
      throw invalid(factory, option, 'must be an absolute https: URL or origin');
    }
    if (url.username !== '' || url.password !== '')
      throw invalid(factory, option, 'must not contain user info');
    if (url.protocol === 'http:') {
      if (!isLoopbackHost(url.hostname)) {
        throw new InsecureConnectionError(
          url,
          `[@qc/auth] ${factory}: option "${option}" uses http:; credentials are only sent over https:`,
        );
      }
      if (options.allowInsecureLoopback !== true) {
        throw new InsecureConnectionError(
          url,
          `[@qc/auth] ${factory}: option "${option}" uses http: on a loopback host; pass allowInsecureLoopback: true to allow it`,
        );
      }
    } else if (url.protocol !== 'https:') {
      throw invalid(factory, option, 'must be an https: URL or origin');
    }
    allowed.add(url.origin);
    allowedHosts.add(url.hostname.toLowerCase());
  }
  return {
    origins: [...allowed],
    allows(url: URL): boolean {
      if (allowed.has(url.origin)) return true;
      if (url.protocol === 'http:' && allowedHosts.has(url.hostname.toLowerCase())) {
        throw new InsecureConnectionError(
          url,
          `[@qc/auth] refusing to send a credential over http: to ${url.host}; use https:`,
        );
      }
      return false;
    },
  };
}
