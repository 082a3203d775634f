import { createEntraMock, ENTRA_DEMO_CREDENTIALS } from '@qc/azure-quantum/msw';
import { ConflictError, NotFoundError, type WaitProgress, WaitTimeoutError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createAzureQuantumArmClient,
  type LroState,
  OperationFailedError,
  type QuantumWorkspace,
} from '../src/index.js';
import { AZURE_ARM_DEMO, createAzureQuantumArmMock } from '../src/msw/index.js';

const SUB = AZURE_ARM_DEMO.subscriptionId;
const RG = 'quantum-rg';
// One Entra for all mocks, as in the cloud: the ARM mock accepts only tokens it issued for ARM.
const entra = createEntraMock();
// Retry-After 0 keeps these tests fast; the fake-timer tests below use real waits.
const mock = createAzureQuantumArmMock({ entra, retryAfterSeconds: 0, pageSize: 2 });
const { server } = useTestServer(...entra.handlers, ...mock.handlers);

const arm = () =>
  createAzureQuantumArmClient({
    subscriptionId: SUB,
    auth: ENTRA_DEMO_CREDENTIALS,
  });

const body = (location = 'westus'): QuantumWorkspace => ({
  location,
  tags: { team: 'research' },
  properties: {
    providers: [
      { providerId: 'ionq', providerSku: 'pay-as-you-go-cred' },
      { providerId: 'microsoft-qc', providerSku: 'learn-and-develop' },
    ],
    storageAccount: AZURE_ARM_DEMO.storageAccountId,
    apiKeyEnabled: true,
  },
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a workspace through its whole life', () => {
  it('is created, polled, read, listed, keyed, re-keyed and deleted through the public API', async () => {
    const client = arm();
    const progress: WaitProgress<LroState>[] = [];

    // Create: 201, ProviderLaunching, then the Azure-AsyncOperation monitor to Succeeded.
    const creation = client.createOrUpdateWorkspace(RG, 'life-ws', body('West US'), {
      onProgress: (p) => progress.push(p),
    });
    const started = await creation.started;
    expect(started.status).toBe(201);
    expect(started.headers.get('azure-asyncoperation')).toMatch(/\/operationStatuses\//);
    expect((started.body as QuantumWorkspace).properties).toMatchObject({
      provisioningState: 'ProviderLaunching',
      usable: 'No',
    });
    const created = await creation;
    expect(created.properties).toMatchObject({
      provisioningState: 'Succeeded',
      usable: 'Yes',
      endpointUri: 'https://life-ws.westus.quantum.azure.com',
    });
    expect(created.properties?.providers?.map((p) => p.provisioningState)).toEqual([
      'Succeeded',
      'Succeeded',
    ]);
    expect(progress.map((p) => [p.value.status, p.value.serviceStatus])).toEqual([
      ['InProgress', undefined],
      ['InProgress', 'InProgress'],
      ['Succeeded', 'Succeeded'],
    ]);
    expect(creation.state).toMatchObject({ status: 'Succeeded', monitor: 'azure-async-operation', polls: 2 });

    // Read and list.
    expect(await client.getWorkspace(RG, 'life-ws')).toEqual(created);
    const inGroup = [];
    for await (const workspace of client.listWorkspaces({ resourceGroup: RG })) inGroup.push(workspace.name);
    expect(inGroup).toEqual(['life-ws']);

    // Keys: read, regenerate the primary, read again.
    const keys = await client.listKeys(RG, 'life-ws');
    expect(keys.apiKeyEnabled).toBe(true);
    expect(keys.primaryKey?.key).toMatch(/^[A-Za-z0-9+/]{40,}$/);
    expect(keys.primaryConnectionString).toContain('WorkspaceName=life-ws;ApiKey=');
    await client.regenerateKey(RG, 'life-ws', 'Primary');
    const rotated = await client.listKeys(RG, 'life-ws');
    expect(rotated.primaryKey?.key).not.toBe(keys.primaryKey?.key);
    expect(rotated.secondaryKey?.key).toBe(keys.secondaryKey?.key);
    await client.regenerateKey(RG, 'life-ws', ['Primary', 'Secondary']);
    expect((await client.listKeys(RG, 'life-ws')).secondaryKey?.key).not.toBe(keys.secondaryKey?.key);

    // Tags.
    expect((await client.updateWorkspaceTags(RG, 'life-ws', { env: 'prod' })).tags).toEqual({ env: 'prod' });

    // Delete: 202 + Location, polled to 204; the workspace is gone; deleting again is a 204 at once.
    const deletion = client.deleteWorkspace(RG, 'life-ws');
    expect((await deletion.started).status).toBe(202);
    await expect(deletion).resolves.toBeUndefined();
    expect(deletion.state).toMatchObject({ status: 'Succeeded', monitor: 'location', polls: 2 });
    await expect(client.getWorkspace(RG, 'life-ws')).rejects.toBeInstanceOf(NotFoundError);
    const again = client.deleteWorkspace(RG, 'life-ws');
    await expect(again).resolves.toBeUndefined();
    expect(again.state).toMatchObject({ initialStatus: 204, monitor: 'none', polls: 0 });

    // Every token was asked for the management scope.
    const scopes = new Set([...entra.state.tokens.values()].map((t) => t.scope));
    expect(scopes).toEqual(new Set(['https://management.azure.com/.default']));
  });

  it('updates an existing workspace: 200, ProviderUpdating, then Succeeded', async () => {
    const client = arm();
    await client.createOrUpdateWorkspace(RG, 'update-ws', body());
    const update = client.createOrUpdateWorkspace(RG, 'update-ws', {
      ...body(),
      properties: { providers: [{ providerId: 'quantinuum', providerSku: 'credits1' }] },
    });
    const started = await update.started;
    expect(started.status).toBe(200);
    expect((started.body as QuantumWorkspace).properties?.provisioningState).toBe('ProviderUpdating');
    const updated = await update;
    expect(updated.properties?.provisioningState).toBe('Succeeded');
    expect(updated.properties?.providers?.map((p) => p.providerId)).toEqual(['quantinuum']);
    await client.deleteWorkspace(RG, 'update-ws');
  });

  it('pages through workspaces by nextLink', async () => {
    const client = arm();
    for (const name of ['page-a', 'page-b', 'page-c'])
      await client.createOrUpdateWorkspace('paging-rg', name, body());
    const names: string[] = [];
    for await (const workspace of client.listWorkspaces({ resourceGroup: 'paging-rg' }))
      names.push(workspace.name ?? '');
    expect(names).toEqual(['page-a', 'page-b', 'page-c']);
    const firstTwo: string[] = [];
    for await (const w of client.listWorkspaces({ maxItems: 2 })) firstTwo.push(w.name ?? '');
    expect(firstTwo).toHaveLength(2);
    for (const name of ['page-a', 'page-b', 'page-c']) await client.deleteWorkspace('paging-rg', name);
  });
});

describe('failed long-running operations', () => {
  it('surfaces a Failed creation as an OperationFailedError with the service error', async () => {
    mock.state.failNextOperation('doomed-ws', 'create', {
      code: 'ProviderProvisioningFailed',
      message: 'Provider ionq could not be provisioned: the offer is not available in this region.',
    });
    const client = arm();
    const error = await client
      .createOrUpdateWorkspace(RG, 'doomed-ws', body())
      .pollUntilDone()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({ status: 'Failed', code: 'ProviderProvisioningFailed' });
    expect((error as Error).message).toContain('creation or update of workspace doomed-ws failed');
    expect((await client.getWorkspace(RG, 'doomed-ws')).properties?.provisioningState).toBe('Failed');
    await client.deleteWorkspace(RG, 'doomed-ws');
  });

  it('reports a Canceled creation as Canceled', async () => {
    mock.state.failNextOperation('cancel-ws', 'create', {
      status: 'Canceled',
      code: 'Canceled',
      message: 'by user',
    });
    const client = arm();
    await expect(client.createOrUpdateWorkspace(RG, 'cancel-ws', body())).rejects.toMatchObject({
      name: 'OperationFailedError',
      status: 'Canceled',
    });
    await client.deleteWorkspace(RG, 'cancel-ws');
  });

  it('surfaces a failed deletion (error status on the Location monitor) as a typed HTTP error', async () => {
    const client = arm();
    await client.createOrUpdateWorkspace(RG, 'sticky-ws', body());
    mock.state.failNextOperation('sticky-ws', 'delete', {
      code: 'ScopeLocked',
      message: 'The workspace is locked.',
    });
    const error = await client.deleteWorkspace(RG, 'sticky-ws').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'ScopeLocked', status: 409 });
    await client.deleteWorkspace(RG, 'sticky-ws');
  });

  it('answers 409 when another operation on the workspace is running', async () => {
    const client = arm();
    const creation = client.createOrUpdateWorkspace(RG, 'busy-ws', body());
    await creation.started;
    await expect(client.deleteWorkspace(RG, 'busy-ws')).rejects.toMatchObject({
      status: 409,
      code: 'AnotherOperationInProgress',
    });
    await creation;
    await client.deleteWorkspace(RG, 'busy-ws');
  });
});

describe('waiting', () => {
  it('honours Retry-After between polls (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const slow = createAzureQuantumArmMock({ entra, retryAfterSeconds: 7, pollsToComplete: 3 });
    server.use(...slow.handlers);
    const client = arm();
    const creation = client.createOrUpdateWorkspace(RG, 'patient-ws', body());
    const done = creation.pollUntilDone();
    await vi.advanceTimersByTimeAsync(1);
    expect(slow.state.counters.statusPolls).toBe(0);
    await vi.advanceTimersByTimeAsync(6_998);
    expect(slow.state.counters.statusPolls).toBe(0);
    await vi.advanceTimersByTimeAsync(2);
    expect(slow.state.counters.statusPolls).toBe(1);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(slow.state.counters.statusPolls).toBe(2);
    await vi.advanceTimersByTimeAsync(7_000);
    await expect(done).resolves.toMatchObject({ properties: { provisioningState: 'Succeeded' } });
    expect(slow.state.counters.statusPolls).toBe(3);
  });

  it('times out with the last state, and stops when aborted; the operation goes on at the service', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const slow = createAzureQuantumArmMock({ entra, retryAfterSeconds: 10, pollsToComplete: 100 });
    server.use(...slow.handlers);
    const client = arm();
    const timed = client.createOrUpdateWorkspace(RG, 'slow-ws', body(), { timeoutMs: 25_000 });
    const timeout = timed.pollUntilDone().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    const error = await timeout;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError<LroState>).lastValue).toMatchObject({ status: 'InProgress' });

    const controller = new AbortController();
    const aborted = client.createOrUpdateWorkspace(RG, 'slow-ws-2', body(), { signal: controller.signal });
    const outcome = aborted.pollUntilDone().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(15_000);
    const pollsBefore = slow.state.counters.statusPolls;
    controller.abort();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toMatchObject({ name: 'AbortError' });
    expect(slow.state.counters.statusPolls).toBe(pollsBefore);
    expect(slow.state.find(SUB, RG, 'slow-ws-2')?.resource.properties?.provisioningState).toBe(
      'ProviderLaunching',
    );
  });
});
