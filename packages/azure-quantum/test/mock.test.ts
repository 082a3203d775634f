import { collect } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { createAzureQuantumClient, ionqCircuit } from '../src/index.js';
import {
  AZURE_QUANTUM_AUDIENCE,
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  createBlobStoreMock,
  createEntraMock,
  ENTRA_DEMO_CREDENTIALS,
} from '../src/msw/index.js';

let clock = Date.parse('2026-03-02T09:00:00Z');
const store = createBlobStoreMock({
  accountUrl: 'https://teststore.blob.core.windows.net',
  now: () => clock,
});
// One Entra instance shared by the data plane mock and (here, a stand-in for) the ARM mock.
const entra = createEntraMock({ authorityHost: 'http://127.0.0.1:8787/entra', now: () => clock });
const local = createAzureQuantumMock({
  endpoint: 'http://127.0.0.1:8787/dataplane',
  storageAccountUrl: 'http://127.0.0.1:8787/storage/mystorage',
  entra,
  now: () => clock,
});
useTestServer(...store.handlers, ...local.handlers);

const hour = 60 * 60_000;
const sas = (permissions: string, kind: 'account' | 'container' | 'blob' = 'container', blob?: string) =>
  store.issueSas({
    container: 'data',
    blob,
    permissions,
    startsAt: clock - 60_000,
    expiresAt: clock + hour,
    kind,
  });

async function storageCode(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>(.*?)<\/Code>/.exec(text)?.[1],
    header: response.headers.get('x-ms-error-code'),
  };
}

describe('blob store mock', () => {
  store.createContainer('data');

  it('stores a blob with Put Blob and serves it (whole and by range) with its content type', async () => {
    const url = new URL(sas('rwlac', 'account'));
    url.pathname += '/greeting';
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-blob-content-type': 'text/plain' },
      body: 'hello blob',
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBeTruthy();
    const got = await fetch(url);
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(await got.text()).toBe('hello blob');
    const ranged = await fetch(url, { headers: { 'x-ms-range': 'bytes=0-4' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 0-4/10');
    expect(await ranged.text()).toBe('hello');
  });

  it('answers 404 for a missing blob or container, and Put Blob without x-ms-blob-type is a 400', async () => {
    const missing = new URL(sas('rl'));
    missing.pathname += '/nothing';
    expect(await storageCode(await fetch(missing))).toEqual({
      status: 404,
      code: 'BlobNotFound',
      header: 'BlobNotFound',
    });
    const other = store.issueSas({
      container: 'nope',
      permissions: 'r',
      startsAt: clock,
      expiresAt: clock + hour,
      kind: 'container',
    });
    const inMissing = new URL(other);
    inMissing.pathname += '/x';
    expect((await storageCode(await fetch(inMissing))).code).toBe('ContainerNotFound');
    const url = new URL(sas('rwlac', 'account'));
    url.pathname += '/x';
    expect((await storageCode(await fetch(url, { method: 'PUT', body: 'x' }))).code).toBe(
      'MissingRequiredHeader',
    );
  });

  it('honours a SAS only as issued: tampered, expired, out of scope or without permission is refused', async () => {
    const url = new URL(sas('r', 'container'));
    url.pathname += '/greeting';
    expect((await fetch(url)).status).toBe(200);

    const tampered = new URL(url);
    tampered.searchParams.set('sp', 'rwd');
    expect((await storageCode(await fetch(tampered))).code).toBe('AuthenticationFailed');

    const noSig = new URL(url);
    noSig.searchParams.delete('sig');
    expect((await storageCode(await fetch(noSig))).status).toBe(401);

    const writeWithReadOnly = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'x',
    });
    expect((await storageCode(writeWithReadOnly)).code).toBe('AuthorizationPermissionMismatch');

    const otherBlob = new URL(sas('r', 'blob', 'other'));
    otherBlob.pathname = otherBlob.pathname.replace(/other$/, 'greeting');
    expect((await storageCode(await fetch(otherBlob))).code).toBe('AuthenticationFailed');

    clock += 2 * hour;
    try {
      expect(await storageCode(await fetch(url))).toMatchObject({
        status: 403,
        code: 'AuthenticationFailed',
      });
    } finally {
      clock -= 2 * hour;
    }
  });
});

describe('Entra mock', () => {
  const tokenUrl = `${entra.authorityHost}/${ENTRA_DEMO_CREDENTIALS.tenantId}/oauth2/v2.0/token`;
  const post = (fields: Record<string, string>) =>
    fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const form = {
    grant_type: 'client_credentials',
    client_id: ENTRA_DEMO_CREDENTIALS.clientId,
    client_secret: ENTRA_DEMO_CREDENTIALS.clientSecret,
    scope: 'https://quantum.microsoft.com/.default',
  };

  it('issues tokens shaped like the recorded answer, whose audience follows the scope', async () => {
    const response = await post(form);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const issued = entra.state.tokens.get(body.access_token as string);
    expect(issued?.audience).toBe('https://quantum.microsoft.com');
    const claims = JSON.parse(
      atob((body.access_token as string).split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') as string),
    );
    expect(claims).toMatchObject({
      aud: 'https://quantum.microsoft.com',
      tid: ENTRA_DEMO_CREDENTIALS.tenantId,
    });
  });

  it('answers Entra’s errors: wrong secret, unknown app, unknown tenant, a scope without /.default', async () => {
    const error = async (response: Response) => {
      const body = (await response.json()) as {
        error: string;
        error_codes: number[];
        error_description: string;
      };
      return [response.status, body.error, body.error_codes[0]];
    };
    expect(await error(await post({ ...form, client_secret: 'nope' }))).toEqual([
      401,
      'invalid_client',
      7000215,
    ]);
    expect(await error(await post({ ...form, client_id: 'someone-else' }))).toEqual([
      400,
      'unauthorized_client',
      700016,
    ]);
    expect(
      await error(await post({ ...form, scope: 'https://quantum.microsoft.com/user_impersonation' })),
    ).toEqual([400, 'invalid_scope', 1002012]);
    const otherTenant = await fetch(tokenUrl.replace(ENTRA_DEMO_CREDENTIALS.tenantId, 'contoso.example'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    expect(await error(otherTenant)).toEqual([400, 'invalid_request', 90002]);
  });

  it('one instance serves two resources, each checking its own audience', () => {
    const arm = entra.issueToken({ scope: 'https://management.azure.com/.default' });
    const quantum = entra.issueToken({ scope: 'https://quantum.microsoft.com/.default' });
    const bearer = (token: string) =>
      new Request('https://x.test', { headers: { authorization: `Bearer ${token}` } });
    expect(entra.checkBearer(bearer(arm.token), 'https://management.azure.com').ok).toBe(true);
    expect(entra.checkBearer(bearer(arm.token), AZURE_QUANTUM_AUDIENCE)).toMatchObject({
      ok: false,
      reason: 'audience',
    });
    expect(entra.checkBearer(bearer(quantum.token), AZURE_QUANTUM_AUDIENCE).ok).toBe(true);
    clock += 2 * hour;
    try {
      expect(entra.checkBearer(bearer(quantum.token), AZURE_QUANTUM_AUDIENCE)).toMatchObject({
        ok: false,
        reason: 'expired',
      });
    } finally {
      clock -= 2 * hour;
    }
  });

  it('serves the OpenID discovery document', async () => {
    const doc = (await (
      await fetch(
        `${entra.authorityHost}/${ENTRA_DEMO_CREDENTIALS.tenantId}/v2.0/.well-known/openid-configuration`,
      )
    ).json()) as Record<string, string>;
    expect(doc.token_endpoint).toBe(tokenUrl);
  });
});

describe('the workspace mock on loopback with path prefixes (as the mock cloud serves it)', () => {
  it('runs the whole flow with every URL — endpoint, authority, storage — under a prefix', async () => {
    const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
    const aq = createAzureQuantumClient({
      subscriptionId,
      resourceGroup,
      workspace,
      baseUrl: 'http://127.0.0.1:8787/dataplane',
      auth: { ...ENTRA_DEMO_CREDENTIALS, authorityHost: entra.authorityHost },
      allowInsecureLoopback: true,
      now: () => clock,
    });
    const { job, output } = await aq.runJob(
      { target: 'ionq.simulator', ...ionqCircuit({ qubits: 1, circuit: [{ gate: 'x', target: 0 }] }) },
      { intervalMs: 0, maxIntervalMs: 0 },
    );
    expect(job.outputDataUri).toMatch(/^http:\/\/127\.0\.0\.1:8787\/storage\/mystorage\/job-/);
    expect(output.json()).toEqual({ histogram: { '1': 1 } });
    expect(entra.state.counters.tokenRequests).toBeGreaterThan(0);
    expect(local.state.counters.bearerRequests).toBeGreaterThan(0);
    expect(await collect(aq.listJobs())).toHaveLength(1);
  });

  it('refuses requests without credentials, for another workspace, or off the spec', async () => {
    const base = `http://127.0.0.1:8787/dataplane/subscriptions/${AZURE_QUANTUM_DEMO_WORKSPACE.subscriptionId}/resourceGroups/myresourcegroup/providers/Microsoft.Quantum/workspaces`;
    const key = { 'x-ms-quantum-api-key': AZURE_QUANTUM_DEMO_API_KEY };
    const anonymous = await fetch(`${base}/myworkspace/quotas?api-version=2026-01-15-preview`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('authorization_uri=');
    const elsewhere = await fetch(`${base}/otherworkspace/quotas?api-version=2026-01-15-preview`, {
      headers: key,
    });
    expect(elsewhere.status).toBe(404);
    const oldVersion = await fetch(`${base}/myworkspace/quotas?api-version=2022-09-12-preview`, {
      headers: key,
    });
    expect(oldVersion.status).toBe(400);
    const body = (await oldVersion.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toEqual(['query parameter "api-version"']);
    const badId = await fetch(`${base}/myworkspace/jobs/..%2Fx?api-version=2026-01-15-preview`, {
      headers: key,
    });
    expect(badId.status).toBe(400);
  });
});
