// Filters that take a date-time accept a Date too.

/** `Q` with its `start_date` and `end_date` filters taking a Date as well (sent as ISO 8601 with `Z`). */
export type WithDates<Q> = { [K in keyof Q]: K extends 'start_date' | 'end_date' ? string | Date : Q[K] };

/** Dates become ISO 8601 strings with `Z`; everything else is passed as given. */
export function withIsoDates<Q extends Record<string, unknown>>(
  query: Q,
): { [K in keyof Q]: Q[K] extends string | Date | undefined ? Exclude<Q[K], Date> : Q[K] } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as never;
}
