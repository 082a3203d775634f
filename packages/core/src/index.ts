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
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from './errors.js';
export { copyHeaders } from './headers.js';
export {
  createLroPoller,
  type LroFinalState,
  type LroInitialResponse,
  type LroMonitor,
  type LroPoller,
  type LroPollerOptions,
  type LroState,
  type LroStatus,
  type LroWaitOptions,
  OperationFailedError,
  UnsafeOperationUrlError,
} from './lro.js';
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
export { pathSegment } from './path.js';
export { type WaitForOptions, type WaitProgress, WaitTimeoutError, waitFor } from './poll.js';
export { bodyExcerpt, REDACTED, redactCredentials, redactSecrets, redactUrl } from './redact.js';
export {
  DEFAULT_RETRYABLE_STATUSES,
  type FetchLike,
  IDEMPOTENT_METHODS,
  isIdempotentMethod,
  RETRY_HEADER,
  type RetryEvent,
  type RetryHeaderValue,
  type RetryOptions,
  withRetry,
} from './retry.js';
export { abortReason, sleep, throwIfAborted, untilAborted } from './sleep.js';
