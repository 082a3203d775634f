import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRequestLog } from '../src/request-log.js';

describe('the command line’s request log', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const log = createRequestLog((chunk) => writes.push(chunk));
    log({ method: 'GET', path: '/qci/a', status: 200 });
    log({ method: 'POST', path: '/pasqal/b', status: 400 });
    expect(writes).toEqual([]);
    await turn();
    log({ method: 'GET', path: '/azure/c', status: 404 });
    await turn();
    expect(writes).toEqual(['200 GET /qci/a\n400 POST /pasqal/b\n', '404 GET /azure/c\n']);
  });
});
