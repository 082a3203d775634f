import { NotFoundError, PermissionDeniedError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAzureQuantumClient, ionqCircuit, type JobDetails, JobNotFinishedError } from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
} from '../src/msw/index.js';

// One clock for the mock (SAS validity) and, unless a test skews it, the client (expiry checks).
let clock = Date.parse('2026-03-02T09:00:00Z');
const mock = createAzureQuantumMock({ now: () => clock, sasLifetimeMs: 60 * 60_000 });
const sasRequests: { containerName: string; blobName?: string }[] = [];
const { server } = useTestServer(
  http.post('https://eastus.quantum.azure.com/*/storage/sasUri', async ({ request }) => {
    sasRequests.push((await request.clone().json()) as { containerName: string; blobName?: string });
    return undefined;
  }),
  ...mock.handlers,
);

const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const fast = { intervalMs: 0, maxIntervalMs: 0 };
const client = (now: () => number = () => clock) =>
  createAzureQuantumClient({
    subscriptionId,
    resourceGroup,
    workspace,
    location,
    auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY },
    now,
  });

const BELL = {
  qubits: 2,
  circuit: [
    { gate: 'h', target: 0 },
    { gate: 'cnot', control: 0, target: 1 },
  ],
};

async function finishedJob(aq = client()): Promise<JobDetails> {
  const submitted = await aq.submitJob({ target: 'ionq.simulator', ...ionqCircuit(BELL) });
  return aq.waitForJob(submitted.id, fast);
}

beforeEach(() => {
  clock = Date.parse('2026-03-02T09:00:00Z');
  sasRequests.length = 0;
});

describe('getJobOutput', () => {
  it('downloads with the SAS getJob returned while it is fresh', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    sasRequests.length = 0;
    const output = await aq.getJobOutput(job);
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '3': 0.5 } });
    expect(sasRequests).toEqual([]);
  });

  it('asks storage/sasUri for a fresh blob SAS once the stored one has expired (#553)', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    clock += 2 * 60 * 60_000;
    // The job's own URL no longer works...
    const stale = await fetch(job.outputDataUri as string);
    expect(stale.status).toBe(403);
    sasRequests.length = 0;
    // ...but getJobOutput replaces it first.
    const output = await aq.getJobOutput(job);
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '3': 0.5 } });
    expect(sasRequests).toEqual([{ containerName: `job-${job.id}`, blobName: 'rawOutputData' }]);
  });

  it('replaces a SAS that expires within five minutes', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    clock += 56 * 60_000; // 4 minutes left of the hour
    sasRequests.length = 0;
    await aq.getJobOutput(job);
    expect(sasRequests).toHaveLength(1);
  });

  it('works from a list entry, which carries no SAS (#181, #190)', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    let listed: JobDetails | undefined;
    for await (const entry of aq.listJobs()) if (entry.id === job.id) listed = entry;
    expect(listed?.outputDataUri).toMatch(
      /^https:\/\/mystorage\.blob\.core\.windows\.net:443\/job-[^?]+\/rawOutputData$/,
    );
    sasRequests.length = 0;
    const output = await aq.getJobOutput(listed as JobDetails);
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '3': 0.5 } });
    expect(sasRequests).toEqual([{ containerName: `job-${job.id}`, blobName: 'rawOutputData' }]);
  });

  it('retries once with a fresh SAS when storage refuses one that looked fresh (clock skew)', async () => {
    const job = await finishedJob();
    clock += 2 * 60 * 60_000;
    const skewed = client(() => clock - 2 * 60 * 60_000);
    sasRequests.length = 0;
    const output = await skewed.getJobOutput(job);
    expect(output.json()).toEqual({ histogram: { '0': 0.5, '3': 0.5 } });
    expect(sasRequests).toHaveLength(1);
  });

  it('reads the job first when given an id, and refuses a job that has not finished', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    expect((await aq.getJobOutput(job.id)).outputDataFormat).toBe('ionq.quantum-results.v1');
    const running = await aq.submitJob({ target: 'ionq.simulator', ...ionqCircuit(BELL) });
    const error = await aq.getJobOutput(running.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobNotFinishedError);
    expect(error).toMatchObject({ jobId: running.id, status: 'Executing' });
  });

  it('reports a missing output blob with the URL redacted, never the SAS signature', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    mock.blobStore.state.containers.get(`job-${job.id}`)?.delete('rawOutputData');
    const signature = new URL(job.outputDataUri as string).searchParams.get('sig') as string;
    const error = await aq.getJobOutput(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 'BlobNotFound',
      serviceMessage: 'The specified blob does not exist.',
    });
    expect((error as NotFoundError).url).toContain('sig=REDACTED');
    expectNoSecrets(error, [signature, AZURE_QUANTUM_DEMO_API_KEY]);
  });

  it('gives up after one refresh when storage keeps refusing', async () => {
    const aq = client();
    const job = await finishedJob(aq);
    server.use(
      http.get(
        'https://mystorage.blob.core.windows.net/*',
        () =>
          new Response(
            '<?xml version="1.0"?><Error><Code>AuthorizationFailure</Code><Message>This request is not authorized.</Message></Error>',
            {
              status: 403,
              headers: { 'content-type': 'application/xml', 'x-ms-error-code': 'AuthorizationFailure' },
            },
          ),
      ),
    );
    sasRequests.length = 0;
    const error = await aq.getJobOutput(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: 'AuthorizationFailure' });
    expect(sasRequests).toHaveLength(1);
  });
});
