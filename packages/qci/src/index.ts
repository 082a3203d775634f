export {
  type CallOptions,
  createQciClient,
  type QciClient,
  type QciClientOptions,
  type RunJobOptions,
} from './client.js';
export type {
  DownloadedFile,
  DownloadOptions,
  InputFileType,
  QciFile,
  UploadOptions,
  UploadProgress,
} from './files.js';
export type { Client } from './generated/client.gen.js';
export * from './generated/index.js';
export type { components, operations, paths } from './generated/paths.gen.js';
export { PACKAGE } from './generated/version.gen.js';
export { type QciJobRequest, type QciJobType, toJobSubmission } from './job-request.js';
export {
  FINAL_JOB_STATUSES,
  JobNotCancellableError,
  type JobOutcome,
  type WaitForJobOptions,
} from './jobs.js';
export { QCI_PRODUCTION_URL } from './transport.js';
