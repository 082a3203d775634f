// The mock's storage host for results: presigned links to DONE jobs' results, served as S3 serves them.
import { hmacSha256, jsonResponse, textResponse, timingSafeEqual, toHex } from '@qc/core/contract';
import type { JobResult } from '../generated/types.gen.js';
import type { StoredJob } from './jobs.js';

/** What the results host works with. */
export interface ResultsHostSettings {
  /** Lifetime of a link in ms. */
  lifetimeMs: number;
  now: () => number;
  /** The jobs the links point to. */
  jobs: ReadonlyMap<string, StoredJob>;
  /** Where served and refused downloads are counted. */
  counters: { resultsDownloads: number; resultsRefused: number };
}

/**
 * Hands out presigned results links and serves them, refusing what S3 refuses. As S3 does, it keeps
 * no record of the links: `X-Amz-Signature` is an HMAC-SHA256, under a key of this host's own, of the
 * path and the signed query fields, checked by signing again when the link is used; the expiry is
 * `X-Amz-Date` + `X-Amz-Expires`. Any number of links costs no memory.
 */
export class MockResultsHost {
  readonly #settings: ResultsHostSettings;
  readonly #sign = hmacSha256(crypto.getRandomValues(new Uint8Array(64)));
  readonly #path: string;

  constructor(
    /** Origin (and path prefix) of the links. */
    readonly baseUrl: string,
    settings: ResultsHostSettings,
  ) {
    this.#settings = settings;
    this.#path = new URL(baseUrl).pathname.replace(/\/+$/, '');
  }

  /** A fresh presigned link to a DONE job's results, or null. */
  link(job: StoredJob): string | null {
    if (job.status !== 'DONE') return null;
    const date = new Date(this.#settings.now())
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `AKIAQCMOCK/${date.slice(0, 8)}/eu-west-3/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': String(Math.round(this.#settings.lifetimeMs / 1000)),
      'X-Amz-SignedHeaders': 'host',
    });
    const path = `${this.#path}/${job.projectId}/${job.id}/results.json`;
    query.set('X-Amz-Signature', this.#signature(path, query));
    return `${new URL(this.baseUrl).origin}${path}?${query}`;
  }

  /** Serves a presigned results URL as the storage service would (S3's error shapes). */
  serve(request: Request): Response {
    const { counters } = this.#settings;
    const url = new URL(request.url);
    const s3Error = (status: number, code: string, message: string) =>
      textResponse(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>QCMOCK0000000001</RequestId></Error>`,
        { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'QCMOCK0000000001' } },
      );
    if (request.method !== 'GET')
      return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed');
    if (request.headers.has('authorization')) {
      counters.resultsRefused += 1;
      return s3Error(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    }
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    const genuine = timingSafeEqual(signature, this.#signature(url.pathname, url.searchParams));
    const jobId = /\/([^/]+)\/results\.json$/.exec(url.pathname)?.[1];
    const job = genuine && jobId !== undefined ? this.#settings.jobs.get(jobId) : undefined;
    if (!job) {
      counters.resultsRefused += 1;
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (expiryOf(url.searchParams) <= this.#settings.now()) {
      counters.resultsRefused += 1;
      return s3Error(403, 'AccessDenied', 'Request has expired');
    }
    counters.resultsDownloads += 1;
    return jsonResponse(resultOf(job));
  }

  /** What a link's signature signs: SigV4's canonical request in spirit (method, path, signed query). */
  #signature(path: string, query: URLSearchParams): string {
    const signed = SIGNED_QUERY.map((name) => `${name}=${query.get(name) ?? ''}`).join('&');
    return toHex(this.#sign(`GET\n${path}\n${signed}`));
  }
}

const SIGNED_QUERY = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
];

/** When a link stops working: its signing time (`X-Amz-Date`, `20260302T090000Z`) plus `X-Amz-Expires` s. */
function expiryOf(query: URLSearchParams): number {
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('X-Amz-Date') ?? '');
  const seconds = Number(query.get('X-Amz-Expires'));
  if (!date || !Number.isFinite(seconds)) return Number.NEGATIVE_INFINITY;
  const [, year, month, day, hour, minute, second] = date.map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second) + seconds * 1000;
}

/** Deterministic results: `runs` shots over 3 qubits, seeded by the job id. */
function resultOf(job: StoredJob): JobResult {
  let seed = [...job.id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 2166136261);
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const weights = Array.from({ length: 8 }, () => random() ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw: string[] = [];
  for (let shot = 0; shot < job.runs; shot++) {
    let pick = random() * sum;
    let index = 0;
    while (index < 7 && pick >= (weights[index] as number)) {
      pick -= weights[index] as number;
      index += 1;
    }
    raw.push(index.toString(2).padStart(3, '0'));
  }
  const counter: Record<string, number> = {};
  for (const bits of raw) counter[bits] = (counter[bits] ?? 0) + 1;
  return job.runs <= 10_000 ? { counter, raw } : { counter };
}
