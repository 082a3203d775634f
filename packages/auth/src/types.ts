import type { FetchLike } from '@qc/core';

/**
 * The shapes every token provider and adapter in this package shares. Any object with a `getToken()`
 * that returns an {@link AccessToken} is a provider: the built-in ones add a `flow` label.
 */

/** The header a credential travels in, when it is not `Authorization: Bearer <token>`. */
export interface CredentialHeader {
  /** Header name, e.g. `x-ms-quantum-api-key`. */
  name: string;
  /** Header value: the key or token itself. */
  value: string;
}

/** A credential ready to attach to a request. */
export interface AccessToken {
  /** The token (or key) itself. */
  token: string;
  /** When the token stops working, in epoch milliseconds; absent when unknown. */
  expiresAt?: number;
  /**
   * Where the credential goes. Absent: `Authorization: Bearer <token>`. API keys set it, for example
   * `{ name: 'x-ms-quantum-api-key', value: key }`.
   */
  header?: CredentialHeader;
}

/** What a caller of {@link TokenProvider.getToken} may ask for. */
export interface GetTokenOptions {
  /** Gives up waiting for the token; other callers waiting on the same token request are unaffected. */
  signal?: AbortSignal;
  /** Ignore the cached token and fetch a new one (after a 401, for example). */
  forceRefresh?: boolean;
  /**
   * With `forceRefresh`: the token the server rejected. When the cache already holds a different,
   * newer token (another request refreshed first), that one is returned instead of fetching again, so
   * a burst of 401s costs one token request, not one each.
   */
  rejectedToken?: string;
}

/** Anything that can produce a credential on demand. */
export interface TokenProvider {
  /** A credential to use now: the cached one while it is fresh, otherwise a new one. */
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
}

/** The flows this package implements, used as the `flow` label of providers and errors. */
export type AuthFlow =
  | 'auth0-password-realm'
  | 'auth0-client-credentials'
  | 'qci-refresh-token'
  | 'entra-client-credentials'
  | 'static-token'
  | 'api-key'
  | 'token-credential'
  | 'keycloak-password'
  | 'keycloak-client-credentials';

/** A built-in provider: a {@link TokenProvider} that says which flow it runs. */
export interface FlowTokenProvider extends TokenProvider {
  /** The flow it runs; also how Azure clients tell a provider from a TokenCredential. */
  readonly flow: AuthFlow;
}

/** The `fetch` signature qc accepts and returns (one definition, in @qc/core). */
export type { FetchLike };

/** Options shared by every provider that fetches its token over HTTP. */
export interface TokenRequestOptions {
  /**
   * The `fetch` used for token requests. Default: `globalThis.fetch`, looked up at call time so test
   * doubles installed later (msw) still apply.
   */
  fetch?: FetchLike;
  /**
   * Time limit for one token acquisition, retries and waits included, in ms (default 30 000). It belongs
   * to the shared request, not to any caller: a caller that gives up early uses its own `signal`.
   */
  timeoutMs?: number;
  /** Retries after a 429, a 5xx or a network error (default 2; 0 disables). */
  maxRetries?: number;
  /** Overrides the refresh margin: how long before expiry a cached token is replaced, in ms. */
  refreshMarginMs?: number;
  /**
   * Allow an `http:` token endpoint on a loopback host (127.0.0.1, ::1, localhost), for local mock
   * servers. Anything else must be `https:`.
   */
  allowInsecureLoopback?: boolean;
  /**
   * Accept a password or client secret in a web page or browser worker, where anyone who loads the page
   * can read it. Refused by default: in a browser, use a token obtained elsewhere (`staticToken`), an
   * API key, or a TokenCredential that signs the user in.
   */
  dangerouslyAllowBrowser?: boolean;
}
