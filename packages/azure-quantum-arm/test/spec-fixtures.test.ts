// Validates the upstream ARM examples (test/fixtures) against specs/azure-quantum-arm.yaml with ajv, and
// shows with near-misses that the schemas and parameter rules refuse what ARM refuses. When a fixture
// fails, fix the schema, never the fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContract } from '@qc/core/contract';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openApiDocument } from '../src/generated/spec.gen.js';

const SPEC_PATH = join(import.meta.dirname, '..', '..', '..', 'specs', 'azure-quantum-arm.yaml');
const FIXTURES = join(import.meta.dirname, 'fixtures');

type Json = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Json> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajvFormats.default(ajv);
ajv.addSchema(spec, 'arm');

const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Json;
const pointer = (...keys: string[]) => keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorAt(...keys: string[]) {
  const validate = ajv.getSchema(`arm#/${pointer(...keys)}`);
  if (!validate) throw new Error(`no schema at ${keys.join('/')}`);
  return (value: unknown) => {
    const valid = validate(value) as boolean;
    return {
      valid,
      errors: valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`),
    };
  };
}

const BASE = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Quantum';
const WORKSPACE = `${BASE}/workspaces/{workspaceName}`;
const requestBody = (path: string, method: string) =>
  validatorAt('paths', path, method, 'requestBody', 'content', 'application/json', 'schema');
const response = (path: string, method: string, status = '200') =>
  validatorAt('paths', path, method, 'responses', status, 'content', 'application/json', 'schema');
const component = (name: string) => validatorAt('components', 'schemas', name);
const parameter = (name: string) => validatorAt('components', 'parameters', name, 'schema');

/** The body of an example's response (or the example's named request parameter). */
const responseOf = (example: Json, status: string) =>
  ((example.responses as Json)[status] as Json).body as unknown;
const parameterOf = (example: Json, name: string) => (example.parameters as Json)[name];

describe('the fixtures', () => {
  it('are all covered by this test', () => {
    const covered = [
      'Workspaces_CreateOrUpdate.json',
      'Workspaces_ListByResourceGroup.json',
      'Workspaces_ListKeys.json',
      'Workspaces_RegenerateKeys.json',
      'Workspaces_Delete.json',
      'Workspaces_CheckNameAvailability.json',
      'Offerings_List.json',
      'Operations_List.json',
      'SuiteOffers_ListBySubscription.json',
      'ResourceGraph_Resources.json',
    ];
    expect(
      readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(covered.sort());
  });
});

describe('workspace bodies', () => {
  const example = fixture('Workspaces_CreateOrUpdate.json');

  it('accept the create request and the 201 (ProviderLaunching) and 200 (Succeeded) answers', () => {
    expect(requestBody(WORKSPACE, 'put')(parameterOf(example, 'resource'))).toEqual({
      valid: true,
      errors: [],
    });
    expect(response(WORKSPACE, 'put', '201')(responseOf(example, '201')).errors).toEqual([]);
    expect(response(WORKSPACE, 'put', '200')(responseOf(example, '200')).errors).toEqual([]);
    expect(response(WORKSPACE, 'get')(responseOf(example, '200')).errors).toEqual([]);
  });

  it('accept the list answer and refuse a PUT body without location', () => {
    const list = fixture('Workspaces_ListByResourceGroup.json');
    expect(response(`${BASE}/workspaces`, 'get')(responseOf(list, '200')).errors).toEqual([]);
    const { location: _, ...withoutLocation } = parameterOf(example, 'resource') as Json;
    expect(requestBody(WORKSPACE, 'put')(withoutLocation).valid).toBe(false);
    expect(requestBody(WORKSPACE, 'patch')({ tags: { a: 1 } }).valid).toBe(false);
  });
});

describe('keys', () => {
  it('accept the listKeys answer and the regenerate request; refuse unknown key names', () => {
    expect(
      response(`${WORKSPACE}/listKeys`, 'post')(responseOf(fixture('Workspaces_ListKeys.json'), '200'))
        .errors,
    ).toEqual([]);
    const regenerate = requestBody(`${WORKSPACE}/regenerateKey`, 'post');
    expect(regenerate(parameterOf(fixture('Workspaces_RegenerateKeys.json'), 'body')).errors).toEqual([]);
    expect(regenerate({ keys: ['Tertiary'] }).valid).toBe(false);
    expect(regenerate({ keys: [] }).valid).toBe(false);
  });
});

describe('discovery bodies', () => {
  it('accept the offerings, operations, suite offers and name-check examples', () => {
    const offerings =
      '/subscriptions/{subscriptionId}/providers/Microsoft.Quantum/locations/{locationName}/offerings';
    expect(response(offerings, 'get')(responseOf(fixture('Offerings_List.json'), '200')).errors).toEqual([]);
    expect(
      response(
        '/providers/Microsoft.Quantum/operations',
        'get',
      )(responseOf(fixture('Operations_List.json'), '200')).errors,
    ).toEqual([]);
    expect(
      response(
        '/subscriptions/{subscriptionId}/providers/Microsoft.Quantum/suiteOffers',
        'get',
      )(responseOf(fixture('SuiteOffers_ListBySubscription.json'), '200')).errors,
    ).toEqual([]);
    const check =
      '/subscriptions/{subscriptionId}/providers/Microsoft.Quantum/locations/{location}/checkNameAvailability';
    const example = fixture('Workspaces_CheckNameAvailability.json');
    expect(requestBody(check, 'post')(parameterOf(example, 'body')).errors).toEqual([]);
    expect(response(check, 'post')(responseOf(example, '200')).errors).toEqual([]);
  });

  it('accept the Resource Graph lookup as the SDK sends it and as the service answers', () => {
    const example = fixture('ResourceGraph_Resources.json');
    const graph = '/providers/Microsoft.ResourceGraph/resources';
    expect(requestBody(graph, 'post')(example.request).errors).toEqual([]);
    expect(response(graph, 'post')(example.response).errors).toEqual([]);
    expect(requestBody(graph, 'post')({ subscriptions: ['x'] }).valid).toBe(false);
    expect(response(graph, 'post')({ ...(example.response as Json), resultTruncated: false }).valid).toBe(
      false,
    );
  });
});

describe('long-running operations', () => {
  const contract = createContract(openApiDocument);

  it('route the example Location URL to the Location monitor, whatever its api-version', () => {
    const accepted = (fixture('Workspaces_Delete.json').responses as Json)['202'] as Json;
    const location = new URL((accepted.headers as Json).Location as string);
    const validation = contract.validateRequest({
      method: 'GET',
      pathname: location.pathname,
      query: location.searchParams,
      headers: new Headers(),
    });
    expect(validation.operation?.operationId).toBe('OperationResults_Get');
    expect(validation.issues).toEqual([]);
  });

  it('describe the status monitor body, with the error of a failed operation', () => {
    const status = component('OperationStatusResult');
    expect(status({ status: 'InProgress' }).valid).toBe(true);
    expect(status({ status: 'Failed', error: { code: 'X', message: 'why' } }).valid).toBe(true);
    expect(status({ name: 'op' }).valid).toBe(false);
  });
});

describe('path parameters', () => {
  it('accept what ARM accepts and refuse what it refuses', () => {
    const sub = parameter('SubscriptionId');
    expect(sub('1C4B2828-7D49-494F-933D-061373BE28C2').valid).toBe(true);
    expect(sub('not-a-guid').valid).toBe(false);
    const group = parameter('ResourceGroupName');
    expect(group('quantumResourcegroup').valid && group('rg_(x).y-1').valid).toBe(true);
    expect(group('a/b').valid || group('x'.repeat(91)).valid).toBe(false);
    const workspace = parameter('WorkspaceName');
    expect(workspace('quantumworkspace1').valid && workspace('a--b').valid).toBe(true);
    expect(workspace('-a').valid || workspace('a-').valid || workspace('a_b').valid).toBe(false);
    const location = parameter('LocationName');
    expect(location('westus2').valid).toBe(true);
    expect(location('West US').valid).toBe(false);
    const container = parameter('ContainerName');
    expect(container('job-3f1c2b4a-9d8e-4c7b-a6f5-e4d3c2b1a098').valid).toBe(true);
    expect(container('job--1').valid || container('-job').valid || container('Job').valid).toBe(false);
    const account = parameter('StorageAccountName');
    expect(account('mystorage').valid).toBe(true);
    expect(account('My-Storage').valid).toBe(false);
  });

  it('agree with @qc/core/contract, which the mock uses', () => {
    const contract = createContract(openApiDocument);
    const get = (path: string) =>
      contract.validateRequest({
        method: 'GET',
        pathname: path,
        query: new URLSearchParams({ 'api-version': '2025-12-15-preview' }),
        headers: new Headers(),
      }).issues;
    expect(
      get(
        '/subscriptions/1C4B2828-7D49-494F-933D-061373BE28C2/resourceGroups/rg/providers/Microsoft.Quantum/workspaces/ws-1',
      ),
    ).toEqual([]);
    expect(
      get('/subscriptions/nope/resourceGroups/rg/providers/Microsoft.Quantum/workspaces/ws-1').length,
    ).toBe(1);
    expect(
      get(
        '/subscriptions/1C4B2828-7D49-494F-933D-061373BE28C2/resourceGroups/rg/providers/Microsoft.Quantum/workspaces/-ws',
      ).length,
    ).toBe(1);
  });
});
