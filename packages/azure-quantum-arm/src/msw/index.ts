import { createContract, createMockService, jsonResponse, type ResponseCheckPolicy } from '@qc/core/contract';
import { http, type RequestHandler } from 'msw';
import { openApiDocument } from '../generated/spec.gen.js';
import { armOperations } from './operations.js';
import { ArmMockState, type ArmMockStateOptions } from './state.js';
import { type BearerChecker, checkManagementToken, checkWithEntra, type TokenClaims } from './tokens.js';

export { OFFERINGS, OPERATIONS } from './catalog.js';
export { type GraphRow, runGraphQuery } from './resource-graph.js';
export {
  ArmMockState,
  type ArmMockStateOptions,
  AZURE_ARM_DEMO,
  type OperationFailure,
  type OperationKind,
  type SeedWorkspace,
  type StoredOperation,
  type StoredWorkspace,
  shortLocation,
  type WorkspaceAddress,
} from './state.js';
export {
  type BearerChecker,
  checkManagementToken,
  checkWithEntra,
  decodeJwtClaims,
  MANAGEMENT_AUDIENCES,
  type TokenClaims,
} from './tokens.js';

/** Options of {@link createAzureQuantumArmMock}: ARM's URL, the state, and how tokens are checked. */
export interface AzureQuantumArmMockOptions extends ArmMockStateOptions {
  /** ARM's base URL (a path prefix is kept). Default `https://management.azure.com`. */
  baseUrl?: string;
  /** An existing state to serve (shared with another mock or the mock cloud); the state options are then ignored. */
  state?: ArmMockState;
  /**
   * Reads a bearer token's claims; undefined refuses it. Default: decode the (unsigned) JWT payload,
   * which is what the Entra mocks issue.
   */
  verifyToken?: (token: string) => TokenClaims | undefined;
  /**
   * An Entra mock shared with other resource mocks (`createEntraMock()` of `@qc/azure-quantum/msw`):
   * tokens must then have been issued by it, for ARM's audience. Takes precedence over `verifyToken`.
   */
  entra?: BearerChecker;
  /**
   * Throw when a mock response breaks the spec: every response (`true`, the default) or those a policy
   * picks (`sampledResponseChecks()` of `@qc/core/contract`, as the mock cloud does).
   */
  validateResponses?: boolean | ResponseCheckPolicy;
}

/** A mock of Microsoft.Quantum on ARM, made by {@link createAzureQuantumArmMock}. */
export interface AzureQuantumArmMock {
  /** Workspaces, operations, keys, containers and counters, for assertions and seeding. */
  state: ArmMockState;
  /** The mock as a plain function; the mock cloud serves it over HTTP. Undefined outside `baseUrl`. */
  handle: (request: Request) => Promise<Response | undefined>;
  /** msw handlers for `setupServer(...)` / `server.use(...)`. */
  handlers: RequestHandler[];
  /** ARM's base URL as served, without a trailing slash. */
  baseUrl: string;
}

/**
 * A stateful, spec-validating mock of Microsoft.Quantum on ARM, with the storage container PUT and the
 * Resource Graph query: a PUT creates a workspace that is `ProviderLaunching` until its
 * `Azure-AsyncOperation` monitor has been polled to `Succeeded` (then it is usable and has its
 * `endpointUri`); a DELETE answers 202 and its `Location` monitor 202 until the workspace is gone
 * (204); keys regenerate; Resource Graph answers from the same workspaces. Every request is checked
 * against specs/azure-quantum-arm.yaml (400 naming the issues) and needs a token for ARM's audience.
 */
export function createAzureQuantumArmMock(options: AzureQuantumArmMockOptions = {}): AzureQuantumArmMock {
  const baseUrl = (options.baseUrl ?? 'https://management.azure.com').replace(/\/+$/, '');
  const state = options.state ?? new ArmMockState(options);
  const service = createMockService({
    contract: createContract(openApiDocument),
    baseUrl,
    operations: armOperations(state, baseUrl),
    validateResponses: options.validateResponses ?? true,
    // Refusals in ARM's envelope, the schema issues beside it.
    refusal: (status, message, issues) =>
      jsonResponse(
        { error: { code: status === 400 ? 'InvalidRequest' : 'NotSupported', message }, issues },
        { status, headers: { 'x-ms-error-code': status === 400 ? 'InvalidRequest' : 'NotSupported' } },
      ),
    authorize: (request) => {
      const refusal = options.entra
        ? checkWithEntra(request, options.entra)
        : checkManagementToken(request, state.now(), options.verifyToken);
      if (refusal) state.counters.rejectedTokens += 1;
      return refusal;
    },
  });
  return {
    state,
    handle: service,
    handlers: [http.all(`${baseUrl}/*`, async ({ request }) => service(request))],
    baseUrl,
  };
}
