export {
  Contract,
  createContract,
  type MatchedOperation,
  type OpenApiDocument,
  type RequestToValidate,
  type RequestValidation,
} from './contract.js';
export { hmacSha256, sha256, timingSafeEqual, toBase64, toHex } from './hmac.js';
export {
  createMockService,
  type MockContext,
  MockContractError,
  type MockOperation,
  type MockServiceOptions,
  problemDetails,
} from './mock-service.js';
export { seededRandom } from './random.js';
export {
  type ResponseCheckPolicy,
  type SampledResponseChecks,
  sampledResponseChecks,
} from './response-checks.js';
export { bodyTextOf, jsonResponse, textResponse } from './responses.js';
export {
  type Direction,
  documentRefResolver,
  type SchemaIssue,
  UnsupportedSchemaError,
  validateSchema,
} from './schema.js';
