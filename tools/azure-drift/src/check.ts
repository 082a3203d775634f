import { applyAllowList, readAllowList } from './allow.js';
import { compare } from './compare.js';
import { InputError, RefResolver, readApiDocument } from './document.js';
import type { DriftKind, DriftReport } from './drift.js';
import { readOperations } from './operations.js';

export interface CheckOptions {
  /** Our OpenAPI 3.x spec. */
  spec: string;
  /** Microsoft's swagger (or OpenAPI) file for the same surface. */
  upstream: string;
  /** The allow-list file; null: none. */
  allow: string | null;
}

/** Compares our spec with upstream's; InputError (exit 2) when a file is unusable. */
export function checkDrift(options: CheckOptions): DriftReport {
  const spec = readApiDocument(options.spec, 'spec');
  if (spec.format !== 'openapi3') throw new InputError(`${options.spec}: our spec must be OpenAPI 3.x`);
  const upstream = readApiDocument(options.upstream, 'upstream file');
  const entries = options.allow === null ? [] : readAllowList(options.allow);

  const upstreamResolver = new RefResolver(upstream);
  const ourResolver = new RefResolver(spec);
  const theirOperations = readOperations(upstream, upstreamResolver);
  const ourOperations = readOperations(spec, ourResolver);
  if (theirOperations.length === 0) throw new InputError(`${options.upstream}: declares no operation`);

  const { drift, shared } = compare(
    { document: upstream, resolver: upstreamResolver, operations: theirOperations },
    { document: spec, resolver: ourResolver, operations: ourOperations },
  );
  const allowance = applyAllowList(drift, entries, options.spec);
  const byKind: Partial<Record<DriftKind, number>> = {};
  for (const item of allowance.drift) byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
  return {
    spec: { file: options.spec, title: spec.title, version: spec.version },
    upstream: {
      file: options.upstream,
      title: upstream.title,
      version: upstream.version,
      format: upstream.format,
    },
    allowList: options.allow,
    operations: { upstream: theirOperations.length, ours: ourOperations.length, shared },
    summary: {
      ok: allowance.drift.length === 0,
      drift: allowance.drift.length,
      allowed: allowance.allowed.length,
      byKind,
    },
    drift: allowance.drift,
    allowed: allowance.allowed,
    staleAllowEntries: allowance.stale,
    unresolvedRefs: [...new Set([...upstreamResolver.unresolved, ...ourResolver.unresolved])].sort(),
  };
}
