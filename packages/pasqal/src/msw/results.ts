// The mock's storage host for results: presigned links to DONE jobs' results, served as S3 serves them.
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

/** Hands out presigned results links and serves them, refusing what S3 refuses. */
export class MockResultsHost {
  readonly #links = new Map<string, { jobId: string; expiresAt: number }>();
  readonly #settings: ResultsHostSettings;

  constructor(
    /** Origin (and path prefix) of the links. */
    readonly baseUrl: string,
    settings: ResultsHostSettings,
  ) {
    this.#settings = settings;
  }

  /** A fresh presigned link to a DONE job's results, or null. */
  link(job: StoredJob): string | null {
    if (job.status !== 'DONE') return null;
    const signature = [...crypto.getRandomValues(new Uint8Array(32))]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    const now = this.#settings.now();
    this.#links.set(signature, { jobId: job.id, expiresAt: now + this.#settings.lifetimeMs });
    const date = new Date(now)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `AKIAQCMOCK/${date.slice(0, 8)}/eu-west-3/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': String(Math.round(this.#settings.lifetimeMs / 1000)),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': signature,
    });
    return `${this.baseUrl}/${job.projectId}/${job.id}/results.json?${query}`;
  }

  /** Serves a presigned results URL as the storage service would (S3's error shapes). */
  serve(request: Request): Response {
    const { counters } = this.#settings;
    const url = new URL(request.url);
    const s3Error = (status: number, code: string, message: string) =>
      new Response(
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
    const link = this.#links.get(url.searchParams.get('X-Amz-Signature') ?? '');
    const job = link ? this.#settings.jobs.get(link.jobId) : undefined;
    if (!link || !job || !url.pathname.endsWith(`/${job.id}/results.json`)) {
      counters.resultsRefused += 1;
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (link.expiresAt <= this.#settings.now()) {
      counters.resultsRefused += 1;
      return s3Error(403, 'AccessDenied', 'Request has expired');
    }
    counters.resultsDownloads += 1;
    return Response.json(resultOf(job));
  }
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
