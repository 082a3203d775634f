import { describe, expect, it } from 'vitest';
import { QciMockState } from '../src/msw/index.js';

// A long-running mock answers token exchanges for as long as it runs: the tokens it remembers are the
// ones still alive, not every one it ever issued.
describe('the QCi mock’s access tokens', () => {
  it('forgets expired tokens as it issues new ones, and refuses them as before', () => {
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const state = new QciMockState({ now: () => clock, accessTokenLifetimeMs: 60_000 });
    const old = Array.from({ length: 3000 }, () => state.issueAccessToken().token);
    expect(old.every((token) => state.isAccessTokenValid(token))).toBe(true);
    clock += 61_000;
    const fresh = Array.from({ length: 3000 }, () => state.issueAccessToken().token);
    // The expired ones are gone (the map holds about the live tokens); every answer is unchanged.
    expect(state.accessTokens.size).toBeLessThan(4096);
    expect(old.some((token) => state.isAccessTokenValid(token))).toBe(false);
    expect(fresh.every((token) => state.isAccessTokenValid(token))).toBe(true);
  });
});
