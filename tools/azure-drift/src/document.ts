import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** Input the tool cannot work with (exit 2): the message names the file and what is wrong with it. */
export class InputError extends Error {
  override name = 'InputError';
}

export type Node = Record<string, unknown>;

export const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ApiDocument {
  file: string;
  root: Node;
  format: 'swagger2' | 'openapi3';
  title: string;
  version: string;
}

/** Reads a YAML or JSON file into a value; InputError when it cannot be read or parsed. */
export function readData(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  try {
    // JSON is YAML; the yaml parser reads both and names the line of a syntax error.
    return parse(text, { maxAliasCount: 1000 });
  } catch (error) {
    throw new InputError(`${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Reads an OpenAPI 3.x or Swagger 2.0 document. */
export function readApiDocument(file: string, what: string): ApiDocument {
  const root = readData(file, what);
  if (!isNode(root) || !isNode(root.paths)) {
    throw new InputError(`${file}: not an OpenAPI or Swagger document (no "paths" object)`);
  }
  let format: ApiDocument['format'];
  if (typeof root.swagger === 'string' && root.swagger.startsWith('2.')) format = 'swagger2';
  else if (typeof root.openapi === 'string' && root.openapi.startsWith('3.')) format = 'openapi3';
  else throw new InputError(`${file}: neither "swagger: 2.0" nor "openapi: 3.x"`);
  const info = isNode(root.info) ? root.info : {};
  return {
    file: resolve(file),
    root,
    format,
    title: typeof info.title === 'string' ? info.title : '',
    version: typeof info.version === 'string' ? info.version : '',
  };
}

/** A resolved `$ref`: the node, the file it lives in (for its own relative refs) and its last name. */
export interface Resolved {
  node: Node;
  file: string;
  /** `file#pointer`: identifies the target, for cycle detection. */
  key: string;
  /** The last segment of the pointer, e.g. `JobDetails` for `#/definitions/JobDetails`. */
  name: string;
}

/**
 * Resolves local and relative-file `$ref`s. A relative file is read when it exists (a checkout of
 * azure-rest-api-specs has ARM's common-types beside the service's folder); what cannot be resolved is
 * remembered and reported as a note, never guessed at (except the well-known ARM parameters below).
 */
export class RefResolver {
  private readonly files = new Map<string, unknown>();
  /** Every `$ref` that could not be followed, as written. */
  readonly unresolved = new Set<string>();

  constructor(document: ApiDocument) {
    this.files.set(document.file, document.root);
  }

  resolve(ref: string, fromFile: string): Resolved | undefined {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    const file = filePart === '' ? fromFile : resolve(dirname(fromFile), filePart);
    const root = this.load(file);
    if (root === undefined) {
      this.unresolved.add(ref);
      return undefined;
    }
    const segments = pointer
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = root;
    for (const segment of segments) node = isNode(node) ? node[segment] : undefined;
    if (!isNode(node)) {
      this.unresolved.add(ref);
      return undefined;
    }
    return { node, file, key: `${file}#${pointer}`, name: segments.at(-1) ?? '' };
  }

  /** Follows a chain of `$ref`s to the node that has none; undefined when a link is missing. */
  deref(node: Node, fromFile: string): { node: Node; file: string; name?: string } | undefined {
    let current = { node, file: fromFile, name: undefined as string | undefined };
    for (let depth = 0; typeof current.node.$ref === 'string'; depth++) {
      if (depth > 20) return undefined;
      const target = this.resolve(current.node.$ref, current.file);
      if (!target) return undefined;
      current = { node: target.node, file: target.file, name: target.name };
    }
    return current;
  }

  private load(file: string): unknown {
    if (this.files.has(file)) return this.files.get(file);
    let value: unknown;
    if (existsSync(file)) {
      try {
        value = parse(readFileSync(file, 'utf8'));
      } catch {
        value = undefined;
      }
    }
    this.files.set(file, value);
    return value;
  }
}

/**
 * ARM's common-types parameters every resource-manager swagger refers to
 * (`common-types/resource-management/vN/types.json#/parameters/…`), known by name so that a lone
 * quantum.json (without the common-types folder beside it) still compares its parameters.
 */
const ARM_COMMON_PARAMETERS: Record<string, { name: string; in: string; required: boolean }> = {
  ApiVersionParameter: { name: 'api-version', in: 'query', required: true },
  SubscriptionIdParameter: { name: 'subscriptionId', in: 'path', required: true },
  ResourceGroupNameParameter: { name: 'resourceGroupName', in: 'path', required: true },
  LocationParameter: { name: 'location', in: 'path', required: true },
  OperationIdParameter: { name: 'operationId', in: 'path', required: true },
  ManagementGroupNameParameter: { name: 'managementGroupName', in: 'path', required: true },
  TenantIdParameter: { name: 'tenantId', in: 'path', required: true },
  ScopeParameter: { name: 'scope', in: 'path', required: true },
  If_Match: { name: 'If-Match', in: 'header', required: false },
  If_None_Match: { name: 'If-None-Match', in: 'header', required: false },
};

export function knownArmParameter(ref: string): Node | undefined {
  const match = /common-types\/resource-management\/v\d+\/types\.json#\/parameters\/([^/]+)$/.exec(ref);
  const known = match?.[1] === undefined ? undefined : ARM_COMMON_PARAMETERS[match[1]];
  return known ? { ...known } : undefined;
}
