/** Why an exchange does not match the spec. */
export type Reason =
  | 'unknown operation'
  | 'invalid request parameters'
  | 'invalid request body'
  | 'undeclared status'
  | 'invalid response body';

export const REASONS: readonly Reason[] = [
  'unknown operation',
  'invalid request parameters',
  'invalid request body',
  'undeclared status',
  'invalid response body',
];

/** One broken rule: where (a JSON path), which rule; never the value, except a short enum-like one. */
export interface Issue {
  reason: Reason;
  /** `request body`, `query parameter "api-version"`, `response 200 body`, `status`. */
  location: string;
  /** JSON pointer inside the location (`/data/0/start_timestamp`); empty for the whole of it. */
  pointer: string;
  /** The schema rule broken, as the mocks' validator words it. */
  rule: string;
  /** The value, only when it is short, enum-like and not a credential (enum and const rules). */
  got?: string;
}

export interface ExchangeMismatch {
  /** `entry 3` (HAR) or `line 3` (JSON lines). */
  at: string;
  method: string;
  operationId: string;
  pathTemplate: string;
  status: number | undefined;
  reasons: Reason[];
  issues: Issue[];
}

export interface OperationSummary {
  operationId: string;
  method: string;
  pathTemplate: string;
  exchanges: number;
  mismatching: number;
  issues: number;
  /** Each status seen, with its count. */
  statuses: Record<string, number>;
}

/** Requests to one method and path shape (ids as `{id}`) that match no operation. */
export interface UnmatchedRequests {
  method: string;
  /** The server base (origin and prefix) and the path with ids replaced, query names only. */
  url: string;
  /** A hint: the methods this path does have. */
  otherMethods: string[];
  exchanges: number;
  at: string[];
}

/** Issues of one kind at one field of one operation, over every exchange. */
export interface FieldOffender {
  operationId: string;
  location: string;
  /** The pointer with array indices as `*`. */
  pointer: string;
  rule: string;
  exchanges: number;
  occurrences: number;
}

export interface VerificationReport {
  spec: { file: string; title: string; operations: number };
  traffic: { file: string; format: string; exchanges: number };
  baseUrls: string[];
  summary: {
    ok: boolean;
    exchanges: number;
    /** Exchanges under the spec's servers (or a --base-url): matched and unmatched. */
    checked: number;
    matched: number;
    mismatching: number;
    /** Exchanges per reason (one exchange may have several). */
    byReason: Record<Reason, number>;
    outside: number;
    corsPreflights: number;
    noResponse: number;
    requestBodiesNotRecorded: number;
    responseBodiesNotRecorded: number;
    trailingSlash: number;
  };
  operations: OperationSummary[];
  unmatched: UnmatchedRequests[];
  mismatches: ExchangeMismatch[];
  worstOffenders: { operations: OperationSummary[]; fields: FieldOffender[] };
  /** Hosts of the exchanges outside the spec's servers, with counts: not checked. */
  outside: { host: string; exchanges: number }[];
}
