import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError, qciRefreshToken } from '../src/index.js';
import { QCI_TOKEN_URL, QCI_URL, qciTokenHandler, REFRESH_TOKEN, TokenIssuer } from './fixtures.js';

const issuer = new TokenIssuer();
const { server } = useTestServer(qciTokenHandler(issuer));

beforeEach(() => {
  issuer.requests = 0;
  issuer.lifetimeSeconds = 3600;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('qciRefreshToken', () => {
  it('exchanges the refresh token for an access token with the absolute expiry', async () => {
    const provider = qciRefreshToken({ baseUrl: QCI_URL, refreshToken: REFRESH_TOKEN });
    expect(provider.flow).toBe('qci-refresh-token');
    const token = await provider.getToken();
    expect(token.token).toBe(issuer.last);
    expect(token.expiresAt).toBe(
      issuer.expiries.get(token.token) && Math.floor((issuer.expiries.get(token.token) ?? 0) / 1000) * 1000,
    );
  });

  it('strips a pasted Bearer prefix and quotes from the refresh token', async () => {
    for (const pasted of [
      `Bearer ${REFRESH_TOKEN}`,
      ` "${REFRESH_TOKEN}" `,
      `'Bearer ${REFRESH_TOKEN}'`,
      `"bearer  ${REFRESH_TOKEN}"`,
    ]) {
      await expect(
        qciRefreshToken({ baseUrl: QCI_URL, refreshToken: pasted }).getToken(),
      ).resolves.toHaveProperty('token');
    }
    expect(() => qciRefreshToken({ baseUrl: QCI_URL, refreshToken: '"Bearer "' })).toThrow(/"refreshToken"/);
  });

  it('keeps a path prefix of the base URL', async () => {
    let seen: string | undefined;
    server.use(
      http.post('https://gateway.example.test/qci/auth/v1/access-tokens/', ({ request }) => {
        seen = new URL(request.url).pathname;
        return HttpResponse.json({
          access_token: 'prefixed-token-1',
          expires_at_rfc3339: '2099-01-01T00:00:00Z',
        });
      }),
    );
    await qciRefreshToken({
      baseUrl: 'https://gateway.example.test/qci',
      refreshToken: REFRESH_TOKEN,
    }).getToken();
    expect(seen).toBe('/qci/auth/v1/access-tokens/');
  });

  it('replaces the token once less than 10 minutes remain, not before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const provider = qciRefreshToken({ baseUrl: QCI_URL, refreshToken: REFRESH_TOKEN });
    const first = await provider.getToken();
    vi.setSystemTime(Date.now() + 49 * 60_000);
    await expect(provider.getToken()).resolves.toEqual(first);
    expect(issuer.requests).toBe(1);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const second = await provider.getToken();
    expect(second.token).not.toBe(first.token);
    expect(issuer.requests).toBe(2);
  });

  it('measures the expiry against the server Date header when the local clock is off', async () => {
    const serverNow = Date.UTC(2030, 0, 1, 12, 0, 0);
    server.use(
      http.post(QCI_TOKEN_URL, () =>
        HttpResponse.json(
          { access_token: 'skewed-token-1', expires_at_rfc3339: '2030-01-01T13:00:00Z' },
          { headers: { date: new Date(serverNow).toUTCString() } },
        ),
      ),
    );
    const before = Date.now();
    const token = await qciRefreshToken({ baseUrl: QCI_URL, refreshToken: REFRESH_TOKEN }).getToken();
    // One hour of lifetime counted from the local receipt time, less the Date header's one-second precision.
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('reports a rejected refresh token with the plain-text answer and without the token', async () => {
    const wrong = 'ffffffffffffffffffffffffffffffff';
    const error = await qciRefreshToken({ baseUrl: QCI_URL, refreshToken: `Bearer ${wrong}` })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ flow: 'qci-refresh-token', status: 401, errorDescription: 'Unauthorized' });
    expectNoSecrets(error, [wrong, REFRESH_TOKEN]);
  });

  it('validates the base URL eagerly', () => {
    expect(() => qciRefreshToken({ baseUrl: 'api.qci-prod.com', refreshToken: REFRESH_TOKEN })).toThrow(
      /"baseUrl"/,
    );
    expect(() =>
      qciRefreshToken({ baseUrl: 'http://api.qci-prod.com', refreshToken: REFRESH_TOKEN }),
    ).toThrow(/https/);
    expect(() => qciRefreshToken({ baseUrl: QCI_URL, refreshToken: '' })).toThrow(/"refreshToken"/);
  });
});
