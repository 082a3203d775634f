import { AuthError, AZURE_QUANTUM_SCOPE, entraClientCredentials, staticToken } from '@qc/auth';
import { createEntraMock, ENTRA_DEMO_CREDENTIALS } from '@qc/azure-quantum/msw';
import {
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  ServerError,
  UnexpectedResponseError,
  UnsafeNextLinkError,
} from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  createAzureQuantumArmClient,
  QUANTUM_ARM_API_VERSION,
  type QuantumWorkspace,
  UnsafeOperationUrlError,
  workspacesGet,
} from '../src/index.js';
import { AZURE_ARM_DEMO, createAzureQuantumArmMock } from '../src/msw/index.js';

const ARM = 'https://management.azure.com';
const SUB = AZURE_ARM_DEMO.subscriptionId;
const RG = AZURE_ARM_DEMO.resourceGroup;
const WS = AZURE_ARM_DEMO.workspace;
const WS_URL = `${ARM}/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Quantum/workspaces/${WS}`;
const entra = createEntraMock();
const mock = createAzureQuantumArmMock({ entra, retryAfterSeconds: 0, workspaces: [{ name: WS }] });
const { server } = useTestServer(...entra.handlers, ...mock.handlers);

const secretAuth = ENTRA_DEMO_CREDENTIALS;
const CLIENT_SECRET = ENTRA_DEMO_CREDENTIALS.clientSecret;
const arm = (options: { retry?: false | { baseDelayMs: number } } = {}) =>
  createAzureQuantumArmClient({ subscriptionId: SUB, auth: secretAuth, ...options });

/** Counts the requests msw sees to ARM. */
function armRequests() {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.startsWith(ARM)) seen.push(`${request.method} ${new URL(request.url).pathname}`);
  };
  server.events.on('request:start', listener);
  return { seen, stop: () => server.events.removeListener('request:start', listener) };
}

describe('auth', () => {
  it('accepts any TokenCredential and asks it for the management scope', async () => {
    const credential = entra.tokenCredential();
    const getToken = vi.fn((scopes: string | string[], _options?: { abortSignal?: AbortSignal }) =>
      credential.getToken(scopes),
    );
    const client = createAzureQuantumArmClient({ subscriptionId: SUB, auth: { getToken } });
    expect((await client.getWorkspace(RG, WS)).name).toBe(WS);
    expect(getToken).toHaveBeenCalledWith('https://management.azure.com/.default', expect.anything());
  });

  it('uses an @qc/auth provider as it is', async () => {
    const provider = staticToken(entra.issueToken({ scope: 'https://management.azure.com/.default' }).token);
    const client = createAzureQuantumArmClient({ subscriptionId: SUB, auth: provider });
    expect((await client.getWorkspace(RG, WS)).name).toBe(WS);
  });

  it('is refused with a quantum-scoped token (wrong audience), as ARM refuses it', async () => {
    const rejectedBefore = mock.state.counters.rejectedTokens;
    const quantum = entraClientCredentials({ ...secretAuth, scope: AZURE_QUANTUM_SCOPE });
    const client = createAzureQuantumArmClient({ subscriptionId: SUB, auth: quantum });
    const error = await client.getWorkspace(RG, WS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationTokenAudience' });
    // One refresh and one retry after the first 401, never more.
    expect(mock.state.counters.rejectedTokens - rejectedBefore).toBe(2);
    expectNoSecrets(error, [CLIENT_SECRET]);
  });

  it('reports a rejected client secret as an AuthError without the secret', async () => {
    const client = createAzureQuantumArmClient({
      subscriptionId: SUB,
      auth: { ...secretAuth, clientSecret: 'not-the-right-secret-value' },
    });
    const error = await client.getWorkspace(RG, WS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ aadstsCode: 'AADSTS7000215', status: 401 });
    expectNoSecrets(error, ['not-the-right-secret-value', CLIENT_SECRET]);
  });

  it('refuses auth it cannot use', () => {
    // @ts-expect-error: auth is required
    expect(() => createAzureQuantumArmClient({ subscriptionId: SUB })).toThrow(InvalidArgumentError);
    // @ts-expect-error: not a credential
    expect(() => createAzureQuantumArmClient({ subscriptionId: SUB, auth: { token: 'x' } })).toThrow(
      /auth must be/,
    );
  });
});

describe('requests', () => {
  it('a facade method throws even when the options passed through carry throwOnError: false', async () => {
    const stray = { throwOnError: false } as object;
    await expect(arm().getWorkspace(RG, 'no-such-workspace', stray)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checks every path parameter before any request', async () => {
    const { seen, stop } = armRequests();
    const client = arm();
    expect(() => createAzureQuantumArmClient({ subscriptionId: 'not-a-guid', auth: secretAuth })).toThrow(
      /subscriptionId must match \^\[0-9a-fA-F\]\{8\}/,
    );
    await expect(client.getWorkspace('..', WS)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.getWorkspace(RG, '../x')).rejects.toThrow(/workspaceName/);
    await expect(client.getWorkspace('rg/../../other', WS)).rejects.toThrow(/resourceGroup/);
    await expect(client.listKeys(RG, 'bad_name')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => client.createOrUpdateWorkspace(RG, '-x', { location: 'westus' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => client.deleteWorkspace('a b', WS)).toThrow(InvalidArgumentError);
    await expect(client.regenerateKey(RG, WS, 'Tertiary' as 'Primary')).rejects.toThrow(/Primary/);
    await expect(client.regenerateKey(RG, WS, [])).rejects.toThrow(/Primary/);
    expect(() => client.listOfferings('West-US!')).toThrow(/Azure region/);
    await expect(client.createBlobContainer(AZURE_ARM_DEMO.storageAccountId, 'Job_1')).rejects.toThrow(
      /containerName/,
    );
    await expect(client.createBlobContainer('/subscriptions/x/storageAccounts/y', 'job-1')).rejects.toThrow(
      /ARM id/,
    );
    const noSubscription = createAzureQuantumArmClient({ auth: secretAuth });
    await expect(noSubscription.getWorkspace(RG, WS)).rejects.toThrow(/needs a subscription/);
    stop();
    expect(seen).toEqual([]);
  });

  it('shortens a region display name for path parameters', async () => {
    const offerings = [];
    for await (const offering of arm().listOfferings('East US 2')) offerings.push(offering.id);
    expect(offerings).toContain('ionq');
  });

  it('retries a PUT after a 503 (idempotent) but never a listKeys POST', async () => {
    let puts = 0;
    let posts = 0;
    server.use(
      http.put(
        `${ARM}/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.Quantum/workspaces/retry-ws`,
        () => {
          puts += 1;
          return puts === 1
            ? HttpResponse.json({ error: { code: 'ServerBusy' } }, { status: 503 })
            : undefined;
        },
      ),
      http.post(`${WS_URL}/listKeys`, () => {
        posts += 1;
        return HttpResponse.json({ error: { code: 'ServerBusy', message: 'try later' } }, { status: 503 });
      }),
    );
    const client = arm({ retry: { baseDelayMs: 1 } });
    await client.createOrUpdateWorkspace(RG, 'retry-ws', { location: 'eastus' });
    expect(puts).toBe(2);
    await expect(client.listKeys(RG, WS)).rejects.toBeInstanceOf(ServerError);
    expect(posts).toBe(1);
    await client.deleteWorkspace(RG, 'retry-ws');
  });

  it('never sends the token to a status URL on another origin', async () => {
    const evil: string[] = [];
    server.use(
      http.put(`${WS_URL}-evil`, () =>
        HttpResponse.json(
          {
            id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Quantum/workspaces/${WS}-evil`,
            location: 'eastus',
            properties: { provisioningState: 'ProviderLaunching' },
          },
          { status: 201, headers: { 'azure-asyncoperation': 'https://evil.example/status?sig=abc' } },
        ),
      ),
      http.all('https://evil.example/*', ({ request }) => {
        evil.push(request.headers.get('authorization') ?? 'none');
        return HttpResponse.json({ status: 'Succeeded' });
      }),
    );
    const error = await arm()
      .createOrUpdateWorkspace(RG, `${WS}-evil`, { location: 'eastus' })
      .pollUntilDone()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeOperationUrlError);
    expect(String(error)).not.toContain('sig=abc');
    expect(evil).toEqual([]);
  });

  it('never follows a nextLink to another origin', async () => {
    server.use(
      http.get(`${ARM}/subscriptions/${SUB}/providers/Microsoft.Quantum/workspaces`, () =>
        HttpResponse.json({
          value: [{ name: 'a', location: 'eastus' }],
          nextLink: 'https://evil.example/page2',
        }),
      ),
    );
    const names: string[] = [];
    const error = await (async () => {
      for await (const w of arm().listWorkspaces()) names.push(w.name ?? '');
    })().catch((e: unknown) => e);
    expect(names).toEqual(['a']);
    expect(error).toBeInstanceOf(UnsafeNextLinkError);
  });

  it('reports a next page that is not JSON (a proxy page) as a typed error with an excerpt', async () => {
    server.use(
      http.get(`${ARM}/subscriptions/${SUB}/providers/Microsoft.Quantum/workspaces`, ({ request }) =>
        new URL(request.url).searchParams.has('page')
          ? new HttpResponse('<html><body>Gateway says hi</body></html>', {
              headers: { 'content-type': 'text/html' },
            })
          : HttpResponse.json({
              value: [{ name: 'a', location: 'eastus' }],
              nextLink: `${request.url}&page=2`,
            }),
      ),
    );
    const error = await (async () => {
      for await (const _ of arm().listWorkspaces()) {
        // read every page
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).problem).toBe('not-json');
    expect((error as Error).message).toMatch(/without a JSON body \(not-json\): Gateway says hi/);
  });

  it('keeps API keys out of every later error of the client, even when the service echoes them', async () => {
    const client = arm();
    const keys = await client.listKeys(RG, WS);
    const primary = keys.primaryKey?.key as string;
    server.use(
      http.get(WS_URL, () =>
        HttpResponse.json(
          { error: { code: 'BadRequest', message: `key ${primary} and ${keys.secondaryConnectionString}` } },
          { status: 400 },
        ),
      ),
    );
    const error = await client.getWorkspace(RG, WS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expectNoSecrets(error, [
      primary,
      keys.secondaryKey?.key as string,
      keys.secondaryConnectionString as string,
    ]);
  });

  it('serves the generated SDK functions with the client (no global client)', async () => {
    const client = arm();
    const { data } = await workspacesGet({
      client: client.client,
      path: { subscriptionId: SUB, resourceGroupName: RG, workspaceName: WS },
      query: { 'api-version': QUANTUM_ARM_API_VERSION },
    });
    expect((data as QuantumWorkspace).name).toBe(WS);
    const other = createAzureQuantumArmClient({
      subscriptionId: SUB,
      auth: secretAuth,
      baseUrl: 'https://management.usgovcloudapi.net/',
    });
    expect(other.baseUrl).toBe('https://management.usgovcloudapi.net');
    expect(client.baseUrl).toBe(ARM);
  });

  it('accepts http only on loopback, only when asked, and then works end to end', async () => {
    expect(() =>
      createAzureQuantumArmClient({ auth: secretAuth, baseUrl: 'http://management.azure.com' }),
    ).toThrow(/https/);
    expect(() => createAzureQuantumArmClient({ auth: secretAuth, baseUrl: 'http://127.0.0.1:9000' })).toThrow(
      /allowInsecureLoopback/,
    );
    const localEntra = createEntraMock({ authorityHost: 'http://127.0.0.1:9000/entra' });
    // The same workspaces served on a loopback prefix, as the mock cloud does.
    const local = createAzureQuantumArmMock({
      baseUrl: 'http://127.0.0.1:9000/arm',
      state: mock.state,
      entra: localEntra,
    });
    server.use(...local.handlers, ...localEntra.handlers);
    const client = createAzureQuantumArmClient({
      subscriptionId: SUB,
      auth: { ...secretAuth, authorityHost: 'http://127.0.0.1:9000/entra' },
      baseUrl: 'http://127.0.0.1:9000/arm',
      allowInsecureLoopback: true,
    });
    const created = await client.createOrUpdateWorkspace(RG, 'local-ws', { location: 'eastus' });
    expect(created.properties?.provisioningState).toBe('Succeeded');
    await client.deleteWorkspace(RG, 'local-ws');
    expect([...localEntra.state.tokens.values()].map((t) => t.scope)).toEqual([
      'https://management.azure.com/.default',
    ]);
  });
});
