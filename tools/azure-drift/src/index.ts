export { AZURE_DRIFT_USAGE, type AzureDriftArgs, parseAzureDriftArgs } from './args.js';
export { type CheckOptions, checkDrift } from './check.js';
export { InputError } from './document.js';
export {
  type AllowEntry,
  type AllowedDrift,
  DRIFT_KINDS,
  DRIFT_TITLES,
  type Drift,
  type DriftKind,
  type DriftReport,
} from './drift.js';
export { renderText } from './render.js';
