/**
 * A copy of `source` built from its entries. `new Headers(source)` is the obvious way, but under msw
 * (@mswjs/interceptors records "raw" headers on every Headers object) the copy starts from the
 * recorded list, which still holds values deleted since: a removed `Authorization` comes back merged
 * with the new one ("Bearer old, Bearer new"). Copying the entries is correct everywhere.
 */
export function copyHeaders(source: Headers): Headers {
  return new Headers([...source]);
}
