// Validates the recorded Azure Quantum bodies (specs/fixtures/azure) against the schemas of the
// operations that carry them in specs/azure-quantum.yaml, and shows with near-misses that those schemas
// reject what the service does not send. When a fixture fails, fix the schema, never the fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContract } from '@qc/core/contract';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openApiDocument } from '../src/generated/spec.gen.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SPEC_PATH = join(ROOT, 'specs', 'azure-quantum.yaml');
const FIXTURES_DIR = join(ROOT, 'specs', 'fixtures', 'azure');

type Json = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Json>;
  components: { securitySchemes: Json; parameters: Record<string, Json> };
};
// strict: false because the document holds OpenAPI keys beside the schemas (and `discriminator`, an
// annotation here: `oneOf` with `const` item types does the work).
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajvFormats.default(ajv);
ajv.addSchema(spec, 'aq');

const fixture = (name: string): Json => JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as Json;
const pointer = (...keys: string[]) => keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorAt(...keys: string[]) {
  const ref = `aq#/${pointer(...keys)}`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  return (value: unknown) => {
    const valid = validate(value);
    return {
      valid,
      errors: valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`),
    };
  };
}

const WS =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Quantum/workspaces/{workspaceName}';

/** The JSON schema of an operation's response, following a `$ref` to components/responses. */
function responseOf(path: string, method: string, status: string) {
  const operation = spec.paths[`${WS}${path}`]?.[method] as Json | undefined;
  const response = (operation?.responses as Json | undefined)?.[status] as Json | undefined;
  if (!response) throw new Error(`${method.toUpperCase()} ${path} declares no ${status} response`);
  if (typeof response.$ref === 'string') {
    return validatorAt(...response.$ref.slice(2).split('/'), 'content', 'application/json', 'schema');
  }
  return validatorAt(
    'paths',
    `${WS}${path}`,
    method,
    'responses',
    status,
    'content',
    'application/json',
    'schema',
  );
}

const requestBodyOf = (path: string, method: string, mediaType = 'application/json') =>
  validatorAt('paths', `${WS}${path}`, method, 'requestBody', 'content', mediaType, 'schema');

const parameter = (name: string) => validatorAt('components', 'parameters', name, 'schema');

/** Each fixture with the operation and status whose schema must accept it. */
const CASES: [file: string, path: string, method: string, status: string][] = [
  ['Providers_List.json', '/providerStatus', 'get', '200'],
  ['Quotas_List.json', '/quotas', 'get', '200'],
  ['Storage_GetSasUri.json', '/storage/sasUri', 'post', '200'],
  ['Jobs_Create.json', '/jobs/{jobId}', 'put', '200'],
  ['Jobs_Get.json', '/jobs/{jobId}', 'get', '200'],
  ['Jobs_List.json', '/jobs', 'get', '200'],
  ['Sessions_Listv2.json', '/sessions', 'get', '200'],
  ['TopLevelItems_Listv2.json', '/topLevelItems', 'get', '200'],
  ['Jobs_Create_Error400.json', '/jobs/{jobId}', 'put', 'default'],
];

describe('the recorded fixtures', () => {
  it('are all covered by this test', () => {
    const covered = new Set([...CASES.map(([file]) => file), 'Auth_Token_ClientCredentials.json']);
    const all = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));
    expect(all.filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(CASES)('%s is a valid %s %s response', (file, path, method, status) => {
    expect(responseOf(path, method, status)(fixture(file)).errors).toEqual([]);
  });

  it('the token response carries what @qc/auth reads (token_type, expires_in, access_token)', () => {
    expect(fixture('Auth_Token_ClientCredentials.json')).toMatchObject({
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      access_token: expect.any(String),
    });
  });
});

describe('near-misses are rejected', () => {
  const getJob = responseOf('/jobs/{jobId}', 'get', '200');
  const job = fixture('Jobs_Get.json');

  it('a job without its id, or with a malformed id or timestamp', () => {
    const { id: _, ...withoutId } = job;
    expect(getJob(withoutId).valid).toBe(false);
    expect(getJob({ ...job, id: '../x' }).valid).toBe(false);
    expect(getJob({ ...job, creationTime: 'yesterday' }).valid).toBe(false);
  });

  it('a job whose itemType is not Job, or whose status is not a string', () => {
    expect(getJob({ ...job, itemType: 'Session' }).valid).toBe(false);
    expect(getJob({ ...job, status: 3 }).valid).toBe(false);
  });

  it('a top-level item that is neither a job nor a session', () => {
    const items = responseOf('/topLevelItems', 'get', '200');
    const page = fixture('TopLevelItems_Listv2.json');
    const first = (page.value as Json[])[0] as Json;
    expect(items({ value: [{ ...first, itemType: 'Widget' }], nextLink: null }).valid).toBe(false);
  });

  it('a page without value, or with a nextLink that is not a URL', () => {
    const jobs = responseOf('/jobs', 'get', '200');
    expect(jobs({ nextLink: null }).valid).toBe(false);
    expect(jobs({ value: [], nextLink: 'not a url' }).valid).toBe(false);
    expect(jobs({ value: [], nextLink: 'https://eastus.quantum.azure.com/x?skip=100' }).valid).toBe(true);
  });

  it('a quota without its limit, a provider without targets', () => {
    const quotas = responseOf('/quotas', 'get', '200');
    const [quota] = fixture('Quotas_List.json').value as Json[];
    const { limit: _, ...withoutLimit } = quota as Json;
    expect(quotas({ value: [withoutLimit] }).valid).toBe(false);
    const providers = responseOf('/providerStatus', 'get', '200');
    expect(providers({ value: [{ id: 'ionq', currentAvailability: 'Available' }] }).valid).toBe(false);
  });

  it('an error body that is neither envelope', () => {
    const error = responseOf('/jobs/{jobId}', 'put', 'default');
    expect(error({ code: 'InvalidJobDefinition', message: 'x' }).valid).toBe(false);
    expect(error('Bad Request').valid).toBe(false);
  });
});

describe('the schemas stay open where the service adds values', () => {
  const getJob = responseOf('/jobs/{jobId}', 'get', '200');
  const job = fixture('Jobs_Get.json');

  it('JobType accepts QuantumChemistry and values yet unknown', () => {
    expect(getJob({ ...job, jobType: 'QuantumChemistry' }).errors).toEqual([]);
    expect(getJob({ ...job, jobType: 'SomethingNew' }).errors).toEqual([]);
  });

  it('JobStatus and SessionStatus accept new values', () => {
    expect(getJob({ ...job, status: 'Paused' }).errors).toEqual([]);
    const session = responseOf('/sessions/{sessionId}', 'get', '200');
    const [first] = fixture('Sessions_Listv2.json').value as Json[];
    expect(session({ ...first, status: 'Failure(s)' }).errors).toEqual([]);
    expect(session({ ...first, status: 'Suspended' }).errors).toEqual([]);
  });

  it('the fields the live service returns beyond the published swagger are declared', () => {
    expect(job.jobPriority).toBe('Basic');
    expect(job.isCancelling).toBe(false);
    const properties = (spec as unknown as { components: { schemas: Record<string, { properties: Json }> } })
      .components.schemas;
    expect(Object.keys(properties.JobDetails?.properties ?? {})).toEqual(
      expect.arrayContaining(['jobPriority', 'isCancelling']),
    );
    expect(Object.keys(properties.SessionDetails?.properties ?? {})).toContain('jobPriority');
  });

  it('both error envelopes are accepted: current (details, innererror) and legacy RestError', () => {
    const error = responseOf('/jobs/{jobId}', 'get', 'default');
    expect(
      error({
        error: {
          code: 'InvalidJobDefinition',
          message: 'bad',
          target: 'inputDataFormat',
          details: [{ code: 'Inner', message: 'detail' }],
          innererror: { code: 'Deeper', innererror: { code: 'Deepest' } },
        },
      }).errors,
    ).toEqual([]);
    expect(error({ error: { code: 'JobNotFound' } }).errors).toEqual([]);
  });
});

// Request bodies are checked with @qc/core's contract validator: OpenAPI lets a request omit a
// required readOnly property (the job's id travels in the path), which plain JSON Schema (ajv) cannot say.
describe('request bodies', () => {
  const contract = createContract(openApiDocument);
  const requestBody = (name: string) => (value: unknown) =>
    contract.validateComponent(name, value, 'request');

  it('createJob accepts what the official SDK sends (no id, no read-only fields)', () => {
    const created = fixture('Jobs_Create.json');
    const body = {
      itemType: 'Job',
      name: created.name,
      containerUri: created.containerUri,
      inputDataUri: created.inputDataUri,
      inputDataFormat: created.inputDataFormat,
      outputDataFormat: created.outputDataFormat,
      providerId: 'IonQ',
      target: created.target,
      inputParams: {},
    };
    const createJob = requestBody('JobDetails');
    expect(createJob(body)).toEqual([]);
    const { containerUri: _, ...withoutContainer } = body;
    expect(createJob(withoutContainer)).not.toEqual([]);
    // The body the operation declares is that schema.
    expect(requestBodyOf('/jobs/{jobId}', 'put')({ ...body, id: created.id }).errors).toEqual([]);
  });

  it('openSession accepts a body without jobFailurePolicy, and the merge patch only updatable fields', () => {
    expect(
      requestBody('SessionDetails')({
        itemType: 'Session',
        name: 's',
        providerId: 'ionq',
        target: 'ionq.simulator',
      }),
    ).toEqual([]);
    const update = requestBodyOf('/jobUpdateOptions/{jobId}', 'patch', 'application/merge-patch+json');
    expect(update({ name: 'renamed', priority: 'High', tags: ['a'] }).errors).toEqual([]);
    expect(update({ status: 'Cancelled' }).valid).toBe(false);
  });

  it('storage/sasUri takes a valid container name, and a blob name', () => {
    const sasUri = requestBodyOf('/storage/sasUri', 'post');
    expect(
      sasUri({ containerName: 'job-00000000-0000-0000-0000-000000000001', blobName: 'outputData' }).errors,
    ).toEqual([]);
    for (const containerName of ['Job-X', 'a', 'job--x', 'job-', '../x']) {
      expect(sasUri({ containerName }).valid, containerName).toBe(false);
    }
  });
});

describe('path parameters', () => {
  it('subscriptionId is a lowercase GUID', () => {
    expect(parameter('SubscriptionId')('00000000-0000-0000-0000-000000000000').valid).toBe(true);
    expect(parameter('SubscriptionId')('0000000A-0000-0000-0000-000000000000').valid).toBe(false);
    expect(parameter('SubscriptionId')('not-a-guid').valid).toBe(false);
  });

  it('jobId and sessionId are GUIDs of either case, never a path', () => {
    const jobId = parameter('JobId');
    expect(jobId('10bc5834-a3e3-11f0-9aad-00155d6bf295').valid).toBe(true);
    expect(jobId('10BC5834-A3E3-11F0-9AAD-00155D6BF295').valid).toBe(true);
    expect(jobId('../x').valid).toBe(false);
    expect(jobId('10bc5834-a3e3-11f0-9aad-00155d6bf295/../x').valid).toBe(false);
  });

  it('resource group and workspace names follow the data plane patterns', () => {
    expect(parameter('ResourceGroupName')('my-rg_1.test').valid).toBe(true);
    expect(parameter('ResourceGroupName')('..').valid).toBe(false);
    expect(parameter('WorkspaceName')('myworkspace').valid).toBe(true);
    expect(parameter('WorkspaceName')('../x').valid).toBe(false);
    expect(parameter('WorkspaceName')('a').valid).toBe(false);
  });

  it('api-version is pinned to the version this spec describes', () => {
    expect(parameter('ApiVersion')('2026-01-15-preview').valid).toBe(true);
    expect(parameter('ApiVersion')('2026-08-01-preview').valid).toBe(false);
  });
});

describe('operations', () => {
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ path, method, operation: operation as Json })),
  );

  it('cover every data-plane operation of api-version 2026-01-15-preview (reference §1.4)', () => {
    expect(operations.map((o) => o.operation['x-azure-operation-id']).sort()).toEqual(
      [
        'Jobs_Cancel',
        'Jobs_Create',
        'Jobs_Delete',
        'Jobs_Get',
        'Jobs_List',
        'Jobs_Update',
        'Providers_List',
        'Quotas_List',
        'SessionsJobs_List',
        'Sessions_Close',
        'Sessions_Get',
        'Sessions_Listv2',
        'Sessions_Open',
        'Storage_GetSasUri',
        'TopLevelItems_Listv2',
      ].sort(),
    );
  });

  it('each takes an Entra token for the quantum scope or a workspace API key', () => {
    expect(spec.components.securitySchemes.apiKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-ms-quantum-api-key',
    });
    for (const { operation } of operations) {
      expect(operation.security).toEqual([
        { entraToken: ['https://quantum.microsoft.com/.default'] },
        { apiKey: [] },
      ]);
    }
  });

  it('the four list operations with queries take plain filter/skip/top/orderby (no $)', () => {
    const withQueries = operations.filter((o) => ((o.operation.parameters ?? []) as Json[]).length > 0);
    expect(withQueries.map((o) => o.operation.operationId).sort()).toEqual(
      ['listJobs', 'listSessionJobs', 'listSessions', 'listTopLevelItems'].sort(),
    );
    for (const { operation } of withQueries) {
      const names = (operation.parameters as Json[]).map(
        (p) => spec.components.parameters[String(p.$ref).split('/').at(-1) as string]?.name,
      );
      expect(names).toEqual(['filter', 'skip', 'top', 'orderby']);
    }
  });
});
