export { parseAzureDriftArgs, AZURE_DRIFT_USAGE, type AzureDriftArgs } from './args.js';
export { checkDrift, type CheckOptions } from './check.js';
export { InputError } from './document.js';
export {
  DRIFT_KINDS,
  DRIFT_TITLES,
  type AllowEntry,
  type AllowedDrift,
  type Drift,
  type DriftKind,
  type DriftReport,
} from './drift.js';
export { renderText } from './render.js';
