// Environments bind each API to its identity provider; tokens are required, expire, and are only valid in
// the environment that issued them.
import { AuthError, staticToken } from '@qc/auth';
import { AuthenticationError, InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createPasqalClient,
  PASQAL_ENVIRONMENTS,
  type PasqalEnvironmentName,
  pasqalErrorDetails,
  pasqalTokenProvider,
  resolveEnvironment,
} from '../src/index.js';
import {
  createPasqalMock,
  issuerOf,
  PASQAL_DEMO_SERVICE_ACCOUNT,
  PASQAL_DEMO_USER,
} from '../src/msw/index.js';
import { PROJECT_ID, SEQUENCE } from './helpers.js';

const NAMES: PasqalEnvironmentName[] = ['prod', 'preprod', 'dev', 'sa-prod', 'sa-preprod'];
let clock = Date.now();
const mocks = Object.fromEntries(
  NAMES.map((name) => [name, createPasqalMock({ environment: name, now: () => clock })]),
) as Record<PasqalEnvironmentName, ReturnType<typeof createPasqalMock>>;
const { server } = useTestServer(...NAMES.flatMap((name) => mocks[name].handlers));

const user = { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password };

describe('the named environments', () => {
  it('carry Pasqal’s documented core/account URLs and identity providers', () => {
    expect(PASQAL_ENVIRONMENTS.prod).toEqual({
      name: 'prod',
      coreUrl: 'https://apis.pasqal.cloud/core-fast',
      accountUrl: 'https://apis.pasqal.cloud/account',
      auth: {
        kind: 'auth0',
        tokenUrl: 'https://pasqal.eu.auth0.com/oauth/token',
        clientId: 'PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB',
        realm: 'pcs-users',
        audience: 'https://apis.pasqal.cloud/account/api/v1',
      },
    });
    expect(PASQAL_ENVIRONMENTS.preprod.auth).toMatchObject({
      tokenUrl: 'https://pasqal-preprod.eu.auth0.com/oauth/token',
      clientId: '2l6A2ldvwJE5sdkghu40BTYLm7sSUAv9',
      audience: 'https://apis.preprod.pasqal.cloud/account/api/v1',
    });
    expect(PASQAL_ENVIRONMENTS.dev).toMatchObject({
      coreUrl: 'https://apis.dev.pasqal.cloud/core-fast',
      auth: {
        clientId: '5QtfSu1UV118Iz6By6IJRSNoDrLbAiOv',
        tokenUrl: 'https://pasqal-dev.eu.auth0.com/oauth/token',
      },
    });
    expect(PASQAL_ENVIRONMENTS['sa-prod']).toEqual({
      name: 'sa-prod',
      coreUrl: 'https://apis.sa.pasqal.cloud/core-fast',
      accountUrl: 'https://apis.sa.pasqal.cloud/account',
      auth: {
        kind: 'keycloak',
        tokenUrl: 'https://auth.sa.pasqal.cloud/realms/pasqal-cloud/protocol/openid-connect/token',
        clientId: 'cloud-sdk',
        realm: 'pasqal-cloud',
        audience: 'https://apis.pasqal.cloud/account/api/v1',
      },
    });
    expect(PASQAL_ENVIRONMENTS['sa-preprod']).toMatchObject({
      coreUrl: 'https://apis.preprod.sa.pasqal.cloud/core-fast',
      auth: {
        kind: 'keycloak',
        tokenUrl: 'https://auth.preprod.sa.pasqal.cloud/realms/pasqal-cloud/protocol/openid-connect/token',
        audience: 'https://apis.preprod.pasqal.cloud/account/api/v1',
      },
    });
    expect(Object.isFrozen(PASQAL_ENVIRONMENTS.prod.auth)).toBe(true);
  });

  it('default to prod and refuse unknown names', () => {
    expect(createPasqalClient().environment).toBe(PASQAL_ENVIRONMENTS.prod);
    expect(() => createPasqalClient({ environment: 'staging' as never })).toThrow(InvalidArgumentError);
    expect(() => createPasqalClient({ environment: 'toString' as never })).toThrow(InvalidArgumentError);
  });

  it.each(NAMES)('%s: the user logs in at its own token endpoint and reaches its own API', async (name) => {
    const before = mocks[name].identity.counters.tokensIssued;
    const pasqal = createPasqalClient({ environment: name, auth: user });
    const projects = await pasqal.listProjects({ project_status: 'ACTIVE' });
    expect(projects.map((p) => p.id)).toEqual([PROJECT_ID]);
    expect(mocks[name].identity.counters.tokensIssued).toBe(before + 1);
  });
});

describe('a custom environment', () => {
  it('is validated: https URLs (loopback http only with the opt-in), an identity provider', () => {
    const custom = {
      name: 'proxy',
      coreUrl: 'https://pasqal-proxy.example.com/core-fast/',
      accountUrl: 'https://pasqal-proxy.example.com/account',
      auth: { ...PASQAL_ENVIRONMENTS.prod.auth },
    };
    expect(resolveEnvironment(custom).coreUrl).toBe('https://pasqal-proxy.example.com/core-fast');
    expect(() => resolveEnvironment({ ...custom, coreUrl: 'http://pasqal-proxy.example.com' })).toThrow(
      /https/,
    );
    expect(() => resolveEnvironment({ ...custom, accountUrl: 'https://u:p@x.example.com' })).toThrow(
      /credentials/,
    );
    expect(() => resolveEnvironment({ ...custom, auth: { ...custom.auth, kind: 'okta' as never } })).toThrow(
      /kind/,
    );
    const local = {
      ...custom,
      coreUrl: 'http://127.0.0.1:8080/core-fast',
      accountUrl: 'http://127.0.0.1:8080/account',
    };
    expect(() => resolveEnvironment(local)).toThrow(/allowInsecureLoopback/);
    expect(resolveEnvironment(local, { allowInsecureLoopback: true }).coreUrl).toBe(
      'http://127.0.0.1:8080/core-fast',
    );
  });

  it('works end to end against a mock of the same custom environment', async () => {
    const custom = {
      name: 'proxy',
      coreUrl: 'https://pasqal-proxy.example.com/core-fast',
      accountUrl: 'https://pasqal-proxy.example.com/account',
      auth: {
        ...PASQAL_ENVIRONMENTS.preprod.auth,
        tokenUrl: 'https://login.pasqal-proxy.example.com/oauth/token',
      },
    };
    const mock = createPasqalMock({ environment: custom });
    server.use(...mock.handlers);
    const pasqal = createPasqalClient({ environment: custom, auth: user, projectId: PROJECT_ID });
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 5 }] });
    expect(mock.state.batches.has(batch.id)).toBe(true);
  });
});

describe('a loopback environment (a mock cloud on 127.0.0.1)', () => {
  it('runs with allowInsecureLoopback on client and mock, results link included', async () => {
    const origin = 'http://127.0.0.1:4010/pasqal';
    const local = {
      name: 'local',
      coreUrl: `${origin}/core-fast`,
      accountUrl: `${origin}/account`,
      auth: { ...PASQAL_ENVIRONMENTS.prod.auth, tokenUrl: `${origin}/oauth/token` },
    };
    const mock = createPasqalMock({
      environment: local,
      allowInsecureLoopback: true,
      resultsBaseUrl: `${origin}/results`,
    });
    server.use(...mock.handlers);
    expect(() => createPasqalClient({ environment: local, auth: user })).toThrow(/allowInsecureLoopback/);
    const pasqal = createPasqalClient({
      environment: local,
      auth: user,
      projectId: PROJECT_ID,
      allowInsecureLoopback: true,
    });
    const batch = await pasqal.createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 3 }] });
    await pasqal.waitForBatch(batch.id, { intervalMs: 1 });
    const [entry] = await pasqal.getBatchResults(batch.id);
    expect(Object.values(entry?.result?.counter ?? {}).reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('tokens', () => {
  it('are required: a client without auth reaches the public routes only', async () => {
    const anonymous = createPasqalClient({ environment: 'prod' });
    expect((await anonymous.getPublicDeviceSpecs()).map((d) => d.device_type)).toContain('FRESNEL');
    expect(
      (await anonymous.listPublicDevices({ device_type: ['FRESNEL'] })).map((d) => d.device_type),
    ).toEqual(['FRESNEL']);
    await expect(anonymous.getDeviceSpecs()).rejects.toThrow(/without `auth`/);
    // Sent with no token at all, the API answers 401.
    const raw = await fetch(`${PASQAL_ENVIRONMENTS.prod.coreUrl}/api/v1/devices/specs`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ status: 'fail', data: { description: 'Missing bearer token' } });
  });

  it('issued by prod are refused by preprod’s API (audience and issuer), with 401', async () => {
    const prodToken = await pasqalTokenProvider(PASQAL_ENVIRONMENTS.prod, user).getToken();
    const wrong = createPasqalClient({ environment: 'preprod', auth: staticToken(prodToken.token) });
    const error = await wrong.listBatches().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: '401' });
    const details = pasqalErrorDetails(error);
    expect(details?.description).toContain(`issued by ${issuerOf(PASQAL_ENVIRONMENTS.prod)}`);
    expect(details?.description).toContain('https://apis.pasqal.cloud/account/api/v1');
    expect(details?.description).toContain('https://apis.preprod.pasqal.cloud/account/api/v1');
    expectNoSecrets(error, [prodToken.token]);
  });

  it('issued by sa-prod (Keycloak) are refused by prod although the audience is the same', async () => {
    const saToken = await pasqalTokenProvider(PASQAL_ENVIRONMENTS['sa-prod'], user).getToken();
    const wrong = createPasqalClient({ environment: 'prod', auth: staticToken(saToken.token) });
    const error = await wrong.getDeviceSpecs().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(pasqalErrorDetails(error)?.description).toContain('auth.sa.pasqal.cloud/realms/pasqal-cloud');
  });

  it('expire: an expired token is refused, and the client’s provider fetches a new one', async () => {
    const mock = mocks.dev;
    const provider = pasqalTokenProvider(PASQAL_ENVIRONMENTS.dev, user);
    const first = await provider.getToken();
    const pinned = createPasqalClient({ environment: 'dev', auth: staticToken(first.token) });
    expect((await pinned.listProjects()).length).toBe(1);

    clock += 3601_000; // past the mock's one-hour lifetime
    try {
      const error = await pinned.listProjects().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(pasqalErrorDetails(error)?.description).toBe('Token expired');
      // The account API writes `code` as an integer; the error keeps it as text.
      expect(pasqalErrorDetails(error)?.code).toBe('401');

      const before = mock.identity.counters.tokensIssued;
      const pasqal = createPasqalClient({ environment: 'dev', auth: user });
      expect((await pasqal.listProjects()).length).toBe(1);
      expect(mock.identity.counters.tokensIssued).toBe(before + 1);
    } finally {
      clock = Date.now();
    }
  });

  it('are not issued for a wrong password or secret; the AuthError holds no secret', async () => {
    const wrongPassword = 'wrong-Passw0rd!!';
    const error = await createPasqalClient({
      environment: 'prod',
      auth: { username: user.username, password: wrongPassword },
    })
      .listBatches()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ flow: 'auth0-password-realm', status: 403, error: 'invalid_grant' });
    expectNoSecrets(error, [wrongPassword]);

    const keycloakError = await createPasqalClient({
      environment: 'sa-preprod',
      auth: { clientId: PASQAL_DEMO_SERVICE_ACCOUNT.clientId, clientSecret: 'not-the-secret-value' },
    })
      .getAuthInfo()
      .catch((e: unknown) => e);
    expect(keycloakError).toMatchObject({ flow: 'keycloak-client-credentials', status: 401 });
    expectNoSecrets(keycloakError, ['not-the-secret-value']);
  });

  it('go only to the environment’s own origins', async () => {
    const seen: string[] = [];
    server.use(
      http.get('https://elsewhere.example.com/*', ({ request }) => {
        seen.push(request.headers.get('authorization') ?? 'none');
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      }),
    );
    const pasqal = createPasqalClient({ environment: 'prod', auth: user });
    await pasqal.client.get({
      baseUrl: 'https://elsewhere.example.com',
      url: '/x',
      security: [{ scheme: 'bearer', type: 'http' }],
    });
    expect(seen).toEqual(['none']);
  });
});
