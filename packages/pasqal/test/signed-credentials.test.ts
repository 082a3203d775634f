// Presigned results links and access tokens are checked as S3 and Auth0/Keycloak check them: by their
// signature and what it covers, not by a record of each one issued (a server would keep them all).
import { describe, expect, it } from 'vitest';
import { createPasqalClient, PASQAL_ENVIRONMENTS } from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_SERVICE_ACCOUNT, PASQAL_DEMO_USER } from '../src/msw/index.js';
import { FAST, PROJECT_ID, SEQUENCE } from './helpers.js';

let clock = Date.parse('2026-03-01T10:00:00Z');
const options = { environment: 'prod' as const, resultsLinkLifetimeMs: 900_000, now: () => clock };
const mock = createPasqalMock(options);
// Another mock of the same environment: same URLs, its own keys.
const other = createPasqalMock(options);
const through = (target: typeof mock) => async (input: RequestInfo | URL, init?: RequestInit) =>
  (await target.handle(new Request(input, init))) ?? new Response(null, { status: 404 });
const user = { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password };
const client = createPasqalClient({
  environment: 'prod',
  auth: user,
  projectId: PROJECT_ID,
  fetch: through(mock),
});

async function doneJobLink(): Promise<{ link: string; jobId: string }> {
  const batch = await client.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 5 }] });
  await client.waitForBatch(batch.id, FAST);
  const jobId = batch.jobs?.[0]?.id as string;
  return { link: (await client.getJobResultsLink(jobId)) as string, jobId };
}

const fetchFrom = async (target: typeof mock, url: string) => {
  const response = (await target.handle(new Request(url))) as Response;
  const text = await response.text();
  return { status: response.status, code: /<Code>(.*?)<\/Code>/.exec(text)?.[1], text };
};

describe('presigned results links', () => {
  it('look like S3’s, serve the results, and sign nothing random (two links of one second are one)', async () => {
    const { link, jobId } = await doneJobLink();
    const url = new URL(link);
    expect([...url.searchParams.keys()]).toEqual([
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-SignedHeaders',
      'X-Amz-Signature',
    ]);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetchFrom(mock, link)).status).toBe(200);
    expect(await client.getJobResultsLink(jobId)).toBe(link);
  });

  it('are refused when signed by another host, pointed at another job, or expired', async () => {
    const first = await doneJobLink();
    const second = await doneJobLink();
    expect(await fetchFrom(other, first.link)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const elsewhere = first.link.replace(first.jobId, second.jobId);
    expect(await fetchFrom(mock, elsewhere)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const longer = new URL(first.link);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect(await fetchFrom(mock, longer.href)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const before = clock;
    try {
      clock += 900_000 + 1_000;
      expect(await fetchFrom(mock, first.link)).toMatchObject({ status: 403, code: 'AccessDenied' });
    } finally {
      clock = before;
    }
  });
});

describe('access tokens', () => {
  const token = async (target: typeof mock, form: Record<string, string>) => {
    const response = (await target.handle(
      new Request(PASQAL_ENVIRONMENTS.prod.auth.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      }),
    )) as Response;
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const { clientId, realm, audience } = PASQAL_ENVIRONMENTS.prod.auth;
  const password = {
    grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
    client_id: clientId,
    realm,
    audience,
    ...user,
  };
  const service = {
    grant_type: 'client_credentials',
    client_id: PASQAL_DEMO_SERVICE_ACCOUNT.clientId,
    client_secret: PASQAL_DEMO_SERVICE_ACCOUNT.clientSecret,
    audience,
  };

  it('say who they stand for, until when; another provider’s, a tampered or a revoked one is refused', async () => {
    const ofUser = await token(mock, password);
    expect(mock.identity.check(`Bearer ${ofUser}`)).toMatchObject({
      ok: true,
      principal: { kind: 'user', email: PASQAL_DEMO_USER.username },
    });
    expect(mock.identity.check(`Bearer ${await token(mock, service)}`)).toMatchObject({
      ok: true,
      principal: { kind: 'service-account', subject: `${PASQAL_DEMO_SERVICE_ACCOUNT.clientId}@clients` },
    });
    expect(mock.identity.check(`Bearer ${await token(other, password)}`)).toEqual({
      ok: false,
      reason: 'Invalid token signature',
    });
    const [header, payload, signature] = ofUser.split('.') as [string, string, string];
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const extended = btoa(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(mock.identity.check(`Bearer ${header}.${extended}.${signature}`)).toEqual({
      ok: false,
      reason: 'Invalid token signature',
    });
    const before = clock;
    try {
      clock += 3600_000;
      expect(mock.identity.check(`Bearer ${ofUser}`)).toEqual({ ok: false, reason: 'Token expired' });
    } finally {
      clock = before;
    }
    mock.identity.revokeAll();
    expect(mock.identity.check(`Bearer ${ofUser}`)).toEqual({ ok: false, reason: 'Invalid token signature' });
  });
});
