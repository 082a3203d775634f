import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  InvalidArgumentError,
  RETRY_HEADER,
  type RetryEvent,
  type RetryOptions,
  TimeoutError,
  withRetry,
} from '../src/index.js';

const URL_ = 'https://api.example.test/v1/jobs';

type Step = Response | Error;

/** A fake fetch that answers with `steps` in order and records what it was sent. */
function fakeFetch(...steps: Step[]) {
  const seen: { method: string; url: string; headers: Headers; body: string }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: await request.text(),
    });
    const step = steps.shift();
    if (step === undefined) throw new Error('the test did not expect another request');
    if (step instanceof Error) throw step;
    return step;
  });
  return { fn, seen };
}

/** Options that make delays deterministic and record them instead of waiting. */
function instant(extra: RetryOptions = {}) {
  const delays: number[] = [];
  const events: RetryEvent[] = [];
  const options: RetryOptions = {
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    onRetry: (event) => events.push(event),
    ...extra,
  };
  return { delays, events, options };
}

const status = (code: number, headers: HeadersInit = {}, body: string | null = null) =>
  new Response(body, { status: code, headers });

describe('withRetry: statuses and Retry-After', () => {
  it('retries a 503 and returns the 200 that follows', async () => {
    const { fn } = fakeFetch(status(503), status(200, {}, 'ok'));
    const { delays, events, options } = instant();
    const response = await withRetry(fn, options)(URL_);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
    // base 1000 ms, random 0.5 -> halfway between 500 and 1000
    expect(delays).toEqual([750]);
    expect(events).toEqual([
      {
        attempt: 1,
        delayMs: 750,
        delaySource: 'backoff',
        status: 503,
        request: { method: 'GET', url: URL_ },
      },
    ]);
  });

  it('waits Retry-After seconds on a 429', async () => {
    const { fn } = fakeFetch(status(429, { 'retry-after': '2' }), status(200));
    const { delays, events, options } = instant();
    expect((await withRetry(fn, options)(URL_)).status).toBe(200);
    expect(delays).toEqual([2000]);
    expect(events[0]?.delaySource).toBe('retry-after');
  });

  it('waits until a Retry-After HTTP date', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const { fn } = fakeFetch(status(503, { 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), status(200));
    const { delays, options } = instant({ now: () => now });
    expect((await withRetry(fn, options)(URL_)).status).toBe(200);
    expect(delays).toEqual([5000]);
  });

  it('prefers retry-after-ms and x-ms-retry-after-ms to Retry-After', async () => {
    const { fn } = fakeFetch(
      status(429, { 'retry-after-ms': '250', 'retry-after': '9' }),
      status(503, { 'x-ms-retry-after-ms': '40' }),
      status(204),
    );
    const { delays, options } = instant();
    expect((await withRetry(fn, options)(URL_)).status).toBe(204);
    expect(delays).toEqual([250, 40]);
  });

  it('ignores Retry-After on statuses other than 429 and 503', async () => {
    const { fn } = fakeFetch(status(500, { 'retry-after': '20' }), status(200));
    const { delays, options } = instant();
    await withRetry(fn, options)(URL_);
    expect(delays).toEqual([750]);
  });

  it('returns the last response when every attempt fails, with growing, jittered, capped delays', async () => {
    const { fn } = fakeFetch(
      status(500, { 'x-attempt': '1' }),
      status(502, { 'x-attempt': '2' }),
      status(504, { 'x-attempt': '3' }),
      status(500, { 'x-attempt': '4' }),
    );
    const { delays, options } = instant({ random: () => 0.9, maxDelayMs: 3000 });
    const response = await withRetry(fn, options)(URL_);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-attempt')).toBe('4');
    expect(fn).toHaveBeenCalledTimes(4);
    // ceilings 1000, 2000, min(4000, 3000); jitter 90 % of the way from d/2 to d
    expect(delays).toEqual([950, 1900, 2850]);
  });

  it('keeps backoff delays within [d/2, d]', async () => {
    const { fn } = fakeFetch(status(500), status(500), status(200));
    const { delays, options } = instant({ random: () => 0, baseDelayMs: 600 });
    await withRetry(fn, options)(URL_);
    expect(delays).toEqual([300, 600]);
  });

  it.each([200, 400, 404, 501, 505])('does not retry a %i', async (code) => {
    const { fn } = fakeFetch(status(code));
    const { delays, options } = instant();
    expect((await withRetry(fn, options)(URL_)).status).toBe(code);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(delays).toEqual([]);
  });

  it('retries the statuses the caller lists', async () => {
    const { fn } = fakeFetch(status(409), status(200));
    const { options } = instant({ retryableStatuses: [409] });
    expect((await withRetry(fn, options)(URL_)).status).toBe(200);
  });

  it('cancels the body of a response it retries', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const { fn } = fakeFetch(new Response(body, { status: 503 }), status(200));
    const { options } = instant();
    await withRetry(fn, options)(URL_);
    expect(cancelled).toBe(true);
  });
});

describe('withRetry: total wait budget', () => {
  it('returns a 429 at once when its Retry-After exceeds the budget', async () => {
    const { fn } = fakeFetch(status(429, { 'retry-after': '120' }));
    const { delays, options } = instant({ maxTotalDelayMs: 60_000 });
    const response = await withRetry(fn, options)(URL_);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(delays).toEqual([]);
  });

  it('stops before the wait that would overrun the budget', async () => {
    const { fn } = fakeFetch(status(503), status(503), status(503), status(200));
    const { delays, options } = instant({ random: () => 0.9, maxTotalDelayMs: 2500 });
    const response = await withRetry(fn, options)(URL_);
    expect(response.status).toBe(503);
    // 950 fits, 950 + 1900 does not
    expect(delays).toEqual([950]);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('withRetry: which requests are retried', () => {
  it('does not retry a POST by default', async () => {
    const { fn } = fakeFetch(status(503), status(201));
    const { delays, options } = instant();
    const response = await withRetry(fn, options)(URL_, { method: 'POST', body: '{"name":"x"}' });
    expect(response.status).toBe(503);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(delays).toEqual([]);
  });

  it('retries a POST that opts in with the header, re-sending the same body without the header', async () => {
    const steps = fakeFetch(status(503), status(500), status(201));
    const { options } = instant();
    const body = JSON.stringify({ id: 'client-chosen-id', payload: 'é'.repeat(3) });
    const response = await withRetry(steps.fn, options)(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [RETRY_HEADER]: 'idempotent' },
      body,
    });
    expect(response.status).toBe(201);
    expect(steps.seen.map((s) => s.body)).toEqual([body, body, body]);
    expect(steps.seen.every((s) => s.method === 'POST')).toBe(true);
    expect(steps.seen.every((s) => s.headers.get('content-type') === 'application/json')).toBe(true);
    expect(steps.seen.some((s) => s.headers.has(RETRY_HEADER))).toBe(false);
  });

  it('re-sends the body of a Request object', async () => {
    const { fn, seen } = fakeFetch(status(502), status(200));
    const { options } = instant();
    const request = new Request(URL_, { method: 'PUT', body: new Uint8Array([1, 2, 3, 255]) });
    await withRetry(fn, options)(request);
    expect(seen.map((s) => [s.method, s.body.length])).toEqual([
      ['PUT', 4],
      ['PUT', 4],
    ]);
  });

  it('lets a predicate decide which requests are retryable', async () => {
    const { fn } = fakeFetch(status(503), status(200));
    const { options } = instant({
      isRetryable: (request) => new URL(request.url).pathname.endsWith('/jobs'),
    });
    expect((await withRetry(fn, options)(URL_, { method: 'POST', body: 'x' })).status).toBe(200);
  });

  it('never retries a request marked never, even a GET', async () => {
    const { fn, seen } = fakeFetch(status(503), status(200));
    const { options } = instant();
    const response = await withRetry(fn, options)(URL_, { headers: { [RETRY_HEADER]: 'never' } });
    expect(response.status).toBe(503);
    expect(seen[0]?.headers.has(RETRY_HEADER)).toBe(false);
  });

  it('rejects an unknown retry header value before sending', async () => {
    const { fn } = fakeFetch(status(200));
    const { options } = instant();
    await expect(withRetry(fn, options)(URL_, { headers: { [RETRY_HEADER]: 'yes' } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(fn).not.toHaveBeenCalled();
  });

  it('validates options when the wrapper is created', () => {
    const { fn } = fakeFetch();
    expect(() => withRetry(fn, { maxRetries: -1 })).toThrow(InvalidArgumentError);
    expect(() => withRetry(fn, { maxRetries: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => withRetry(fn, { baseDelayMs: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => withRetry(fn, { retryableStatuses: [42] })).toThrow(InvalidArgumentError);
  });
});

describe('withRetry: network errors', () => {
  it('retries a network error (a TypeError from fetch)', async () => {
    const { fn } = fakeFetch(new TypeError('fetch failed'), status(200));
    const { events, options } = instant();
    expect((await withRetry(fn, options)(URL_)).status).toBe(200);
    expect(events[0]?.error).toBeInstanceOf(TypeError);
    expect(events[0]?.status).toBeUndefined();
  });

  it('rethrows the last network error when attempts run out', async () => {
    const last = new TypeError('fetch failed: last');
    const { fn } = fakeFetch(new TypeError('fetch failed'), new TypeError('fetch failed'), last);
    const { options } = instant({ maxRetries: 2 });
    await expect(withRetry(fn, options)(URL_)).rejects.toBe(last);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('does not retry errors that are not network errors', async () => {
    const failure = new RangeError('bug in a custom fetch');
    const { fn } = fakeFetch(failure, status(200));
    const { options } = instant();
    await expect(withRetry(fn, options)(URL_)).rejects.toBe(failure);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does not retry when the caller aborted the request', async () => {
    const controller = new AbortController();
    const fn = vi.fn(async () => {
      controller.abort();
      throw new TypeError('fetch failed');
    });
    const { options } = instant();
    await expect(withRetry(fn, options)(URL_, { signal: controller.signal })).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('withRetry: abort while waiting', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects with an AbortError as soon as the signal fires during backoff, and sends nothing more', async () => {
    vi.useFakeTimers();
    const { fn } = fakeFetch(status(503, { 'retry-after': '30' }), status(200));
    const controller = new AbortController();
    const retrying = withRetry(fn, { onRetry: () => setTimeout(() => controller.abort(), 100) });
    const outcome = retrying(URL_, { signal: controller.signal }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    const error = await outcome;
    expect(error).toBeInstanceOf(AbortError);
    expect(fn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('rejects with an AbortError carrying the caller’s own reason as its cause', async () => {
    const { fn } = fakeFetch(status(503));
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const retrying = withRetry(fn, { sleep: async () => controller.abort(reason) });
    const error = await retrying(URL_, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).cause).toBe(reason);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('reports an AbortSignal.timeout() as a TimeoutError', async () => {
    const { fn } = fakeFetch(status(503));
    const retrying = withRetry(fn, { sleep: () => new Promise(() => undefined) });
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const error = await retrying(URL_, { signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('withRetry: what the onRetry hook sees', () => {
  it('gets the method and a redacted URL, never headers or bodies', async () => {
    const { fn } = fakeFetch(status(503), status(200));
    const { events, options } = instant();
    await withRetry(fn, options)('https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=SECRETSIGNATURE', {
      method: 'PUT',
      headers: { authorization: 'Bearer TOKENVALUE123' },
      body: 'BODYSECRET',
    });
    expect(events).toHaveLength(1);
    const rendered = JSON.stringify(events);
    expect(rendered).not.toContain('SECRETSIGNATURE');
    expect(rendered).not.toContain('TOKENVALUE123');
    expect(rendered).not.toContain('BODYSECRET');
    expect(events[0]?.request).toEqual({
      method: 'PUT',
      url: 'https://acct.blob.core.windows.net/c/b?sv=REDACTED&sig=REDACTED',
    });
  });
});
