import { expectNoSecrets } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createHttpError,
  HttpError,
  httpErrorFromResponse,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  parseProviderError,
  parseRetryAfter,
  QcError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from '../src/index.js';

const request = { method: 'get', url: 'https://api.example.test/v1/jobs/42' };

describe('createHttpError', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, HttpError],
  ])('maps %i to %o', (status, type) => {
    const error = createHttpError({ ...request, status });
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toBeInstanceOf(QcError);
    expect(error.name).toBe(type.name);
    expect(error.status).toBe(status);
    expect(error.method).toBe('GET');
    expect(error.message).toContain(`GET ${request.url} failed with HTTP ${status}`);
  });

  it('keeps the Retry-After of a 429', () => {
    const error = createHttpError({ ...request, status: 429, retryAfterMs: 1500 });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(1500);
  });
});

describe('standard error envelopes', () => {
  it('uses the details a provider package parsed from its own envelope', () => {
    const error = createHttpError({
      ...request,
      status: 400,
      body: { error: { code: 'InvalidJobDefinition', message: 'The target is unknown.' } },
      details: { code: 'InvalidJobDefinition', message: 'The target is unknown.' },
    });
    expect(error.code).toBe('InvalidJobDefinition');
    expect(error.serviceMessage).toBe('The target is unknown.');
    expect(error.message).toContain('[InvalidJobDefinition] The target is unknown.');
    expect(error.bodyExcerpt).toBeUndefined();
  });

  it('leaves an envelope it does not know to a body excerpt (providers parse their own)', () => {
    const error = createHttpError({
      ...request,
      status: 400,
      body: { error: { code: 'InvalidJobDefinition', message: 'The target is unknown.' } },
    });
    expect(error.code).toBeUndefined();
    expect(error.bodyExcerpt).toContain('InvalidJobDefinition');
  });

  it('reads JSend { status, message, code }', () => {
    expect(parseProviderError({ status: 'error', message: 'Batch is closed', code: 4001 })).toEqual({
      code: '4001',
      message: 'Batch is closed',
    });
  });

  it('reads OAuth { error, error_description }', () => {
    expect(
      parseProviderError({ error: 'invalid_grant', error_description: 'Wrong email or password.' }),
    ).toEqual({
      code: 'invalid_grant',
      message: 'Wrong email or password.',
    });
  });

  it('reads RFC 9457 problem details: detail, else title', () => {
    expect(parseProviderError({ title: 'Not Found', detail: 'No batch 42' }).message).toBe('No batch 42');
    expect(parseProviderError({ title: 'Not Found' }).message).toBe('Not Found');
    // A list under `detail` (FastAPI's validation errors) is a provider's format, not a message.
    expect(parseProviderError({ detail: [{ msg: 'field required' }] }).message).toBeUndefined();
  });

  it('finds nothing in bodies that are not objects', () => {
    expect(parseProviderError('oops')).toEqual({});
    expect(parseProviderError([1, 2])).toEqual({});
    expect(parseProviderError(null)).toEqual({});
  });
});

describe('httpErrorFromResponse', () => {
  it('turns an HTML 502 page into a ServerError with a tag-free excerpt', async () => {
    const html =
      '<!DOCTYPE html><html><head><title>502</title><style>body { color: red }</style>' +
      '<script>var x = 1;</script></head><body><h1>502 Bad Gateway</h1>\n\n<hr><center>nginx</center></body></html>';
    const response = new Response(html, {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'content-type': 'text/html', 'x-request-id': 'req-123' },
    });
    const error = await httpErrorFromResponse(response, request);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.bodyExcerpt).toBe('502 502 Bad Gateway nginx');
    expect(error.bodyExcerpt).not.toMatch(/[<>]|color|var x/);
    expect(error.requestId).toBe('req-123');
    expect(error.message).toContain('HTTP 502 Bad Gateway');
  });

  it('parses a JSON error body and the Retry-After of a 429', async () => {
    const response = new Response(JSON.stringify({ code: 'TooManyRequests', message: 'Slow down' }), {
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '7' },
    });
    const error = await httpErrorFromResponse(response, request);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe('TooManyRequests');
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('shortens a long text body', async () => {
    const error = await httpErrorFromResponse(new Response('x'.repeat(5000), { status: 500 }), request);
    expect(error.bodyExcerpt?.length).toBeLessThanOrEqual(300);
    expect(error.bodyExcerpt?.endsWith('…')).toBe(true);
  });
});

describe('secrets never reach an error', () => {
  const secret = 'Sup3r-Secret-Value-42';

  it('redacts a secret from the service message, the excerpt, the URL path and JSON', async () => {
    const fromJson = createHttpError({
      method: 'POST',
      url: `https://api.example.test/hooks/${secret}`,
      status: 400,
      body: { error: 'invalid_client', error_description: `client_secret ${secret} is wrong` },
      secrets: [secret],
    });
    const fromText = await httpErrorFromResponse(
      new Response(`<p>bad form: client_id=abc&secret_value=${encodeURIComponent(secret)}</p>`, {
        status: 500,
      }),
      { method: 'POST', url: 'https://login.example.test/oauth/token' },
      { secrets: [secret] },
    );
    for (const error of [fromJson, fromText]) {
      expectNoSecrets(error, [secret]);
      expect(JSON.stringify(error)).toContain('REDACTED');
    }
  });

  it('redacts bearer tokens and JWTs that a service echoes back even when not named', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
    const error = createHttpError({
      ...request,
      status: 401,
      body: { message: `token Bearer abc.def.ghi rejected; jwt ${jwt}` },
    });
    expectNoSecrets(error, [jwt, 'abc.def.ghi']);
  });

  it('removes user info and SAS signatures from URLs, showing only the names the caller marks safe', () => {
    const url =
      'https://user:p4ssw0rd-xyz@acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sig=c2lnbmF0dXJl%2B%3D';
    expect(createHttpError({ method: 'PUT', url, status: 403 }).url).toBe(
      'https://acct.blob.core.windows.net/c/b?sv=REDACTED&se=REDACTED&sig=REDACTED',
    );
    const error = createHttpError({ method: 'PUT', url, status: 403, safeQueryParameters: ['sv', 'se'] });
    expect(error.url).toBe('https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2030-01-01&sig=REDACTED');
    expectNoSecrets(error, ['p4ssw0rd-xyz', 'c2lnbmF0dXJl']);
  });

  it('redacts the URL of a network error', () => {
    const error = new NetworkError('get', 'https://api.example.test/x?code=AUTHCODE-123456', {
      cause: new TypeError('fetch failed'),
    });
    expect(error.url).toBe('https://api.example.test/x?code=REDACTED');
    expect(error.message).toContain('GET https://api.example.test/x?code=REDACTED');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);

  it('reads seconds, an HTTP date, and the millisecond headers', () => {
    expect(parse({ 'retry-after': '3' })).toBe(3000);
    expect(parse({ 'retry-after': 'Sun, 01 Jun 2025 12:00:10 GMT' })).toBe(10_000);
    expect(parse({ 'retry-after-ms': '120' })).toBe(120);
    expect(parse({ 'x-ms-retry-after-ms': '80', 'retry-after': '9' })).toBe(80);
  });

  it('treats a past date as no wait', () => {
    expect(parse({ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' })).toBe(0);
  });

  it('ignores absent and unparseable values', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parse({ 'retry-after': '-5' })).toBeUndefined();
    expect(parse({ 'retry-after': '1.5.2' })).toBeUndefined();
  });
});

describe('S3 error bodies', () => {
  it('keep the elements S3 echoes its input in, without their text', () => {
    const error = createHttpError({
      method: 'GET',
      url: 'https://bucket.s3.amazonaws.com/results.json?X-Amz-Signature=REDACTED',
      status: 403,
      body: '<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIAEXAMPLEKEY</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 secret-scope</StringToSign><SignatureProvided>0f1e2d3c4b5a69788796a5b4c3d2e1f0</SignatureProvided></Error>',
    });
    expectNoSecrets(error, ['AKIAEXAMPLEKEY', 'secret-scope', '0f1e2d3c4b5a69788796a5b4c3d2e1f0']);
    expect(error.message).toContain('SignatureDoesNotMatch');
  });
});
