export {
  type CallOptions,
  createQciClient,
  QCI_PRODUCTION_URL,
  type QciClient,
  type QciClientOptions,
} from './client.js';
export type { Client, Config } from './generated/client/index.js';
export * from './generated/index.js';
export type { components, operations, paths } from './generated/paths.gen.js';
