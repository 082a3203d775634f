import { AbortError, ConflictError, NotFoundError, type WaitProgress, WaitTimeoutError } from '@qc/core';
import { expectNoSecrets } from '@qc/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createLroPoller,
  type LroInitialResponse,
  type LroPollerOptions,
  type LroState,
  OperationFailedError,
  UnsafeOperationUrlError,
} from '../src/index.js';

const ARM = 'https://management.azure.com';
const RESOURCE = `${ARM}/subscriptions/s/resourceGroups/rg/providers/Microsoft.Quantum/workspaces/ws1?api-version=1`;
const STATUS = `${ARM}/subscriptions/s/providers/Microsoft.Quantum/locations/westus/operationStatuses/op1?api-version=1`;
const RESULT = `${ARM}/subscriptions/s/resourceGroups/rg/providers/Microsoft.Quantum/locations/westus/operationStatus/default/operationId/op2?api-version=1`;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

function initial(
  method: string,
  status: number,
  headers: Record<string, string>,
  body?: unknown,
): LroInitialResponse {
  return { method, url: RESOURCE, status, headers: new Headers(headers), body };
}

/** A fake authenticated GET: each URL answers its queued responses in turn (the last one forever). */
function fakeGet(routes: Record<string, Response[]>) {
  const calls: string[] = [];
  const get = vi.fn(async (url: string, _signal?: AbortSignal) => {
    calls.push(url);
    const queue = routes[url];
    if (!queue || queue.length === 0) throw new Error(`unexpected GET ${url}`);
    const next = queue.length > 1 ? queue.shift() : queue[0];
    return (next as Response).clone();
  });
  return { get, calls };
}

/** A virtual clock whose sleep advances time at once and records each wait. */
function virtualTime() {
  let time = 0;
  const delays: number[] = [];
  return {
    delays,
    now: () => time,
    sleep: async (ms: number) => {
      delays.push(ms);
      time += ms;
    },
  };
}

function poller<T = unknown>(options: Omit<LroPollerOptions<T>, 'sleep' | 'now'>, clock = virtualTime()) {
  return { poller: createLroPoller<T>({ ...clock, ...options }), clock };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createLroPoller with Azure-AsyncOperation', () => {
  it('waits as Retry-After says, polls to Succeeded, then GETs the resource', async () => {
    const { get, calls } = fakeGet({
      [STATUS]: [
        json({ status: 'InProgress', percentComplete: 40 }, 200, { 'retry-after': '5' }),
        json({ status: 'Succeeded' }),
      ],
      [RESOURCE]: [json({ name: 'ws1', properties: { provisioningState: 'Succeeded' } })],
    });
    const progress: WaitProgress<LroState>[] = [];
    const { poller: lro, clock } = poller({
      start: async () =>
        initial(
          'PUT',
          201,
          { 'azure-asyncoperation': STATUS, 'retry-after': '3' },
          { properties: { provisioningState: 'ProviderLaunching' } },
        ),
      get,
      onProgress: (p) => progress.push(p),
    });
    expect(await lro).toEqual({ name: 'ws1', properties: { provisioningState: 'Succeeded' } });
    expect(clock.delays).toEqual([3000, 5000]);
    expect(calls).toEqual([STATUS, STATUS, RESOURCE]);
    expect(progress.map((p) => [p.value.status, p.value.serviceStatus, p.value.polls])).toEqual([
      ['InProgress', undefined, 0],
      ['InProgress', 'InProgress', 1],
      ['Succeeded', 'Succeeded', 2],
    ]);
    expect(progress[1]?.value).toMatchObject({
      monitor: 'azure-async-operation',
      initialStatus: 201,
      percentComplete: 40,
    });
    expect(lro.isDone()).toBe(true);
    expect((await lro.started).status).toBe(201);
  });

  it('backs off from initialDelayMs when the service sends no Retry-After', async () => {
    const { get } = fakeGet({
      [STATUS]: [
        json({ status: 'Running' }),
        json({ status: 'Running' }),
        json({ status: 'Running' }),
        json({ status: 'succeeded' }),
      ],
    });
    const { poller: lro, clock } = poller({
      start: async () => initial('DELETE', 202, { 'azure-asyncoperation': STATUS }),
      get,
      initialDelayMs: 100,
      factor: 2,
      maxDelayMs: 300,
    });
    await expect(lro.pollUntilDone()).resolves.toBeUndefined();
    expect(clock.delays).toEqual([100, 200, 300, 300]);
  });

  it('reads a bare string error of a Failed operation as its code', () => {
    const error = new OperationFailedError({ status: 'Failed', error: 'ProvisioningFailed' });
    expect(error.code).toBe('ProvisioningFailed');
    expect(error.message).toContain('[ProvisioningFailed]');
    const nested = new OperationFailedError({
      status: 'Failed',
      error: { code: 'Quota', message: 'no room' },
    });
    expect(nested).toMatchObject({ code: 'Quota', serviceMessage: 'no room' });
  });

  it('turns a Failed operation into an OperationFailedError with the service error, secrets redacted', async () => {
    const secret = 'hunter2-super-secret-value';
    const { get } = fakeGet({
      [STATUS]: [
        json({
          status: 'Failed',
          error: { code: 'ProviderProvisioningFailed', message: `IonQ could not be set up (${secret})` },
        }),
      ],
    });
    const { poller: lro } = poller({
      start: async () => initial('PUT', 201, { 'azure-asyncoperation': STATUS }),
      get,
      description: 'creation of workspace ws1',
      secrets: () => [secret],
    });
    const error = await lro.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({
      status: 'Failed',
      code: 'ProviderProvisioningFailed',
      message: expect.stringContaining('creation of workspace ws1 failed [ProviderProvisioningFailed]'),
    });
    expectNoSecrets(error, [secret]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reports a Canceled operation as such', async () => {
    const { get } = fakeGet({ [STATUS]: [json({ status: 'Canceled' })] });
    const { poller: lro } = poller({
      start: async () => initial('PUT', 200, { 'azure-asyncoperation': STATUS }),
      get,
    });
    await expect(lro.pollUntilDone()).rejects.toMatchObject({
      name: 'OperationFailedError',
      status: 'Canceled',
    });
  });

  it('refuses a status URL on another origin before sending anything to it', async () => {
    const { get } = fakeGet({});
    for (const url of [
      'https://attacker.example/steal?token=x',
      'http://management.azure.com/subscriptions/s/operationStatuses/op1',
      'https://management.azure.com:8443/op',
    ]) {
      const { poller: lro } = poller({
        start: async () => initial('PUT', 201, { 'azure-asyncoperation': url }),
        get,
      });
      const error = await lro.pollUntilDone().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeOperationUrlError);
      expect((error as UnsafeOperationUrlError).expectedOrigin).toBe(ARM);
      expect(String(error)).not.toContain('token=x');
    }
    expect(get).not.toHaveBeenCalled();
  });

  it('times out with the last state, and stops at once when aborted', async () => {
    const { get } = fakeGet({ [STATUS]: [json({ status: 'InProgress' }, 200, { 'retry-after': '10' })] });
    const { poller: slow } = poller({
      start: async () => initial('PUT', 201, { 'azure-asyncoperation': STATUS }),
      get,
      timeoutMs: 25_000,
    });
    const timeout = await slow.pollUntilDone().catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(WaitTimeoutError);
    expect((timeout as WaitTimeoutError<LroState>).lastValue).toMatchObject({ status: 'InProgress' });

    const controller = new AbortController();
    const { poller: aborted } = poller({
      start: async () => initial('PUT', 201, { 'azure-asyncoperation': STATUS }),
      get: async (url, signal) => {
        controller.abort();
        return get(url, signal);
      },
      signal: controller.signal,
    });
    await expect(aborted.pollUntilDone()).rejects.toBeInstanceOf(AbortError);
  });
});

describe('createLroPoller with Location', () => {
  it('follows 202s (and a changed Location) until 204, resolving with no result', async () => {
    const next = `${RESULT}&page=2`;
    const { get, calls } = fakeGet({
      [RESULT]: [new Response(null, { status: 202, headers: { location: next, 'retry-after': '2' } })],
      [next]: [new Response(null, { status: 202 }), new Response(null, { status: 204 })],
    });
    const { poller: lro, clock } = poller({
      start: async () => initial('DELETE', 202, { location: RESULT, 'retry-after': '1' }),
      get,
      initialDelayMs: 700,
    });
    await expect(lro).resolves.toBeUndefined();
    expect(calls).toEqual([RESULT, next, next]);
    // Retry-After rules while given; the computed backoff (700 × 1.5²) grew meanwhile.
    expect(clock.delays).toEqual([1000, 2000, 1575]);
    expect(lro.state).toMatchObject({ status: 'Succeeded', monitor: 'location', polls: 3 });
  });

  it('resolves a relative Location against the request', async () => {
    const { get, calls } = fakeGet({ [RESULT]: [new Response(null, { status: 204 })] });
    const relative = RESULT.slice(ARM.length);
    const { poller: lro } = poller({
      start: async () => initial('DELETE', 202, { location: relative }),
      get,
    });
    await lro;
    expect(calls).toEqual([RESULT]);
  });

  it('surfaces a failed Location poll as the typed HTTP error', async () => {
    const { get } = fakeGet({
      [RESULT]: [json({ error: { code: 'Conflict', message: 'a job is still running' } }, 409)],
    });
    const { poller: lro } = poller({ start: async () => initial('DELETE', 202, { location: RESULT }), get });
    const error = await lro.pollUntilDone().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'Conflict', method: 'GET' });
  });

  it('uses the Location body as the result of a POST', async () => {
    const { get } = fakeGet({ [RESULT]: [json({ answer: 42 })] });
    const { poller: lro } = poller({
      start: async () => ({ ...initial('POST', 202, { location: RESULT }) }),
      get,
      parseResult: (body) => (body as { answer: number }).answer,
    });
    await expect(lro).resolves.toBe(42);
  });
});

describe('createLroPoller without a monitor header', () => {
  it('is done at once on a 204 (nothing to delete) and never polls', async () => {
    const { get } = fakeGet({});
    const { poller: lro, clock } = poller({ start: async () => initial('DELETE', 204, {}), get });
    await expect(lro).resolves.toBeUndefined();
    expect(get).not.toHaveBeenCalled();
    expect(clock.delays).toEqual([]);
    expect(lro.state).toMatchObject({ status: 'Succeeded', monitor: 'none', initialStatus: 204 });
  });

  it('polls the resource while its provisioningState is not final', async () => {
    const { get } = fakeGet({
      [RESOURCE]: [
        json({ properties: { provisioningState: 'Updating' } }),
        json({ id: 'x', properties: { provisioningState: 'Succeeded' } }),
      ],
    });
    const { poller: lro } = poller({
      start: async () => initial('PUT', 201, {}, { properties: { provisioningState: 'Creating' } }),
      get,
    });
    await expect(lro).resolves.toEqual({ id: 'x', properties: { provisioningState: 'Succeeded' } });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('polls a 202 DELETE until the resource answers 404', async () => {
    const { get } = fakeGet({
      [RESOURCE]: [
        json({ properties: { provisioningState: 'Deleting' } }),
        json({ properties: {} }),
        json({ error: { code: 'ResourceNotFound' } }, 404),
      ],
    });
    const { poller: lro } = poller({ start: async () => initial('DELETE', 202, {}), get });
    await expect(lro).resolves.toBeUndefined();
    expect(get).toHaveBeenCalledTimes(3);
  });

  it('rejects with the typed error of a failed starting response', async () => {
    const { get } = fakeGet({});
    const { poller: lro } = poller({
      start: async () => initial('PUT', 404, {}, { error: { code: 'ResourceGroupNotFound', message: 'no' } }),
      get,
    });
    await expect(lro).rejects.toBeInstanceOf(NotFoundError);
    await expect(lro.started).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the poller as an object', () => {
  it('can be stepped by hand with poll()', async () => {
    const { get } = fakeGet({
      [STATUS]: [json({ status: 'InProgress' }), json({ status: 'Succeeded' })],
      [RESOURCE]: [json({ done: true })],
    });
    const { poller: lro, clock } = poller({
      start: async () => initial('PUT', 201, { 'azure-asyncoperation': STATUS }),
      get,
    });
    expect(lro.state.status).toBe('NotStarted');
    expect(await lro.poll()).toMatchObject({ status: 'InProgress', polls: 1 });
    expect(lro.isDone()).toBe(false);
    expect(await lro.poll()).toMatchObject({ status: 'Succeeded', polls: 2 });
    expect(await lro.poll()).toMatchObject({ status: 'Succeeded', polls: 2 });
    await expect(lro).resolves.toEqual({ done: true });
    expect(clock.delays).toEqual([]);
  });

  it('honours Retry-After on the real timer (fake timers)', async () => {
    vi.useFakeTimers();
    const { get } = fakeGet({
      [STATUS]: [json({ status: 'InProgress' }, 200, { 'retry-after': '20' }), json({ status: 'Succeeded' })],
      [RESOURCE]: [json({ ok: 1 })],
    });
    const lro = createLroPoller({
      start: async () => initial('PUT', 201, { 'azure-asyncoperation': STATUS, 'retry-after': '10' }),
      get,
    });
    const result = lro.pollUntilDone();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(get).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(get).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(get).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({ ok: 1 });
    expect(get).toHaveBeenCalledTimes(3);
  });

  it('returns the same promise from every pollUntilDone and then', async () => {
    const { get } = fakeGet({ [STATUS]: [json({ status: 'Succeeded' })], [RESOURCE]: [json({ a: 1 })] });
    const { poller: lro } = poller({
      start: async () => initial('PUT', 201, { 'azure-asyncoperation': STATUS }),
      get,
    });
    const [a, b] = await Promise.all([lro, lro.pollUntilDone()]);
    expect(a).toBe(b);
    expect(lro.pollUntilDone()).toBe(lro.pollUntilDone());
    expect(get).toHaveBeenCalledTimes(2);
  });
});
