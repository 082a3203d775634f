import { readFileSync } from 'node:fs';
import { type Contract, createContract, type OpenApiDocument } from '@qc/core/contract';
import { parse } from 'yaml';
import { InputError } from './exchange.js';
import { compileServer, type Server } from './servers.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Node = Record<string, unknown>;

export interface SpecOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** The response keys the operation declares (`200`, `4XX`, `default`), as written. */
  statuses: string[];
  /** Whether the operation declares a request body. */
  takesBody: boolean;
  /** The server URL templates the operation is served at (its own, its path's, or the document's). */
  servers: string[];
}

/** A spec ready to check traffic against: its contract (the mocks' validator) and what routing needs. */
export interface LoadedSpec {
  file: string;
  title: string;
  contract: Contract;
  operations: Map<string, SpecOperation>;
  /** Every distinct server of the document, its paths and operations. */
  servers: Server[];
  /** Lower-case names of the spec's query parameters: their values are shown in redacted URLs. */
  queryParameters: string[];
}

export function loadSpec(file: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the spec ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new InputError(
      `${file}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]?.replace(/:$/, '')}`,
    );
  }
  const doc = document as Node;
  if (typeof doc?.openapi !== 'string' || typeof doc.paths !== 'object' || doc.paths === null) {
    throw new InputError(`${file}: not an OpenAPI document (no "openapi" version or "paths")`);
  }
  let contract: Contract;
  try {
    contract = createContract(doc as unknown as OpenApiDocument);
  } catch (error) {
    throw new InputError(`${file}: the spec cannot be checked against: ${(error as Error).message}`);
  }

  const deref = (node: Node): Node => {
    let current = node;
    for (let depth = 0; typeof current.$ref === 'string' && depth < 20; depth++) {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>((n, key) => (n as Node)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc) as Node;
    }
    return current ?? {};
  };
  const serverUrls = (servers: unknown): string[] | undefined =>
    Array.isArray(servers) && servers.length > 0 ? servers.map((s) => String((s as Node).url)) : undefined;

  const compiled = new Map<string, Server>();
  const remember = (servers: unknown) => {
    for (const server of (Array.isArray(servers) ? servers : []) as Node[]) {
      const url = String(server.url);
      if (!compiled.has(url)) compiled.set(url, compileServer(url, (server.variables ?? {}) as Node));
    }
  };
  remember(doc.servers);
  const documentServers = serverUrls(doc.servers) ?? ['/'];
  if (!doc.servers) compiled.set('/', compileServer('/', {}));

  const operations = new Map<string, SpecOperation>();
  const queryParameters = new Set<string>();
  for (const [pathTemplate, rawItem] of Object.entries(doc.paths as Record<string, Node>)) {
    const pathItem = deref(rawItem);
    remember(pathItem.servers);
    for (const method of METHODS) {
      const operation = pathItem[method] as Node | undefined;
      if (!operation || typeof operation.operationId !== 'string') continue;
      remember(operation.servers);
      for (const parameter of [
        ...((operation.parameters ?? []) as Node[]),
        ...((pathItem.parameters ?? []) as Node[]),
      ]) {
        const resolved = deref(parameter);
        if (resolved.in === 'query') queryParameters.add(String(resolved.name).toLowerCase());
      }
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        pathTemplate,
        statuses: Object.keys((operation.responses ?? {}) as Node),
        takesBody: operation.requestBody !== undefined,
        servers: serverUrls(operation.servers) ?? serverUrls(pathItem.servers) ?? documentServers,
      });
    }
  }
  const info = (doc.info ?? {}) as Node;
  return {
    file,
    title: [info.title, info.version].filter((v) => typeof v === 'string').join(' '),
    contract,
    operations,
    servers: [...compiled.values()],
    queryParameters: [...queryParameters],
  };
}
