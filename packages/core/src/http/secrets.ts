import { REDACTED } from '../redact.js';

/**
 * Query parameters that carry a credential: SAS and presigned signatures, tokens, keys, codes. Only
 * these are remembered from URLs — remembering every query value would redact ordinary words
 * (`public=true`) from every later error.
 */
const SECRET_QUERY_PARAMETER =
  /^(sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|token|access_token|id_token|refresh_token|code|key|api[-_]?key|client_secret|password)$/i;

/** Values shorter than this are not treated as secrets: redacting them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;
/** Recently met secrets (SAS and presigned signatures) kept per store: one per job, most recent first. */
const MAX_RECENT_SECRETS = 64;

/**
 * Every value a client must never show: its own credentials (kept for the client's life) and the
 * signatures of the presigned or SAS URLs it has used (the most recent ones, up to `MAX_RECENT_SECRETS` = 64).
 * Errors and log lines are redacted against it, whatever the service echoes back.
 */
export class SecretStore implements Iterable<string> {
  readonly #permanent = new Set<string>();
  readonly #recent = new Set<string>();

  constructor(initial: Iterable<string | undefined> = []) {
    for (const value of initial) this.addPermanent(value);
  }

  /** A credential of the client itself (password, client secret, API key, refresh token). */
  addPermanent(value: string | undefined | null): void {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.#permanent.add(value);
  }

  /** A value met in passing (an access token, a URL's signature); the oldest ones are forgotten. */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.#permanent.has(value)) return;
    this.#recent.delete(value);
    this.#recent.add(value);
    if (this.#recent.size > MAX_RECENT_SECRETS) {
      this.#recent.delete(this.#recent.values().next().value as string);
    }
  }

  /** Remembers the credential-bearing query values of `url` (SAS `sig`, `X-Amz-Signature`, tokens). */
  addUrl(url: string | URL): void {
    let parsed: URL;
    if (url instanceof URL) parsed = url;
    else {
      if (!url.includes('?')) return;
      try {
        parsed = new URL(url);
      } catch {
        return;
      }
    }
    if (parsed.search === '') return;
    for (const [name, value] of parsed.searchParams) {
      if (SECRET_QUERY_PARAMETER.test(name) && value !== REDACTED) this.add(value);
    }
  }

  /** Every remembered value: the permanent ones first, then the recent ones, oldest first. */
  values(): string[] {
    return [...this.#permanent, ...this.#recent];
  }

  /** Iterates over {@link SecretStore.values}, so a store can be passed wherever secrets are redacted. */
  [Symbol.iterator](): Iterator<string> {
    return this.values()[Symbol.iterator]();
  }
}
