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
export type { ProjectQuery } from './account.js';
export {
  type PasqalAuth,
  type PasqalServiceAccountCredentials,
  type PasqalTokenOptions,
  type PasqalUserCredentials,
  pasqalTokenProvider,
} from './auth.js';
export type {
  BatchQuery,
  CancelJobsFilters,
  CreateBatchInput,
  FindBatchesOptions,
  RebatchFilters,
} from './batches.js';
export { createPasqalClient, type PasqalClient, type PasqalClientOptions } from './client.js';
export type { CallOptions } from './context.js';
export type { DeviceQuery, PublicDeviceQuery } from './devices.js';
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
export { PACKAGE } from './generated/version.gen.js';
export type { JobQuery } from './jobs.js';
export {
  type IterateOptions,
  MAX_PAGE_SIZE,
  type Page,
  paginationFromContentRange,
} from './paging.js';
export type { JobWithResult } from './results.js';
export {
  DEFAULT_SUBMIT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  PASQAL_RETRYABLE_STATUSES,
  type PasqalTransportOptions,
} from './transport.js';
export { isTerminalStatus, TERMINAL_STATUSES, type WaitOptions } from './waiting.js';
export type { CreateWorkloadInput } from './workloads.js';
