export { type MockCloud, type MockCloudOptions, startMockCloud } from './cloud.js';
export type { MockCloudServices, MountedService } from './services.js';
