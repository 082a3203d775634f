import { type Issue, REASONS, type VerificationReport } from './report.js';

/** How many mismatching exchanges, issues per exchange and offenders the text report lists. */
export interface RenderLimits {
  exchanges: number;
  issuesPerExchange: number;
  offenders: number;
}

const DEFAULT_LIMITS: RenderLimits = { exchanges: 20, issuesPerExchange: 8, offenders: 10 };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeIssue(issue: Issue): string {
  if (issue.location === 'status') return `status ${issue.rule}`;
  const where = issue.pointer === '' ? issue.location : `${issue.location} ${issue.pointer}`;
  return `${where}  ${issue.rule}${issue.got === undefined ? '' : ` (got ${issue.got})`}`;
}

/** The report as text for a terminal or an issue comment: sections, then one verdict line. */
export function renderText(report: VerificationReport, limits: RenderLimits = DEFAULT_LIMITS): string {
  const { summary } = report;
  const out: string[] = [];
  out.push('qc contract-verify');
  out.push(
    `  spec     ${report.spec.file} (${report.spec.title}, ${plural(report.spec.operations, 'operation')})`,
  );
  out.push(
    `  traffic  ${report.traffic.file} (${report.traffic.format}, ${plural(report.traffic.exchanges, 'exchange')})`,
  );
  for (const base of report.baseUrls) out.push(`  base URL ${base}`);

  out.push('', 'Exchanges');
  out.push(
    `  ${summary.checked} under the spec's servers: ${summary.matched} matched an operation, ${summary.checked - summary.matched} matched none`,
  );
  if (summary.outside > 0) {
    const hosts = report.outside.map((o) => `${o.host} ${o.exchanges}`).join(', ');
    out.push(`  ${summary.outside} outside the spec's servers, not checked: ${hosts}`);
  }
  if (summary.corsPreflights > 0)
    out.push(`  ${plural(summary.corsPreflights, 'CORS preflight')}, not checked`);
  if (summary.noResponse > 0)
    out.push(`  ${summary.noResponse} without a recorded response: request checked only`);
  if (summary.requestBodiesNotRecorded > 0) {
    out.push(`  ${summary.requestBodiesNotRecorded} without a recorded request body: body not checked`);
  }
  if (summary.responseBodiesNotRecorded > 0) {
    out.push(`  ${summary.responseBodiesNotRecorded} without a recorded response body: status checked only`);
  }
  if (summary.trailingSlash > 0) {
    out.push(`  ${summary.trailingSlash} matched once a trailing slash was dropped (the spec declares none)`);
  }

  if (report.operations.length > 0) {
    out.push('', `Operations (${report.operations.length} of ${report.spec.operations} seen)`);
    const width = Math.max(...report.operations.map((o) => o.operationId.length));
    for (const op of report.operations) {
      const statuses = Object.entries(op.statuses)
        .map(([status, n]) => (n === 1 ? status : `${status}×${n}`))
        .join(', ');
      const counts =
        op.mismatching === 0
          ? plural(op.exchanges, 'exchange')
          : `${plural(op.exchanges, 'exchange')}, ${op.mismatching} mismatching`;
      out.push(
        `  ${op.mismatching === 0 ? '✓' : '✗'} ${op.operationId.padEnd(width)}  ${op.method.padEnd(6)} ${counts}  [${statuses}]`,
      );
    }
  }

  if (report.unmatched.length > 0) {
    out.push('', 'Requests that match no operation');
    for (const group of report.unmatched) {
      const where = group.at.length > 3 ? `${group.at.slice(0, 3).join(', ')}, …` : group.at.join(', ');
      const hint =
        group.otherMethods.length > 0
          ? `the path has ${group.otherMethods.join(', ')}`
          : 'no operation at this path';
      out.push(`  ✗ ${group.method} ${group.url}`);
      out.push(`      ${plural(group.exchanges, 'exchange')} (${where}); ${hint}`);
    }
  }

  if (report.mismatches.length > 0) {
    out.push('', 'Mismatches');
    for (const mismatch of report.mismatches.slice(0, limits.exchanges)) {
      const status = mismatch.status === undefined ? 'no response' : String(mismatch.status);
      out.push(`  ${mismatch.at}  ${mismatch.method} ${mismatch.operationId} → ${status}`);
      for (const issue of mismatch.issues.slice(0, limits.issuesPerExchange))
        out.push(`    ✗ ${describeIssue(issue)}`);
      const more = mismatch.issues.length - limits.issuesPerExchange;
      if (more > 0) out.push(`    … and ${plural(more, 'more issue')}`);
    }
    const more = report.mismatches.length - limits.exchanges;
    if (more > 0) out.push(`  … and ${plural(more, 'more mismatching exchange')} (--json lists every one)`);
  }

  const worst = report.worstOffenders;
  if (worst.fields.length > 0 || report.unmatched.length > 0) {
    out.push('', 'Worst offenders');
    if (worst.operations.length > 0) {
      out.push('  operations');
      for (const op of worst.operations.slice(0, limits.offenders)) {
        out.push(
          `    ${op.operationId}: ${op.mismatching} of ${plural(op.exchanges, 'exchange')} mismatching, ${plural(op.issues, 'issue')}`,
        );
      }
    }
    if (report.unmatched.length > 0) {
      const top = report.unmatched[0];
      if (top)
        out.push(
          `  unknown operations: ${plural(report.unmatched.length, 'path')}, most often ${top.method} ${top.url} (${top.exchanges}×)`,
        );
    }
    if (worst.fields.length > 0) {
      out.push('  fields');
      for (const field of worst.fields.slice(0, limits.offenders)) {
        const where =
          field.location === 'status'
            ? `status ${field.rule}`
            : `${field.pointer === '' ? field.location : `${field.location} ${field.pointer}`}  ${field.rule}`;
        out.push(`    ${plural(field.exchanges, 'exchange')}  ${field.operationId} ${where}`);
      }
    }
  }

  out.push('', verdict(report));
  return `${out.join('\n')}\n`;
}

/** The last line: PASS, or FAIL with the count of each reason. */
export function verdict(report: VerificationReport): string {
  const { summary } = report;
  if (summary.checked === 0) {
    return "FAIL: no exchange was under the spec's servers, so nothing was checked (is it the right spec? pass --base-url for a proxy or a mock)";
  }
  if (summary.ok) return `PASS: all ${plural(summary.checked, 'checked exchange')} match the spec`;
  const reasons = REASONS.filter((r) => summary.byReason[r] > 0).map((r) => `${summary.byReason[r]} ${r}`);
  return `FAIL: ${summary.mismatching} of ${plural(summary.checked, 'checked exchange')} do not match the spec (${reasons.join(', ')})`;
}
