import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  InvalidArgumentError,
  TimeoutError,
  type WaitForOptions,
  type WaitProgress,
  WaitTimeoutError,
  waitFor,
} from '../src/index.js';

interface Job {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE';
  retryAfterMs?: number;
}

/** A job that reports each of `statuses` in turn (the last one forever). */
function jobSequence(...statuses: Job['status'][]) {
  let index = 0;
  return vi.fn(async (): Promise<Job> => {
    const status = statuses[Math.min(index, statuses.length - 1)] ?? 'DONE';
    index += 1;
    return { id: 'job-1', status };
  });
}

/** A virtual clock whose sleep advances time instantly and records each wait. */
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

const isDone = (job: Job) => job.status === 'DONE';

describe('waitFor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls at once, backs off, and resolves with the terminal value', async () => {
    const poll = jobSequence('QUEUED', 'RUNNING', 'DONE');
    const clock = virtualTime();
    const progress: WaitProgress<Job>[] = [];
    const job = await waitFor({ poll, isDone, ...clock, onProgress: (p) => progress.push(p) });
    expect(job).toEqual({ id: 'job-1', status: 'DONE' });
    expect(poll).toHaveBeenCalledTimes(3);
    expect(clock.delays).toEqual([1000, 2000]);
    expect(progress).toEqual([
      { value: { id: 'job-1', status: 'QUEUED' }, attempt: 1, elapsedMs: 0, done: false, nextDelayMs: 1000 },
      {
        value: { id: 'job-1', status: 'RUNNING' },
        attempt: 2,
        elapsedMs: 1000,
        done: false,
        nextDelayMs: 2000,
      },
      {
        value: { id: 'job-1', status: 'DONE' },
        attempt: 3,
        elapsedMs: 3000,
        done: true,
        nextDelayMs: undefined,
      },
    ]);
  });

  it('grows the delay by the factor up to maxDelayMs', async () => {
    const poll = jobSequence('QUEUED', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED', 'QUEUED', 'DONE');
    const clock = virtualTime();
    await waitFor({ poll, isDone, ...clock, initialDelayMs: 100, factor: 3, maxDelayMs: 2000 });
    expect(clock.delays).toEqual([100, 300, 900, 2000, 2000, 2000]);
  });

  it('uses the delay the service asked for when delayHint returns one', async () => {
    let calls = 0;
    const poll = vi.fn(async (): Promise<Job> => {
      calls += 1;
      return calls < 3
        ? { id: 'j', status: 'RUNNING', retryAfterMs: calls === 1 ? 7000 : undefined }
        : { id: 'j', status: 'DONE' };
    });
    const clock = virtualTime();
    await waitFor({ poll, isDone, ...clock, delayHint: (job) => job.retryAfterMs });
    // the hint replaces the first wait; the second falls back to the backoff schedule
    expect(clock.delays).toEqual([7000, 2000]);
  });

  it('bounds a service’s delay hint (a Retry-After of 999999 s) by maxRetryAfterMs, 60 s by default', async () => {
    const statuses: Job['status'][] = ['RUNNING', 'RUNNING', 'DONE'];
    const poll = vi.fn(
      async (): Promise<Job> => ({ id: 'j', status: statuses.shift() ?? 'DONE', retryAfterMs: 999_999_000 }),
    );
    const clock = virtualTime();
    await waitFor({ poll, isDone, ...clock, delayHint: (job) => job.retryAfterMs });
    expect(clock.delays).toEqual([60_000, 60_000]);
    const again: Job['status'][] = ['RUNNING', 'DONE'];
    const capped = virtualTime();
    await waitFor({
      poll: async (): Promise<Job> => ({
        id: 'j',
        status: again.shift() ?? 'DONE',
        retryAfterMs: 999_999_000,
      }),
      isDone,
      ...capped,
      delayHint: (job) => job.retryAfterMs,
      maxRetryAfterMs: 5_000,
    });
    expect(capped.delays).toEqual([5_000]);
  });

  it('refuses a time limit that is not a finite positive number of at most 2^31−1 ms (Infinity waits forever)', async () => {
    for (const bad of [0, -5, Number.NaN, 1e12, '1000']) {
      await expect(
        waitFor({ poll: jobSequence('DONE'), isDone, timeoutMs: bad as number }),
      ).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    await expect(
      waitFor({ poll: jobSequence('DONE'), isDone, timeoutMs: Number.POSITIVE_INFINITY }),
    ).resolves.toBeDefined();
  });

  it('times out with a TimeoutError that carries the last value, polling one last time at the deadline', async () => {
    const poll = jobSequence('QUEUED', 'QUEUED', 'RUNNING');
    const clock = virtualTime();
    const error = await waitFor({
      poll,
      isDone,
      ...clock,
      initialDelayMs: 400,
      timeoutMs: 1000,
      description: 'job job-1 to finish',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toBeInstanceOf(TimeoutError);
    const timeout = error as WaitTimeoutError<Job>;
    expect(timeout.lastValue).toEqual({ id: 'job-1', status: 'RUNNING' });
    expect(timeout.attempts).toBe(3);
    expect(timeout.elapsedMs).toBe(1000);
    expect(timeout.message).toContain('waiting for job job-1 to finish');
    // 400, then the 800 of the schedule shortened to the 600 left
    expect(clock.delays).toEqual([400, 600]);
    expect(poll).toHaveBeenCalledTimes(3);
  });

  it('keeps the last value out of JSON, where it could leak URLs with credentials', async () => {
    const clock = virtualTime();
    const error = await waitFor({
      poll: async () => ({
        status: 'RUNNING',
        outputUri: 'https://acct.blob.example/c?sig=SECRET-SIG-VALUE',
      }),
      isDone: () => false,
      ...clock,
      timeoutMs: 10,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError<{ outputUri: string }>).lastValue?.outputUri).toContain(
      'SECRET-SIG-VALUE',
    );
    expect(JSON.stringify(error)).not.toContain('SECRET-SIG-VALUE');
    expect(Object.keys(error as object)).not.toContain('lastValue');
  });

  it('rejects with an AbortError as soon as the signal fires mid-sleep, and polls no more', async () => {
    vi.useFakeTimers();
    const poll = jobSequence('QUEUED');
    const controller = new AbortController();
    const outcome = waitFor({ poll, isDone, initialDelayMs: 10_000, signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(poll).toHaveBeenCalledTimes(1);
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('rejects at once on abort even while a poll that ignores the signal is in flight', async () => {
    const controller = new AbortController();
    const poll = vi.fn(() => new Promise<Job>(() => {}));
    const outcome = waitFor({ poll, isDone, signal: controller.signal });
    controller.abort();
    await expect(outcome).rejects.toBeInstanceOf(AbortError);
  });

  it('passes the caller’s signal to poll and does not start when already aborted', async () => {
    const controller = new AbortController();
    const poll = vi.fn(
      async (_signal: AbortSignal | undefined): Promise<Job> => ({ id: 'j', status: 'DONE' }),
    );
    await waitFor({ poll, isDone, signal: controller.signal });
    expect(poll).toHaveBeenCalledWith(controller.signal);
    controller.abort();
    await expect(waitFor({ poll, isDone, signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('lets an error thrown by poll propagate and stops polling', async () => {
    const failure = new Error('HTTP 404');
    const poll = vi.fn<WaitForOptions<Job>['poll']>().mockResolvedValueOnce({ id: 'j', status: 'QUEUED' });
    poll.mockRejectedValueOnce(failure);
    const clock = virtualTime();
    await expect(waitFor({ poll, isDone, ...clock })).rejects.toBe(failure);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it.each([{ factor: 0.5 }, { initialDelayMs: -1 }, { maxDelayMs: Number.NaN }, { timeoutMs: 0 }])(
    'rejects invalid options %o before polling',
    async (bad) => {
      const poll = jobSequence('DONE');
      await expect(waitFor({ poll, isDone, ...bad })).rejects.toBeInstanceOf(InvalidArgumentError);
      expect(poll).not.toHaveBeenCalled();
    },
  );
});

describe('waitFor with a poll that never answers', () => {
  it('ends at the deadline with WaitTimeoutError and the last value, aborting the hung poll', async () => {
    let calls = 0;
    let hungSignal: AbortSignal | undefined;
    const error = await waitFor<string>({
      poll: (signal) => {
        calls += 1;
        if (calls === 1) return Promise.resolve('RUNNING');
        hungSignal = signal;
        return new Promise<string>(() => {}); // a request that never answers and ignores its signal
      },
      isDone: (value) => value === 'DONE',
      initialDelayMs: 1,
      timeoutMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError<string>).lastValue).toBe('RUNNING');
    expect(hungSignal?.aborted).toBe(true);
  });
});
