import { InputError } from './exchange.js';
import { normalizeIndices } from './issues.js';
import {
  type ExchangeMismatch,
  type FieldOffender,
  type OperationSummary,
  REASONS,
  type Reason,
  type UnmatchedRequests,
  type VerificationReport,
} from './report.js';
import { TrafficSecrets } from './secrets.js';
import { loadSpec } from './spec.js';
import { readTraffic } from './traffic.js';
import { checkExchange } from './verify.js';

export interface VerifyTrafficOptions {
  /** The OpenAPI document (YAML or JSON). */
  spec: string;
  /** A HAR file or JSON lines. */
  traffic: string;
  /** Prefixes to strip before the spec's paths, beside the spec's own servers (a proxy, the mock cloud). */
  baseUrls?: readonly string[];
}

/**
 * Checks every recorded exchange against the spec and returns the report, every string of which has
 * been through redaction. Throws InputError when a file is unusable.
 */
export function verifyTraffic(options: VerifyTrafficOptions): VerificationReport {
  const baseUrls = (options.baseUrls ?? []).map((base) => {
    if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
      throw new InputError('--base-url must be an absolute http(s) URL');
    }
    return new URL(base);
  });
  const spec = loadSpec(options.spec);
  const traffic = readTraffic(options.traffic);
  const secrets = new TrafficSecrets(spec.queryParameters);
  // Every secret first, so one seen in a later exchange is redacted in an earlier one's lines too.
  for (const exchange of traffic.exchanges) secrets.collect(exchange);

  const operations = new Map<string, OperationSummary>();
  const unmatched = new Map<string, UnmatchedRequests>();
  const outside = new Map<string, number>();
  const mismatches: ExchangeMismatch[] = [];
  const fields = new Map<string, FieldOffender & { seen: Set<string> }>();
  const summary: VerificationReport['summary'] = {
    ok: false,
    exchanges: traffic.exchanges.length,
    checked: 0,
    matched: 0,
    mismatching: 0,
    byReason: Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>,
    outside: 0,
    corsPreflights: 0,
    noResponse: 0,
    requestBodiesNotRecorded: 0,
    responseBodiesNotRecorded: 0,
    trailingSlash: 0,
  };

  for (const exchange of traffic.exchanges) {
    const outcome = checkExchange(exchange, spec, baseUrls, secrets);
    if (outcome.kind === 'outside') {
      summary.outside += 1;
      outside.set(outcome.host, (outside.get(outcome.host) ?? 0) + 1);
      continue;
    }
    if (outcome.kind === 'cors preflight') {
      summary.corsPreflights += 1;
      continue;
    }
    summary.checked += 1;
    if (outcome.kind === 'unmatched') {
      summary.mismatching += 1;
      summary.byReason['unknown operation'] += 1;
      const url = `${outcome.base}${idsAsPlaceholders(outcome.pathname)}${outcome.query.length > 0 ? `?${outcome.query.join('&')}` : ''}`;
      const key = `${outcome.method} ${url}`;
      const group = unmatched.get(key) ?? {
        method: outcome.method,
        url,
        otherMethods: outcome.otherMethods,
        exchanges: 0,
        at: [],
      };
      group.exchanges += 1;
      group.at.push(exchange.at);
      unmatched.set(key, group);
      continue;
    }

    const { result } = outcome;
    summary.matched += 1;
    if (outcome.trailingSlash) summary.trailingSlash += 1;
    if (!outcome.requestBodyRecorded) summary.requestBodiesNotRecorded += 1;
    if (!outcome.responseBodyRecorded) summary.responseBodiesNotRecorded += 1;
    if (result.status === undefined) summary.noResponse += 1;
    const operation = operations.get(result.operationId) ?? {
      operationId: result.operationId,
      method: result.method,
      pathTemplate: result.pathTemplate,
      exchanges: 0,
      mismatching: 0,
      issues: 0,
      statuses: {},
    };
    operation.exchanges += 1;
    const status = result.status === undefined ? 'no response' : String(result.status);
    operation.statuses[status] = (operation.statuses[status] ?? 0) + 1;
    operations.set(result.operationId, operation);
    if (result.issues.length === 0) continue;

    operation.mismatching += 1;
    operation.issues += result.issues.length;
    summary.mismatching += 1;
    for (const reason of result.reasons) summary.byReason[reason] += 1;
    mismatches.push(result);
    for (const issue of result.issues) {
      const pointer = normalizeIndices(issue.pointer);
      const rule = normalizeIndices(issue.rule);
      const key = JSON.stringify([result.operationId, issue.location, pointer, rule]);
      const field = fields.get(key) ?? {
        operationId: result.operationId,
        location: issue.location,
        pointer,
        rule,
        exchanges: 0,
        occurrences: 0,
        seen: new Set<string>(),
      };
      field.occurrences += 1;
      field.seen.add(result.at);
      field.exchanges = field.seen.size;
      fields.set(key, field);
    }
  }
  summary.ok = summary.checked > 0 && summary.mismatching === 0;

  // Operations in the spec's order, so two runs over the same spec read alike.
  const order = [...spec.operations.keys()];
  const seen = [...operations.values()].sort(
    (a, b) => order.indexOf(a.operationId) - order.indexOf(b.operationId),
  );
  const report: VerificationReport = {
    spec: { file: options.spec, title: spec.title, operations: spec.operations.size },
    traffic: { file: options.traffic, format: traffic.format, exchanges: traffic.exchanges.length },
    baseUrls: baseUrls.map((base) => secrets.redactUrl(base.href)),
    summary,
    operations: seen,
    unmatched: [...unmatched.values()].sort((a, b) => b.exchanges - a.exchanges),
    mismatches,
    worstOffenders: {
      operations: seen
        .filter((o) => o.mismatching > 0)
        .sort((a, b) => b.mismatching - a.mismatching || b.issues - a.issues),
      fields: [...fields.values()]
        .map(({ seen: _, ...field }) => field)
        .sort((a, b) => b.exchanges - a.exchanges || b.occurrences - a.occurrences),
    },
    outside: [...outside.entries()]
      .map(([host, exchanges]) => ({ host, exchanges }))
      .sort((a, b) => b.exchanges - a.exchanges),
  };
  return redactStrings(report, (text) => secrets.redact(text));
}

/** Path segments that are ids (GUIDs, hex object ids, numbers, long tokens) as `{id}`, to group by shape. */
function idsAsPlaceholders(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) ||
      /^[0-9a-f]{16,}$/i.test(segment) ||
      /^\d+$/.test(segment) ||
      (segment.length >= 20 && /\d/.test(segment) && /^[A-Za-z0-9_%.~-]+$/.test(segment))
        ? '{id}'
        : segment,
    )
    .join('/');
}

/** A deep copy with every string (keys too) passed through `redact`. */
function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]),
    ) as T;
  }
  return value;
}
