export { type MockCloud, type MockCloudOptions, startMockCloud } from './cloud.js';
export { createRequestLog, type RequestLine } from './request-log.js';
export {
  type MockCloudServices,
  type MockMount,
  type MountContext,
  type MountedService,
  serviceOf,
} from './services.js';
