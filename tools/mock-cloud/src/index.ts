export { type MockCloud, type MockCloudOptions, startMockCloud } from './cloud.js';
export {
  type MockCloudServices,
  type MockMount,
  type MountContext,
  type MountedService,
  serviceOf,
} from './services.js';
