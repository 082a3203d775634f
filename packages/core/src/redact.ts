/**
 * Redaction of what may carry a secret before it reaches an error message or a log line.
 * URLs are shown with an allow-list of query parameters whose values are safe to print (paging,
 * filters, api-version, and the names a provider adds); every other value (SAS `sig`, `code`, tokens,
 * keys) becomes REDACTED.
 */
export const REDACTED = 'REDACTED';

/**
 * Query parameters whose values are safe to print for any API (paging, filters, api-version). A
 * provider adds its own (ids, Azure Storage's SAS fields) through `redactUrl`'s second argument.
 */
const SAFE_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'api-version',
  'offset',
  'limit',
  'skip',
  'top',
  'filter',
  'orderby',
  'order_by',
  'order_by_direction',
  'status',
  'id',
]);

/**
 * The URL without user info, and with every query value replaced by REDACTED unless its name is on the
 * common safe list or in `safeQueryParameters` (lower-case names the caller knows to be harmless).
 */
export function redactUrl(input: string | URL, safeQueryParameters?: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return '(unparseable URL)';
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  const params = [...url.searchParams.entries()];
  if (params.length === 0) return url.toString();
  const redacted = new URLSearchParams();
  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    const safe = SAFE_QUERY_PARAMETERS.has(lower) || (safeQueryParameters?.includes(lower) ?? false);
    redacted.append(name, safe ? value : REDACTED);
  }
  url.search = redacted.toString();
  return url.toString();
}

/** Replaces every occurrence of each secret (and its URL/form encodings) with REDACTED. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

// Values that look like credentials even when the caller did not name them: bearer tokens, JWTs,
// and `"password"|"client_secret"|…: value` pairs in JSON or form bodies.
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const SECRET_FIELD =
  /((?:"|')?(?:password|client_secret|refresh_token|access_token|api[_-]?key|secret|token|sig|x-amz-signature|x-amz-credential|x-amz-security-token|signatureprovided)(?:"|')?\s*[:=]\s*)("[^"]*"|'[^']*'|[^&\s,}]+)/gi;

/**
 * Replaces what looks like a credential even when no one named it: `Bearer`/`Basic` values, JWTs, and
 * the values of `password`, `client_secret`, `token`, `sig`… fields in JSON, form or query text.
 */
export function redactCredentials(text: string): string {
  return text.replace(BEARER, `$1 ${REDACTED}`).replace(JWT, REDACTED).replace(SECRET_FIELD, `$1${REDACTED}`);
}

/**
 * A short, single-line excerpt of a response body for an error message: whitespace collapsed,
 * HTML tags stripped, credentials and the given secrets redacted, at most `max` characters.
 */
export function bodyExcerpt(body: string, secrets: readonly (string | undefined)[] = [], max = 300): string {
  const text = redactCredentials(
    redactSecrets(
      body
        // S3 echoes what it was given in XML elements: keep the element, drop its text.
        .replace(
          /<(SignatureProvided|StringToSign|StringToSignBytes|CanonicalRequest|AWSAccessKeyId)>[^<]*/gi,
          `$1 ${REDACTED} `,
        )
        .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
      secrets,
    ),
  );
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
