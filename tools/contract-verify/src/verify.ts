import { bodyExcerpt } from '@qc/core';
import { headerOf, type RecordedBody, type RecordedExchange } from './exchange.js';
import { requestIssues, responseIssues } from './issues.js';
import type { ExchangeMismatch, Issue, Reason } from './report.js';
import { routeRequest } from './route.js';
import type { TrafficSecrets } from './secrets.js';
import type { LoadedSpec } from './spec.js';

/** What became of one exchange. */
export type Outcome =
  | { kind: 'outside'; host: string }
  | { kind: 'cors preflight' }
  | {
      kind: 'unmatched';
      method: string;
      base: string;
      pathname: string;
      query: string[];
      otherMethods: string[];
    }
  | {
      kind: 'checked';
      result: ExchangeMismatch;
      trailingSlash: boolean;
      requestBodyRecorded: boolean;
      responseBodyRecorded: boolean;
    };

/** Routes one exchange and validates it as the mocks do: request (parameters, body), then response. */
export function checkExchange(
  exchange: RecordedExchange,
  spec: LoadedSpec,
  baseUrls: readonly URL[],
  secrets: TrafficSecrets,
): Outcome {
  let url: URL;
  try {
    url = new URL(exchange.url);
  } catch {
    return { kind: 'outside', host: '(unparseable URL)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { kind: 'outside', host: `${url.protocol} URLs` };
  const route = routeRequest(spec, exchange.method, url, baseUrls);
  if (route.kind === 'outside') return { kind: 'outside', host: url.host };
  // A browser's permission check before a cross-origin call: not an operation of any API.
  if (exchange.method === 'OPTIONS' && headerOf(exchange.requestHeaders, 'access-control-request-method')) {
    return { kind: 'cors preflight' };
  }
  if (route.kind === 'unmatched') {
    return {
      kind: 'unmatched',
      method: exchange.method,
      base: route.base,
      pathname: route.pathname,
      query: [...new Set(url.searchParams.keys())],
      otherMethods: route.otherMethods,
    };
  }

  const operation = spec.operations.get(route.operation.operationId);
  const headers = new Headers();
  for (const [name, value] of exchange.requestHeaders) {
    try {
      if (!name.startsWith(':')) headers.append(name, value);
    } catch {
      // A header the fetch API refuses (a bad name or value) cannot be a declared parameter.
    }
  }
  if (exchange.requestBody.kind === 'json' && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }

  const issues: Issue[] = [];
  // Like the mocks, which refuse any request body that is not JSON whatever its type.
  const request = parseBody(exchange.requestBody, null);
  if (request.notJson) issues.push(notJson('invalid request body', 'request body'));
  const validation = spec.contract.validateRequest({
    method: exchange.method,
    pathname: route.pathname,
    query: url.searchParams,
    headers,
    body: request.value,
  });
  const requestBodyRecorded = exchange.requestBody.kind !== 'unrecorded' || operation?.takesBody !== true;
  issues.push(
    ...requestIssues(
      // A body the recording left out is not a missing body, nor is one that is not JSON.
      validation.issues.filter(
        (i) =>
          !(i.path === 'body' && i.message === 'is required' && (!requestBodyRecorded || request.notJson)),
      ),
      { path: route.operation.pathParams, query: url.searchParams, headers, body: request.value },
      secrets,
    ),
  );

  let responseBodyRecorded = true;
  if (exchange.status !== undefined) {
    const status = exchange.status;
    const contentType =
      headerOf(exchange.responseHeaders, 'content-type') ??
      (exchange.responseBody.kind === 'json' ? 'application/json' : null);
    const response = parseBody(exchange.responseBody, contentType);
    responseBodyRecorded = exchange.responseBody.kind !== 'unrecorded';
    if (response.notJson) {
      const issue = notJson('invalid response body', `response ${status} body`);
      // An error page where JSON was promised: a short, credential-free excerpt says what it was.
      if (status >= 400 && exchange.responseBody.kind === 'text') {
        issue.rule += `; it begins: ${bodyExcerpt(exchange.responseBody.text, [], 60)}`;
      }
      issues.push(issue);
    }
    const checked = spec.contract.validateResponse(
      route.operation.operationId,
      status,
      contentType,
      response.value,
    );
    issues.push(...responseIssues(checked, status, operation?.statuses ?? [], response.value, secrets));
  }

  const reasons = [...new Set(issues.map((i) => i.reason))] as Reason[];
  return {
    kind: 'checked',
    trailingSlash: route.trailingSlash,
    requestBodyRecorded,
    responseBodyRecorded,
    result: {
      at: exchange.at,
      method: exchange.method,
      operationId: route.operation.operationId,
      pathTemplate: route.operation.pathTemplate,
      status: exchange.status,
      reasons,
      issues,
    },
  };
}

/**
 * The body as the validator takes it: parsed JSON, or the text when its content type is not JSON
 * (the contract checks only what the spec declares for that type), or undefined when there is none.
 * Text that claims to be JSON, or has no type, and does not parse is `notJson`.
 */
function parseBody(body: RecordedBody, contentType: string | null): { value: unknown; notJson: boolean } {
  if (body.kind === 'json') return { value: body.value, notJson: false };
  if (body.kind !== 'text') return { value: undefined, notJson: false };
  if (contentType !== null && !/json/i.test(contentType)) return { value: body.text, notJson: false };
  try {
    return { value: JSON.parse(body.text), notJson: false };
  } catch {
    return { value: undefined, notJson: true };
  }
}

function notJson(reason: Reason, location: string): Issue {
  return { reason, location, pointer: '', rule: 'is not valid JSON' };
}
