export { AuthError, type AuthErrorInit, type AuthErrorReason } from './auth-error.js';
export { type AuthFetchOptions, authFetch } from './auth-fetch.js';
export {
  AUTH0_PASSWORD_REALM_GRANT,
  type Auth0ClientCredentialsOptions,
  type Auth0Endpoint,
  type Auth0PasswordRealmOptions,
  auth0ClientCredentials,
  auth0PasswordRealm,
} from './auth0.js';
export {
  AZURE_REQUEST_ID_HEADERS,
  type AzureCredential,
  type AzureCredentialSettings,
  azureCredential,
  azureErrorDetails,
  type EntraClientSecret,
  isTokenProvider,
  normalizeAzureRegion,
} from './azure.js';
export type { ClientOptions } from './client-options.js';
export {
  AZURE_MANAGEMENT_SCOPE,
  AZURE_PUBLIC_CLOUD_AUTHORITY,
  AZURE_QUANTUM_SCOPE,
  AZURE_STORAGE_SCOPE,
  type EntraClientCredentialsOptions,
  entraClientCredentials,
} from './entra.js';
export {
  defaultRefreshMargin,
  MAX_REFRESH_MARGIN_MS,
  MIN_REFRESH_MARGIN_MS,
  QCI_REFRESH_MARGIN_MS,
  REFRESH_MARGIN_FRACTION,
} from './expiry.js';
export { type HeyApiAuthConfig, type HeyApiAuthScheme, heyApiAuth } from './hey-api.js';
export {
  type KeycloakClientCredentialsOptions,
  type KeycloakEndpoint,
  type KeycloakPasswordOptions,
  keycloakClientCredentials,
  keycloakPassword,
} from './keycloak.js';
export { type AuthMiddleware, authMiddleware } from './openapi-fetch.js';
export { cleanPastedToken } from './options.js';
export { InsecureConnectionError, type OriginOptions } from './origin-policy.js';
export {
  type ApiClient,
  type ApiOptions,
  type ApiOutcome,
  type ApiRequestOptions,
  type ApiResult,
  type ApiSuccess,
  createApiClient,
  requireField,
  type SecurityScheme,
  type TDataShape,
  throwingClient,
} from './pipeline/api-client.js';
export { formatLogEntry } from './pipeline/log.js';
export {
  checkPathParameter,
  checkPathParameters,
  type PathRule,
  type PathRules,
} from './pipeline/path-rules.js';
export { createPipeline, DEFAULT_TIMEOUT_MS, type Pipeline } from './pipeline/pipeline.js';
export { requestWasSent } from './pipeline/request-parts.js';
export type {
  CallOptions,
  PipelineCall,
  PipelinePlan,
  QcLogger,
  Received,
  RequestBody,
  RequestLogEntry,
  ResponseInfo,
  SubmissionRoute,
} from './pipeline/types.js';
export { type QciRefreshTokenOptions, qciRefreshToken } from './qci.js';
export {
  type ApiKeyOptions,
  AZURE_QUANTUM_API_KEY_HEADER,
  apiKey,
  type StaticTokenOptions,
  staticToken,
} from './static.js';
export { DEFAULT_TOKEN_TIMEOUT_MS } from './token-cache.js';
export {
  fromTokenCredential,
  type TokenCredentialLike,
  type TokenCredentialOptions,
} from './token-credential.js';
export { DEFAULT_TOKEN_RETRIES } from './token-request.js';
export type {
  AccessToken,
  AuthFlow,
  CredentialHeader,
  FetchLike,
  FlowTokenProvider,
  GetTokenOptions,
  TokenProvider,
  TokenRequestOptions,
} from './types.js';
