import { type ApiDocument, isNode, knownArmParameter, type Node, type RefResolver } from './document.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A schema with the file its relative `$ref`s resolve against. */
export interface SchemaAt {
  schema: Node;
  file: string;
}

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
}

/** One operation of either document, in the shape both formats reduce to. */
export interface Operation {
  /** Azure's operation id: `x-azure-operation-id` when the spec has one (ours), else `operationId`. */
  id: string;
  /** The `operationId` as the document writes it. */
  localId: string;
  method: string;
  /** The path as written, after Swagger's `basePath`. */
  path: string;
  /** `METHOD /normalised/path`: parameter names and styles erased, lower case, no trailing slash. */
  route: string;
  /** Non-body parameters, path-level and operation-level merged. */
  parameters: Parameter[];
  requestBody?: { required: boolean; schemas: SchemaAt[] };
  /** Status (`200`, `4XX`, `default`) -> the body schemas declared for it (empty: no body). */
  responses: Map<string, SchemaAt[]>;
  /** The values the operation's `api-version` query parameter allows (enum, const or default). */
  apiVersions: string[];
}

/** `{jobId}`, `{+path}`, `{id*}` all become `{}`; ARM paths are case-insensitive. */
export function normalisePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.replace(/\{[^}]*\}/g, '{}').toLowerCase();
}

/** Every operation of a document, in document order. */
export function readOperations(document: ApiDocument, resolver: RefResolver): Operation[] {
  const { root, file } = document;
  const prefix = pathPrefix(document);
  const operations: Operation[] = [];
  for (const [rawPath, rawItem] of Object.entries(root.paths as Node)) {
    if (!isNode(rawItem)) continue;
    const item = resolver.deref(rawItem, file);
    if (!item) continue;
    for (const method of METHODS) {
      const operation = item.node[method];
      if (!isNode(operation)) continue;
      const path = `${prefix}${rawPath}`;
      const parameters = mergeParameters(
        document,
        resolver,
        [item.node.parameters, operation.parameters].map((list) =>
          Array.isArray(list) ? list.filter(isNode) : [],
        ),
        item.file,
      );
      const localId = typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`;
      const azureId = operation['x-azure-operation-id'];
      const requestBody =
        document.format === 'openapi3' ? readRequestBody(resolver, operation, item.file) : parameters.body;
      operations.push({
        id: typeof azureId === 'string' ? azureId : localId,
        localId,
        method: method.toUpperCase(),
        path,
        route: `${method.toUpperCase()} ${normalisePath(path)}`,
        parameters: parameters.plain,
        ...(requestBody ? { requestBody } : {}),
        responses: readResponses(document, resolver, operation, item.file),
        apiVersions: parameters.apiVersions,
      });
    }
  }
  return operations;
}

function pathPrefix(document: ApiDocument): string {
  if (document.format === 'swagger2') {
    const basePath = document.root.basePath;
    return typeof basePath === 'string' && basePath !== '/' ? basePath.replace(/\/+$/, '') : '';
  }
  // The path part of the first server URL when it is literal: `https://host/api` -> `/api`;
  // `{endpoint}` (Azure's data plane) has none.
  const servers = document.root.servers;
  const url = Array.isArray(servers) && isNode(servers[0]) ? servers[0].url : undefined;
  if (typeof url !== 'string') return '';
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\{[^}]*\}/, '');
  return withoutOrigin.startsWith('/') ? withoutOrigin.replace(/\/+$/, '') : '';
}

interface MergedParameters {
  plain: Parameter[];
  body?: { required: boolean; schemas: SchemaAt[] };
  apiVersions: string[];
}

function mergeParameters(
  document: ApiDocument,
  resolver: RefResolver,
  levels: Node[][],
  file: string,
): MergedParameters {
  // Operation-level parameters override path-level ones of the same name and location.
  const byKey = new Map<string, { node: Node; file: string }>();
  for (const level of levels) {
    for (const raw of level) {
      const resolved = resolveParameter(resolver, raw, file);
      if (!resolved || typeof resolved.node.name !== 'string' || typeof resolved.node.in !== 'string')
        continue;
      byKey.set(`${resolved.node.in}:${resolved.node.name}`, resolved);
    }
  }
  const plain: Parameter[] = [];
  const formProperties: Node = {};
  let body: MergedParameters['body'];
  let formRequired = false;
  let apiVersions: string[] = [];
  for (const { node, file: at } of byKey.values()) {
    const name = node.name as string;
    const where = node.in as string;
    const required = node.required === true;
    if (where === 'body') {
      body = { required, schemas: isNode(node.schema) ? [{ schema: node.schema, file: at }] : [] };
      continue;
    }
    if (where === 'formData') {
      formProperties[name] = { type: node.type };
      formRequired ||= required;
      continue;
    }
    plain.push({ name, in: where, required });
    if (where === 'query' && name === 'api-version') {
      const schema =
        document.format === 'openapi3' && isNode(node.schema) ? resolver.deref(node.schema, at) : undefined;
      apiVersions = versionsOf(schema?.node ?? node);
    }
  }
  if (!body && Object.keys(formProperties).length > 0) {
    body = {
      required: formRequired,
      schemas: [{ schema: { type: 'object', properties: formProperties }, file }],
    };
  }
  return { plain, ...(body ? { body } : {}), apiVersions };
}

function resolveParameter(
  resolver: RefResolver,
  raw: Node,
  file: string,
): { node: Node; file: string } | undefined {
  if (typeof raw.$ref !== 'string') return { node: raw, file };
  const resolved = resolver.deref(raw, file);
  if (resolved) return resolved;
  const known = knownArmParameter(raw.$ref);
  if (known) {
    resolver.unresolved.delete(raw.$ref);
    return { node: known, file };
  }
  return undefined;
}

function versionsOf(schema: Node): string[] {
  if (Array.isArray(schema.enum)) return schema.enum.filter((v): v is string => typeof v === 'string');
  if (typeof schema.const === 'string') return [schema.const];
  if (typeof schema.default === 'string') return [schema.default];
  return [];
}

function readRequestBody(resolver: RefResolver, operation: Node, file: string): Operation['requestBody'] {
  if (!isNode(operation.requestBody)) return undefined;
  const body = resolver.deref(operation.requestBody, file);
  if (!body) return undefined;
  return { required: body.node.required === true, schemas: contentSchemas(body.node, body.file) };
}

function contentSchemas(holder: Node, file: string): SchemaAt[] {
  if (!isNode(holder.content)) return [];
  return Object.values(holder.content)
    .filter(isNode)
    .flatMap((media) => (isNode(media.schema) ? [{ schema: media.schema, file }] : []));
}

function readResponses(document: ApiDocument, resolver: RefResolver, operation: Node, file: string) {
  const responses = new Map<string, SchemaAt[]>();
  if (!isNode(operation.responses)) return responses;
  for (const [status, raw] of Object.entries(operation.responses)) {
    if (!isNode(raw)) continue;
    const response = resolver.deref(raw, file);
    if (!response) {
      responses.set(status, []);
      continue;
    }
    responses.set(
      status,
      document.format === 'swagger2'
        ? isNode(response.node.schema)
          ? [{ schema: response.node.schema, file: response.file }]
          : []
        : contentSchemas(response.node, response.file),
    );
  }
  return responses;
}
