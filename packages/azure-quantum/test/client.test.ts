import { staticToken } from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';
import { expectNoSecrets, useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import {
  AZURE_QUANTUM_API_VERSION,
  createAzureQuantumClient,
  getJob,
  ionqCircuit,
  parseConnectionString,
} from '../src/index.js';
import {
  AZURE_QUANTUM_DEMO_API_KEY,
  AZURE_QUANTUM_DEMO_WORKSPACE,
  createAzureQuantumMock,
  demoConnectionString,
} from '../src/msw/index.js';

const mock = createAzureQuantumMock();
const other = createAzureQuantumMock({
  endpoint: 'https://westeurope.quantum.azure.com',
  workspace: 'otherworkspace',
  storageAccountUrl: 'https://otherstorage.blob.core.windows.net',
});
useTestServer(...mock.handlers, ...other.handlers);

const { subscriptionId, resourceGroup, workspace } = AZURE_QUANTUM_DEMO_WORKSPACE;
const auth = { apiKey: AZURE_QUANTUM_DEMO_API_KEY };

/** A fetch that counts what the client sends (and lets msw answer). */
function countingFetch() {
  const sent: string[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    return globalThis.fetch(request);
  };
  return { sent, fetch };
}

describe('endpoint and location', () => {
  it('builds the regional endpoint from an ARM short region name, -v2 for V2 workspaces', () => {
    expect(
      createAzureQuantumClient({ subscriptionId, resourceGroup, workspace, location: 'eastus', auth })
        .baseUrl,
    ).toBe('https://eastus.quantum.azure.com');
    expect(
      createAzureQuantumClient({
        subscriptionId,
        resourceGroup,
        workspace,
        location: 'westeurope',
        workspaceKind: 'V2',
        auth,
      }).baseUrl,
    ).toBe('https://westeurope-v2.quantum.azure.com');
  });

  it("accepts the portal's display form of a region and shortens it, as the ARM client does", () => {
    const create = (location: string) => () =>
      createAzureQuantumClient({ subscriptionId, resourceGroup, workspace, location, auth });
    expect(create('East US')().baseUrl).toBe('https://eastus.quantum.azure.com');
    expect(create('West Europe')().baseUrl).toBe('https://westeurope.quantum.azure.com');
    expect(create(' westus2 ')().baseUrl).toBe('https://westus2.quantum.azure.com');
    for (const bad of ['eastus/../x', 'east-us', '', '2east']) {
      expect(create(bad)).toThrow(/^location must be an Azure region such as "eastus" \(or "East US"\)$/);
    }
  });

  it('takes the workspace endpointUri as it is, keeping a path prefix and dropping a trailing slash', () => {
    const aq = createAzureQuantumClient({
      subscriptionId,
      resourceGroup,
      workspace,
      baseUrl: 'https://myworkspace.eastus.quantum.azure.com/',
      auth,
    });
    expect(aq.baseUrl).toBe('https://myworkspace.eastus.quantum.azure.com');
  });

  it('refuses the old option name "endpoint" instead of letting location decide, and { tokenProvider }', () => {
    const stale = { subscriptionId, resourceGroup, workspace, location: 'eastus', auth };
    expect(() => createAzureQuantumClient({ ...stale, endpoint: 'http://127.0.0.1:9' } as never)).toThrow(
      'the option "endpoint" is now "baseUrl"',
    );
    expect(() =>
      createAzureQuantumClient({ ...stale, auth: { tokenProvider: staticToken('t') } } as never),
    ).toThrow(/pass the provider, not \{ tokenProvider \}/);
  });

  it('refuses plain http, except on loopback with allowInsecureLoopback', () => {
    const create = (baseUrl: string, allowInsecureLoopback?: boolean) =>
      createAzureQuantumClient({
        subscriptionId,
        resourceGroup,
        workspace,
        baseUrl,
        auth,
        allowInsecureLoopback,
      });
    expect(() => create('http://eastus.quantum.azure.com')).toThrow(/must use https/);
    expect(() => create('http://127.0.0.1:8787/dp')).toThrow(/allowInsecureLoopback/);
    expect(create('http://127.0.0.1:8787/dp', true).baseUrl).toBe('http://127.0.0.1:8787/dp');
    expect(() => create('https://eastus.quantum.azure.com?x=1')).toThrow(/query/);
    expect(() =>
      createAzureQuantumClient({ subscriptionId, resourceGroup, workspace, auth } as never),
    ).toThrow(/baseUrl .* or its location/);
  });
});

describe('workspace and path parameters are checked before any request', () => {
  it('rejects a malformed subscription, resource group or workspace at creation', () => {
    const create = (names: Record<string, string>) => () =>
      createAzureQuantumClient({
        subscriptionId,
        resourceGroup,
        workspace,
        location: 'eastus',
        auth,
        ...names,
      });
    expect(create({ subscriptionId: 'not-a-guid' })).toThrow(/subscriptionId must match/);
    expect(create({ resourceGroup: '..' })).toThrow(InvalidArgumentError);
    expect(create({ workspace: '../x' })).toThrow(/workspace must match/);
    expect(create({ workspace: 'a/b' })).toThrow(/workspace must match/);
    expect(create({ workspace: 'w'.repeat(51) })).toThrow(
      /^workspace must be 2 to 50 characters long, got a string of 51 characters$/,
    );
    // ARM ids are case-insensitive; the data plane wants the lowercase form.
    const upper = create({ subscriptionId: subscriptionId.toUpperCase().replace(/0/g, 'A') })();
    expect(upper.workspace.subscriptionId).toBe(subscriptionId.replace(/0/g, 'a'));
  });

  it('rejects ../x and malformed GUIDs as job or session ids without sending anything', async () => {
    const { sent, fetch } = countingFetch();
    const aq = createAzureQuantumClient({
      subscriptionId,
      resourceGroup,
      workspace,
      location: 'eastus',
      auth,
      fetch,
    });
    for (const bad of ['../x', '..', '', 'not-a-guid', '00000000-0000-0000-0000-00000000000g']) {
      await expect(aq.getJob(bad)).rejects.toThrow(InvalidArgumentError);
      await expect(aq.cancelJob(bad)).rejects.toThrow(InvalidArgumentError);
      await expect(aq.deleteJob(bad)).rejects.toThrow(InvalidArgumentError);
      await expect(aq.getSession(bad)).rejects.toThrow(InvalidArgumentError);
      expect(() => aq.listSessionJobs(bad)).toThrow(InvalidArgumentError);
      await expect(aq.waitForJob(bad)).rejects.toThrow(InvalidArgumentError);
      await expect(aq.getJobOutput(bad)).rejects.toThrow(InvalidArgumentError);
      await expect(
        aq.submitJob({ target: 'ionq.simulator', jobId: bad, ...ionqCircuit({ qubits: 1, circuit: [] }) }),
      ).rejects.toThrow(InvalidArgumentError);
    }
    await expect(aq.getJob('../x')).rejects.toThrow(
      /jobId must be a non-empty identifier, not "\.\."|jobId must match \^\[0-9a-fA-F\]/,
    );
    expect(sent).toEqual([]);
  });
});

describe('connection strings', () => {
  it('fill in subscription, resource group, workspace, endpoint and key', async () => {
    const aq = createAzureQuantumClient({ auth: { connectionString: demoConnectionString() } });
    expect(aq.baseUrl).toBe('https://eastus.quantum.azure.com');
    expect(aq.workspace).toEqual({
      subscriptionId,
      resourceGroupName: resourceGroup,
      workspaceName: workspace,
    });
    const before = mock.state.counters.apiKeyRequests;
    const quotas = [];
    for await (const quota of aq.listQuotas()) quotas.push(quota);
    expect(quotas.map((q) => q.providerId)).toEqual(['microsoft-elements', 'microsoft-qc']);
    expect(mock.state.counters.apiKeyRequests).toBe(before + 1);
  });

  it('parse in any key order and case, with "=" inside the key, and read the region', () => {
    const parsed = parseConnectionString(
      'quantumendpoint=https://westus-v2.quantum.azure.com/;ApiKey=abc==;WorkspaceName=ws1;ResourceGroupName=rg;SubscriptionId=00000000-0000-0000-0000-000000000001',
    );
    expect(parsed).toEqual({
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      resourceGroup: 'rg',
      workspace: 'ws1',
      apiKey: 'abc==',
      baseUrl: 'https://westus-v2.quantum.azure.com/',
      location: 'westus',
    });
  });

  it('name what is missing, never the key', () => {
    const key = 'super-secret-key-value-123';
    const error = (() => {
      try {
        parseConnectionString(`SubscriptionId=${subscriptionId};ApiKey=${key};`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(
      'connectionString lacks ResourceGroupName, WorkspaceName, QuantumEndpoint',
    );
    expectNoSecrets(error, [key]);
  });

  it('let explicit options take precedence (a local mock instead of the real endpoint)', () => {
    const aq = createAzureQuantumClient({
      auth: { connectionString: demoConnectionString() },
      baseUrl: 'http://127.0.0.1:8787/dataplane',
      allowInsecureLoopback: true,
    });
    expect(aq.baseUrl).toBe('http://127.0.0.1:8787/dataplane');
  });
});

describe('clients', () => {
  it('say which auth forms exist when given something else', () => {
    expect(() =>
      createAzureQuantumClient({
        subscriptionId,
        resourceGroup,
        workspace,
        location: 'eastus',
        auth: { password: 'x' } as never,
      }),
    ).toThrow(/tenantId, clientId, clientSecret.*TokenCredential.*apiKey.*connectionString/);
  });

  it('are independent: two workspaces in two regions side by side', async () => {
    const east = createAzureQuantumClient({
      subscriptionId,
      resourceGroup,
      workspace,
      location: 'eastus',
      auth,
    });
    const west = createAzureQuantumClient({
      subscriptionId,
      resourceGroup,
      workspace: 'otherworkspace',
      location: 'westeurope',
      auth,
    });
    const job = await east.submitJob({
      target: 'ionq.simulator',
      ...ionqCircuit({ qubits: 1, circuit: [{ gate: 'x', target: 0 }] }),
    });
    expect(mock.state.jobs.has(job.id)).toBe(true);
    expect(other.state.jobs.has(job.id)).toBe(false);
    expect(other.blobStore.state.containers.size).toBe(0);
    await expect(west.getJob(job.id)).rejects.toMatchObject({ status: 404, code: 'JobNotFound' });
  });

  it('expose the generated client and the bound workspace for the generated SDK functions', async () => {
    const aq = createAzureQuantumClient({
      subscriptionId,
      resourceGroup,
      workspace,
      location: 'eastus',
      auth,
    });
    const submitted = await aq.submitJob({
      target: 'ionq.simulator',
      ...ionqCircuit({ qubits: 1, circuit: [] }),
    });
    const { data } = await getJob({
      client: aq.client,
      path: { ...aq.workspace, jobId: submitted.id },
      query: { 'api-version': AZURE_QUANTUM_API_VERSION },
    });
    expect(data.id).toBe(submitted.id);
    expect(data.containerUri).toContain('sig=');
  });
});
