import type { MatchedOperation } from '@qc/core/contract';
import type { Server } from './servers.js';
import type { LoadedSpec } from './spec.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE'];

export type Route =
  | {
      kind: 'operation';
      operation: MatchedOperation;
      /** The path relative to the server, as validated. */
      pathname: string;
      /** Matched only once a trailing slash was dropped (QCi's client posts `/access-tokens/`). */
      trailingSlash: boolean;
    }
  /** Under one of the spec's servers (or a --base-url), but no operation has this method and path. */
  | { kind: 'unmatched'; base: string; pathname: string; otherMethods: string[] }
  /** Under none of the spec's servers: another service's traffic in the same recording. */
  | { kind: 'outside' };

interface Base {
  /** Origin and path prefix the spec's paths are relative to. */
  prefix: string;
  pathname: string;
  /** Undefined for a --base-url: every operation is served there. */
  server: Server | undefined;
}

/**
 * Routes a request to an operation: strips a --base-url, or the prefix of one of the spec's servers
 * (trying each path prefix, so `{endpoint}` may carry one), then asks the contract for the operation.
 * An operation counts only under one of its own servers (Pasqal's account API has servers of its own).
 */
export function routeRequest(spec: LoadedSpec, method: string, url: URL, baseUrls: readonly URL[]): Route {
  const bases: Base[] = [];
  for (const base of baseUrls) {
    const prefix = base.pathname.replace(/\/+$/, '');
    if (url.origin !== base.origin) continue;
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) continue;
    bases.push({
      prefix: `${base.origin}${prefix}`,
      pathname: url.pathname.slice(prefix.length) || '/',
      server: undefined,
    });
  }
  if (bases.length === 0) {
    const segments = url.pathname.split('/').slice(1);
    const found: (Base & { k: number; literal: number })[] = [];
    for (let k = 0; k <= segments.length; k++) {
      const prefixPath = k === 0 ? '' : `/${segments.slice(0, k).join('/')}`;
      if (k > 0 && k === segments.length && segments[k - 1] === '') continue;
      for (const server of spec.servers) {
        if (!server.regex.test(`${url.origin}${prefixPath}`)) continue;
        const pathname = url.pathname.slice(prefixPath.length) || '/';
        found.push({ prefix: `${url.origin}${prefixPath}`, pathname, server, k, literal: server.literal });
      }
    }
    // The most literal server first, then the shortest prefix (the longest path left to route).
    found.sort((a, b) => b.literal - a.literal || a.k - b.k);
    bases.push(...found);
  }
  if (bases.length === 0) return { kind: 'outside' };

  const served = (operation: MatchedOperation, base: Base) =>
    base.server === undefined ||
    spec.operations.get(operation.operationId)?.servers.includes(base.server.url);
  const find = (m: string, base: Base) => {
    const exact = spec.contract.match(m, base.pathname);
    if (exact && served(exact, base))
      return { operation: exact, pathname: base.pathname, trailingSlash: false };
    if (base.pathname.length > 1 && base.pathname.endsWith('/')) {
      const pathname = base.pathname.slice(0, -1);
      const trimmed = spec.contract.match(m, pathname);
      if (trimmed && served(trimmed, base)) return { operation: trimmed, pathname, trailingSlash: true };
    }
    return undefined;
  };

  for (const base of bases) {
    const found = find(method, base);
    if (found) return { kind: 'operation', ...found };
  }
  const first = bases[0] as Base;
  return {
    kind: 'unmatched',
    base: first.prefix,
    pathname: first.pathname,
    otherMethods: METHODS.filter((m) => m !== method && find(m, first) !== undefined),
  };
}
