import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  AZURE_QUANTUM_SCOPE,
  authFetch,
  fromTokenCredential,
  type TokenCredentialLike,
} from '../src/index.js';
import { API } from './fixtures.js';

const seen: (string | null)[] = [];
useTestServer(
  http.get(`${API}/v1/jobs`, ({ request }) => {
    seen.push(request.headers.get('authorization'));
    return HttpResponse.json({ value: [] });
  }),
);

afterEach(() => {
  seen.length = 0;
  vi.useRealTimers();
});

/** A stand-in for DefaultAzureCredential: same method shape, counts calls. */
function fakeCredential(
  answer: () => { token: string; expiresOnTimestamp: number; refreshAfterTimestamp?: number } | null,
) {
  const credential = {
    calls: [] as { scopes: string | string[]; hasSignal: boolean }[],
    async getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }) {
      credential.calls.push({ scopes, hasSignal: options?.abortSignal instanceof AbortSignal });
      return answer();
    },
  };
  return credential;
}

describe('fromTokenCredential', () => {
  it('asks the credential for the scope, caches the token and attaches it', async () => {
    let n = 0;
    const credential = fakeCredential(() => ({
      token: `azure-token-${++n}`,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }));
    const provider = fromTokenCredential(credential satisfies TokenCredentialLike, AZURE_QUANTUM_SCOPE);
    expect(provider.flow).toBe('token-credential');
    const fetch = authFetch(provider, { baseUrl: API });
    await Promise.all([fetch(`${API}/v1/jobs`), fetch(`${API}/v1/jobs`), fetch(`${API}/v1/jobs`)]);
    expect(seen).toEqual(['Bearer azure-token-1', 'Bearer azure-token-1', 'Bearer azure-token-1']);
    expect(credential.calls).toEqual([{ scopes: AZURE_QUANTUM_SCOPE, hasSignal: true }]);
  });

  it('honours refreshAfterTimestamp and expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let n = 0;
    const credential = fakeCredential(() => ({
      token: `azure-token-${++n}`,
      expiresOnTimestamp: Date.now() + 3_600_000,
      refreshAfterTimestamp: Date.now() + 1_800_000,
    }));
    const provider = fromTokenCredential(credential, [AZURE_QUANTUM_SCOPE]);
    await provider.getToken();
    vi.setSystemTime(Date.now() + 1_700_000);
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'azure-token-1' });
    vi.setSystemTime(Date.now() + 200_000);
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'azure-token-2' });
  });

  it('turns a null answer into an AuthError with reason no-token, and asks again next time', async () => {
    let answer: { token: string; expiresOnTimestamp: number } | null = null;
    const credential = fakeCredential(() => answer);
    const provider = fromTokenCredential(credential, AZURE_QUANTUM_SCOPE);
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ flow: 'token-credential', reason: 'no-token' });
    expect((error as AuthError).message).toContain(AZURE_QUANTUM_SCOPE);
    answer = { token: 'azure-token-late', expiresOnTimestamp: Date.now() + 3_600_000 };
    await expect(provider.getToken()).resolves.toMatchObject({ token: 'azure-token-late' });
    expectNoSecrets(error, ['azure-token-late']);
  });

  it('refuses a token without expiresOnTimestamp instead of caching it for good, naming the likely cause', async () => {
    // What a hand-written @qc/auth provider without a `flow`, passed as an Azure client's auth, returns.
    const credential = fakeCredential(() => ({ token: 'no-expiry-token-value' }) as never);
    const error = await fromTokenCredential(credential, AZURE_QUANTUM_SCOPE)
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: 'invalid-response' });
    expect((error as Error).message).toContain('needs its `flow`');
    expectNoSecrets(error, ['no-expiry-token-value']);
  });

  it('validates the credential and scope eagerly', () => {
    expect(() => fromTokenCredential({} as never, AZURE_QUANTUM_SCOPE)).toThrow(/"credential"/);
    expect(() =>
      fromTokenCredential(
        fakeCredential(() => null),
        [],
      ),
    ).toThrow(/"scope"/);
    expect(() =>
      fromTokenCredential(
        fakeCredential(() => null),
        '',
      ),
    ).toThrow(/"scope\[0\]"/);
  });
});
