import type { Contract, MatchedOperation } from './contract.js';
import type { ResponseCheckPolicy } from './response-checks.js';
import { bodyTextOf } from './responses.js';
import type { SchemaIssue } from './schema.js';

/** What an operation's mock implementation receives: the request, routed and validated. */
export interface MockContext {
  /** The request as received (its body not yet read). */
  request: Request;
  /** The operation it was routed to. */
  operation: MatchedOperation;
  /** Path parameters, coerced to their schema types. */
  path: Record<string, unknown>;
  /** Query parameters, coerced to their schema types (repeated parameters as arrays). */
  query: Record<string, unknown>;
  /** The parsed JSON body (after gunzip when the body was gzip), or undefined. */
  body: unknown;
}

/** One operation's mock implementation: answers a request that has already passed validation. */
export type MockOperation = (context: MockContext) => Response | Promise<Response>;

/** What {@link createMockService} serves: a spec, where it is served, and what each operation does. */
export interface MockServiceOptions {
  /** The spec requests are routed and validated against. */
  contract: Contract;
  /** The server URL the spec's paths are relative to, e.g. `https://api.qci-prod.com`. */
  baseUrl: string;
  /** Implementations by operationId; an operation without one answers 501. */
  operations: Partial<Record<string, MockOperation>>;
  /**
   * Check mock responses against the spec and throw when one does not conform, so a mock cannot drift
   * from the contract: `true` checks every one (as tests do), a policy those it picks (the mock cloud
   * samples, see {@link ResponseCheckPolicy}).
   */
  validateResponses?: boolean | ResponseCheckPolicy;
  /**
   * Called for operations whose spec declares `security`, before the implementation: return a
   * Response (a 401, say) to refuse the request, or undefined to let it through.
   */
  authorize?: (
    request: Request,
    operation: MatchedOperation,
  ) => Response | undefined | Promise<Response | undefined>;
  /**
   * How the service answers a request it refuses before any operation runs (not JSON, off-spec, no such
   * route, not implemented), in its own error format. Default: RFC 9457 problem details with the
   * schema issues under `issues`.
   */
  refusal?: (status: number, message: string, issues: SchemaIssue[]) => Response;
}

/** Thrown when a mock answers with a response its own spec does not allow. */
export class MockContractError extends Error {
  /** The class name, set as a literal so minified bundles keep it. */
  override name = 'MockContractError';
  constructor(
    /** The operation whose response did not conform. */
    readonly operationId: string,
    /** What did not conform. */
    readonly issues: SchemaIssue[],
  ) {
    super(
      `Mock response of ${operationId} does not match the spec: ${issues
        .slice(0, 5)
        .map((i) => `${i.path} ${i.message}`)
        .join('; ')}`,
    );
  }
}

/**
 * A spec-validating mock service as a plain `(Request) => Response` function: msw handlers and the
 * mock cloud's HTTP server both call it. Requests that do not match the spec get a 400 naming every
 * issue (never echoing values); operations without an implementation get 501.
 * Returns undefined for requests outside `baseUrl`.
 */
export function createMockService(options: MockServiceOptions) {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const refuse = options.refusal ?? problemDetails;
  const { validateResponses } = options;
  const checks: ResponseCheckPolicy =
    typeof validateResponses === 'function' ? validateResponses : () => validateResponses === true;

  return async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (url.origin !== base.origin || !url.pathname.startsWith(basePath)) return undefined;
    const pathname = url.pathname.slice(basePath.length) || '/';
    // A `%` that starts no valid escape: no server can tell which resource the path names.
    if (pathname.includes('%') && !isPercentEncoded(pathname)) {
      return refuse(400, 'The request path is not valid percent-encoding', []);
    }

    let body: unknown;
    if (request.body !== null && request.method !== 'GET' && request.method !== 'HEAD') {
      const parsed = await readJsonBody(request.clone());
      if (!parsed.ok) return refuse(400, 'The request body is not valid JSON', []);
      body = parsed.value;
    }
    const validation = options.contract.validateRequest({
      method: request.method,
      pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
    });
    if (!validation.operation) return refuse(404, `No operation matches ${request.method} ${pathname}`, []);
    // Like the real services: credentials are checked before the request's content.
    if (options.authorize && options.contract.isSecured(validation.operation.operationId)) {
      const refusal = await options.authorize(request, validation.operation);
      if (refusal) return refusal;
    }
    if (validation.issues.length > 0) {
      return refuse(
        400,
        `The request does not match the spec of ${validation.operation.operationId}`,
        validation.issues,
      );
    }
    const implementation = options.operations[validation.operation.operationId];
    if (!implementation)
      return refuse(501, `${validation.operation.operationId} is not implemented by this mock`, []);

    const response = await implementation({
      request,
      operation: validation.operation,
      path: validation.params.path,
      query: validation.params.query,
      body,
    });
    if (checks(validation.operation.operationId, response.status)) {
      const text = bodyTextOf(response) ?? (await response.clone().text());
      const contentType = response.headers.get('content-type');
      const value = text === '' ? undefined : contentType?.includes('json') ? JSON.parse(text) : text;
      const issues = options.contract.validateResponse(
        validation.operation.operationId,
        response.status,
        contentType,
        value,
      );
      if (issues.length > 0) throw new MockContractError(validation.operation.operationId, issues);
    }
    return response;
  };
}

async function readJsonBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length === 0) return { ok: true, value: undefined };
  try {
    let data = bytes;
    // QCi's client gzips JSON bodies without saying so (no Content-Encoding): sniff the magic bytes.
    // Data that starts like gzip and is not (a truncated or corrupt stream) is not JSON either.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      data = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return { ok: true, value: JSON.parse(new TextDecoder().decode(data)) };
  } catch {
    return { ok: false };
  }
}

function isPercentEncoded(path: string): boolean {
  try {
    decodeURI(path);
    return true;
  } catch {
    return false;
  }
}

/** RFC 9457 problem details, the default refusal. */
export function problemDetails(status: number, message: string, issues: SchemaIssue[]): Response {
  return new Response(JSON.stringify({ title: message, status, detail: message, issues }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}
