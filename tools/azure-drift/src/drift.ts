/** Every kind of difference the check reports, in the order the text report groups them. */
export const DRIFT_KINDS = [
  'api-version',
  'operation-missing',
  'operation-extra',
  'operation-route-differs',
  'operation-id-differs',
  'parameter-missing',
  'parameter-extra',
  'parameter-required-differs',
  'request-body-missing',
  'request-body-extra',
  'request-property-missing',
  'response-property-missing',
  'status-missing',
  'enum-value-missing',
  'enum-closed',
  'object-closed',
] as const;

export type DriftKind = (typeof DRIFT_KINDS)[number];

export const DRIFT_TITLES: Record<DriftKind, string> = {
  'api-version': 'api-version',
  'operation-missing': 'Operations upstream has that we lack',
  'operation-extra': 'Operations we have that upstream lacks',
  'operation-route-differs': 'Same operationId, different method or path',
  'operation-id-differs': 'Same method and path, different operationId',
  'parameter-missing': 'Parameters upstream has that we lack',
  'parameter-extra': 'Parameters we have that upstream lacks',
  'parameter-required-differs': 'Parameters required on one side only',
  'request-body-missing': 'Request bodies upstream takes that we do not',
  'request-body-extra': 'Request bodies we send that upstream does not take',
  'request-property-missing': 'Request body properties we lack',
  'response-property-missing': 'Response body properties we lack',
  'status-missing': 'Response statuses we lack',
  'enum-value-missing': 'Enum values we lack',
  'enum-closed': 'Enums upstream keeps open that we close',
  'object-closed': 'Objects we close (additionalProperties: false) that upstream leaves open',
};

/**
 * One difference. `operation`, `target` and `value` are what an allow-list entry matches on:
 * `operation` is Azure's operationId (upstream's, or ours for `operation-extra`), `target` names the
 * thing within it (a route, `query filter`, `200 value[].shots`, a status, an enum's name), `value` an
 * enum value or our api-version.
 */
export interface Drift {
  kind: DriftKind;
  operation?: string;
  target?: string;
  value?: string;
  message: string;
  /** Where an enum difference was seen (`Jobs_Get 200 status`), for enums only. */
  at?: string[];
}

/** A drift the allow-list names, with the entry's reason. */
export interface AllowedDrift extends Drift {
  reason: string;
}

export interface AllowEntry {
  spec?: string;
  kind: DriftKind;
  operation?: string;
  target?: string;
  value?: string;
  reason: string;
}

export interface DriftReport {
  spec: { file: string; title: string; version: string };
  upstream: { file: string; title: string; version: string; format: 'swagger2' | 'openapi3' };
  allowList: string | null;
  operations: { upstream: number; ours: number; shared: number };
  summary: { ok: boolean; drift: number; allowed: number; byKind: Partial<Record<DriftKind, number>> };
  drift: Drift[];
  allowed: AllowedDrift[];
  /** Allow-list entries for this spec that matched nothing: the deviation is gone, drop the entry. */
  staleAllowEntries: AllowEntry[];
  /** `$ref`s that could not be followed (ARM's common-types when the upstream file stands alone). */
  unresolvedRefs: string[];
}
