// Validates Pasqal's sample payloads (specs/fixtures/pasqal, copied from the pasqal-cloud SDK's tests)
// against the schema of the operation that returns them in specs/pasqal-cloud.yaml, and pins the
// operation table (methods, versions, security) to reference/pasqal.md §2.3. The fixtures are test data
// written by the SDK authors, with deviations their README lists: those must fail for exactly those
// reasons, and nothing else. When another check fails, fix the schema, never the fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const SPEC_PATH = join(import.meta.dirname, '..', '..', '..', 'specs', 'pasqal-cloud.yaml');
const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'specs', 'fixtures', 'pasqal');

type Json = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
  servers: { url: string }[];
  paths: Record<string, Json>;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajvFormats.default(ajv);
ajv.addSchema(spec, 'pasqal');

function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as Json;
}

const pointer = (...keys: string[]) => keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function validatorAt(...keys: string[]) {
  const ref = `pasqal#/${pointer(...keys)}`;
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

function operation(path: string, method: string): Json {
  const op = spec.paths[path]?.[method] as Json | undefined;
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the spec`);
  return op;
}

function responseOf(path: string, method: string, status = '200') {
  const responses = operation(path, method).responses as Json;
  if (!responses[status]) throw new Error(`${method.toUpperCase()} ${path} declares no ${status} response`);
  return validatorAt('paths', path, method, 'responses', status, 'content', 'application/json', 'schema');
}

const requestBodyOf = (path: string, method: string) =>
  validatorAt('paths', path, method, 'requestBody', 'content', 'application/json', 'schema');
const component = (name: string) => validatorAt('components', 'schemas', name);
const errorBody = component('ErrorBody');

/** reference/pasqal.md §2.3 (plus the v2 device list, the public device list and account auth/info). */
const OPERATIONS: [string, string, string, 'core-fast' | 'account', boolean][] = [
  // id, method, path, base, public
  ['B1', 'post', '/api/v1/batches', 'core-fast', false],
  ['B2', 'get', '/api/v2/batches/{batch_id}', 'core-fast', false],
  ['B3', 'get', '/api/v1/batches', 'core-fast', false],
  ['B4', 'patch', '/api/v2/batches/{batch_id}/complete', 'core-fast', false],
  ['B5', 'patch', '/api/v2/batches/{batch_id}/cancel', 'core-fast', false],
  ['B6', 'patch', '/api/v1/batches/cancel', 'core-fast', false],
  ['B7', 'post', '/api/v1/batches/{batch_id}/rebatch', 'core-fast', false],
  ['B8', 'post', '/api/v2/batches/{batch_id}/jobs', 'core-fast', false],
  ['B9', 'patch', '/api/v1/batches/{batch_id}/tags', 'core-fast', false],
  ['B10', 'patch', '/api/v2/batches/{batch_id}/cancel/jobs', 'core-fast', false],
  ['J1', 'get', '/api/v2/jobs', 'core-fast', false],
  ['J2', 'get', '/api/v2/jobs/{job_id}', 'core-fast', false],
  ['J3', 'patch', '/api/v2/jobs/{job_id}/cancel', 'core-fast', false],
  ['J4', 'get', '/api/v1/jobs/{job_id}/results_link', 'core-fast', false],
  ['W1', 'post', '/api/v1/workloads', 'core-fast', false],
  ['W2', 'get', '/api/v2/workloads/{workload_id}', 'core-fast', false],
  ['W3', 'put', '/api/v1/workloads/{workload_id}/cancel', 'core-fast', false],
  ['D1', 'get', '/api/v1/devices/specs', 'core-fast', false],
  ['D2', 'get', '/api/v1/devices/public-specs', 'core-fast', true],
  ['devices v2', 'get', '/api/v2/devices', 'core-fast', false],
  ['devices v1 (public)', 'get', '/api/v1/devices', 'core-fast', true],
  ['A1', 'get', '/api/v1/projects', 'account', false],
  ['auth/info', 'get', '/api/v1/auth/info', 'account', false],
];

const ENVIRONMENT_HOSTS = [
  'https://apis.pasqal.cloud',
  'https://apis.preprod.pasqal.cloud',
  'https://apis.dev.pasqal.cloud',
  'https://apis.sa.pasqal.cloud',
  'https://apis.preprod.sa.pasqal.cloud',
];

describe('the operation table', () => {
  it.each(OPERATIONS)('%s is %s %s', (_id, method, path, base, isPublic) => {
    const op = operation(path, method);
    expect(op.operationId).toEqual(expect.any(String));
    if (isPublic) {
      expect(op.security).toEqual([]);
      expect(op['x-qc-public']).toBe(true);
    } else {
      expect(op.security).toEqual([{ bearerAuth: [] }]);
    }
    const servers = (spec.paths[path]?.servers as { url: string }[] | undefined) ?? spec.servers;
    expect(servers.map((s) => s.url)).toEqual(ENVIRONMENT_HOSTS.map((host) => `${host}/${base}`));
  });

  it('holds nothing else', () => {
    const declared = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
        .map((method) => `${method} ${path}`),
    );
    expect(declared.sort()).toEqual(OPERATIONS.map(([, method, path]) => `${method} ${path}`).sort());
  });

  it('lists the bare-array bodies and body-less filter operations as the API takes them', () => {
    const addJobs = requestBodyOf('/api/v2/batches/{batch_id}/jobs', 'post');
    expect(addJobs([{ runs: 10, variables: { omega: 1.5 } }]).errors).toEqual([]);
    expect(addJobs({ jobs: [{ runs: 10 }] }).valid).toBe(false);
    const tags = requestBodyOf('/api/v1/batches/{batch_id}/tags', 'patch');
    expect(tags(['calibration', 'run-7']).errors).toEqual([]);
    expect(tags({ tags: ['a'] }).valid).toBe(false);
    expect(tags(['a', 'a']).valid).toBe(false);
    for (const [path, method] of [
      ['/api/v1/batches/{batch_id}/rebatch', 'post'],
      ['/api/v2/batches/{batch_id}/cancel/jobs', 'patch'],
      ['/api/v2/batches/{batch_id}/complete', 'patch'],
      ['/api/v2/batches/{batch_id}/cancel', 'patch'],
      ['/api/v2/jobs/{job_id}/cancel', 'patch'],
      ['/api/v1/workloads/{workload_id}/cancel', 'put'],
    ] as const) {
      expect(operation(path, method).requestBody, `${method} ${path}`).toBeUndefined();
    }
  });

  it('declares list filters as repeatable query parameters, with offset/limit/order_by/order_by_direction', () => {
    const parameters = spec as unknown as { components: { parameters: Record<string, Json> } };
    const named = (ref: unknown) => parameters.components.parameters[String(ref).split('/').pop() as string];
    for (const path of ['/api/v1/batches', '/api/v2/jobs', '/api/v2/devices']) {
      const params = ((operation(path, 'get').parameters ?? []) as Json[]).map((p) =>
        p.$ref ? (named(p.$ref) as Json) : p,
      );
      const names = params.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['offset', 'limit', 'order_by', 'order_by_direction']));
      const status = params.find((p) => p.name === 'status' || p.name === 'device_type');
      expect(((status?.schema ?? {}) as Json).type).toBe('array');
      expect(status?.explode ?? true).toBe(true);
    }
  });
});

describe('the fixtures', () => {
  it('are all covered by this test', () => {
    const covered = [
      'post_v1_batches.response.json',
      'get_v2_batches_batch_id.response.json',
      'get_v2_jobs.response.json',
      'patch_v2_batches_batch_id_cancel_jobs.response.json',
      'get_v1_jobs_job_id_results_link.response.json',
      's3_presigned_results_payload.json',
    ];
    const all = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));
    expect(all.sort()).toEqual(covered.sort());
  });

  it('createBatch (POST v1/batches): the batch with its jobs', () => {
    const body = fixture('post_v1_batches.response.json');
    expect(responseOf('/api/v1/batches', 'post')(body).errors).toEqual([]);
    expect(((body.data as Json).jobs as unknown[]).length).toBe(1);
  });

  it('getBatch (GET v2/batches/{id}): the batch with job_ids', () => {
    const body = fixture('get_v2_batches_batch_id.response.json');
    expect(responseOf('/api/v2/batches/{batch_id}', 'get')(body).errors).toEqual([]);
  });

  it('cancelJobs (PATCH v2/batches/{id}/cancel/jobs): jobs and errors by id', () => {
    const body = fixture('patch_v2_batches_batch_id_cancel_jobs.response.json');
    expect(responseOf('/api/v2/batches/{batch_id}/cancel/jobs', 'patch')(body).errors).toEqual([]);
  });

  it('getJobResultsLink (GET v1/jobs/{id}/results_link): the link', () => {
    const body = fixture('get_v1_jobs_job_id_results_link.response.json');
    const validate = responseOf('/api/v1/jobs/{job_id}/results_link', 'get');
    expect(validate(body).errors).toEqual([]);
    expect(validate({ ...body, data: { results_link: null } }).errors).toEqual([]);
  });

  it('the presigned results payload is a JobResult', () => {
    expect(component('JobResult')(fixture('s3_presigned_results_payload.json')).errors).toEqual([]);
    expect(component('JobResult')({ counter: { '01': -1 } }).valid).toBe(false);
  });

  describe('listJobs (GET v2/jobs), with the README’s known deviations', () => {
    const body = fixture('get_v2_jobs.response.json');
    const validate = responseOf('/api/v2/jobs', 'get');

    it('fails only for the missing pagination and the numeric-string timestamps', () => {
      const { errors } = validate(body);
      expect(errors.filter((e) => !e.includes('anyOf'))).toEqual([
        "/ must have required property 'pagination'",
        '/data/0/start_timestamp must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$"',
        '/data/0/start_timestamp must be null',
        '/data/0/end_timestamp must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$"',
        '/data/0/end_timestamp must be null',
      ]);
    });

    it('passes once the live API’s pagination and date-time timestamps are in place', () => {
      const job = (body.data as Json[])[0] as Json;
      const live = {
        ...body,
        data: [{ ...job, start_timestamp: '2021-11-10T15:27:06.698066', end_timestamp: null }],
        pagination: { total: 1, start: 0, end: 1 },
      };
      expect(validate(live).errors).toEqual([]);
    });
  });
});

describe('the envelope', () => {
  const getBatch = responseOf('/api/v2/batches/{batch_id}', 'get');
  const batch = fixture('get_v2_batches_batch_id.response.json');

  it('accepts code as an integer or a string, nothing else', () => {
    expect(getBatch({ ...batch, code: 200 }).valid).toBe(true);
    expect(getBatch({ ...batch, code: '200' }).valid).toBe(true);
    expect(getBatch({ ...batch, code: true }).valid).toBe(false);
  });

  it('keeps status enums open and typed', () => {
    const data = batch.data as Json;
    expect(getBatch({ ...batch, data: { ...data, status: 'ARCHIVED' } }).valid).toBe(true);
    expect(getBatch({ ...batch, data: { ...data, status: 3 } }).valid).toBe(false);
    expect(getBatch({ ...batch, status: 'fail' }).valid).toBe(false);
  });

  it('JSend fail/error bodies and FastAPI 422 bodies are error bodies', () => {
    // Pasqal SDK tests/conftest.py batch_creation_error_data: a JSend fail whose description is a list.
    const jsendValidation = {
      status: 'fail',
      message: 'Unprocessable Entity',
      code: '422',
      data: {
        description: [
          { loc: ['body', 'jobs', 0, 'runs'], msg: 'field required', type: 'value_error.missing' },
        ],
      },
    };
    expect(errorBody(jsendValidation).errors).toEqual([]);
    expect(errorBody({ status: 'error', message: 'Internal error', code: 500, data: null }).errors).toEqual(
      [],
    );
    expect(
      errorBody({ status: 'fail', message: 'Not found', code: 404, data: { description: 'x' } }).valid,
    ).toBe(true);
    expect(
      errorBody({
        detail: [{ loc: ['query', 'limit'], msg: 'ensure this value is less than 101', type: 'x' }],
      }).valid,
    ).toBe(true);
    expect(errorBody({ detail: 'Not authenticated' }).valid).toBe(true);
    expect(errorBody({ status: 'success', data: {} }).valid).toBe(false);
  });
});

describe('request bodies', () => {
  const createBatch = requestBodyOf('/api/v1/batches', 'post');
  const base = {
    project_id: '00000000-0000-0000-0000-000000000001',
    sequence_builder: '{"version":"1"}',
    webhook: null,
    device_type: 'EMU_FREE',
    jobs: [{ runs: 50, variables: { Omega_max: 14.4 } }],
  };

  it('createBatch takes what the SDK sends, open batches without jobs, and no unknown keys', () => {
    expect(createBatch(base).errors).toEqual([]);
    expect(createBatch({ ...base, jobs: undefined, open: true }).errors).toEqual([]);
    expect(
      createBatch({ ...base, configuration: { dt: 10, precision: 'normal', strict_validation: false } })
        .errors,
    ).toEqual([]);
    expect(createBatch({ ...base, open: 'yes' }).valid).toBe(false);
    expect(createBatch({ ...base, project: base.project_id }).valid).toBe(false);
    const { project_id: _, ...withoutProject } = base;
    expect(createBatch(withoutProject).valid).toBe(false);
  });

  it('cancelBatches takes ids (and the newer filters)', () => {
    const cancelBatches = requestBodyOf('/api/v1/batches/cancel', 'patch');
    expect(cancelBatches({ batch_ids: [base.project_id] }).errors).toEqual([]);
    expect(cancelBatches({ status: ['PENDING'], cancel_all: true }).errors).toEqual([]);
    expect(cancelBatches({}).valid).toBe(false);
  });

  it('createWorkload needs its four fields', () => {
    const createWorkload = requestBodyOf('/api/v1/workloads', 'post');
    const workload = {
      workload_type: 'qadence_circuit',
      backend: 'pyqtorch',
      config: { n_qubits: 4 },
      project_id: base.project_id,
    };
    expect(createWorkload(workload).errors).toEqual([]);
    expect(createWorkload({ ...workload, config: undefined }).valid).toBe(false);
  });
});
