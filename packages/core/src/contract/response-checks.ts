/**
 * Which mock responses are checked against the spec. `true`: every one (the default in tests, where a
 * response that breaks the spec fails the test that caused it). A policy decides per response, from
 * its operation and status; {@link sampledResponseChecks} is the one a long-running server uses.
 */
export type ResponseCheckPolicy = (operationId: string, status: number) => boolean;

/** How {@link sampledResponseChecks} samples: all of the first answers, then one in so many. */
export interface SampledResponseChecks {
  /** How many responses of each operation and status are all checked first (default 32). */
  first?: number;
  /** After those, one response in this many is checked (default 16). */
  oneIn?: number;
}

/**
 * Checks the first responses of every operation and status, then one in `oneIn`. A mock's answer to
 * an operation has the same shape every time its code takes the same path, so drift shows in the
 * first answers of that operation and status; a server answering thousands of requests a second
 * then spends a sixteenth of the checking. The counts are per operation and status: their number is
 * bounded by the spec, not by the traffic.
 */
export function sampledResponseChecks(options: SampledResponseChecks = {}): ResponseCheckPolicy {
  const first = options.first ?? 32;
  const oneIn = Math.max(1, options.oneIn ?? 16);
  const seen = new Map<string, number>();
  return (operationId, status) => {
    const key = `${status} ${operationId}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count <= first || count % oneIn === 0;
  };
}
