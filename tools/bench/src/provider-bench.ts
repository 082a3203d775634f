// What the bench measures for one provider: tools/bench/src/providers/<dir>.ts exports one as `bench`,
// <dir> being the provider's entry in the provider list.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '@qc/auth';
import type { MockCloudInfo } from './mock-cloud/info.js';

export interface ProviderBench {
  /** tools/bench/programs/<dir>-job.ts: a realistic program, bundled for its min+gzip size and cold import. */
  program: BenchProgram;
  /**
   * Its facade's typical read against raw fetch of the same URL over the same in-memory transport
   * (token cached, the recorded fixture as the body); null when another part of the bench times it.
   */
  read: (() => { raw: MeasuredCall; facade: MeasuredCall }) | null;
  /**
   * Its facade's typical read against the mock cloud, through `fetch`, after creating what it reads;
   * the throughput rows replay the last request it sent.
   */
  mockCloudRead: (cloud: MockCloudInfo, fetch: FetchLike) => Promise<void>;
}

export interface BenchProgram {
  /** What the table calls it. */
  label: string;
  /** Most min+gzip KB (request-pipeline issue). */
  targetKb: number;
  /** Another program doing the same job, bundled beside it and compared (file under programs/). */
  comparedWith?: { id: string; label: string; file: string };
}

export interface MeasuredCall {
  /** What the table calls it. */
  label: string;
  call: () => Promise<unknown>;
  /** What a correct call returns: checked once before timing. */
  check: (result: unknown) => boolean;
}

export const BENCH_TOKEN = 'bench-token';
export const BENCH_AUTHORIZATION = `Bearer ${BENCH_TOKEN}`;

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'specs', 'fixtures');

/** A recorded response body, from specs/fixtures. */
export function fixture(path: string): string {
  return readFileSync(join(fixtures, path), 'utf8');
}

/** A transport that answers every request with one recorded JSON body, remembering the last request. */
export function fixedTransport(body: string): { fetch: FetchLike; last: () => Request | undefined } {
  let last: { input: RequestInfo | URL; init: RequestInit | undefined } | undefined;
  return {
    fetch: async (input, init) => {
      last = { input, init };
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    },
    last: () => (last === undefined ? undefined : new Request(last.input, last.init)),
  };
}

/** Raw fetch of `url` with the bench token, body parsed: what each facade is compared with. */
export function rawRead(
  label: string,
  body: string,
  url: string,
  check: (result: unknown) => boolean,
): MeasuredCall {
  const transport = fixedTransport(body);
  return {
    label,
    call: async () =>
      (await transport.fetch(new Request(url, { headers: { authorization: BENCH_AUTHORIZATION } }))).json(),
    check,
  };
}

export const idOf = (value: unknown) => (value as { id?: unknown } | undefined)?.id;
