// The mock on its own, through raw HTTP: what it accepts and refuses, and how it shares its state.
import { createEntraMock } from '@qc/azure-quantum/msw';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import {
  ArmMockState,
  AZURE_ARM_DEMO,
  createAzureQuantumArmMock,
  decodeJwtClaims,
} from '../src/msw/index.js';

const ARM = 'https://management.azure.com';
const { subscriptionId: SUB, resourceGroup: RG, workspace: WS } = AZURE_ARM_DEMO;
const WS_PATH = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Quantum/workspaces/${WS}`;
const Q = '?api-version=2025-12-15-preview';

const entra = createEntraMock();
// The default token check: decode the JWT and look at `aud` and `exp`.
const mock = createAzureQuantumArmMock({ retryAfterSeconds: 3, workspaces: [{ name: WS }] });
// The same state behind an Entra-checked mock on a loopback prefix, as the mock cloud serves it.
const strict = createAzureQuantumArmMock({ baseUrl: 'http://127.0.0.1:8787/arm', state: mock.state, entra });
useTestServer(...mock.handlers, ...strict.handlers);

const token = (scope: string) => entra.issueToken({ scope }).token;
const ARM_TOKEN = token('https://management.azure.com/.default');
const bearer = (value = ARM_TOKEN) => ({ authorization: `Bearer ${value}` });

/** The members these tests read from ARM answers. */
interface ArmJson {
  error: { code: string };
  properties: { provisioningState: string };
  endTime?: string;
  [member: string]: unknown;
}

async function call(
  method: string,
  path: string,
  init: { headers?: HeadersInit; body?: unknown; base?: string } = {},
) {
  const response = await fetch(`${init.base ?? ARM}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...bearer(), ...(init.headers as Record<string, string>) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as ArmJson) : undefined,
  };
}

describe('tokens', () => {
  it('needs a token issued for ARM: none, garbage, a quantum token and an expired one are refused as ARM does', async () => {
    expect((await call('GET', WS_PATH + Q)).status).toBe(200);
    const cases: [Record<string, string>, string][] = [
      [{ authorization: '' }, 'InvalidAuthenticationToken'],
      [bearer('not-a-jwt'), 'InvalidAuthenticationToken'],
      [bearer(token('https://quantum.microsoft.com/.default')), 'InvalidAuthenticationTokenAudience'],
    ];
    for (const [headers, code] of cases) {
      const answer = await call('GET', WS_PATH + Q, { headers });
      expect(answer.status).toBe(401);
      expect(answer.body?.error.code).toBe(code);
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const missing = await fetch(`${ARM}${WS_PATH}${Q}`);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('AuthenticationFailed');
    const claims = decodeJwtClaims(ARM_TOKEN);
    expect(claims?.aud).toBe('https://management.azure.com');
    const expired = ARM_TOKEN.split('.');
    expired[1] = Buffer.from(JSON.stringify({ ...claims, exp: 1_000 })).toString('base64url');
    expect((await call('GET', WS_PATH + Q, { headers: bearer(expired.join('.')) })).body?.error.code).toBe(
      'ExpiredAuthenticationToken',
    );
  });

  it('with a shared Entra mock, accepts only tokens that Entra issued', async () => {
    const base = 'http://127.0.0.1:8787/arm';
    expect((await call('GET', WS_PATH + Q, { base })).status).toBe(200);
    const forged = ARM_TOKEN.replace(/\.[^.]+$/, '.forged');
    expect((await call('GET', WS_PATH + Q, { base, headers: bearer(forged) })).body?.error.code).toBe(
      'InvalidAuthenticationToken',
    );
    const quantum = await call('GET', WS_PATH + Q, {
      base,
      headers: bearer(token('https://quantum.microsoft.com/.default')),
    });
    expect(quantum.body?.error.code).toBe('InvalidAuthenticationTokenAudience');
  });
});

describe('requests are checked against the spec', () => {
  it('answers 400 naming the issue, never echoing values', async () => {
    const noLocation = await call('PUT', `${WS_PATH}-2${Q}`, { body: { properties: {} } });
    expect(noLocation.status).toBe(400);
    expect(JSON.stringify(noLocation.body)).toContain('location');
    const badVersion = await call('GET', `${WS_PATH}?api-version=2019-11-04-preview`);
    expect(badVersion.status).toBe(400);
    expect(JSON.stringify(badVersion.body)).toContain('api-version');
    const badKey = await call('POST', `${WS_PATH}/regenerateKey${Q}`, { body: { keys: ['Tertiary'] } });
    expect(badKey.status).toBe(400);
    const badName = await call(
      'GET',
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Quantum/workspaces/bad_name${Q}`,
    );
    expect(badName.status).toBe(400);
    expect(mock.state.find(SUB, RG, `${WS}-2`)).toBeUndefined();
  });

  it('refuses Resource Graph queries it cannot evaluate instead of guessing', async () => {
    const answer = await call('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01', {
      body: { query: 'Resources | summarize count() by type' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body?.error.code).toBe('InvalidQuery');
  });
});

describe('long-running operations', () => {
  it('moves a PUT through its Azure-AsyncOperation monitor with Retry-After, and a DELETE through Location', async () => {
    const created = await call(
      'PUT',
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Quantum/workspaces/raw-ws${Q}`,
      {
        body: { location: 'West Europe' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('retry-after')).toBe('3');
    expect(created.body?.properties.provisioningState).toBe('ProviderLaunching');
    const monitor = new URL(created.headers.get('azure-asyncoperation') as string);
    expect(monitor.pathname).toMatch(
      /^\/subscriptions\/.+\/locations\/westeurope\/operationStatuses\/[0-9a-f-]{36}$/,
    );
    const first = await call('GET', monitor.pathname + monitor.search);
    expect(first.body).toMatchObject({ status: 'InProgress', percentComplete: 50 });
    expect(first.headers.get('retry-after')).toBe('3');
    const second = await call('GET', monitor.pathname + monitor.search);
    expect(second.body).toMatchObject({ status: 'Succeeded', percentComplete: 100 });
    expect(second.body?.endTime).toBeDefined();

    const deleted = await call(
      'DELETE',
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Quantum/workspaces/raw-ws${Q}`,
    );
    expect(deleted.status).toBe(202);
    const location = new URL(deleted.headers.get('location') as string);
    // The upstream example's monitor URL carries an older api-version than the request.
    expect(location.searchParams.get('api-version')).toBe('2023-11-13-preview');
    expect((await call('GET', location.pathname + location.search)).status).toBe(202);
    expect((await call('GET', location.pathname + location.search)).status).toBe(204);
    expect(mock.state.find(SUB, RG, 'raw-ws')).toBeUndefined();
    expect(
      (
        await call(
          'GET',
          `/subscriptions/${SUB}/providers/Microsoft.Quantum/locations/eastus/operationStatuses/nope${Q}`,
        )
      ).status,
    ).toBe(404);
  });
});

describe('state', () => {
  it('is shared between mocks and seeds workspaces whose endpoint points at a given data plane', () => {
    const state = new ArmMockState({
      dataPlaneBaseUrl: ({ location }) => `http://127.0.0.1:8787/quantum/${location}`,
      workspaces: [
        { name: 'seeded', location: 'North Europe' },
        { name: 'pinned', endpointUri: 'https://pinned.example' },
      ],
    });
    const a = createAzureQuantumArmMock({ state });
    const b = createAzureQuantumArmMock({ state, baseUrl: 'http://127.0.0.1:1/arm' });
    expect(a.state).toBe(b.state);
    expect(
      state.find(AZURE_ARM_DEMO.subscriptionId, AZURE_ARM_DEMO.resourceGroup, 'seeded')?.resource.properties,
    ).toMatchObject({
      endpointUri: 'http://127.0.0.1:8787/quantum/northeurope',
      provisioningState: 'Succeeded',
      usable: 'Yes',
    });
    expect(
      state.find(AZURE_ARM_DEMO.subscriptionId, AZURE_ARM_DEMO.resourceGroup, 'pinned')?.resource.properties
        ?.endpointUri,
    ).toBe('https://pinned.example');
  });
});
