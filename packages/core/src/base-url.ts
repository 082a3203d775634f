import { InvalidArgumentError } from './errors.js';

/** 127.0.0.0/8, ::1 and localhost: the hosts where plain http never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * `https:`, or `http:` to a loopback host when the caller opted in (local mock servers): nothing else
 * may carry tokens, keys or job data. Every client checks its URLs with this one rule.
 */
export function checkSecureScheme(option: string, url: URL, allowInsecureLoopback: boolean): void {
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol === 'https:' || (loopbackHttp && allowInsecureLoopback)) return;
  throw new InvalidArgumentError(
    loopbackHttp
      ? `${option} uses plain http: on a loopback host; pass allowInsecureLoopback: true to accept it (local mock servers)`
      : `${option} must use https: (plain http: is accepted for loopback hosts only, with allowInsecureLoopback), got ${url.protocol}//${url.host}`,
  );
}

/**
 * A service base URL: absolute, `https:` (see {@link checkSecureScheme}), without credentials, query or
 * fragment; returned without its trailing slash, a path prefix kept.
 */
export function checkBaseUrl(
  option: string,
  raw: unknown,
  allowInsecureLoopback: boolean,
  example?: string,
): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new InvalidArgumentError(
      `${option} must be an absolute URL${example ? ` such as ${example}` : ''}`,
    );
  }
  checkSecureScheme(option, url, allowInsecureLoopback);
  if (url.username || url.password || url.search || url.hash) {
    throw new InvalidArgumentError(`${option} must not contain credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
