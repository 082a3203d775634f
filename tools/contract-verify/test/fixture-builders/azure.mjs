// The Azure Quantum data-plane fixtures: a recording that matches, and one full of credentials.
import { body, entry, har, json } from './har.mjs';

const AZURE = 'https://eastus.quantum.azure.com';
const WS =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myresourcegroup/providers/Microsoft.Quantum/workspaces/myworkspace';
const V = 'api-version=2026-01-15-preview';
const JOB_1 = '00000000-0000-0000-0000-000000000001';
const JOB_2 = '00000000-0000-0000-0000-000000000002';
const azureUrl = (path, query = '') => `${AZURE}${WS}${path}?${V}${query}`;
const bearer = (token) => ({ authorization: `Bearer ${token}`, 'user-agent': 'azsdk-python-quantum/3.2.0' });

/** What the official SDK sends to create the job of Jobs_Create.json (no id, no read-only fields). */
function createJobRequest(sessionId) {
  const created = json('azure/Jobs_Create.json');
  return JSON.stringify({
    itemType: 'Job',
    name: created.name,
    containerUri: created.containerUri,
    inputDataUri: created.inputDataUri,
    inputDataFormat: created.inputDataFormat,
    outputDataFormat: created.outputDataFormat,
    providerId: 'ionq',
    target: created.target,
    inputParams: {},
    ...(sessionId ? { sessionId } : {}),
  });
}

export function azurePass() {
  const token = json('azure/Auth_Token_ClientCredentials.json').access_token;
  const auth = bearer(token);
  return har([
    entry({
      method: 'POST',
      url: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token',
      requestType: 'application/x-www-form-urlencoded',
      requestBody:
        'grant_type=client_credentials&client_id=00000000-0000-0000-0000-000000000000&client_secret=PLACEHOLDER&scope=https%3A%2F%2Fquantum.microsoft.com%2F.default',
      status: 200,
      responseBody: body('azure/Auth_Token_ClientCredentials.json'),
    }),
    entry({
      method: 'OPTIONS',
      url: azureUrl('/providerStatus'),
      requestHeaders: { 'access-control-request-method': 'GET', origin: 'https://portal.example' },
      status: 204,
    }),
    entry({
      method: 'GET',
      url: azureUrl('/providerStatus'),
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/Providers_List.json'),
    }),
    entry({
      method: 'GET',
      url: azureUrl('/quotas'),
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/Quotas_List.json'),
    }),
    entry({
      method: 'POST',
      url: azureUrl('/storage/sasUri'),
      requestHeaders: auth,
      requestBody: JSON.stringify({ containerName: `job-${JOB_1}` }),
      status: 200,
      responseBody: body('azure/Storage_GetSasUri.json'),
    }),
    entry({
      method: 'PUT',
      url: `https://mystorage.blob.core.windows.net/job-${JOB_1}/inputData?sv=PLACEHOLDER&sr=c&sp=rwlac&sig=PLACEHOLDER`,
      requestType: 'application/json',
      requestBody: '{"qubits": 3, "circuit": []}',
      status: 201,
    }),
    entry({
      method: 'PUT',
      url: azureUrl(`/jobs/${JOB_1}`),
      requestHeaders: auth,
      requestBody: createJobRequest(),
      status: 200,
      responseBody: body('azure/Jobs_Create.json'),
    }),
    entry({
      method: 'GET',
      url: azureUrl(`/jobs/${JOB_1}`),
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/Jobs_Get.json'),
    }),
    entry({
      method: 'GET',
      url: azureUrl('/jobs', '&top=100'),
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/Jobs_List.json'),
    }),
    entry({
      method: 'GET',
      url: azureUrl('/sessions'),
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/Sessions_Listv2.json'),
    }),
    entry({
      method: 'GET',
      url: azureUrl('/topLevelItems'),
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/TopLevelItems_Listv2.json'),
    }),
    entry({
      method: 'PUT',
      url: azureUrl(`/jobs/${JOB_2}`),
      requestHeaders: auth,
      requestBody: createJobRequest('43e0c690-e7f2-11ee-98c1-00155dfe59ef'),
      status: 400,
      responseHeaders: { 'x-ms-error-code': 'InvalidJobDefinition' },
      responseBody: body('azure/Jobs_Create_Error400.json'),
    }),
  ]);
}

/**
 * Credentials everywhere a recording can hold them, next to mismatches the report must describe.
 * The tests assert that none of these values reaches the output, in text or JSON.
 */
export const SECRETS = {
  bearerJwt:
    'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL3F1YW50dW0ubWljcm9zb2Z0LmNvbSJ9.c2lnbmF0dXJlLW5ldmVyLXRvLWJlLXByaW50ZWQ',
  issuedJwt:
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpc3N1ZWQtdG9rZW4tZm9yLXRoZS10ZXN0In0.aXNzdWVkLXRva2VuLXNpZ25hdHVyZS1zZWNyZXQ',
  apiKey: 'qc-test-workspace-key-Zm9vYmFyYmF6cXV4',
  cookie: 'CookieSecret-5f2b7c9e41',
  setCookie: 'SetCookieSecret-0a9d8c7b',
  clientSecret: 'EntraClientSecret~8Q~a1b2c3d4',
  unknownRouteSig: 'UnknownRouteSasSignature0042',
  containerNameSecret: 'sk-live-ContainerNameSecret-77',
  inputSasSig: 'InputDataSasSignature31337',
  amzSignature: 'f00dfacecafebabe0123456789abcdef0123456789abcdef0123456789abcdef',
  amzCredential: 'AKIAIOSFODNN7SECRETKEY',
  amzSecurityToken: 'IQoJb3JpZ2luX2VjSecretSessionToken',
  errorPagePassword: 'Hunter2-ErrorPagePassword',
  baseUrlPassword: 'BaseUrlPassword99',
};

export function azureSecrets() {
  const s = SECRETS;
  const auth = { ...bearer(s.bearerJwt), cookie: `session=${s.cookie}; theme=dark` };
  const keyed = { 'x-ms-quantum-api-key': s.apiKey };
  const job = json('azure/Jobs_Get.json');
  const { id: _, ...jobWithoutId } = job;
  const presigned = `https://results.s3.eu-west-3.amazonaws.com/out.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${s.amzCredential}%2F20261120%2Feu-west-3%2Fs3%2Faws4_request&X-Amz-Security-Token=${s.amzSecurityToken}&X-Amz-Signature=${s.amzSignature}`;
  return har([
    // Outside the spec: the token request (a client secret in its form body, a JWT in its answer).
    entry({
      method: 'POST',
      url: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token',
      requestType: 'application/x-www-form-urlencoded',
      requestBody: `grant_type=client_credentials&client_id=00000000-0000-0000-0000-000000000000&client_secret=${encodeURIComponent(s.clientSecret)}&scope=https%3A%2F%2Fquantum.microsoft.com%2F.default`,
      status: 200,
      responseHeaders: { 'set-cookie': `fpc=${s.setCookie}; path=/; secure; HttpOnly` },
      responseBody: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: s.issuedJwt }),
    }),
    // Unknown operation: a blob path on the data-plane host, with a SAS signature in its query.
    entry({
      method: 'GET',
      url: azureUrl(`/jobs/${JOB_1}/outputData`, `&sig=${s.unknownRouteSig}&se=2050-01-01`),
      requestHeaders: auth,
      status: 404,
      responseBody: body('azure/Jobs_Create_Error400.json'),
    }),
    // Unknown operation: the workspace key in a path segment.
    entry({ method: 'GET', url: azureUrl(`/keys/${s.apiKey}`), requestHeaders: keyed, status: 404 }),
    // Invalid request body: a secret where a container name belongs (the rule, not the value, is shown).
    entry({
      method: 'POST',
      url: azureUrl('/storage/sasUri'),
      requestHeaders: keyed,
      requestBody: JSON.stringify({ containerName: s.containerNameSecret }),
      status: 200,
      responseBody: body('azure/Storage_GetSasUri.json'),
    }),
    // Invalid response body: a job without its id, SAS and presigned URLs in the fields beside it.
    entry({
      method: 'GET',
      url: azureUrl(`/jobs/${JOB_1}`),
      requestHeaders: auth,
      status: 200,
      responseHeaders: { 'set-cookie': `ARRAffinity=${s.setCookie}; Path=/; HttpOnly` },
      responseBody: JSON.stringify({
        ...jobWithoutId,
        inputDataUri: `https://mystorage.blob.core.windows.net/job-${JOB_1}/inputData?sv=2025-01-05&sr=b&sp=r&sig=${s.inputSasSig}`,
        outputDataUri: presigned,
      }),
    }),
    // Invalid response body: an error page where JSON was promised, credentials in its first words.
    entry({
      method: 'GET',
      url: azureUrl('/quotas'),
      requestHeaders: auth,
      status: 502,
      responseType: 'application/json',
      responseBody: `<html><body><h1>502</h1><p>Bearer ${s.bearerJwt} password=${s.errorPagePassword}</p></body></html>`,
    }),
    // Invalid request parameter: the api-version the recorded bodies were fetched with (a short enum
    // value, so the report shows it).
    entry({
      method: 'GET',
      url: `${AZURE}${WS}/sessions?api-version=2025-12-01-preview`,
      requestHeaders: auth,
      status: 200,
      responseBody: body('azure/Sessions_Listv2.json'),
    }),
    // Outside the spec: the presigned download.
    entry({ method: 'GET', url: presigned, status: 200, responseBody: '{"0001": 3}' }),
  ]);
}
