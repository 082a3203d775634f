import { DRIFT_KINDS, DRIFT_TITLES, type Drift, type DriftReport } from './drift.js';

const line = (drift: Drift) => {
  const at = drift.at && drift.at.length > 0 ? `  (${summariseAt(drift.at)})` : '';
  return `${drift.message}${at}`;
};

function summariseAt(at: string[]): string {
  return at.length <= 2 ? at.join('; ') : `${at.slice(0, 2).join('; ')}; +${at.length - 2} more`;
}

/** The report as text: a header, then the drift grouped by kind, then what the allow-list allowed. */
export function renderText(report: DriftReport): string {
  const out: string[] = [];
  const { spec, upstream, operations, summary } = report;
  out.push(`ours:     ${spec.file} (${[spec.title, spec.version].filter(Boolean).join(' ')})`);
  out.push(
    `upstream: ${upstream.file} (${[upstream.title, upstream.version].filter(Boolean).join(' ')}, ${upstream.format === 'swagger2' ? 'Swagger 2.0' : 'OpenAPI 3'})`,
  );
  out.push(
    `operations: ${operations.upstream} upstream, ${operations.ours} ours, ${operations.shared} compared`,
  );
  for (const kind of DRIFT_KINDS) {
    const items = report.drift.filter((d) => d.kind === kind);
    if (items.length === 0) continue;
    out.push('', `${DRIFT_TITLES[kind]} (${items.length}) [${kind}]`);
    for (const item of items) out.push(`  ${line(item)}`);
  }
  if (report.allowed.length > 0) {
    out.push('', `Allowed by ${report.allowList} (${report.allowed.length})`);
    for (const item of report.allowed)
      out.push(`  [${item.kind}] ${line(item)}`, `      reason: ${item.reason}`);
  }
  if (report.staleAllowEntries.length > 0) {
    out.push('', `Allow-list entries that matched nothing (${report.staleAllowEntries.length}): remove them`);
    for (const entry of report.staleAllowEntries) {
      const fields = (['kind', 'operation', 'target', 'value'] as const)
        .filter((key) => entry[key] !== undefined)
        .map((key) => `${key}=${entry[key]}`);
      out.push(`  ${fields.join(' ')}`);
    }
  }
  if (report.unresolvedRefs.length > 0) {
    out.push(
      '',
      `Not compared: ${report.unresolvedRefs.length} $ref(s) point outside the file (put the referenced files beside it to include them)`,
    );
    for (const ref of report.unresolvedRefs) out.push(`  ${ref}`);
  }
  out.push(
    '',
    summary.ok
      ? `No drift beyond the allow-list (${summary.allowed} allowed).`
      : `${summary.drift} difference(s) not in the allow-list (${summary.allowed} allowed).`,
  );
  return `${out.join('\n')}\n`;
}
