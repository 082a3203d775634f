import { isNode, type Node, type RefResolver } from './document.js';
import type { SchemaAt } from './operations.js';

/**
 * What a body schema describes, flattened to property paths: `value[].targets[].id`, `tags{}` (a map's
 * values), `` (the body itself). Both documents reduce to this shape, so Swagger 2.0 `definitions` and
 * OpenAPI 3.1 `components/schemas`, `allOf` inheritance, `oneOf`/`anyOf` unions, nullable wrappers and
 * Azure's `discriminator` + `x-ms-discriminator-value` polymorphism compare alike.
 */
export type Shape = Map<string, PathInfo>;

export interface PathInfo {
  /** Not sent by clients: `readOnly`, or `x-ms-mutability` without `create`/`update`. */
  readOnly: boolean;
  /** Not returned: `writeOnly`, or `x-ms-mutability` without `read`. */
  writeOnly: boolean;
  enum?: EnumInfo;
  /** `additionalProperties: false` on the object here. */
  closed: boolean;
  /** A `$ref` here could not be followed: what the schema says at this path is unknown. */
  unresolved: boolean;
  /** The named schema (definition) last entered at this path, for messages and the allow-list. */
  schemaName?: string;
}

export interface EnumInfo {
  /** `x-ms-enum.name`, else the name of the definition the enum is. */
  name?: string;
  values: string[];
  /** Accepts values beyond `values`: `x-ms-enum.modelAsString`, or our `anyOf: [{enum}, {type: string}]`. */
  open: boolean;
}

interface Context {
  path: string;
  depth: number;
  file: string;
  /** `$ref` targets entered on the way here: a target met again is a cycle, walked no further. */
  stack: ReadonlySet<string>;
  /** Set while walking an `allOf` base or a polymorphic variant: their subtypes are not expanded again. */
  inherited: boolean;
  /** Set while walking the variants of a polymorphic base: the discriminator keeps the base's values. */
  asVariant: boolean;
  refName?: string;
}

/** Recursion guard (wrappers such as nullable `anyOf` count too); cycles are cut by `stack` first. */
const MAX_DEPTH = 64;
/** Paths deeper than this many segments are not compared (both sides stop at the same place). */
const MAX_SEGMENTS = 12;

const segments = (path: string) => (path.match(/\.|\[\]|\{\}/g)?.length ?? 0) + (path === '' ? 0 : 1);

export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** The property paths of one or more body schemas (several media types or union answers merge). */
export function shapeOf(schemas: readonly SchemaAt[], resolver: RefResolver): Shape {
  const shape: Shape = new Map();
  for (const { schema, file } of schemas) {
    walk(shape, resolver, schema, {
      path: '',
      depth: 0,
      file,
      stack: new Set(),
      inherited: false,
      asVariant: false,
    });
  }
  return shape;
}

function info(shape: Shape, path: string): PathInfo {
  let entry = shape.get(path);
  if (!entry) {
    entry = { readOnly: false, writeOnly: false, closed: false, unresolved: false };
    shape.set(path, entry);
  }
  return entry;
}

function walk(shape: Shape, resolver: RefResolver, node: Node, context: Context): void {
  const here = info(shape, context.path);
  if (context.depth > MAX_DEPTH || segments(context.path) > MAX_SEGMENTS) return;

  if (typeof node.$ref === 'string') {
    const target = resolver.resolve(node.$ref, context.file);
    if (!target) here.unresolved = true;
    if (target && !context.stack.has(target.key)) {
      walk(shape, resolver, target.node, {
        ...context,
        file: target.file,
        depth: context.depth + 1,
        stack: new Set([...context.stack, target.key]),
        refName: target.name,
      });
    }
    // OpenAPI 3.1 allows keywords beside `$ref` (ours puts `readOnly` there): read them too.
    const { $ref: _ref, ...siblings } = node;
    walkKeywords(shape, resolver, siblings, { ...context, refName: undefined }, here);
    return;
  }
  walkKeywords(shape, resolver, node, context, here);
}

function walkKeywords(
  shape: Shape,
  resolver: RefResolver,
  node: Node,
  context: Context,
  here: PathInfo,
): void {
  if (context.refName && isNode(node.properties)) here.schemaName = context.refName;
  if (node.readOnly === true) here.readOnly = true;
  if (node.writeOnly === true) here.writeOnly = true;
  const mutability = node['x-ms-mutability'];
  if (Array.isArray(mutability)) {
    if (!mutability.includes('create') && !mutability.includes('update')) here.readOnly = true;
    if (!mutability.includes('read')) here.writeOnly = true;
  }
  readEnum(node, context, here);
  if (node.additionalProperties === false) here.closed = true;

  const next = (extra: Partial<Context> = {}): Context => ({
    ...context,
    refName: undefined,
    depth: context.depth + 1,
    ...extra,
  });

  // Inheritance: the bases' properties belong to this schema; their subtypes are not expanded from here.
  const bases = Array.isArray(node.allOf) ? node.allOf.filter(isNode) : [];
  for (const base of bases) walk(shape, resolver, base, next({ inherited: true }));

  // Unions (ours: `oneOf` of variants, nullable `anyOf: [X, {type: null}]`, open enums): every branch counts.
  const branches = [node.oneOf, node.anyOf].flatMap((list) =>
    Array.isArray(list) ? list.filter(isNode) : [],
  );
  // A branch keeps the union's name: our open enum `JobType` is `anyOf: [{enum: […]}, {type: string}]`.
  for (const branch of branches) walk(shape, resolver, branch, next({ refName: context.refName }));
  if (branches.some((branch) => isPlainString(resolver, branch, context.file)) && here.enum)
    here.enum.open = true;

  if (isNode(node.properties)) {
    for (const [name, property] of Object.entries(node.properties)) {
      if (isNode(property))
        walk(
          shape,
          resolver,
          property,
          next({ path: child(context.path, name), inherited: false, asVariant: false }),
        );
    }
  }
  if (isNode(node.items)) {
    walk(
      shape,
      resolver,
      node.items,
      next({ path: `${context.path}[]`, inherited: false, asVariant: false }),
    );
  }
  if (isNode(node.additionalProperties) && Object.keys(node.additionalProperties).length > 0) {
    walk(
      shape,
      resolver,
      node.additionalProperties,
      next({ path: `${context.path}{}`, inherited: false, asVariant: false }),
    );
  }

  walkPolymorphism(shape, resolver, node, context, bases, next);
}

/**
 * Swagger 2.0 polymorphism: a definition with `discriminator` stands for itself and every definition
 * that extends it (`allOf: [{$ref: base}]`, `x-ms-discriminator-value`): their properties are walked at
 * the same path. A subtype walked on its own fixes the discriminator to its own value.
 */
function walkPolymorphism(
  shape: Shape,
  resolver: RefResolver,
  node: Node,
  context: Context,
  bases: Node[],
  next: (extra?: Partial<Context>) => Context,
): void {
  const discriminator = discriminatorOf(node);
  if (discriminator && !context.inherited && context.refName && !node.oneOf && !node.anyOf) {
    const definitions = resolver.resolve('#/definitions', context.file)?.node;
    const baseRef = `#/definitions/${context.refName}`;
    for (const [name, candidate] of Object.entries(definitions ?? {})) {
      if (!isNode(candidate) || !Array.isArray(candidate.allOf)) continue;
      if (!candidate.allOf.some((b) => isNode(b) && b.$ref === baseRef)) continue;
      walk(shape, resolver, { $ref: `#/definitions/${name}` }, next({ inherited: true, asVariant: true }));
    }
  }
  const value = node['x-ms-discriminator-value'];
  if (typeof value === 'string' && !context.asVariant) {
    for (const base of bases) {
      const resolved = resolver.deref(base, context.file);
      const property = resolved ? discriminatorOf(resolved.node) : undefined;
      if (!property) continue;
      const at = info(shape, child(context.path, property));
      // Within this subtype the discriminator has exactly one value, however open the base's enum is.
      at.enum = { ...at.enum, values: [value], open: false };
    }
  }
}

function discriminatorOf(node: Node): string | undefined {
  if (typeof node.discriminator === 'string') return node.discriminator;
  if (isNode(node.discriminator) && typeof node.discriminator.propertyName === 'string') {
    return node.discriminator.propertyName;
  }
  return undefined;
}

function readEnum(node: Node, context: Context, here: PathInfo): void {
  const values: string[] = [];
  if (Array.isArray(node.enum)) values.push(...node.enum.filter((v): v is string => typeof v === 'string'));
  if (typeof node.const === 'string') values.push(node.const);
  const msEnum = isNode(node['x-ms-enum']) ? node['x-ms-enum'] : undefined;
  if (msEnum && Array.isArray(msEnum.values)) {
    for (const entry of msEnum.values) {
      if (isNode(entry) && typeof entry.value === 'string') values.push(entry.value);
    }
  }
  if (values.length === 0) return;
  const enumInfo = here.enum ?? { values: [], open: false };
  for (const value of values) if (!enumInfo.values.includes(value)) enumInfo.values.push(value);
  if (msEnum?.modelAsString === true) enumInfo.open = true;
  const name = typeof msEnum?.name === 'string' ? msEnum.name : context.refName;
  if (name && !enumInfo.name) enumInfo.name = name;
  here.enum = enumInfo;
}

/** `{type: string}` with nothing narrowing it: the "any other value" branch of an open enum. */
function isPlainString(resolver: RefResolver, branch: Node, file: string): boolean {
  const node = resolver.deref(branch, file)?.node;
  if (!node) return false;
  const type = node.type;
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  return isString && node.enum === undefined && node.const === undefined && node.pattern === undefined;
}
