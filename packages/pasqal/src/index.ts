// The error classes this package throws, so callers need not depend on @qc/core themselves.

export { AuthError } from '@qc/auth';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  HttpError,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  QcError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  WaitTimeoutError,
} from '@qc/core';
export {
  type PasqalAuth,
  type PasqalServiceAccountCredentials,
  type PasqalTokenOptions,
  type PasqalUserCredentials,
  pasqalTokenProvider,
} from './auth.js';
export {
  type BatchQuery,
  type CallOptions,
  type CancelJobsFilters,
  type CreateBatchInput,
  type CreateWorkloadInput,
  createPasqalClient,
  type DeviceQuery,
  type FindBatchesOptions,
  type IterateOptions,
  isTerminalStatus,
  type JobQuery,
  type JobWithResult,
  type PasqalClient,
  type PasqalClientOptions,
  type ProjectQuery,
  type PublicDeviceQuery,
  type RebatchFilters,
  TERMINAL_STATUSES,
  type WaitOptions,
} from './client.js';
export {
  PASQAL_ENVIRONMENTS,
  type PasqalEnvironment,
  type PasqalEnvironmentName,
  type PasqalIdentityProvider,
  resolveEnvironment,
} from './environments.js';
export {
  isOutcomeUnknown,
  type PasqalErrorDetails,
  type PasqalHttpError,
  parsePasqalError,
  pasqalErrorDetails,
  type SubmissionOperation,
  SubmissionOutcomeUnknownError,
} from './errors.js';
export type { Client } from './generated/client.gen.js';
export * from './generated/index.js';
export type { components, operations, paths } from './generated/paths.gen.js';
export { MAX_PAGE_SIZE, type Page, paginationFromContentRange } from './paging.js';
export {
  DEFAULT_SUBMIT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  PASQAL_RETRYABLE_STATUSES,
  type PasqalTransportOptions,
} from './transport.js';
export { PACKAGE } from './version.js';
