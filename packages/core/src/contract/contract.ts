import {
  assertSupported,
  type Direction,
  documentRefResolver,
  type RefResolver,
  type SchemaIssue,
  validateSchema,
} from './schema.js';
import { type SchemaCheck, SchemaChecks } from './schema-check.js';

/** The parts of an OpenAPI 3.1 document the contract reads. */
export interface OpenApiDocument {
  /** The OpenAPI version, `3.1.x`. */
  openapi: string;
  /** Path templates to path items (`{ get: operation, … }`). */
  paths: Record<string, Record<string, unknown>>;
  /** Schemas, parameters and responses that `$ref`s point to. */
  components?: Record<string, unknown>;
}

type Node = Record<string, unknown>;

/** The operation a request was routed to. */
export interface MatchedOperation {
  /** The operation's `operationId` in the spec. */
  operationId: string;
  /** Request method, upper-case. */
  method: string;
  /** The spec's path template that matched, e.g. `/v1/batches/{batch_id}`. */
  pathTemplate: string;
  /** Path parameters as they appeared in the URL, percent-decoded, not yet coerced. */
  pathParams: Record<string, string>;
}

/** A request as {@link Contract.validateRequest} reads it, already split into its parts. */
export interface RequestToValidate {
  /** Request method, any case. */
  method: string;
  /** Path relative to the server URL the spec's paths are declared against, e.g. `/v1/batches/abc`. */
  pathname: string;
  /** The query parameters. */
  query: URLSearchParams;
  /** The request headers (header parameters are validated). */
  headers: Headers;
  /** The parsed JSON body; `undefined` when the request had none. */
  body?: unknown;
}

/** What {@link Contract.validateRequest} found: where the request goes and what is wrong with it. */
export interface RequestValidation {
  /** The operation the request was routed to; undefined when no operation matches. */
  operation: MatchedOperation | undefined;
  /** Parameters coerced to their schema types (path, query). */
  params: {
    /** Path parameters by name. */
    path: Record<string, unknown>;
    /** Query parameters by name (repeated ones as arrays). */
    query: Record<string, unknown>;
  };
  /** Everything that does not conform to the spec; empty when the request is valid. */
  issues: SchemaIssue[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface CompiledRoute {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literalLength: number;
  operation: Node;
  pathItem: Node;
  /** Worked out on the first request routed here: parameters, body and security, checks compiled. */
  plan?: RoutePlan;
}

interface ParameterPlan {
  name: string;
  where: 'path' | 'query' | 'header';
  at: string;
  required: boolean;
  schema: Node;
  isArray: boolean;
  /** The schema a raw value is coerced by (the items' for an array). */
  coerceBy: Node;
  check: SchemaCheck;
}

interface RoutePlan {
  parameters: ParameterPlan[];
  requestBody: Node | undefined;
  security: Record<string, string[]>[];
}

/** Routes requests to the operations of a spec and validates requests and responses against it. */
export class Contract {
  readonly #resolve: RefResolver;
  readonly #routes: CompiledRoute[] = [];
  readonly #byMethod = new Map<string, CompiledRoute[]>();
  readonly #byId = new Map<string, CompiledRoute>();
  readonly #checks: Record<Direction, SchemaChecks>;

  constructor(
    /** The spec this contract was built from. */
    readonly document: OpenApiDocument,
  ) {
    this.#resolve = documentRefResolver(document);
    this.#checks = {
      request: new SchemaChecks(this.#resolve, 'request'),
      response: new SchemaChecks(this.#resolve, 'response'),
    };
    for (const [template, pathItem] of Object.entries(document.paths)) {
      const names: string[] = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const param = /^\{([^}]+)\}$/.exec(part);
          if (param?.[1]) {
            names.push(param[1]);
            return '([^/]+)';
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      for (const method of METHODS) {
        const operation = pathItem[method] as Node | undefined;
        if (!operation) continue;
        const route: CompiledRoute = {
          method: method.toUpperCase(),
          template,
          regex: new RegExp(`^${source}$`),
          names,
          literalLength: template.replace(/\{[^}]+\}/g, '').length,
          operation,
          pathItem,
        };
        this.#routes.push(route);
        if (typeof operation.operationId === 'string') this.#byId.set(operation.operationId, route);
        for (const schema of this.#schemasOf(route)) assertSupported(schema, this.#resolve);
      }
    }
    // Literal paths win over templated ones (`/jobs/allocations` before `/jobs/{job_id}`).
    this.#routes.sort((a, b) => b.literalLength - a.literalLength);
    for (const route of this.#routes) {
      const routes = this.#byMethod.get(route.method) ?? [];
      routes.push(route);
      this.#byMethod.set(route.method, routes);
    }
  }

  /**
   * Finds the operation for a method and path, with its raw (decoded) path parameters. A path
   * parameter that is not valid percent-encoding (`%zz`) matches no operation.
   */
  match(method: string, pathname: string): MatchedOperation | undefined {
    const upper = method.toUpperCase();
    for (const route of this.#byMethod.get(upper) ?? []) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      for (let i = 0; i < route.names.length; i++) {
        const decoded = decodeComponent(m[i + 1] ?? '');
        if (decoded === undefined) return undefined;
        pathParams[route.names[i] as string] = decoded;
      }
      return {
        operationId: String(route.operation.operationId),
        method: upper,
        pathTemplate: route.template,
        pathParams,
      };
    }
    return undefined;
  }

  /** Routes and validates a request: parameters (path, query, header) and JSON body. */
  validateRequest(request: RequestToValidate): RequestValidation {
    const operation = this.match(request.method, request.pathname);
    const params = { path: {} as Record<string, unknown>, query: {} as Record<string, unknown> };
    if (!operation) {
      return {
        operation,
        params,
        issues: [
          {
            path: request.pathname,
            message: `no operation ${request.method.toUpperCase()} matches this path`,
          },
        ],
      };
    }
    const route = this.#byId.get(operation.operationId) as CompiledRoute;
    const plan = this.#planOf(route);
    const issues: SchemaIssue[] = [];
    for (const param of plan.parameters) {
      const { name, where, at } = param;
      let raw: string[];
      if (where === 'path')
        raw = operation.pathParams[name] === undefined ? [] : [operation.pathParams[name]];
      else if (where === 'query') raw = request.query.getAll(name);
      else {
        const value = request.headers.get(name);
        raw = value === null ? [] : [value];
      }
      if (raw.length === 0) {
        if (param.required) issues.push({ path: at, message: 'is required' });
        continue;
      }
      if (!param.isArray && raw.length > 1) {
        issues.push({ path: at, message: 'must be given once' });
        continue;
      }
      const coerced = param.isArray
        ? raw.map((r) => coerce(r, param.coerceBy))
        : coerce(raw[0] as string, param.coerceBy);
      if (where === 'path') params.path[name] = coerced;
      if (where === 'query') params.query[name] = coerced;
      if (param.check(coerced)) continue;
      issues.push(
        ...validateSchema(param.schema, coerced, this.#resolve, 'request').map((i) => ({
          path: `${at}${i.path === '/' ? '' : i.path}`,
          message: i.message,
        })),
      );
    }
    const requestBody = plan.requestBody;
    if (requestBody) {
      if (request.body === undefined) {
        if (requestBody.required === true) issues.push({ path: 'body', message: 'is required' });
      } else {
        const schema = this.#jsonSchemaOf(
          requestBody.content as Node | undefined,
          request.headers.get('content-type'),
        );
        if (schema !== undefined) issues.push(...this.#validate(schema, request.body, 'request', 'body'));
      }
    } else if (request.body !== undefined) {
      issues.push({ path: 'body', message: 'this operation takes no request body' });
    }
    return { operation, params, issues };
  }

  /** Validates a response body for an operation and status against the documented response. */
  validateResponse(
    operationId: string,
    status: number,
    contentType: string | null,
    body: unknown,
  ): SchemaIssue[] {
    const route = this.#byId.get(operationId);
    if (!route) return [{ path: operationId, message: 'unknown operationId' }];
    const responses = (route.operation.responses ?? {}) as Node;
    const declared =
      responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default ?? undefined;
    if (declared === undefined) {
      return [
        { path: `response ${status}`, message: `status ${status} is not documented for ${operationId}` },
      ];
    }
    const response = this.#deref(declared as Node);
    if (body === undefined) return [];
    const schema = this.#jsonSchemaOf(response.content as Node | undefined, contentType);
    return schema === undefined ? [] : this.#validate(schema, body, 'response', `response ${status}`);
  }

  /** Validates a value against a named component schema (`#/components/schemas/<name>`). */
  validateComponent(name: string, value: unknown, direction: Direction = 'response'): SchemaIssue[] {
    return this.#validate({ $ref: `#/components/schemas/${name}` }, value, direction, name);
  }

  /** The security requirements an operation declares (empty for public operations). */
  securityOf(operationId: string): Record<string, string[]>[] {
    const route = this.#byId.get(operationId);
    if (route) return [...this.#planOf(route).security];
    return this.#securityDeclared(undefined);
  }

  /** Whether an operation declares security (the mock service asks on every request). */
  isSecured(operationId: string): boolean {
    const route = this.#byId.get(operationId);
    return route ? this.#planOf(route).security.length > 0 : this.#securityDeclared(undefined).length > 0;
  }

  #securityDeclared(route: CompiledRoute | undefined): Record<string, string[]>[] {
    const declared = route?.operation.security ?? (this.document as { security?: unknown }).security ?? [];
    return (declared as Record<string, string[]>[]).filter(
      (requirement) => Object.keys(requirement).length > 0,
    );
  }

  /** What validating a request routed to `route` needs, worked out once. */
  #planOf(route: CompiledRoute): RoutePlan {
    if (route.plan) return route.plan;
    const parameters: ParameterPlan[] = [];
    for (const param of this.#parameters(route)) {
      const where = String(param.in);
      if (where !== 'path' && where !== 'query' && where !== 'header') continue;
      const name = String(param.name);
      const schema = (param.schema ?? {}) as Node;
      const resolved = this.#deref(schema);
      const isArray = resolved.type === 'array';
      parameters.push({
        name,
        where,
        at: `${where} parameter "${name}"`,
        required: param.required === true || where === 'path',
        schema,
        isArray,
        coerceBy: isArray ? this.#deref((resolved.items ?? {}) as Node) : resolved,
        check: this.#checks.request.of(schema),
      });
    }
    route.plan = {
      parameters,
      requestBody: route.operation.requestBody ? this.#deref(route.operation.requestBody as Node) : undefined,
      security: this.#securityDeclared(route),
    };
    return route.plan;
  }

  /** Every operationId in the spec. */
  operationIds(): string[] {
    return [...this.#byId.keys()];
  }

  #validate(schema: unknown, value: unknown, direction: Direction, prefix: string): SchemaIssue[] {
    // Nearly every value conforms: the compiled check says so without walking it for issues.
    if (this.#checks[direction].of(schema as Node)(value)) return [];
    return validateSchema(schema as Node, value, this.#resolve, direction).map((i) => ({
      path: `${prefix}${i.path === '/' ? '' : i.path}`,
      message: i.message,
    }));
  }

  #deref(node: Node): Node {
    let current = node;
    for (let depth = 0; typeof current.$ref === 'string' && depth < 20; depth++) {
      current = this.#resolve(current.$ref) as Node;
    }
    return current;
  }

  #parameters(route: CompiledRoute): Node[] {
    const own = ((route.operation.parameters ?? []) as Node[]).map((p) => this.#deref(p));
    const shared = ((route.pathItem.parameters ?? []) as Node[]).map((p) => this.#deref(p));
    const key = (p: Node) => `${String(p.in)}:${String(p.name)}`;
    const ownKeys = new Set(own.map(key));
    return [...own, ...shared.filter((p) => !ownKeys.has(key(p)))];
  }

  /** The schema for a JSON media type matching the content type (or the only JSON one declared). */
  #jsonSchemaOf(content: Node | undefined, contentType: string | null): unknown {
    if (!content) return undefined;
    const base = contentType?.split(';')[0]?.trim().toLowerCase();
    const entry =
      (base ? content[base] : undefined) ??
      Object.entries(content).find(([mime]) => mime.includes('json'))?.[1] ??
      undefined;
    if (!entry) return undefined;
    if (base && !base.includes('json') && !content[base]) return undefined;
    return (entry as Node).schema;
  }

  *#schemasOf(route: CompiledRoute): Generator<Node> {
    for (const param of this.#parameters(route)) if (param.schema) yield param.schema as Node;
    const body = route.operation.requestBody ? this.#deref(route.operation.requestBody as Node) : undefined;
    for (const media of Object.values((body?.content ?? {}) as Node)) {
      if ((media as Node).schema) yield (media as Node).schema as Node;
    }
    for (const response of Object.values((route.operation.responses ?? {}) as Node)) {
      for (const media of Object.values((this.#deref(response as Node).content ?? {}) as Node)) {
        if ((media as Node).schema) yield (media as Node).schema as Node;
      }
    }
  }
}

/** A percent-encoded component decoded, or undefined when it is not valid percent-encoding. */
function decodeComponent(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function coerce(raw: string, schema: Node): unknown {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) {
    return Number(raw);
  }
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** Builds a contract for a spec document (throws on schema keywords the validator does not support). */
export function createContract(document: OpenApiDocument): Contract {
  return new Contract(document);
}
