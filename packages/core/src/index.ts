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
export { bodyExcerpt, REDACTED, redactCredentials, redactSecrets, redactUrl } from './redact.js';
export { abortReason, sleep, throwIfAborted } from './sleep.js';
export { createErrorInterceptor, type ErrorInterceptorOptions, toQcError } from './client-errors.js';
