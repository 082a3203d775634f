import { createEntraMock, ENTRA_DEMO_CREDENTIALS } from '@qc/azure-quantum/msw';
import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import {
  createAzureQuantumArmClient,
  jobContainerName,
  RESOURCE_GRAPH_API_VERSION,
  type WorkspaceConnection,
  WorkspaceLookupError,
  workspaceConnection,
  workspaceLookupQuery,
} from '../src/index.js';
import { AZURE_ARM_DEMO, createAzureQuantumArmMock } from '../src/msw/index.js';

const SUB = AZURE_ARM_DEMO.subscriptionId;
const OTHER_SUB = '0f0e0d0c-0b0a-4909-8807-060504030201';
const entra = createEntraMock();
const mock = createAzureQuantumArmMock({
  entra,
  retryAfterSeconds: 0,
  pageSize: 2,
  workspaces: [
    { name: 'solo-ws', resourceGroup: 'Team-RG', location: 'West US 2', workspaceKind: 'V2' },
    { name: 'twin-ws', resourceGroup: 'rg-a', location: 'eastus' },
    { name: 'twin-ws', resourceGroup: 'rg-b', location: 'westeurope' },
    { name: 'twin-ws', subscriptionId: OTHER_SUB, resourceGroup: 'rg-c', location: 'japaneast' },
  ],
});
useTestServer(...entra.handlers, ...mock.handlers);

const auth = ENTRA_DEMO_CREDENTIALS;
const arm = createAzureQuantumArmClient({ subscriptionId: SUB, auth });

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('what the provider offers', () => {
  it('lists operations, offerings (with targets, SKUs and quota dimensions) and suite offers, across pages', async () => {
    const operations = await all(arm.listOperations());
    expect(operations.map((o) => o.name)).toContain('Microsoft.Quantum/Workspaces/listKeys/action');
    expect(operations.length).toBeGreaterThan(2);
    const offerings = await all(arm.listOfferings('westus2'));
    expect(offerings.map((o) => o.id)).toEqual(['ionq', 'quantinuum', 'rigetti', 'pasqal', 'microsoft-qc']);
    const ionq = offerings[0];
    expect(ionq?.properties?.targets?.map((t) => t.id)).toContain('ionq.simulator');
    expect(ionq?.properties?.skus?.[0]?.targets).toContain('ionq.qpu.aria-1');
    expect(ionq?.properties?.quotaDimensions?.[0]).toMatchObject({ id: 'job-count', period: 'Monthly' });
    const offers = await all(arm.listSuiteOffers());
    expect(offers[0]?.properties?.providerId).toBe('microsoft-qc');
  });

  it('checks name availability, answering invalid names locally', async () => {
    expect(await arm.checkNameAvailability('eastus', 'twin-ws')).toMatchObject({
      nameAvailable: false,
      reason: 'AlreadyExists',
    });
    expect(await arm.checkNameAvailability('East US', 'fresh-name')).toEqual({ nameAvailable: true });
    expect(await arm.checkNameAvailability('eastus', 'no_underscores')).toMatchObject({
      nameAvailable: false,
      reason: 'Invalid',
    });
  });
});

describe('job containers through the Storage resource provider', () => {
  it('creates a container (201), and creating it again is harmless (200)', async () => {
    const jobId = '3F1C2B4A-9D8E-4C7B-A6F5-E4D3C2B1A098';
    const container = await arm.createBlobContainer(
      AZURE_ARM_DEMO.storageAccountId,
      jobContainerName(jobId),
      {
        metadata: { purpose: 'job' },
      },
    );
    expect(container).toMatchObject({
      name: 'job-3f1c2b4a-9d8e-4c7b-a6f5-e4d3c2b1a098',
      type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
      properties: { publicAccess: 'None', metadata: { purpose: 'job' } },
    });
    const workspace = await arm.getWorkspace('rg-a', 'twin-ws');
    const again = await arm.createJobContainer(workspace, jobId);
    expect(again.id).toBe(container.id);
    expect(mock.state.containers.size).toBe(1);
    const byParts = await arm.createBlobContainer(
      { resourceGroup: 'data-rg', accountName: 'otheraccount' },
      'inputs',
    );
    expect(byParts.id).toContain(`/subscriptions/${SUB}/resourceGroups/data-rg/`);
  });
});

describe('finding a workspace by name (Resource Graph)', () => {
  it('returns what a data-plane client needs, region in short form', async () => {
    const connection = await arm.findWorkspace('solo-ws');
    expect(connection).toEqual<WorkspaceConnection>({
      subscriptionId: SUB,
      resourceGroup: 'team-rg',
      workspace: 'solo-ws',
      baseUrl: 'https://solo-ws.westus2.quantum.azure.com',
      location: 'westus2',
      workspaceKind: 'V2',
      resourceId: `/subscriptions/${SUB}/resourceGroups/Team-RG/providers/Microsoft.Quantum/Workspaces/solo-ws`,
    });
  });

  it('says where the candidates are when a name is ambiguous, and narrows by group, region or subscription', async () => {
    const error = await arm.findWorkspace('twin-ws').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceLookupError);
    expect(error).toMatchObject({ reason: 'ambiguous' });
    expect((error as WorkspaceLookupError).candidates.map((c) => c.resourceGroup)).toEqual(['rg-a', 'rg-b']);
    expect((await arm.findWorkspace('twin-ws', { resourceGroup: 'RG-B' })).location).toBe('westeurope');
    expect((await arm.findWorkspace('twin-ws', { location: 'East US' })).resourceGroup).toBe('rg-a');
    expect((await arm.findWorkspace('twin-ws', { subscriptions: [OTHER_SUB] })).location).toBe('japaneast');
    const everywhere = await arm.findWorkspace('twin-ws', { subscriptions: 'all' }).catch((e: unknown) => e);
    expect((everywhere as WorkspaceLookupError).candidates).toHaveLength(3);
    // A client without a subscription searches every subscription the identity can read.
    const anywhere = createAzureQuantumArmClient({ auth });
    expect((await anywhere.findWorkspace('twin-ws', { location: 'japaneast' })).subscriptionId).toBe(
      OTHER_SUB,
    );
  });

  it('reports a missing workspace and one without an endpoint yet', async () => {
    await expect(arm.findWorkspace('ghost-ws')).rejects.toMatchObject({ reason: 'not-found' });
    const creation = arm.createOrUpdateWorkspace('rg-new', 'young-ws', { location: 'eastus' });
    await creation.started;
    await expect(arm.findWorkspace('young-ws')).rejects.toMatchObject({ reason: 'not-ready' });
    await expect(arm.getWorkspaceConnection('rg-new', 'young-ws')).rejects.toMatchObject({
      reason: 'not-ready',
      provisioningState: 'ProviderLaunching',
    });
    await creation;
    expect((await arm.findWorkspace('young-ws')).baseUrl).toBe('https://young-ws.eastus.quantum.azure.com');
    expect(await arm.getWorkspaceConnection('rg-new', 'young-ws')).toMatchObject({
      resourceGroup: 'rg-new',
      workspace: 'young-ws',
      location: 'eastus',
      workspaceKind: 'V1',
    });
    await arm.deleteWorkspace('rg-new', 'young-ws');
  });

  it('builds the lookup query from checked values only', () => {
    expect(workspaceLookupQuery({ workspaceName: 'ws1', resourceGroup: 'rg', location: 'West US' })).toBe(
      [
        'Resources',
        "| where type =~ 'microsoft.quantum/workspaces'",
        "| where name =~ 'ws1'",
        "| where resourceGroup =~ 'rg'",
        "| where location =~ 'westus'",
        '| extend endpointUri = tostring(properties.endpointUri), workspaceKind = tostring(properties.workspaceKind)',
        '| project id, name, subscriptionId, resourceGroup, location, endpointUri, workspaceKind',
      ].join('\n'),
    );
    expect(() => workspaceLookupQuery({ workspaceName: "x' or 1==1 //" })).toThrow(/workspaceName/);
  });

  it('answers the official SDK query form too', async () => {
    const answer = await arm.queryResources({
      query: `
            Resources
            | where type =~ 'microsoft.quantum/workspaces'
            | where name =~ 'solo-ws'
            | extend endpointUri = tostring(properties.endpointUri)
            | project name, subscriptionId, resourceGroup, location, endpointUri
        `,
      subscriptions: [SUB],
    });
    expect(answer).toEqual({
      totalRecords: 1,
      count: 1,
      data: [
        {
          name: 'solo-ws',
          subscriptionId: SUB,
          resourceGroup: 'team-rg',
          location: 'westus2',
          endpointUri: 'https://solo-ws.westus2.quantum.azure.com',
        },
      ],
      facets: [],
      resultTruncated: 'false',
    });
    expect(RESOURCE_GRAPH_API_VERSION).toBe('2021-03-01');
  });

  it('turns a workspace read from ARM into a connection', () => {
    expect(
      workspaceConnection({
        id: `/subscriptions/${SUB}/resourceGroups/RG1/providers/Microsoft.Quantum/Workspaces/ws1`,
        name: 'ws1',
        location: 'West US',
        properties: { endpointUri: 'https://ws1.westus.quantum.azure.com/', workspaceKind: 'V1' },
      }),
    ).toEqual({
      subscriptionId: SUB,
      resourceGroup: 'RG1',
      workspace: 'ws1',
      baseUrl: 'https://ws1.westus.quantum.azure.com',
      location: 'westus',
      workspaceKind: 'V1',
      resourceId: `/subscriptions/${SUB}/resourceGroups/RG1/providers/Microsoft.Quantum/Workspaces/ws1`,
    });
  });
});
