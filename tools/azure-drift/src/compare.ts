import type { ApiDocument, RefResolver } from './document.js';
import type { Drift } from './drift.js';
import type { Operation, SchemaAt } from './operations.js';
import { type PathInfo, type Shape, shapeOf } from './shape.js';

export interface Side {
  document: ApiDocument;
  resolver: RefResolver;
  operations: Operation[];
}

export interface Comparison {
  drift: Drift[];
  shared: number;
}

/** Pairs the operations (by operationId, then by route) and lists every difference, upstream first. */
export function compare(upstream: Side, ours: Side): Comparison {
  const drift: Drift[] = [];
  const pairs = pairOperations(upstream.operations, ours.operations, drift);
  const enums = new EnumDrift();
  for (const [theirs, mine] of pairs) compareOperation(upstream, ours, theirs, mine, drift, enums);
  drift.push(...enums.list());
  drift.unshift(...compareApiVersion(upstream, ours, pairs));
  return { drift, shared: pairs.length };
}

function pairOperations(upstream: Operation[], ours: Operation[], drift: Drift[]): [Operation, Operation][] {
  const pairs: [Operation, Operation][] = [];
  const unpairedOurs = new Set(ours);
  const unpairedTheirs: Operation[] = [];
  for (const theirs of upstream) {
    const mine = [...unpairedOurs].find((o) => o.id.toLowerCase() === theirs.id.toLowerCase());
    if (!mine) {
      unpairedTheirs.push(theirs);
      continue;
    }
    unpairedOurs.delete(mine);
    pairs.push([theirs, mine]);
    if (mine.route !== theirs.route) {
      drift.push({
        kind: 'operation-route-differs',
        operation: theirs.id,
        target: `${theirs.method} ${theirs.path}`,
        message: `${theirs.id}: upstream ${theirs.method} ${theirs.path}, ours ${mine.method} ${mine.path}`,
      });
    }
  }
  for (const theirs of unpairedTheirs) {
    const mine = [...unpairedOurs].find((o) => o.route === theirs.route);
    if (mine) {
      unpairedOurs.delete(mine);
      pairs.push([theirs, mine]);
      drift.push({
        kind: 'operation-id-differs',
        operation: theirs.id,
        target: mine.id,
        message: `${theirs.method} ${theirs.path}: upstream ${theirs.id}, ours ${mine.id}`,
      });
      continue;
    }
    drift.push({
      kind: 'operation-missing',
      operation: theirs.id,
      target: `${theirs.method} ${theirs.path}`,
      message: `${theirs.id}  ${theirs.method} ${theirs.path}`,
    });
  }
  for (const mine of unpairedOurs) {
    drift.push({
      kind: 'operation-extra',
      operation: mine.id,
      target: `${mine.method} ${mine.path}`,
      message: `${mine.id}  ${mine.method} ${mine.path}`,
    });
  }
  return pairs;
}

function compareApiVersion(upstream: Side, ours: Side, pairs: [Operation, Operation][]): Drift[] {
  const theirs = upstream.document.version;
  const mine = new Set(pairs.flatMap(([, o]) => o.apiVersions));
  if (mine.size === 0 && ours.document.version) mine.add(ours.document.version);
  if (theirs === '' || mine.has(theirs)) return [];
  const listed = [...mine].join(', ') || '(none)';
  return [
    {
      kind: 'api-version',
      target: theirs,
      value: listed,
      message: `upstream ${theirs}, ours ${listed}`,
    },
  ];
}

const parameterKey = (p: { in: string; name: string }) =>
  `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`;

function compareOperation(
  upstream: Side,
  ours: Side,
  theirs: Operation,
  mine: Operation,
  drift: Drift[],
  enums: EnumDrift,
) {
  const id = theirs.id;
  // Path parameters are compared through the route (their names are each spec's own choice).
  const theirParams = new Map(
    theirs.parameters.filter((p) => p.in !== 'path').map((p) => [parameterKey(p), p]),
  );
  const myParams = new Map(mine.parameters.filter((p) => p.in !== 'path').map((p) => [parameterKey(p), p]));
  for (const [key, parameter] of theirParams) {
    const own = myParams.get(key);
    if (!own) {
      drift.push({
        kind: 'parameter-missing',
        operation: id,
        target: key,
        message: `${id}: ${key}${parameter.required ? ' (required)' : ''}`,
      });
    } else if (own.required !== parameter.required) {
      drift.push(requiredDiffers(id, key, parameter.required));
    }
  }
  for (const [key, parameter] of myParams) {
    if (!theirParams.has(key)) {
      drift.push({
        kind: 'parameter-extra',
        operation: id,
        target: key,
        message: `${id}: ${key}${parameter.required ? ' (required)' : ''}`,
      });
    }
  }

  if (theirs.requestBody && !mine.requestBody) {
    drift.push({
      kind: 'request-body-missing',
      operation: id,
      message: `${id}: upstream takes a body, ours none`,
    });
  } else if (!theirs.requestBody && mine.requestBody) {
    drift.push({
      kind: 'request-body-extra',
      operation: id,
      message: `${id}: ours sends a body, upstream takes none`,
    });
  } else if (theirs.requestBody && mine.requestBody) {
    if (theirs.requestBody.required !== mine.requestBody.required) {
      drift.push(requiredDiffers(id, 'body', theirs.requestBody.required));
    }
    compareBodies(
      upstream,
      ours,
      theirs.requestBody.schemas,
      mine.requestBody.schemas,
      'request',
      id,
      '',
      drift,
      enums,
    );
  }

  for (const [status, theirSchemas] of theirs.responses) {
    const mineStatus = matchingStatus(status, [...mine.responses.keys()]);
    if (mineStatus === undefined) {
      drift.push({ kind: 'status-missing', operation: id, target: status, message: `${id}: ${status}` });
      continue;
    }
    compareBodies(
      upstream,
      ours,
      theirSchemas,
      mine.responses.get(mineStatus) ?? [],
      'response',
      id,
      `${status} `,
      drift,
      enums,
    );
  }
}

function requiredDiffers(id: string, key: string, upstreamRequired: boolean): Drift {
  return {
    kind: 'parameter-required-differs',
    operation: id,
    target: key,
    message: `${id}: ${key} is ${upstreamRequired ? 'required' : 'optional'} upstream, ${upstreamRequired ? 'optional' : 'required'} in ours`,
  };
}

/** `201` is declared by `201` or `2XX`; `default` only by `default`. */
function matchingStatus(status: string, ours: string[]): string | undefined {
  if (ours.includes(status)) return status;
  if (/^\d{3}$/.test(status)) return ours.find((o) => o.toUpperCase() === `${status[0]}XX`);
  return undefined;
}

function compareBodies(
  upstream: Side,
  ours: Side,
  theirSchemas: SchemaAt[],
  mySchemas: SchemaAt[],
  direction: 'request' | 'response',
  id: string,
  prefix: string,
  drift: Drift[],
  enums: EnumDrift,
) {
  if (theirSchemas.length === 0) return;
  const theirShape = shapeOf(theirSchemas, upstream.resolver);
  const myShape = shapeOf(mySchemas, ours.resolver);
  const ignored = (info: PathInfo) => (direction === 'request' ? info.readOnly : info.writeOnly);
  const missing: string[] = [];
  for (const [path, info] of theirShape) {
    if (path === '' || ignored(info) || missing.some((m) => isUnder(path, m))) continue;
    if (!myShape.has(path) && !hasIgnoredAncestor(theirShape, path, ignored)) {
      missing.push(path);
      drift.push({
        kind: direction === 'request' ? 'request-property-missing' : 'response-property-missing',
        operation: id,
        target: `${prefix}${path}`,
        message: `${id}: ${prefix}${path}`,
      });
    }
  }
  const where = `${id} ${direction === 'request' ? 'request' : prefix.trim()}`;
  for (const [path, info] of myShape) {
    const theirInfo = theirShape.get(path);
    if (!theirInfo) continue;
    if (theirInfo.enum && info.enum && !ignored(theirInfo))
      enums.add(theirInfo, info, `${where} ${path || '(body)'}`);
    if (direction === 'request' && info.closed && !theirInfo.closed && !theirInfo.unresolved) {
      const name = info.schemaName ?? (path || '(body)');
      drift.push({
        kind: 'object-closed',
        operation: id,
        target: name,
        message: `${id}: request ${path || '(body)'} (${name}) refuses properties upstream may add`,
      });
    }
  }
}

const isUnder = (path: string, ancestor: string) =>
  path.startsWith(ancestor) && ['.', '[', '{'].includes(path.charAt(ancestor.length));

function hasIgnoredAncestor(shape: Shape, path: string, ignored: (info: PathInfo) => boolean): boolean {
  for (const [other, info] of shape) if (other !== '' && isUnder(path, other) && ignored(info)) return true;
  return false;
}

/** Enum differences, reported once per enum and value however many operations use it. */
class EnumDrift {
  private readonly missing = new Map<string, Drift>();
  private readonly closed = new Map<string, Drift>();

  add(theirs: PathInfo, mine: PathInfo, where: string) {
    const theirEnum = theirs.enum;
    const myEnum = mine.enum;
    if (!theirEnum || !myEnum) return;
    const name = theirEnum.name ?? myEnum.name ?? where;
    for (const value of theirEnum.values) {
      if (myEnum.open && myEnum.values.includes(value)) continue;
      if (myEnum.values.includes(value)) continue;
      const key = `${name}\u0000${value}`;
      const existing = this.missing.get(key);
      if (existing) existing.at?.push(where);
      else {
        this.missing.set(key, {
          kind: 'enum-value-missing',
          target: name,
          value,
          message: `${name}: ${value}`,
          at: [where],
        });
      }
    }
    if (theirEnum.open && !myEnum.open) {
      const existing = this.closed.get(name);
      if (existing) existing.at?.push(where);
      else {
        this.closed.set(name, {
          kind: 'enum-closed',
          target: name,
          message: `${name}: open upstream (modelAsString), closed in ours`,
          at: [where],
        });
      }
    }
  }

  list(): Drift[] {
    return [...this.missing.values(), ...this.closed.values()];
  }
}
