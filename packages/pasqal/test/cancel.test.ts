// Cancel paths: one job, some jobs of a batch, a batch, several batches, workloads; CANCELING and PAUSED
// are waited through, and cancelling something finished is a typed error.
import { BadRequestError, WaitTimeoutError } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { createPasqalClient, pasqalErrorDetails } from '../src/index.js';
import { createPasqalMock, PASQAL_DEMO_USER } from '../src/msw/index.js';
import { FAST, PROJECT_ID, SEQUENCE } from './helpers.js';

const FAILING_RUNS = 13;
const mock = createPasqalMock({
  jobOutcome: (job) => (job.runs === FAILING_RUNS ? { error: 'QPU calibration drift' } : 'DONE'),
});
useTestServer(...mock.handlers);
const pasqal = createPasqalClient({
  auth: { username: PASQAL_DEMO_USER.username, password: PASQAL_DEMO_USER.password },
  projectId: PROJECT_ID,
});

const newBatch = (runs: number[], open = false) =>
  pasqal.createBatch({ sequence_builder: SEQUENCE, open, jobs: runs.map((r) => ({ runs: r })) });

describe('cancelling a job', () => {
  it('cancels a PENDING job at once', async () => {
    const batch = await newBatch([10, 20]);
    const job = await pasqal.cancelJob(batch.jobs?.[0]?.id as string);
    expect(job.status).toBe('CANCELED');
    expect(await pasqal.getJobResultsLink(job.id)).toBeNull();
    expect(await pasqal.getJobResults(job.id)).toBeUndefined();
  });

  it('waits through CANCELING for a job that was RUNNING', async () => {
    const batch = await newBatch([10]);
    const jobId = batch.jobs?.[0]?.id as string;
    expect((await pasqal.getJob(jobId)).status).toBe('RUNNING'); // one poll: PENDING → RUNNING
    expect((await pasqal.cancelJob(jobId)).status).toBe('CANCELING');
    const seen: string[] = [];
    const final = await pasqal.waitForJob(jobId, {
      ...FAST,
      onProgress: ({ value }) => seen.push(value.status),
    });
    expect(seen).toEqual(['CANCELED']);
    expect(final.status).toBe('CANCELED');
  });

  it('refuses a finished job with a typed 400 carrying the envelope', async () => {
    const batch = await newBatch([10]);
    const jobId = batch.jobs?.[0]?.id as string;
    await pasqal.waitForJob(jobId, FAST);
    const error = await pasqal.cancelJob(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: '400' });
    expect(pasqalErrorDetails(error)).toMatchObject({
      jsendStatus: 'fail',
      message: 'Bad Request',
      description: `Job ${jobId} is DONE and cannot be cancelled`,
    });
    expect((error as Error).message).toContain('is DONE and cannot be cancelled');
  });
});

describe('cancelling some jobs of a batch (filters as query parameters)', () => {
  it('cancels the matching jobs and lists those it could not cancel', async () => {
    const batch = await newBatch([10, 20, 30]);
    const [first, second, third] = (batch.jobs ?? []).map((j) => j.id) as [string, string, string];
    await pasqal.waitForJob(first, FAST);
    const result = await pasqal.cancelJobs(batch.id, { id: [first, second] });
    expect(result.jobs.map((j) => [j.id, j.status])).toEqual([[second, 'CANCELED']]);
    expect(Object.keys(result.errors)).toEqual([first]);
    const byRuns = await pasqal.cancelJobs(batch.id, { min_runs: 25 });
    expect(byRuns.jobs.map((j) => j.id)).toEqual([third]);
    const done = await pasqal.waitForBatch(batch.id, FAST);
    expect(done.status).toBe('DONE'); // one job finished: partial results
    expect(done.jobs_count_per_status).toMatchObject({ DONE: 1, CANCELED: 2 });
  });
});

describe('cancelling a batch', () => {
  it('cancels an open batch and its jobs; waitForBatch treats CANCELING as not finished', async () => {
    const batch = await newBatch([10, 20], true);
    await pasqal.getBatch(batch.id); // jobs start RUNNING
    const cancelled = await pasqal.cancelBatch(batch.id);
    expect(cancelled.status).toBe('CANCELING');
    expect(cancelled.open).toBe(false);
    const seen: string[] = [];
    const final = await pasqal.waitForBatch(batch.id, {
      ...FAST,
      onProgress: ({ value }) => seen.push(value.status),
    });
    expect(seen).toEqual(['CANCELED']);
    expect(final.jobs_count_per_status).toMatchObject({ CANCELED: 2 });
    const again = await pasqal.cancelBatch(batch.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(BadRequestError);
    // A cancelled batch takes no new jobs.
    await expect(pasqal.addJobs(batch.id, [{ runs: 1 }])).rejects.toBeInstanceOf(BadRequestError);
  });

  it('cancels several batches by id, reporting the ones it could not', async () => {
    const a = await newBatch([10]);
    const b = await newBatch([10]);
    await pasqal.waitForBatch(b.id, FAST);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const result = await pasqal.cancelBatches({ batch_ids: [a.id, b.id, unknown] });
    expect(result.batches.map((x) => [x.id, x.status])).toEqual([[a.id, 'CANCELED']]);
    expect(Object.keys(result.errors).sort()).toEqual([b.id, unknown].sort());
  });

  it('PAUSED is not terminal: the wait goes on until the batch resumes and finishes', async () => {
    const batch = await newBatch([10]);
    mock.state.pause(batch.id);
    const seen: string[] = [];
    const pending = pasqal.waitForBatch(batch.id, {
      ...FAST,
      onProgress: ({ value, attempt }) => {
        seen.push(value.status);
        if (attempt === 3) mock.state.resume(batch.id);
      },
    });
    const final = await pending;
    expect(seen.slice(0, 3)).toEqual(['PAUSED', 'PAUSED', 'PAUSED']);
    expect(final.status).toBe('DONE');
  });

  it('a wait that runs out of time keeps the last state seen', async () => {
    const batch = await newBatch([10]);
    mock.state.pause(batch.id);
    const error = await pasqal.waitForBatch(batch.id, { ...FAST, timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError<{ status: string }>).lastValue?.status).toBe('PAUSED');
    mock.state.resume(batch.id);
  });

  it('an AbortSignal stops a wait at once', async () => {
    const batch = await newBatch([10]);
    mock.state.pause(batch.id);
    const controller = new AbortController();
    const pending = pasqal.waitForBatch(batch.id, { intervalMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toThrow(/abort/i);
    mock.state.resume(batch.id);
  });
});

describe('rebatch, tags and workloads', () => {
  it('re-runs a closed batch’s failed jobs as a new batch (filters as query parameters, no body)', async () => {
    const batch = await newBatch([FAILING_RUNS, 10]);
    const finished = await pasqal.waitForBatch(batch.id, FAST);
    expect(finished.status).toBe('DONE'); // partial failure: the batch still finishes
    const failed = (await pasqal.listJobs({ batch_id: [batch.id], status: ['ERROR'] })).items;
    expect(failed.map((j) => j.errors)).toEqual([['QPU calibration drift']]);

    const retry = await pasqal.rebatch(batch.id, { status: ['ERROR'] });
    expect(retry.parent_id).toBe(batch.id);
    expect(retry.jobs?.map((j) => [j.runs, j.parent_id])).toEqual([[FAILING_RUNS, failed[0]?.id]]);
    expect((await pasqal.waitForBatch(retry.id, FAST)).status).toBe('ERROR'); // every job failed

    const open = await newBatch([10], true);
    await expect(pasqal.rebatch(open.id)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('replaces tags with a bare array, and cancels a workload with a PUT', async () => {
    const batch = await newBatch([10]);
    const tagged = await pasqal.setBatchTags(batch.id, ['a', 'b', 'a']);
    expect(tagged.tags).toEqual(['a', 'b']);
    expect((await pasqal.setBatchTags(batch.id, [])).tags).toEqual([]);

    const workload = await pasqal.createWorkload({
      workload_type: 'qadence_circuit',
      backend: 'pyqtorch',
      config: { n_qubits: 2 },
    });
    expect(workload.status).toBe('PENDING');
    expect((await pasqal.cancelWorkload(workload.id)).status).toBe('CANCELED');
    await expect(pasqal.cancelWorkload(workload.id)).rejects.toBeInstanceOf(BadRequestError);
    const other = await pasqal.createWorkload({
      workload_type: 'qadence_circuit',
      backend: 'pyq',
      config: {},
    });
    await pasqal.getWorkload(other.id);
    const done = await pasqal.getWorkload(other.id);
    expect(done).toMatchObject({ status: 'DONE', result: { backend: 'pyq' } });
  });
});
