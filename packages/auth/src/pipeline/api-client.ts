import { bodyExcerpt, QcError, UnexpectedResponseError } from '@qc/core';
import type { PathRules } from './path-rules.js';
import { decodeText, type Pipeline } from './pipeline.js';
import { fillPath, plainHeaders, serializeBody, serializeQuery } from './serialize.js';
import type { CallOptions, Received, RequestBody, ResponseInfo } from './types.js';

/**
 * The client the generated SDK functions run on (codegen generates them without hey-api's runtime):
 * it fills the path template, serialises the query and the JSON body, sends through the one
 * {@link Pipeline} and parses the answer. Its call shape is hey-api's (`{ data, response }`), with one
 * difference set once here and in codegen: errors are thrown (typed) unless a call passes
 * `throwOnError: false`, which returns `{ data: undefined, error }` as hey-api does by default.
 */

/** The shape of an operation's generated `…Data` type. */
export interface TDataShape {
  /** The request body's type. */
  body?: unknown;
  /** The operation's header parameters. */
  headers?: unknown;
  /** The operation's path parameters. */
  path?: unknown;
  /** The operation's query parameters. */
  query?: unknown;
  /** The path template, e.g. `/core-fast/api/v1/batches/{batch_id}`. */
  url: string;
}

/** A security requirement as the generated SDK functions pass it. */
export interface SecurityScheme {
  /** The OpenAPI security scheme type. */
  type: 'apiKey' | 'http';
  /** The HTTP scheme, for `type: 'http'`. */
  scheme?: 'basic' | 'bearer';
  /** Where an API key goes. */
  in?: 'header' | 'query' | 'cookie';
  /** The API key's header name. */
  name?: string;
}

/** Everything one call of a generated SDK function can say. */
export interface ApiRequestOptions<ThrowOnError extends boolean = boolean> extends CallOptions {
  /** The path template (set by the SDK function). */
  url?: string;
  /** Another base URL for this call (the credential still goes only to the client's origins). */
  baseUrl?: string;
  /** Path parameters, validated against the spec's rules and percent-encoded into the template. */
  path?: unknown;
  /** Query parameters; undefined values are left out, arrays repeat the parameter. */
  query?: unknown;
  /** The request body, sent as JSON unless `bodySerializer` says otherwise. */
  body?: unknown;
  /** The operation's `security`: present means the credential is attached (on allowed origins). */
  security?: readonly SecurityScheme[];
  /** `false`: return the typed error in `error` instead of throwing it (throwing is the default). */
  throwOnError?: ThrowOnError;
  /** How to read a 2xx body (default `json`). */
  parseAs?: 'json' | 'text' | 'arrayBuffer' | 'blob' | 'stream' | 'auto';
  /** Replaces JSON serialisation of `body`. */
  bodySerializer?: (body: unknown) => RequestBody;
  /** `manual` returns a 3xx as it is (for calls whose body is a secret). */
  redirect?: 'follow' | 'manual' | 'error';
  /** Free values for the caller's own use; never sent. */
  meta?: Record<string, unknown>;
  /** The client to send with; the SDK functions require it (there is no default client). */
  client?: ApiClient;
}

/** The options type of every generated SDK function (hey-api's `Options`). */
export type ApiOptions<
  TData extends TDataShape = TDataShape,
  ThrowOnError extends boolean = boolean,
  _TResponse = unknown,
> = Omit<ApiRequestOptions<ThrowOnError>, 'body' | 'path' | 'query' | 'url' | 'headers'> &
  Omit<TData, 'url' | 'headers'> & {
    /** Extra request headers, or the operation's header parameters. */
    headers?:
      | CallOptions['headers']
      | (TData extends {
          /** The operation's header parameters. */
          headers?: infer H;
        }
          ? H
          : never);
  };

type DataOf<TResponses> =
  TResponses extends Record<string, unknown> ? TResponses[keyof TResponses] : TResponses;

/** A call's outcome when it throws its errors (the default). */
export interface ApiSuccess<TData> {
  /** The parsed body (as `parseAs` says; JSON by default). */
  data: TData;
  /** Status, headers, request id, attempts and duration of the answer. */
  info: ResponseInfo;
  /** The answer as a `Response` (its body already read into `data`), built when first asked for. */
  readonly response: Response;
  /** The request as a `Request` (method, URL, headers), built when first asked for. */
  readonly request: Request;
}

/** A call's outcome with `throwOnError: false`: the data, or the typed error. */
export type ApiOutcome<TData> =
  | (ApiSuccess<TData> & {
      /** Always undefined on success. */
      error: undefined;
    })
  | {
      /** Always undefined on failure. */
      data: undefined;
      /** The typed error the call would have thrown. */
      error: QcError;
      /** Status, headers and request id of the answer; undefined when none arrived. */
      info: ResponseInfo | undefined;
      /** The answer as a `Response`; undefined when none arrived. */
      readonly response: Response | undefined;
      /** The request as a `Request` (method, URL, headers). */
      readonly request: Request;
    };

/** What an SDK function resolves to: {@link ApiSuccess} when it throws its errors, {@link ApiOutcome} with `throwOnError: false`. */
export type ApiResult<TResponses, ThrowOnError extends boolean> = Promise<
  ThrowOnError extends true ? ApiSuccess<DataOf<TResponses>> : ApiOutcome<DataOf<TResponses>>
>;

type MethodOptions<ThrowOnError extends boolean> = ApiRequestOptions<ThrowOnError> & { url: string };
type Method = <TResponses = unknown, _TErrors = unknown, ThrowOnError extends boolean = true>(
  options: MethodOptions<ThrowOnError>,
) => ApiResult<TResponses, ThrowOnError>;

/** The client object the generated SDK functions take as `client`. */
export interface ApiClient {
  /** The base URL paths are appended to, without a trailing slash. */
  readonly baseUrl: string;
  /** The request pipeline every call goes through. */
  readonly pipeline: Pipeline;
  /** Sends a call with any method. */
  request: <TResponses = unknown, _TErrors = unknown, ThrowOnError extends boolean = true>(
    options: MethodOptions<ThrowOnError> & { method: string },
  ) => ApiResult<TResponses, ThrowOnError>;
  /** Sends a GET call. */
  get: Method;
  /** Sends a POST call. */
  post: Method;
  /** Sends a PUT call. */
  put: Method;
  /** Sends a PATCH call. */
  patch: Method;
  /** Sends a DELETE call. */
  delete: Method;
  /** Sends a HEAD call. */
  head: Method;
  /** Sends an OPTIONS call. */
  options: Method;
  /** The URL a call would go to (path filled, query serialised). */
  buildUrl: (options: { url: string; baseUrl?: string; path?: unknown; query?: unknown }) => string;
}

/**
 * A view of `client` for a facade's own calls: every call throws its typed error, whatever
 * `throwOnError` the options a caller passed through carry (a stray `throwOnError: false` would
 * otherwise turn a failure into `undefined` data). Same pipeline, same credential; the facade keeps
 * exposing `client` itself, whose SDK-function users may still choose `throwOnError: false`.
 */
export function throwingClient(client: ApiClient): ApiClient {
  const throwing =
    (send: Method): Method =>
    (call) =>
      send({ ...call, throwOnError: true }) as never;
  return {
    ...client,
    request: ((call: MethodOptions<boolean> & { method: string }) =>
      client.request({ ...call, throwOnError: true })) as ApiClient['request'],
    get: throwing(client.get),
    post: throwing(client.post),
    put: throwing(client.put),
    patch: throwing(client.patch),
    delete: throwing(client.delete),
    head: throwing(client.head),
    options: throwing(client.options),
  };
}

/** Each successful result's answer and pipeline, for {@link requireField} (kept off the result object). */
const origins = new WeakMap<object, { answer: Received; pipeline: Pipeline }>();

/** Creates the client for one base URL (a path prefix is kept). */
export function createApiClient(options: {
  baseUrl: string;
  pipeline: Pipeline;
  /** The spec's path parameter rules (`pathRules` of the package's `rules.gen.ts`). */
  pathRules?: PathRules;
}): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const { pipeline, pathRules } = options;
  const buildUrl: ApiClient['buildUrl'] = (call) =>
    `${call.baseUrl === undefined ? baseUrl : call.baseUrl.replace(/\/+$/, '')}${fillPath(call.url, call.path, pathRules)}${serializeQuery(call.query)}`;

  const request = async (call: MethodOptions<boolean> & { method: string }): Promise<unknown> => {
    const method = call.method.toUpperCase();
    let url: string;
    let headers: Record<string, string | undefined>;
    let body: RequestBody | undefined;
    try {
      url = buildUrl(call);
      headers = plainHeaders(call.headers);
      body = serializeBody(call.body, call.bodySerializer);
      if (body === undefined) delete headers['content-type'];
    } catch (caught) {
      const error = toQcError(caught);
      if (call.throwOnError !== false) throw error;
      return failure(error, undefined, method, `${baseUrl}${call.url}`);
    }
    let answer: Received;
    try {
      answer = await pipeline.send({
        method,
        url,
        headers,
        body,
        authenticate: call.security !== undefined && call.security.length > 0,
        signal: call.signal,
        timeoutMs: call.timeoutMs,
        retry: call.retry,
        onResponse: call.onResponse,
        redirect: call.redirect,
      });
    } catch (error) {
      if (call.throwOnError !== false) throw error;
      return failure(toQcError(error), undefined, method, url);
    }
    if (answer.status < 200 || answer.status > 299) {
      const error = pipeline.httpError(answer);
      if (call.throwOnError !== false) throw error;
      return failure(error, answer, method, url);
    }
    let data: unknown;
    try {
      data = parseBody(answer, call.parseAs ?? 'json', pipeline);
    } catch (error) {
      if (call.throwOnError !== false) throw error;
      return failure(toQcError(error), answer, method, url);
    }
    const result = success(data, answer, method, url);
    origins.set(result, { answer, pipeline });
    return result;
  };

  const method =
    (name: string): Method =>
    (call) =>
      request({ ...call, method: name }) as never;

  return {
    baseUrl,
    pipeline,
    request: request as ApiClient['request'],
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
    head: method('HEAD'),
    options: method('OPTIONS'),
    buildUrl,
  };
}

/**
 * Checks that a 2xx answer carries what the operation promises (a create's new id), and returns it.
 * Otherwise: an {@link UnexpectedResponseError} — for a submission, wrapped as outcome-unknown, since
 * the object may exist.
 */
export function requireField<T>(
  result: ApiSuccess<unknown>,
  field: string,
  pick: (data: unknown) => T | undefined | null,
  valid: (value: T) => boolean = (value) => typeof value === 'string' && value !== '',
): T {
  let value: T | undefined | null;
  try {
    value = pick(result.data);
  } catch {
    value = undefined;
  }
  if (value !== undefined && value !== null && valid(value)) return value;
  const origin = origins.get(result);
  const error = new UnexpectedResponseError({
    method: result.info.method,
    url: result.info.url,
    status: result.info.status,
    problem: 'missing-field',
    expected: `the field ${field}`,
    requestId: result.info.requestId,
    safeQueryParameters: origin?.pipeline.safeQueryParameters,
    bodyExcerpt:
      origin === undefined ? undefined : excerptOf(origin.answer, origin.pipeline.secrets.values()),
  });
  throw origin === undefined ? error : origin.pipeline.unusable(origin.answer, error);
}

function parseBody(
  answer: Received,
  parseAs: NonNullable<ApiRequestOptions['parseAs']>,
  pipeline: Pipeline,
): unknown {
  const contentType = answer.headers.get('content-type') ?? '';
  const mode =
    parseAs === 'auto' ? (/json/i.test(contentType) || contentType === '' ? 'json' : 'text') : parseAs;
  switch (mode) {
    case 'text':
      return decodeText(answer.body);
    case 'arrayBuffer':
      return answer.body.buffer.slice(
        answer.body.byteOffset,
        answer.body.byteOffset + answer.body.byteLength,
      );
    case 'blob':
      return new Blob([answer.body as Uint8Array<ArrayBuffer>]);
    case 'stream':
      return new Response(answer.body as Uint8Array<ArrayBuffer>).body;
    default:
      // hey-api's convention: an empty JSON answer (a 204) is `{}`.
      return answer.body.byteLength === 0 ? {} : pipeline.json(answer);
  }
}

function excerptOf(answer: Received, secrets: readonly string[]): string | undefined {
  if (answer.body.byteLength === 0) return undefined;
  return bodyExcerpt(decodeText(answer.body.subarray(0, 2048)), secrets, 160);
}

function success(
  data: unknown,
  answer: Received,
  method: string,
  url: string,
): ApiSuccess<unknown> & { error: undefined } {
  let response: Response | undefined;
  let request: Request | undefined;
  return {
    data,
    error: undefined,
    info: answer.info,
    get response() {
      response ??= toResponse(answer);
      return response;
    },
    get request() {
      request ??= new Request(url, { method });
      return request;
    },
  };
}

function failure(error: QcError, answer: Received | undefined, method: string, url: string) {
  let response: Response | undefined;
  let request: Request | undefined;
  return {
    data: undefined,
    error,
    info: answer?.info,
    get response() {
      if (answer === undefined) return undefined;
      response ??= toResponse(answer);
      return response;
    },
    get request() {
      request ??= new Request(url, { method });
      return request;
    },
  };
}

function toResponse(answer: Received): Response {
  const nullBody = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(
    nullBody || answer.body.byteLength === 0 ? null : (answer.body as Uint8Array<ArrayBuffer>),
    {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    },
  );
}

function toQcError(error: unknown): QcError {
  return error instanceof QcError
    ? error
    : new QcError(error instanceof Error ? error.message : String(error), { cause: error });
}
