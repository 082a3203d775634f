export { CONTRACT_VERIFY_USAGE, type ContractVerifyArgs, parseContractVerifyArgs } from './args.js';
export { InputError, type RecordedBody, type RecordedExchange, type Traffic } from './exchange.js';
export { type RenderLimits, renderText, verdict } from './render.js';
export type {
  ExchangeMismatch,
  FieldOffender,
  Issue,
  OperationSummary,
  Reason,
  UnmatchedRequests,
  VerificationReport,
} from './report.js';
export { readTraffic } from './traffic.js';
export { type VerifyTrafficOptions, verifyTraffic } from './verify-traffic.js';
