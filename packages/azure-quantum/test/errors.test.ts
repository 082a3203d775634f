import { AuthError } from '@qc/auth';
import { AuthenticationError, BadRequestError, collect, NotFoundError, ServerError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { AZURE_QUANTUM_API_VERSION, createAzureQuantumClient, createJob, newItemId } from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  ENTRA_DEMO_CREDENTIALS,
} from '../src/msw/index.js';

const mock = createAzureQuantumMock();
const { server } = useTestServer(...mock.handlers);

const { subscriptionId, resourceGroup, workspace, location } = AZURE_QUANTUM_DEMO_WORKSPACE;
const names = { subscriptionId, resourceGroup, workspace, location };
const JOBS = `https://eastus.quantum.azure.com/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Quantum/workspaces/${workspace}/jobs`;

describe('credentials', () => {
  it('a token for Azure Resource Manager is refused by the data plane (audience checked)', async () => {
    // A credential that ignores the scope asked for and always returns an ARM token.
    const armOnly = mock.entra.tokenCredential();
    const aq = createAzureQuantumClient({
      ...names,
      auth: { getToken: () => armOnly.getToken('https://management.azure.com/.default') },
    });
    const error = await aq.getJob(newItemId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toContain(
      "The audience 'https://management.azure.com' is invalid",
    );
    const token = [...mock.entra.state.tokens.keys()].at(-1) as string;
    expectNoSecrets(error, [token]);
  });

  it('an expired or revoked token is refreshed once, then the request succeeds', async () => {
    const aq = createAzureQuantumClient({ ...names, auth: { ...ENTRA_DEMO_CREDENTIALS } });
    await collect(aq.listQuotas());
    const issued = mock.entra.state.counters.tokensIssued;
    for (const token of [...mock.entra.state.tokens.keys()]) mock.entra.revoke(token);
    expect(await collect(aq.listQuotas())).toHaveLength(2);
    expect(mock.entra.state.counters.tokensIssued).toBe(issued + 1);
  });

  it('a wrong client secret is an AuthError with Entra’s code, without the secret', async () => {
    const secret = 'wrong-secret-value-0123456789';
    const aq = createAzureQuantumClient({
      ...names,
      auth: { ...ENTRA_DEMO_CREDENTIALS, clientSecret: secret },
    });
    const error = await aq.getJob(newItemId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, error: 'invalid_client', aadstsCode: 'AADSTS7000215' });
    expectNoSecrets(error, [secret]);
  });

  it('a wrong API key is a 401 AuthenticationError, without the key', async () => {
    const key = 'not-the-workspace-key-987654321';
    const aq = createAzureQuantumClient({ ...names, auth: { apiKey: key } });
    const error = await aq.getJob(newItemId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, serviceMessage: 'invalid_token' });
    expectNoSecrets(error, [key]);
  });

  it('the API key travels only in x-ms-quantum-api-key, never as a bearer token', async () => {
    const seen: { key: string | null; authorization: string | null }[] = [];
    server.use(
      http.get(JOBS, ({ request }) => {
        seen.push({
          key: request.headers.get('x-ms-quantum-api-key'),
          authorization: request.headers.get('authorization'),
        });
        return undefined;
      }),
    );
    const aq = createAzureQuantumClient({ ...names, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } });
    await collect(aq.listJobs());
    expect(seen).toEqual([{ key: AZURE_QUANTUM_DEMO_API_KEY, authorization: null }]);
  });
});

describe('error envelopes', () => {
  const aq = createAzureQuantumClient({ ...names, auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY } });

  it('a facade method throws even when the options passed through carry throwOnError: false', async () => {
    // Not a CallOptions key, but an options object built elsewhere may carry it: it must not turn the
    // facade's failure into undefined data.
    const stray = { throwOnError: false } as object;
    await expect(aq.getJob(newItemId(), stray)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the current envelope: code, message (and x-ms-error-code) on a typed error', async () => {
    const id = newItemId();
    const error = await aq.getJob(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 'JobNotFound',
      serviceMessage: `Job '${id}' was not found.`,
    });
  });

  it('the current envelope with details and innererror', async () => {
    server.use(
      http.get(`${JOBS}/:id`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'InvalidJobDefinition',
              message: 'The job is invalid.',
              target: 'inputParams',
              details: [{ code: 'PropertyNotSpecified', message: 'shots is missing' }],
              innererror: { code: 'Inner' },
            },
          },
          { status: 400, headers: { 'x-ms-error-code': 'InvalidJobDefinition' } },
        ),
      ),
    );
    await expect(aq.getJob(newItemId())).rejects.toMatchObject({
      status: 400,
      code: 'InvalidJobDefinition',
      serviceMessage: 'The job is invalid.',
    });
  });

  it('the legacy RestError envelope of older api-versions', async () => {
    server.use(
      http.get(`${JOBS}/:id`, () => HttpResponse.json({ error: { code: 'Unauthorized' } }, { status: 403 })),
    );
    await expect(aq.getJob(newItemId())).rejects.toMatchObject({ status: 403, code: 'Unauthorized' });
  });

  it('an empty body whose only explanation is x-ms-error-code', async () => {
    server.use(
      http.get(
        `${JOBS}/:id`,
        () =>
          new HttpResponse(null, {
            status: 409,
            headers: { 'x-ms-error-code': 'IncorrectDataplaneEndpoint' },
          }),
      ),
    );
    await expect(aq.getJob(newItemId())).rejects.toMatchObject({
      status: 409,
      code: 'IncorrectDataplaneEndpoint',
    });
  });

  it('an HTML gateway page becomes a ServerError with a short excerpt', async () => {
    server.use(
      http.get(
        `${JOBS}/:id`,
        () =>
          new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const noRetry = createAzureQuantumClient({
      ...names,
      auth: { apiKey: AZURE_QUANTUM_DEMO_API_KEY },
      retry: false,
    });
    const error = await noRetry.getJob(newItemId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, bodyExcerpt: '502 Bad Gateway' });
  });

  it('a body the mock finds off-spec is a 400 naming the issue, never the value', async () => {
    const result = await createJob({
      client: aq.client,
      path: { ...aq.workspace, jobId: newItemId() },
      query: { 'api-version': AZURE_QUANTUM_API_VERSION },
      body: { itemType: 'Job', name: 'x', providerId: 'ionq', target: 'ionq.simulator' } as never,
      throwOnError: false,
    });
    expect(result.error).toBeInstanceOf(BadRequestError);
    expect((result.error as BadRequestError).message).toContain('does not match the spec of createJob');
  });
});
