import { type ProviderErrorDetails, parseProviderError } from '@qc/core';

/** Azure's request-id header, looked up before the common ones. */
export const AZURE_REQUEST_ID_HEADERS: readonly string[] = ['x-ms-request-id'];

/**
 * Azure's error conventions, for both Azure planes' pipeline plans: the `{ error: { code, message } }`
 * envelope (Azure REST API guidelines), the code in `x-ms-error-code` when the body has none, and a 401
 * with an empty body whose only explanation is its `WWW-Authenticate` challenge (an expired token, a
 * token for another audience).
 */
export function azureErrorDetails(body: unknown, headers: Headers): ProviderErrorDetails | undefined {
  const nested = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (nested !== undefined) {
    const details = { code: text(nested.code), message: text(nested.message) };
    if (details.code !== undefined || details.message !== undefined) return details;
  }
  const standard = parseProviderError(body);
  if (standard.code !== undefined || standard.message !== undefined) return undefined;
  const code = headers.get('x-ms-error-code') ?? undefined;
  const challenge = describeChallenge(headers.get('www-authenticate'));
  const hasText = typeof body === 'string' && body.trim() !== '';
  if (code === undefined && (hasText || challenge === undefined)) return undefined;
  // A text body is shown as an excerpt; an empty one is explained by the challenge.
  return { code, message: hasText ? undefined : (challenge ?? 'the response had no body') };
}

/** `Bearer error="invalid_token", error_description="…"` → the description (or the error). */
function describeChallenge(header: string | null): string | undefined {
  if (!header) return undefined;
  const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(header)?.[1] || undefined;
  return field('error_description') ?? field('error');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}
