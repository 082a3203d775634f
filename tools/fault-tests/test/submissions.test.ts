import { request as httpRequest } from 'node:http';
import { createPasqalClient, type PasqalEnvironment, SubmissionOutcomeUnknownError } from '@qc/pasqal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockCloud, serviceOf, startMockCloud } from '../../mock-cloud/src/index.js';
import type { PasqalService } from '../../mock-cloud/src/mocks/pasqal.js';
import { serve, type TestServer } from './server.js';

/**
 * The service commits a submission, then its answer is lost on the way back: a proxy in front of the
 * mock cloud forwards the request (the batch is stored) and spoils the answer. The client reports
 * SubmissionOutcomeUnknownError, and the documented recovery (findBatchesSince with the error's sentAt
 * and tag) finds exactly the one batch — so nothing is resent blindly.
 */
type Spoil = 'drop-after-headers' | 'truncate-json' | 'none';
let spoil: Spoil = 'none';
let cloud: MockCloud;
let proxy: TestServer;

beforeAll(async () => {
  cloud = await startMockCloud();
  const target = new URL(cloud.origin);
  proxy = await serve((incoming, outgoing, body) => {
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const full = Buffer.concat(chunks);
          const isCreate = incoming.method === 'POST' && incoming.url?.endsWith('/api/v1/batches');
          const headers = { ...answer.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          if (isCreate && spoil === 'drop-after-headers') {
            outgoing.writeHead(answer.statusCode ?? 200, headers);
            outgoing.write(full.subarray(0, 10));
            setTimeout(() => outgoing.socket?.destroy(), 20);
            return;
          }
          if (isCreate && spoil === 'truncate-json') {
            outgoing.writeHead(answer.statusCode ?? 200, headers);
            outgoing.end(full.subarray(0, Math.floor(full.length / 2)));
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 200, headers);
          outgoing.end(full);
        });
      },
    );
    forwarded.end(body);
  });
});
afterAll(async () => {
  await proxy.close();
  await cloud.close();
});

function client() {
  const pasqal = serviceOf<PasqalService>(cloud.services, 'pasqal');
  const mocked = pasqal.environment;
  const through = (url: string) => url.replace(cloud.origin, proxy.origin);
  const environment: PasqalEnvironment = {
    ...mocked,
    coreUrl: through(mocked.coreUrl),
    accountUrl: through(mocked.accountUrl),
    auth: { ...mocked.auth, tokenUrl: through(mocked.auth.tokenUrl) },
  };
  const { username = '', password = '', projectId } = pasqal.credentials;
  return createPasqalClient({
    environment,
    auth: { username, password },
    ...(projectId === undefined ? {} : { projectId }),
    allowInsecureLoopback: true,
  });
}

const SEQUENCE = JSON.stringify({
  version: '1',
  name: 'lost-answer',
  register: [{ name: 'q0', x: 0, y: 0 }],
  channels: { rydberg_global: 'rydberg_global' },
  variables: {},
  operations: [],
  measurement: 'ground-rydberg',
  device: { name: 'FRESNEL' },
});

describe.each(['drop-after-headers', 'truncate-json'] as const)(
  'a committed createBatch whose answer is lost (%s)',
  (how) => {
    it('is outcome-unknown, and findBatchesSince finds the single batch', async () => {
      const pasqal = client();
      const tag = `lost-${how}-${Date.now()}`;
      spoil = how;
      const error = await pasqal
        .createBatch({ sequence_builder: SEQUENCE, jobs: [{ runs: 10 }], tags: [tag] })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      spoil = 'none';
      expect(error).toBeInstanceOf(SubmissionOutcomeUnknownError);
      const lost = error as SubmissionOutcomeUnknownError;
      expect(lost.tags).toEqual([tag]);
      const found = await pasqal.findBatchesSince({ since: lost.sentAt, tag });
      expect(found).toHaveLength(1);
      expect(found[0]?.tags).toContain(tag);
    });
  },
);
