export { simulateBrowser } from './browser.js';
export { describeRequest, type TestServer, useTestServer } from './msw-server.js';
export { collectRenderings, expectNoSecrets } from './secrets.js';
