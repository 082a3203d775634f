import { assertHeaderSafe } from './exchange.js';
import { cleanPastedToken, invalid, requireText } from './options.js';
import type { AccessToken, FlowTokenProvider } from './types.js';

/** Header of the Azure Quantum data plane's API-key scheme. */
export const AZURE_QUANTUM_API_KEY_HEADER = 'x-ms-quantum-api-key';

/** Options of {@link staticToken}, when more than the token is known. */
export interface StaticTokenOptions {
  /** The bearer token; a pasted `Bearer ` prefix and surrounding quotes are removed. */
  token: string;
  /** When it stops working (epoch ms), if known. Informational: a static token is never refreshed. */
  expiresAt?: number;
}

/**
 * A token obtained elsewhere (a CI secret, another tool), sent as `Authorization: Bearer <token>`.
 * There is nothing to refresh: after a 401 the same token is returned.
 */
export function staticToken(options: string | StaticTokenOptions): FlowTokenProvider {
  const factory = 'staticToken';
  const given = typeof options === 'string' ? { token: options } : options;
  if (given === null || typeof given !== 'object') throw invalid(factory, 'token', 'must be a string');
  const token = cleanPastedToken(requireText(factory, 'token', given.token));
  assertHeaderSafe(token);
  if (token === '') throw invalid(factory, 'token', 'is empty once quotes and "Bearer " are removed');
  if (given.expiresAt !== undefined && !Number.isFinite(given.expiresAt)) {
    throw invalid(factory, 'expiresAt', 'must be a time in epoch milliseconds');
  }
  const accessToken: AccessToken =
    given.expiresAt === undefined ? { token } : { token, expiresAt: given.expiresAt };
  return { flow: 'static-token', getToken: async () => ({ ...accessToken }) };
}

/** Options of {@link apiKey}. */
export interface ApiKeyOptions {
  /** The key, sent as it is (surrounding whitespace removed). */
  key: string;
  /** The header the key travels in (default {@link AZURE_QUANTUM_API_KEY_HEADER}). */
  headerName?: string;
}

// RFC 9110 token characters: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * An API key sent in its own header instead of `Authorization: Bearer`: the returned token carries
 * `header: { name, value }`, which `authFetch` and the adapters set in place of the bearer header.
 */
export function apiKey(options: ApiKeyOptions): FlowTokenProvider {
  const factory = 'apiKey';
  if (options === null || typeof options !== 'object') throw invalid(factory, 'key', 'must be given');
  const key = requireText(factory, 'key', options.key).trim();
  assertHeaderSafe(key);
  const name = options.headerName ?? AZURE_QUANTUM_API_KEY_HEADER;
  if (typeof name !== 'string' || !HEADER_NAME.test(name)) {
    throw invalid(factory, 'headerName', 'must be a valid HTTP header name');
  }
  return {
    flow: 'api-key',
    getToken: async () => ({ token: key, header: { name, value: key } }),
  };
}
