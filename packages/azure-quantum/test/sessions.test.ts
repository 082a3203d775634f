import { BadRequestError, collect } from '@qc/core';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { createAzureQuantumClient, newItemId, quantinuumQasm } from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
} from '../src/msw/index.js';

let clock = Date.parse('2026-03-02T09:00:00Z');
const mock = createAzureQuantumMock({ now: () => clock });
useTestServer(...mock.handlers);

const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const aq = createAzureQuantumClient({
  subscriptionId,
  resourceGroup,
  workspace,
  location,
  auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY },
});
const fast = { intervalMs: 0, maxIntervalMs: 0 };
const target = 'quantinuum.sim.h2-1e';
const GOOD = quantinuumQasm('OPENQASM 2.0;\nqreg q[1];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\n', {
  count: 10,
});
const BROKEN = quantinuumQasm('OPENQASM 2.0;\nqreg q[1];\nnot_a_gate q[0];\n');

describe('sessions', () => {
  it('open under a client-chosen id, take jobs, and succeed once closed with no job left running', async () => {
    const sessionId = newItemId();
    const opened = await aq.openSession({ target, providerId: 'quantinuum', sessionId });
    expect(opened).toMatchObject({
      id: sessionId,
      name: `session-${sessionId}`,
      status: 'Waiting',
      jobFailurePolicy: 'Abort',
    });
    // Opening again with the same id is harmless.
    expect((await aq.openSession({ target, providerId: 'quantinuum', sessionId })).id).toBe(sessionId);

    const first = await aq.submitJob({ target, sessionId, ...GOOD });
    const second = await aq.submitJob({ target, sessionId, ...GOOD });
    expect((await aq.getSession(sessionId)).status).toBe('Executing');
    expect((await collect(aq.listSessionJobs(sessionId))).map((j) => j.id)).toEqual([first.id, second.id]);

    await aq.waitForJob(first.id, fast);
    const closed = await aq.closeSession(sessionId);
    expect(closed.status).toBe('Executing'); // the second job still runs
    await aq.waitForJob(second.id, fast);
    expect((await aq.getSession(sessionId)).status).toBe('Succeeded');
    const output = await aq.getJobOutput(second.id);
    expect(output.json()).toEqual({ c: Array(10).fill('1') });
    await expect(aq.submitJob({ target, sessionId, ...GOOD })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('under Abort, refuse a job after a failed one with 400 InvalidJobDefinition', async () => {
    const session = await aq.openSession({ target, providerId: 'quantinuum', jobFailurePolicy: 'Abort' });
    const failing = await aq.submitJob({ target, sessionId: session.id, ...BROKEN });
    expect((await aq.waitForJob(failing.id, fast)).status).toBe('Failed');
    expect((await aq.getSession(session.id)).status).toBe('Failed');

    const jobsBefore = mock.state.jobs.size;
    const error = await aq.submitJob({ target, sessionId: session.id, ...GOOD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'InvalidJobDefinition',
      serviceMessage:
        'Session is already in a terminal state. This may have been due to failures in prior jobs in the session.',
    });
    expect(mock.state.jobs.size).toBe(jobsBefore);
  });

  it('under Continue, keep taking jobs after a failure and end as Failure(s)', async () => {
    const session = await aq.openSession({ target, providerId: 'quantinuum', jobFailurePolicy: 'Continue' });
    const failing = await aq.submitJob({ target, sessionId: session.id, ...BROKEN });
    await aq.waitForJob(failing.id, fast);
    const later = await aq.submitJob({ target, sessionId: session.id, ...GOOD });
    expect((await aq.waitForJob(later.id, fast)).status).toBe('Succeeded');
    expect((await aq.closeSession(session.id)).status).toBe('Failure(s)');
  });

  it('refuse a job for another target than the session’s', async () => {
    const session = await aq.openSession({ target, providerId: 'quantinuum' });
    await expect(
      aq.submitJob({ target: 'quantinuum.sim.h2-1sc', sessionId: session.id, ...GOOD }),
    ).rejects.toMatchObject({ status: 400, code: 'InvalidJobDefinition' });
  });

  it('time out after ten idle minutes', async () => {
    const session = await aq.openSession({ target, providerId: 'quantinuum' });
    clock += 11 * 60_000;
    expect((await aq.getSession(session.id)).status).toBe('TimedOut');
  });

  it('need a target and a provider', async () => {
    await expect(aq.openSession({ target: '', providerId: 'quantinuum' })).rejects.toThrow(
      /target is required/,
    );
  });
});
