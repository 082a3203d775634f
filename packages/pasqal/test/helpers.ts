import { PASQAL_DEMO_PROJECT_ID } from '../src/msw/index.js';

/** A small Pulser abstract-repr sequence string (its content is opaque to the client and the mock). */
export const SEQUENCE = JSON.stringify({
  version: '1',
  name: 'qc-test-sequence',
  register: [
    { name: 'q0', x: 0, y: 0 },
    { name: 'q1', x: 5, y: 0 },
    { name: 'q2', x: 0, y: 5 },
  ],
  channels: { rydberg_global: 'rydberg_global' },
  variables: { omega: { type: 'float', value: [0] } },
  operations: [],
  measurement: 'ground-rydberg',
  device: { name: 'FRESNEL' },
});

export const PROJECT_ID = PASQAL_DEMO_PROJECT_ID;

/** Fast polling for tests. */
export const FAST = { intervalMs: 1, maxIntervalMs: 5 } as const;
