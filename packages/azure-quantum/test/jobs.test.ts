import {
  AbortError,
  ConflictError,
  NotFoundError,
  ServerError,
  SubmissionOutcomeUnknownError,
  WaitTimeoutError,
} from '@qc/core';
import { useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAzureQuantumClient, ionqCircuit, JobFailedError, newItemId } from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
} from '../src/msw/index.js';

const mock = createAzureQuantumMock();
const slow = createAzureQuantumMock({
  endpoint: 'https://westus.quantum.azure.com',
  storageAccountUrl: 'https://slowstorage.blob.core.windows.net',
  pollsPerTransition: 1000,
  cancelStatus: 200,
});
const { server } = useTestServer(...mock.handlers, ...slow.handlers);

const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
const options = { subscriptionId, resourceGroup, workspace, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } };
const aq = createAzureQuantumClient({ ...options, location: 'eastus', retry: { baseDelayMs: 1 } });
const aqSlow = createAzureQuantumClient({ ...options, location: 'westus' });
const fast = { intervalMs: 0, maxIntervalMs: 0 };
const input = ionqCircuit({ qubits: 1, circuit: [{ gate: 'h', target: 0 }] });
const jobUrl = (host: string, id: string) =>
  `https://${host}/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Quantum/workspaces/${workspace}/jobs/${id}`;

afterEach(() => {
  vi.useRealTimers();
});

describe('cancelJob', () => {
  it('tolerates the live service’s 204 and reads the job again', async () => {
    const job = await aq.submitJob({ target: 'ionq.simulator', ...input });
    const polls = mock.state.counters.jobPolls;
    const cancelled = await aq.cancelJob(job.id);
    // The job came from the GET that followed the 204 (the mock moves a job one state per read).
    expect(mock.state.counters.jobPolls).toBe(polls + 1);
    expect(cancelled).toMatchObject({ id: job.id, status: 'Cancelled', isCancelling: false });
    const final = await aq.waitForJob(job.id, fast);
    expect(final.status).toBe('Cancelled');
    const error = await aq.getJobOutput(final).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ status: 'Cancelled', message: `Job ${job.id} was cancelled` });
  });

  it('uses the job in a 200 answer without reading it again', async () => {
    const job = await aqSlow.submitJob({ target: 'ionq.simulator', ...input });
    const polls = slow.state.counters.jobPolls;
    expect((await aqSlow.cancelJob(job.id)).status).toBe('CancellationRequested');
    expect(slow.state.counters.jobPolls).toBe(polls);
  });

  it('reports a job that already finished as a ConflictError, and is never retried (a POST)', async () => {
    const job = await aq.submitJob({ target: 'ionq.simulator', ...input });
    await aq.waitForJob(job.id, fast);
    await expect(aq.cancelJob(job.id)).rejects.toBeInstanceOf(ConflictError);
    let attempts = 0;
    server.use(
      http.post(`${jobUrl('eastus.quantum.azure.com', job.id)}:cancel`, () => {
        attempts += 1;
        return new HttpResponse('busy', { status: 503 });
      }),
    );
    await expect(aq.cancelJob(job.id)).rejects.toBeInstanceOf(ServerError);
    expect(attempts).toBe(1);
  });
});

describe('submitJob retries', () => {
  it('re-sends the job PUT after a 503 and a dropped connection: one job, same id', async () => {
    const jobId = newItemId();
    let attempts = 0;
    server.use(
      http.put(jobUrl('eastus.quantum.azure.com', jobId), () => {
        attempts += 1;
        if (attempts === 1) return new HttpResponse('unavailable', { status: 503 });
        if (attempts === 2) return HttpResponse.error();
        return undefined;
      }),
    );
    const jobs = mock.state.jobs.size;
    const job = await aq.submitJob({ target: 'ionq.simulator', jobId, ...input });
    expect(job.id).toBe(jobId);
    expect(attempts).toBe(3);
    expect(mock.state.jobs.size).toBe(jobs + 1);
  });

  it('can be repeated whole with the same jobId after a failure: still one job', async () => {
    const jobId = newItemId();
    server.use(
      http.put(
        jobUrl('eastus.quantum.azure.com', jobId),
        () => new HttpResponse('bad gateway', { status: 502 }),
        { once: true },
      ),
    );
    const noRetry = createAzureQuantumClient({ ...options, location: 'eastus', retry: false });
    // A 5xx to the job PUT leaves the job's existence unknown: the error names the id to look for.
    const failure = await noRetry
      .submitJob({ target: 'ionq.simulator', jobId, ...input })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SubmissionOutcomeUnknownError);
    expect((failure as SubmissionOutcomeUnknownError).id).toBe(jobId);
    expect((failure as SubmissionOutcomeUnknownError).cause).toBeInstanceOf(ServerError);
    const jobs = mock.state.jobs.size;
    await noRetry.submitJob({ target: 'ionq.simulator', jobId, ...input });
    await noRetry.submitJob({ target: 'ionq.simulator', jobId, ...input });
    expect(mock.state.jobs.size).toBe(jobs + 1);
  });
});

describe('waitForJob', () => {
  it('backs off 0.2 s ×1.5 up to 30 s by default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const job = await aqSlow.submitJob({ target: 'ionq.simulator', ...input });
    const delays: (number | undefined)[] = [];
    const controller = new AbortController();
    const waiting = aqSlow
      .waitForJob(job.id, {
        signal: controller.signal,
        onProgress: ({ nextDelayMs, attempt }) => {
          delays.push(nextDelayMs);
          if (attempt === 16) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    for (let i = 0; i < 16; i++) await vi.advanceTimersByTimeAsync(30_000);
    expect(await waiting).toBeInstanceOf(AbortError);
    expect(delays.slice(0, 4)).toEqual([200, 300, 450, 675]);
    expect(delays.slice(-2)).toEqual([30_000, 30_000]);
  });

  it('gives up after timeoutMs with the last job seen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const job = await aqSlow.submitJob({ target: 'ionq.simulator', ...input });
    const waiting = aqSlow.waitForJob(job.id, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(6_000);
    const error = await waiting;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError<{ status: string }>).lastValue?.status).toBe('Waiting');
  });
});

describe('updateJob and deleteJob', () => {
  it('merge-patch the name, priority and tags', async () => {
    const job = await aq.submitJob({ target: 'ionq.simulator', name: 'before', ...input });
    const updated = await aq.updateJob(job.id, { name: 'after', tags: ['nightly'] });
    expect(updated).toEqual({ id: job.id, name: 'after', priority: null, tags: ['nightly'] });
    expect((await aq.getJob(job.id)).name).toBe('after');
  });

  it('delete a job', async () => {
    const job = await aq.submitJob({ target: 'ionq.simulator', ...input });
    await aq.deleteJob(job.id);
    await expect(aq.getJob(job.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
