import type { BundleResult } from './bundles.js';
import type { CodegenTiming } from './codegen-time.js';
import { median, quartiles } from './measure.js';
import type { ThroughputResult } from './mock-cloud/throughput.js';
import type { ProviderRead } from './providers.js';
import type { ColdBurstResult, ExpiryResult } from './token-counts.js';
import type { VariantId } from './variants.js';

export interface Row {
  measurement: string;
  value: string;
  comparedAgainst: string;
  target: string;
  /** 'yes', 'NO', or '—' when the row has no target (shown for context). */
  meets: string;
}

const LABELS: Record<VariantId, string> = {
  raw: 'raw fetch(Request with Authorization)',
  authFetch: 'authFetch(staticToken)',
  openapiFetch: 'openapi-fetch GET, fixed header',
  openapiFetchAuth: 'openapi-fetch GET + authMiddleware',
  heyApi: 'hey-api getAllocations, fixed header',
  heyApiAuth: 'hey-api getAllocations + heyApiAuth',
  facade: 'createQciClient().allocations()',
  facadeNoRetry: 'createQciClient({ retry: false }).allocations()',
};

/**
 * Ratio targets: the most a layer may cost, as a multiple of the thing it is compared with. Absolute
 * times are not targets: they depend on the machine; ratios measured in one run on one machine do not.
 */
interface Comparison<Id extends string = string> {
  subject: Id;
  against: Id;
  /** Upper bound of the ratio of medians; undefined: reported for context only. */
  atMost?: number;
}

/**
 * Each provider facade's typical read, with its default protections (auth, retry, the 30 s time
 * limit over the whole exchange), against raw fetch of the same URL (request-pipeline issue: ≤ 2.0×,
 * the moonshot 1.5×). QCi's is `facade` against `raw` below.
 */
const FACADE_AT_MOST = 2.0;

// Targets are the ones the project set (issue: "≤ 1.15× raw fetch" for authFetch and for
// openapi-fetch with the middleware, the latter measured against openapi-fetch alone so only the
// middleware's own cost counts). The other rows have no target: they are shown to locate costs.
const COMPARISONS: readonly Comparison<VariantId>[] = [
  { subject: 'authFetch', against: 'raw', atMost: 1.15 },
  { subject: 'openapiFetch', against: 'raw' },
  { subject: 'openapiFetchAuth', against: 'openapiFetch', atMost: 1.15 },
  { subject: 'openapiFetchAuth', against: 'raw' },
  { subject: 'heyApi', against: 'raw' },
  { subject: 'heyApiAuth', against: 'heyApi' },
  { subject: 'heyApiAuth', against: 'raw' },
  { subject: 'facadeNoRetry', against: 'raw' },
  { subject: 'facade', against: 'openapiFetchAuth' },
  { subject: 'facade', against: 'raw', atMost: FACADE_AT_MOST },
];

export function overheadRows(
  perCallNs: ReadonlyMap<string, number[]>,
  reads: readonly ProviderRead[],
): Row[] {
  const labels = new Map<string, string>([
    ...Object.entries(LABELS),
    ...reads.flatMap(({ raw, facade }) => [[raw.id, raw.label] as const, [facade.id, facade.label] as const]),
  ]);
  const comparisons: Comparison[] = [
    ...COMPARISONS,
    ...reads.map(({ raw, facade }) => ({ subject: facade.id, against: raw.id, atMost: FACADE_AT_MOST })),
  ];
  const medianOf = (id: string) => median(perCallNs.get(id) ?? []);
  const rows: Row[] = [
    {
      measurement: `${LABELS.raw}: median per call`,
      value: micros(medianOf('raw')),
      comparedAgainst: '(baseline)',
      target: '—',
      meets: '—',
    },
  ];
  for (const { subject, against, atMost } of comparisons) {
    const ratio = medianOf(subject) / medianOf(against);
    const [low, high] = quartiles(pairedRatios(perCallNs.get(subject), perCallNs.get(against)));
    rows.push({
      measurement: labels.get(subject) ?? subject,
      value: `${ratio.toFixed(2)}× [${low.toFixed(2)}–${high.toFixed(2)}] ${micros(medianOf(subject))}`,
      comparedAgainst: labels.get(against) ?? against,
      target: atMost === undefined ? '—' : `≤ ${atMost.toFixed(2)}×`,
      meets: atMost === undefined ? '—' : yesNo(ratio <= atMost),
    });
  }
  return rows;
}

/** Ratios of samples taken in the same round: drift that hits both sides of a pair cancels. */
function pairedRatios(subject: readonly number[] = [], against: readonly number[] = []): number[] {
  return subject.map((nanos, round) => nanos / (against[round] ?? Number.NaN));
}

export function tokenRows(cold: ColdBurstResult, expiry: ExpiryResult): Row[] {
  const count = (n: number) => n.toLocaleString('en-US');
  return [
    {
      measurement: `token requests, ${count(cold.calls)} concurrent authFetch calls, cold cache (QCi flow)`,
      value:
        cold.failedCalls === 0
          ? count(cold.tokenRequests)
          : `${count(cold.tokenRequests)} (${count(cold.failedCalls)} calls failed)`,
      comparedAgainst: '—',
      target: '1',
      meets: yesNo(cold.tokenRequests === 1 && cold.failedCalls === 0),
    },
    {
      measurement: `refreshes across expiry (${count(expiry.calls)} calls over ${seconds(expiry.trafficMs)}, first token lives ${seconds(expiry.firstLifetimeMs)})`,
      value: count(expiry.refreshes),
      comparedAgainst: '—',
      target: '1',
      meets: yesNo(expiry.refreshes === 1),
    },
    {
      measurement: 'failed calls across expiry (non-200 or thrown)',
      value: count(expiry.failedCalls),
      comparedAgainst: '—',
      target: '0',
      meets: yesNo(expiry.failedCalls === 0),
    },
  ];
}

/** One Markdown table, padded so it also reads well in a terminal. */
export function renderTable(rows: readonly Row[]): string {
  const header: Row = {
    measurement: 'measurement',
    value: 'value',
    comparedAgainst: 'compared against',
    target: 'target',
    meets: 'meets target',
  };
  const columns = ['measurement', 'value', 'comparedAgainst', 'target', 'meets'] as const;
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: Row) =>
    `| ${columns.map((column, i) => row[column].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function micros(nanos: number): string {
  return `${(nanos / 1000).toFixed(2)} µs/call`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function yesNo(ok: boolean): string {
  return ok ? 'yes' : 'NO';
}

/**
 * Bundle sizes and import times: ours per provider, each against its target, and a program compared
 * with one (the Azure SDK route beside the Azure job) against it.
 */
export function bundleRows(results: readonly BundleResult[]): Row[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows: Row[] = [];
  for (const r of results) {
    const other = results.find((o) => o.id === r.comparedWith);
    rows.push({
      measurement: `${r.label}: min+gzip`,
      value: `${kb(r.gzipBytes)} (${kb(r.minifiedBytes)} min)`,
      comparedAgainst: other
        ? `${other.label}: ${kb(other.gzipBytes)} (${(other.gzipBytes / r.gzipBytes).toFixed(1)}× larger)`
        : '—',
      target: r.targetKb === undefined ? '—' : `≤ ${r.targetKb} KB`,
      meets: r.targetKb === undefined ? '—' : yesNo(r.gzipBytes <= r.targetKb * 1024),
    });
    rows.push({
      measurement: `${r.label}: cold import`,
      value: `${r.importMs.toFixed(1)} ms`,
      comparedAgainst: other
        ? `${other.label}: ${other.importMs.toFixed(1)} ms`
        : `empty module: ${r.baselineMs.toFixed(1)} ms`,
      target: '—',
      meets: '—',
    });
  }
  return rows;
}

export function codegenRows(timing: CodegenTiming): Row[] {
  return [
    {
      measurement: `pnpm generate, all ${timing.targets} specs, no cache`,
      value: `${(timing.fullMs / 1000).toFixed(2)} s`,
      comparedAgainst: '—',
      target: '—',
      meets: '—',
    },
    {
      measurement: 'pnpm generate re-run, nothing changed (turbo cache)',
      value: `${(timing.cachedMs / 1000).toFixed(2)} s`,
      comparedAgainst: `the full run: ${(timing.fullMs / timing.cachedMs).toFixed(1)}× faster`,
      target: '—',
      meets: '—',
    },
  ];
}

/** The mock cloud's requests per second against a bare node:http server's (mock-cloud issue: ≥ 0.5×). */
const THROUGHPUT_AT_LEAST = 0.5;

export function throughputRows(result: ThroughputResult): Row[] {
  const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`;
  const ratio = median(result.mockCloud) / median(result.bare);
  const [low, high] = quartiles(
    result.mockCloud.map((rps, round) => rps / (result.bare[round] ?? Number.NaN)),
  );
  const cpu = median(result.mockCloudCpuMicros);
  const bareCpu = median(result.bareCpuMicros);
  const failed = result.failures === 0 ? '' : ` (${result.failures.toLocaleString('en-US')} answers not 200)`;
  return [
    {
      measurement: `mock cloud: requests/s with ${result.plan.clients} concurrent clients`,
      value: `${ratio.toFixed(2)}× [${low.toFixed(2)}–${high.toFixed(2)}] ${perSecond(median(result.mockCloud))}${failed}`,
      comparedAgainst: `bare node:http server, small JSON body: ${perSecond(median(result.bare))}`,
      target: `≥ ${THROUGHPUT_AT_LEAST.toFixed(2)}×`,
      meets: yesNo(ratio >= THROUGHPUT_AT_LEAST && result.failures === 0),
    },
    {
      measurement: 'mock cloud: server CPU time per request',
      value: `${(cpu / bareCpu).toFixed(2)}× ${cpu.toFixed(1)} µs/request`,
      comparedAgainst: `bare node:http server: ${bareCpu.toFixed(1)} µs/request`,
      target: '—',
      meets: '—',
    },
  ];
}
