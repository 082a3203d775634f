import { redactCredentials, redactSecrets, redactUrl } from '@qc/core';
import { headerOf, type RecordedBody, type RecordedExchange } from './exchange.js';

/**
 * The report never prints a header, a body or a query value: it prints JSON paths and schema rules.
 * As a second line of defence, every credential the traffic carries is collected here and replaced
 * by REDACTED in every string of the report, wherever it might turn up (a path segment, an enum value).
 */

// Headers whose values are credentials (by name, or by a word in it: `x-ms-quantum-api-key`). Not
// HTTP/2 pseudo-headers (`:authority` is the host), CORS headers (they name headers, not values) nor
// challenges (`WWW-Authenticate` says why a credential was refused).
const SECRET_HEADER = /auth|token|secret|key|cookie|signature|credential|password|session|sas/i;
const NOT_SECRET_HEADER = /^(:|access-control-|www-authenticate$|proxy-authenticate$)/i;
// Body fields whose string values are credentials: passwords, tokens, keys, SAS, connection strings.
export const SECRET_FIELD =
  /pass(word|wd)?$|secret|token|(^|_|-|[a-z])(key|keys)$|^key|sig(nature)?$|credential|connectionstring|assertion|^code$|sas(uri|token)?$/i;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** Shorter values are too likely to be ordinary words of the report to be replaced everywhere. */
const MIN_SECRET_LENGTH = 8;

export class TrafficSecrets {
  readonly #values = new Set<string>();
  readonly #safeQueryParameters: readonly string[];

  /** `safeQueryParameters`: lower-case query names whose values are not secret (the spec's own). */
  constructor(safeQueryParameters: readonly string[]) {
    this.#safeQueryParameters = safeQueryParameters;
  }

  /** Every secret this exchange carries, in its URL, headers and bodies. */
  collect(exchange: RecordedExchange): void {
    this.#url(exchange.url);
    for (const [name, value] of [...exchange.requestHeaders, ...exchange.responseHeaders]) {
      if (!SECRET_HEADER.test(name) || NOT_SECRET_HEADER.test(name)) continue;
      this.#add(value);
      // `Bearer <token>`, `Basic <b64>`; cookies as `a=1; b=2`; `Set-Cookie: a=1; Path=/`.
      for (const part of value.split(/[;,\s]+/)) {
        this.#add(part);
        // `name=value` (cookies); base64 padding (`…==`) leaves an empty or `=` value, dropped as short.
        if (part.includes('=')) this.#add(part.slice(part.indexOf('=') + 1));
      }
    }
    this.#body(exchange.requestBody, headerOf(exchange.requestHeaders, 'content-type'));
    this.#body(exchange.responseBody, headerOf(exchange.responseHeaders, 'content-type'));
  }

  /** A URL as the report may show it: no user info, query values REDACTED but the spec's own. */
  redactUrl(url: string): string {
    return this.redact(redactUrl(url, this.#safeQueryParameters));
  }

  /** The text with every collected secret, bearer token, JWT and `secret=value` pair REDACTED. */
  redact(text: string): string {
    return redactCredentials(redactSecrets(text, [...this.#values]));
  }

  /** Whether a value is one of the collected secrets (so it is never shown, even as an enum value). */
  has(value: string): boolean {
    return this.#values.has(value);
  }

  #add(value: string | undefined): void {
    if (value === undefined) return;
    const trimmed = value.trim().replace(/^"|"$/g, '');
    if (trimmed.length >= MIN_SECRET_LENGTH) this.#values.add(trimmed);
    for (const jwt of trimmed.match(JWT) ?? []) this.#values.add(jwt);
  }

  #url(text: string): void {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return;
    }
    this.#add(decodeURIComponent(url.password));
    this.#add(decodeURIComponent(url.username));
    for (const [name, value] of url.searchParams) {
      if (!this.#isSafeQueryParameter(name)) this.#add(value);
    }
  }

  /** Whether redactUrl shows this parameter's value (core's safe list, or the spec's own names). */
  #isSafeQueryParameter(name: string): boolean {
    const probe = new URL('https://probe.invalid/');
    probe.searchParams.set(name, 'shown');
    return redactUrl(probe, this.#safeQueryParameters).endsWith('=shown');
  }

  #body(body: RecordedBody, contentType: string | undefined): void {
    if (body.kind === 'json') {
      this.#json(body.value, '');
      return;
    }
    if (body.kind !== 'text') return;
    for (const jwt of body.text.match(JWT) ?? []) this.#values.add(jwt);
    if (contentType?.toLowerCase().includes('x-www-form-urlencoded')) {
      for (const [name, value] of new URLSearchParams(body.text)) {
        if (SECRET_FIELD.test(name)) this.#add(value);
      }
      return;
    }
    try {
      this.#json(JSON.parse(body.text), '');
    } catch {
      // Not JSON: nothing but the JWTs above can be told apart.
    }
  }

  #json(value: unknown, key: string): void {
    if (typeof value === 'string') {
      if (SECRET_FIELD.test(key)) this.#add(value);
      for (const jwt of value.match(JWT) ?? []) this.#values.add(jwt);
      if (/^https?:\/\/\S+\?/.test(value)) this.#url(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.#json(item, key);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value)) this.#json(item, name);
    }
  }
}
