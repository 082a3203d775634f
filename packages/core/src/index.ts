export { checkBaseUrl, checkSecureScheme, isLoopbackHost } from './base-url.js';
export { createErrorInterceptor, type ErrorInterceptorOptions, toQcError } from './client-errors.js';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createHttpError,
  HttpError,
  type HttpErrorInit,
  httpErrorFromResponse,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  type ProviderErrorDetails,
  parseMaybeJson,
  parseProviderError,
  parseRetryAfter,
  QcError,
  RateLimitError,
  requestIdFrom,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors.js';
export { copyHeaders } from './headers.js';
export { Deadline } from './http/deadline.js';
export {
  capRetryAfter,
  checkOptionalTimeLimit,
  checkTimeLimit,
  DEFAULT_MAX_RETRY_AFTER_MS,
  MAX_TIME_LIMIT_MS,
} from './http/limits.js';
export { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readBody } from './http/read-body.js';
export { SecretStore } from './http/secrets.js';
export { isGuid, randomUuid } from './ids.js';
export {
  collect,
  type NextLinkPage,
  type OffsetPage,
  type PaginateNextLinkOptions,
  type PaginateOffsetOptions,
  paginateNextLink,
  paginateOffset,
  UnsafeNextLinkError,
  type UnsafeNextLinkReason,
} from './paging.js';
export { isSafeIdentifier, pathSegment } from './path.js';
export { type WaitForOptions, type WaitProgress, WaitTimeoutError, waitFor } from './poll.js';
export { bodyExcerpt, REDACTED, redactCredentials, redactSecrets, redactUrl } from './redact.js';
export {
  SubmissionOutcomeUnknownError,
  UnexpectedResponseError,
  type UnexpectedResponseProblem,
} from './response-errors.js';
export {
  DEFAULT_RETRYABLE_STATUSES,
  type FetchLike,
  fitsRetryBudget,
  IDEMPOTENT_METHODS,
  isIdempotentMethod,
  isTransientFailure,
  planRetryDelay,
  RETRY_HEADER,
  type RetryEvent,
  type RetryHeaderValue,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
  withRetry,
} from './retry.js';
export { abortReason, sleep, throwIfAborted, untilAborted } from './sleep.js';
