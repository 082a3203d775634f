// A consumer of @qc/core alone, checked with strict TypeScript and run: the shared runtime a provider
// package builds on (paging, polling, typed HTTP errors, redaction), with no network.
import {
  collect,
  HttpError,
  httpErrorFromResponse,
  NotFoundError,
  paginateOffset,
  QcError,
  redactUrl,
  waitFor,
} from '@qc/core';

const rows = Array.from({ length: 7 }, (_, i) => ({ id: i }));
const items = await collect(
  paginateOffset({
    limit: 3,
    fetchPage: async ({ offset, limit }) => ({
      items: rows.slice(offset, offset + limit),
      total: rows.length,
    }),
  }),
);
if (items.length !== rows.length) throw new Error(`expected ${rows.length} items, got ${items.length}`);

let polls = 0;
const status = await waitFor({
  poll: async () => (++polls < 3 ? 'RUNNING' : 'DONE'),
  isDone: (value) => value === 'DONE',
  initialDelayMs: 1,
});
if (status !== 'DONE' || polls !== 3) throw new Error(`waitFor ended with ${status} after ${polls} polls`);

const error = await httpErrorFromResponse(Response.json({ message: 'no such job' }, { status: 404 }), {
  method: 'GET',
  url: 'https://api.example.invalid/jobs/42?sig=secret',
});
if (!(error instanceof NotFoundError && error instanceof HttpError && error instanceof QcError)) {
  throw new Error(`expected a NotFoundError, got ${error.name}`);
}
if (redactUrl('https://api.example.invalid/x?sig=secret').includes('secret')) throw new Error('not redacted');
console.log(`@qc/core consumer: ${items.length} items paged, ${polls} polls, ${error.name} ${error.status}`);
