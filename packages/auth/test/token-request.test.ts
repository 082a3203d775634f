import { AbortError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError, auth0ClientCredentials } from '../src/index.js';
import {
  AUDIENCE,
  AUTH0_TOKEN_URL,
  auth0Handler,
  CLIENT_ID,
  CLIENT_SECRET,
  TokenIssuer,
} from './fixtures.js';

const issuer = new TokenIssuer();
const { server } = useTestServer(auth0Handler(issuer));
const options = {
  tokenUrl: AUTH0_TOKEN_URL,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  audience: AUDIENCE,
};

/** Answers the first `count` token requests with `respond`, then lets the real mock answer. */
function failFirst(count: number, respond: () => Response) {
  let seen = 0;
  server.use(
    http.post(AUTH0_TOKEN_URL, () => {
      seen += 1;
      attempts += 1;
      return seen <= count ? respond() : undefined;
    }),
  );
}
let attempts = 0;

beforeEach(() => {
  attempts = 0;
  issuer.requests = 0;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('token requests', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    failFirst(1, () =>
      HttpResponse.json(
        { error: 'too_many_requests', error_description: 'Global limit has been reached' },
        { status: 429, headers: { 'retry-after': '7' } },
      ),
    );
    const pending = auth0ClientCredentials(options).getToken();
    await vi.advanceTimersByTimeAsync(6_900);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    const token = await pending;
    expect(attempts).toBe(2);
    expect(token.token).toBe(issuer.last);
  });

  it("honours the caller's signal while waiting, and the shared request still completes for others", async () => {
    failFirst(1, () =>
      HttpResponse.json({ error: 'too_many_requests' }, { status: 429, headers: { 'retry-after': '10' } }),
    );
    const provider = auth0ClientCredentials(options);
    const impatient = new AbortController();
    const leaving = provider.getToken({ signal: impatient.signal });
    const staying = provider.getToken();
    await vi.advanceTimersByTimeAsync(1_000);
    impatient.abort();
    await expect(leaving).rejects.toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(9_000);
    await expect(staying).resolves.toMatchObject({ token: issuer.last });
    expect(attempts).toBe(2);
  });

  it('fails at once when Retry-After is longer than the time limit, saying how long to wait', async () => {
    failFirst(1, () =>
      HttpResponse.json({ error: 'too_many_requests' }, { status: 429, headers: { 'retry-after': '120' } }),
    );
    const error = await auth0ClientCredentials(options)
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: 'rejected',
      status: 429,
      error: 'too_many_requests',
      retryAfterMs: 120_000,
    });
    expect(attempts).toBe(1);
  });

  it('retries 5xx and network errors twice with backoff, then gives up with the last error', async () => {
    failFirst(
      2,
      () =>
        new HttpResponse('<html><body>502 Bad Gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const recovered = auth0ClientCredentials(options).getToken();
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(recovered).resolves.toMatchObject({ token: issuer.last });
    expect(attempts).toBe(3);

    attempts = 0;
    failFirst(3, () => HttpResponse.error());
    const failing = auth0ClientCredentials(options)
      .getToken()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await failing;
    expect(error).toMatchObject({ reason: 'network', flow: 'auth0-client-credentials' });
    expect((error as AuthError).cause).toBeInstanceOf(TypeError);
    expect(attempts).toBe(3);
    expectNoSecrets(error, [CLIENT_SECRET]);
  });

  it('does not retry a 4xx other than 408 and 429', async () => {
    failFirst(1, () =>
      HttpResponse.json({ error: 'access_denied', error_description: 'Unauthorized' }, { status: 401 }),
    );
    await expect(auth0ClientCredentials(options).getToken()).rejects.toMatchObject({ status: 401 });
    expect(attempts).toBe(1);
  });

  it('gives up with a timeout error when the token endpoint does not answer in time', async () => {
    server.use(http.post(AUTH0_TOKEN_URL, () => new Promise<Response>(() => undefined)));
    const pending = auth0ClientCredentials({ ...options, timeoutMs: 5_000 })
      .getToken()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await pending;
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'timeout', flow: 'auth0-client-credentials' });
    expect((error as AuthError).message).toContain('timed out after 5000 ms');
    expectNoSecrets(error, [CLIENT_SECRET]);
  });

  it('never follows a redirect from the token endpoint, so the secret is not re-posted elsewhere', async () => {
    let reposted = 0;
    server.use(
      http.post(AUTH0_TOKEN_URL, () => HttpResponse.redirect('https://collector.example.test/steal', 307)),
      http.post('https://collector.example.test/steal', () => {
        reposted += 1;
        return HttpResponse.json({ access_token: 'stolen-token-1' });
      }),
    );
    const error = await auth0ClientCredentials(options)
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'rejected', status: 307 });
    expect((error as AuthError).message).toContain('redirect');
    expect(reposted).toBe(0);
    expectNoSecrets(error, [CLIENT_SECRET]);
  });
});
