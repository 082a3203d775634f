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
  body?: unknown;
  headers?: unknown;
  path?: unknown;
  query?: unknown;
  url: string;
}

/** A security requirement as the generated SDK functions pass it. */
export interface SecurityScheme {
  type: 'apiKey' | 'http';
  scheme?: 'basic' | 'bearer';
  in?: 'header' | 'query' | 'cookie';
  name?: string;
}

/** Everything one call of a generated SDK function can say. */
export interface ApiRequestOptions<ThrowOnError extends boolean = boolean> extends CallOptions {
  url?: string;
  /** Another base URL for this call (the credential still goes only to the client's origins). */
  baseUrl?: string;
  path?: unknown;
  query?: unknown;
  body?: unknown;
  /** The operation's `security`: present means the credential is attached (on allowed origins). */
  security?: readonly SecurityScheme[];
  /** `false`: return the typed error in `error` instead of throwing it (the default). */
  throwOnError?: ThrowOnError;
  /** How to read a 2xx body (default `json`). */
  parseAs?: 'json' | 'text' | 'arrayBuffer' | 'blob' | 'stream' | 'auto';
  /** Replaces JSON serialisation of `body`. */
  bodySerializer?: (body: unknown) => RequestBody;
  /** `manual` returns a 3xx as it is (for calls whose body is a secret). */
  redirect?: 'follow' | 'manual' | 'error';
  /** Free values for the caller's own use; never sent. */
  meta?: Record<string, unknown>;
  client?: ApiClient;
}

/** The options type of every generated SDK function (hey-api's `Options`). */
export type ApiOptions<
  TData extends TDataShape = TDataShape,
  ThrowOnError extends boolean = boolean,
  _TResponse = unknown,
> = Omit<ApiRequestOptions<ThrowOnError>, 'body' | 'path' | 'query' | 'url' | 'headers'> &
  Omit<TData, 'url' | 'headers'> & {
    headers?: CallOptions['headers'] | (TData extends { headers?: infer H } ? H : never);
  };

type DataOf<TResponses> =
  TResponses extends Record<string, unknown> ? TResponses[keyof TResponses] : TResponses;

/** A call's outcome when it throws its errors (the default). */
export interface ApiSuccess<TData> {
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
  | (ApiSuccess<TData> & { error: undefined })
  | {
      data: undefined;
      error: QcError;
      info: ResponseInfo | undefined;
      readonly response: Response | undefined;
      readonly request: Request;
    };

export type ApiResult<TResponses, ThrowOnError extends boolean> = Promise<
  ThrowOnError extends true ? ApiSuccess<DataOf<TResponses>> : ApiOutcome<DataOf<TResponses>>
>;

type MethodOptions<ThrowOnError extends boolean> = ApiRequestOptions<ThrowOnError> & { url: string };
type Method = <TResponses = unknown, _TErrors = unknown, ThrowOnError extends boolean = true>(
  options: MethodOptions<ThrowOnError>,
) => ApiResult<TResponses, ThrowOnError>;

/** The client object the generated SDK functions take as `client`. */
export interface ApiClient {
  readonly baseUrl: string;
  readonly pipeline: Pipeline;
  request: <TResponses = unknown, _TErrors = unknown, ThrowOnError extends boolean = true>(
    options: MethodOptions<ThrowOnError> & { method: string },
  ) => ApiResult<TResponses, ThrowOnError>;
  get: Method;
  post: Method;
  put: Method;
  patch: Method;
  delete: Method;
  head: Method;
  options: Method;
  /** The URL a call would go to (path filled, query serialised). */
  buildUrl: (options: { url: string; baseUrl?: string; path?: unknown; query?: unknown }) => string;
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
