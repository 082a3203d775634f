export {
  Contract,
  createContract,
  type MatchedOperation,
  type OpenApiDocument,
  type RequestToValidate,
  type RequestValidation,
} from './contract.js';
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
  type Direction,
  documentRefResolver,
  type SchemaIssue,
  UnsupportedSchemaError,
  validateSchema,
} from './schema.js';
