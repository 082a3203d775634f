import { InvalidArgumentError, isLoopbackHost, MAX_TIME_LIMIT_MS } from '@qc/core';
import type { TokenRequestOptions } from './types.js';

/**
 * Eager validation of factory options. Messages name the option and what is wrong with it, never its
 * value: the value may be a password or a secret pasted into the wrong field.
 */

export function invalid(factory: string, option: string, problem: string): InvalidArgumentError {
  return new InvalidArgumentError(`[@qc/auth] ${factory}: option "${option}" ${problem}`);
}

export function requireOptions<T extends object>(factory: string, options: T | undefined): T {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(`[@qc/auth] ${factory}: an options object is required`);
  }
  return options;
}

export function requireText(factory: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(factory, option, 'must be a non-empty string');
  }
  return value;
}

export function optionalText(factory: string, option: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireText(factory, option, value);
}

/**
 * An endpoint URL: `https:`, or `http:` on a loopback host when the caller opted in. User info and
 * fragments are refused (credentials in a URL end up in logs).
 */
export function requireEndpoint(
  factory: string,
  option: string,
  value: unknown,
  allowInsecureLoopback: boolean | undefined,
): URL {
  let url: URL;
  try {
    url = new URL(requireText(factory, option, value instanceof URL ? value.href : value));
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw invalid(factory, option, 'must be an absolute URL');
  }
  if (url.username !== '' || url.password !== '')
    throw invalid(factory, option, 'must not contain user info');
  if (url.hash !== '') throw invalid(factory, option, 'must not contain a fragment');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    if (allowInsecureLoopback === true) return url;
    throw invalid(
      factory,
      option,
      'uses http: on a loopback host; pass allowInsecureLoopback: true to allow it',
    );
  }
  throw invalid(factory, option, 'must use https:');
}

/** A host name (`tenant.eu.auth0.com`, `login.example.com:8443`), without scheme or path. */
export function requireHost(factory: string, option: string, value: unknown): string {
  const host = requireText(factory, option, value).trim();
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) {
    throw invalid(factory, option, 'must be a host name such as tenant.eu.auth0.com, without scheme or path');
  }
  return host;
}

/**
 * A token as users paste it: surrounding whitespace and quotes removed, and a `Bearer ` prefix dropped
 * (copied from an Authorization header).
 */
export function cleanPastedToken(value: string): string {
  let token = value.trim();
  if (token.length >= 2 && /^(["'`]).*\1$/s.test(token)) token = token.slice(1, -1).trim();
  token = token.replace(/^bearer(?:\s+|$)/i, '').trim();
  if (token.length >= 2 && /^(["'`]).*\1$/s.test(token)) token = token.slice(1, -1).trim();
  return token;
}

/** Validates the shared token-request options (numbers in range, fetch a function). */
export function checkTokenRequestOptions(factory: string, options: TokenRequestOptions): void {
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid(factory, 'fetch', 'must be a function');
  }
  if (
    options.timeoutMs !== undefined &&
    !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 && options.timeoutMs <= MAX_TIME_LIMIT_MS)
  ) {
    throw invalid(
      factory,
      'timeoutMs',
      `must be a number of milliseconds above 0 and at most ${MAX_TIME_LIMIT_MS}`,
    );
  }
  if (
    options.maxRetries !== undefined &&
    !(Number.isInteger(options.maxRetries) && options.maxRetries >= 0 && options.maxRetries <= 10)
  ) {
    throw invalid(factory, 'maxRetries', 'must be an integer from 0 to 10');
  }
  if (
    options.refreshMarginMs !== undefined &&
    !(Number.isFinite(options.refreshMarginMs) && options.refreshMarginMs >= 0)
  ) {
    throw invalid(factory, 'refreshMarginMs', 'must be a non-negative number of milliseconds');
  }
}

/**
 * Whether this code runs in a web page or a browser worker (a dedicated, shared or service worker):
 * anything held there can be read by whoever loads the page. Server runtimes (Node, Deno, Bun, workerd)
 * are not browsers.
 */
export function inBrowser(): boolean {
  const scope = globalThis as {
    document?: unknown;
    WorkerGlobalScope?: unknown;
    importScripts?: unknown;
    process?: { versions?: { node?: unknown } };
  };
  // Node (and Bun, Deno's Node layer) with a DOM emulation (jsdom, happy-dom in tests) is a server.
  if (typeof scope.process?.versions?.node === 'string') return false;
  return (
    typeof scope.document === 'object' ||
    (scope.WorkerGlobalScope !== undefined && typeof scope.importScripts === 'function')
  );
}

/** Refuses a password or client secret in a browser unless the caller opted in. */
export function refuseSecretInBrowser(
  factory: string,
  secret: string,
  options: { dangerouslyAllowBrowser?: boolean },
): void {
  if (options.dangerouslyAllowBrowser === true || !inBrowser()) return;
  throw new InvalidArgumentError(
    `[@qc/auth] ${factory}: a ${secret} in a browser can be read by anyone who loads the page; ` +
      'use a token obtained elsewhere (staticToken), an API key or a TokenCredential instead, or pass ' +
      "dangerouslyAllowBrowser: true if this page is only ever served to the secret's owner",
  );
}
