// Validates QCi's recorded and client-built bodies against the schemas of the operations that carry them
// in specs/qci.yaml, and shows with near-misses that those schemas reject what the API does not accept.
// When a fixture fails, fix the schema, never the fixture.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const SPEC_PATH = join(import.meta.dirname, '..', '..', '..', 'specs', 'qci.yaml');
// The repository's copy of shared/reference/fixtures/qci, kept so this test runs on any checkout.
const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'specs', 'fixtures', 'qci');

type Json = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Json> };
// strict: false because the document holds OpenAPI keys (paths, components) beside the schemas; the
// keywords of the schemas themselves are checked by @qc/core's contract tests.
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is the plugin.
ajvFormats.default(ajv);
ajv.addSchema(spec, 'qci');

function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as Json;
}

const pointer = (...keys: string[]) => keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** A validator for a JSON-pointer location in the spec, e.g. an operation's request body schema. */
function validatorAt(...keys: string[]) {
  const ref = `qci#/${pointer(...keys)}`;
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

const requestBodyOf = (path: string, method: string) =>
  validatorAt('paths', path, method, 'requestBody', 'content', 'application/json', 'schema');

function responseOf(path: string, method: string, status = '200') {
  const response = (spec.paths[path]?.[method] as Json | undefined)?.responses as Json | undefined;
  if (!response?.[status]) throw new Error(`${method.toUpperCase()} ${path} declares no ${status} response`);
  return validatorAt('paths', path, method, 'responses', status, 'content', 'application/json', 'schema');
}

const component = (name: string, ...below: string[]) => validatorAt('components', 'schemas', name, ...below);

/** The schema of a path parameter as its operation declares it (following a `$ref` to components). */
function pathParameter(path: string, name: string) {
  const parameters = (spec.paths[path]?.parameters ?? []) as Json[];
  for (const [i, parameter] of parameters.entries()) {
    const ref = typeof parameter.$ref === 'string' ? parameter.$ref.replace('#/', '').split('/') : undefined;
    const resolved = ref
      ? (ref.reduce<unknown>((node, key) => (node as Json)[key], spec) as Json)
      : parameter;
    if (resolved.name === name) {
      return ref
        ? validatorAt(...ref, 'schema')
        : validatorAt('paths', path, 'parameters', String(i), 'schema');
    }
  }
  throw new Error(`${path} declares no parameter ${name}`);
}

const FILES = '/optimization/v1/files';
const FILE_PART = '/optimization/v1/files/{file_id}/contents/{part_number}';
const JOBS = '/optimization/v1/jobs';
const JOB = '/optimization/v1/jobs/{job_id}';

const createFileBody = requestBodyOf(FILES, 'post');
const uploadPartBody = requestBodyOf(FILE_PART, 'patch');
const submitJobBody = requestBodyOf(JOBS, 'post');
const cancelJobBody = requestBodyOf(JOB, 'patch');

const JOB_BODIES = readdirSync(FIXTURES_DIR)
  .filter((f) => f.startsWith('job-body-'))
  .sort();
const CLIENT_FORMS = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('-client-form.json'))
  .sort();

/** Array fields of a file type's entry: what QCi's client moves out of the metadata into the parts. */
const DATA_ARRAYS = ['data', 'nodes', 'links'];

/** Splits a whole file the way QCi's client does: metadata for createFile, data for part 1. */
function splitClientForm(form: Json): { metadata: Json; part: Json } {
  const [type, entry] = Object.entries(form.file_config as Json)[0] as [string, Json];
  const meta = Object.fromEntries(Object.entries(entry).filter(([key]) => !DATA_ARRAYS.includes(key)));
  const data = Object.fromEntries(Object.entries(entry).filter(([key]) => DATA_ARRAYS.includes(key)));
  return {
    metadata: { ...form, file_config: { [type]: meta } },
    part: { file_config: { [type]: data } },
  };
}

describe('the fixtures', () => {
  it('are all covered by this test', () => {
    const covered = new Set([
      ...JOB_BODIES,
      ...CLIENT_FORMS,
      'job-results-dirac1-recorded.json',
      'allocations-response-thirdparty-fake.json',
      'legacy-authorize-response-qci-docs.json',
    ]);
    const all = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));
    expect(all.filter((f) => !covered.has(f))).toEqual([]);
    expect(JOB_BODIES.length).toBeGreaterThan(0);
    expect(CLIENT_FORMS.length).toBeGreaterThan(0);
  });
});

describe('submitJob request body', () => {
  it.each(JOB_BODIES)('accepts %s', (name) => {
    expect(submitJobBody(fixture(name)).errors).toEqual([]);
  });

  const qubo = fixture('job-body-sample-qubo.json');
  const submission = qubo.job_submission as Json;
  const withSubmission = (changes: Json) => ({ job_submission: { ...submission, ...changes } });

  it('rejects two problem types in one problem_config', () => {
    const body = withSubmission({
      problem_config: {
        quadratic_unconstrained_binary_optimization: { qubo_file_id: 'qubo_fid' },
        graph_partitioning: { graph_file_id: 'graph_fid' },
      },
    });
    expect(submitJobBody(body).valid).toBe(false);
  });

  it('rejects an empty problem_config and an unknown problem type', () => {
    expect(submitJobBody(withSubmission({ problem_config: {} })).valid).toBe(false);
    expect(
      submitJobBody(withSubmission({ problem_config: { sample_qubo: { qubo_file_id: 'q' } } })).valid,
    ).toBe(false);
  });

  it('rejects two device types in one device_config', () => {
    const body = withSubmission({ device_config: { 'dirac-1': {}, 'dirac-3_normalized_qudit': {} } });
    expect(submitJobBody(body).valid).toBe(false);
  });

  it('rejects a dirac-3_qudit device without num_levels', () => {
    const body = fixture('job-body-sample-hamiltonian-integer-dirac3-qudit.json');
    const device = (body.job_submission as Json).device_config as Record<string, Json>;
    const { num_levels: _, ...withoutLevels } = device['dirac-3_qudit'] as Json;
    expect(submitJobBody(body).valid).toBe(true);
    const broken = {
      job_submission: { ...(body.job_submission as Json), device_config: { 'dirac-3_qudit': withoutLevels } },
    };
    expect(submitJobBody(broken).errors.join('\n')).toContain('num_levels');
  });

  it('rejects a Hamiltonian problem naming both a polynomial and a hamiltonian file', () => {
    const body = withSubmission({
      problem_config: {
        qudit_hamiltonian_optimization: { polynomial_file_id: 'p', hamiltonian_file_id: 'h' },
      },
    });
    expect(submitJobBody(body).valid).toBe(false);
  });

  it('rejects a missing device_config and the client-only job_type key some third parties send', () => {
    const { device_config: _, ...withoutDevice } = submission;
    expect(submitJobBody({ job_submission: withoutDevice }).valid).toBe(false);
    expect(submitJobBody(withSubmission({ job_type: 'sample-qubo' })).valid).toBe(false);
  });

  it('accepts the legacy dirac-3 device key and a null objective_file_id', () => {
    const legacy = withSubmission({
      problem_config: { normalized_qudit_hamiltonian_optimization: { polynomial_file_id: 'p' } },
      device_config: { 'dirac-3': { sum_constraint: 1 } },
    });
    expect(submitJobBody(legacy).errors).toEqual([]);
    const noObjective = withSubmission({
      problem_config: {
        quadratic_linearly_constrained_binary_optimization: {
          constraints_file_id: 'c',
          objective_file_id: null,
        },
      },
    });
    expect(submitJobBody(noObjective).errors).toEqual([]);
  });
});

describe('file upload bodies (whole files split as QCi client splits them)', () => {
  it.each(CLIENT_FORMS)('createFile accepts the metadata of %s', (name) => {
    expect(createFileBody(splitClientForm(fixture(name)).metadata).errors).toEqual([]);
  });

  it.each(CLIENT_FORMS)('uploadFilePart accepts the data of %s as part 1', (name) => {
    expect(uploadPartBody(splitClientForm(fixture(name)).part).errors).toEqual([]);
  });

  it('createFile rejects metadata missing a required size', () => {
    const { metadata } = splitClientForm(fixture('file-polynomial-client-form.json'));
    const meta = (metadata.file_config as Record<string, Json>).polynomial as Json;
    const { max_degree: _, ...withoutMaxDegree } = meta;
    expect(createFileBody({ ...metadata, file_config: { polynomial: withoutMaxDegree } }).valid).toBe(false);
  });

  it('uploadFilePart rejects two file types in one part and a sparse entry without its value', () => {
    const { part } = splitClientForm(fixture('file-constraints-client-form.json'));
    const data = (part.file_config as Record<string, Json>).constraints as Json;
    expect(uploadPartBody({ file_config: { constraints: data, qubo: data } }).valid).toBe(false);
    expect(uploadPartBody({ file_config: { qubo: { data: [{ i: 0, j: 0 }] } } }).valid).toBe(false);
  });

  it('declares part_number as an integer counted from 1', () => {
    const partNumber = pathParameter(FILE_PART, 'part_number');
    expect(partNumber(1).valid).toBe(true);
    expect(partNumber(0).valid).toBe(false);
    expect(partNumber(1.5).valid).toBe(false);
  });
});

describe('recorded Dirac-1 run', () => {
  // Not one HTTP body: QCi's client combines GET /jobs/{id} (`job_info`), the polled status and the
  // single file_config value of the downloaded result file (`results`).
  const run = fixture('job-results-dirac1-recorded.json');

  it('job_info is a valid getJob response', () => {
    expect(responseOf(JOB, 'get')(run.job_info).errors).toEqual([]);
  });

  it('status is a valid getJobStatus response status', () => {
    expect(responseOf(`${JOB}/status`, 'get')({ status: run.status }).errors).toEqual([]);
  });

  it('results are a valid QUBO result part payload', () => {
    const payload = component(
      'FilePartConfig',
      'properties',
      'quadratic_unconstrained_binary_optimization_results',
    );
    expect(payload(run.results).errors).toEqual([]);
    const part = {
      file_id: '686c5a29acc178773e9913d2',
      part_number: 1,
      upload_date_rfc3339: '2025-07-07T23:37:13Z',
      file_config: { quadratic_unconstrained_binary_optimization_results: run.results },
    };
    expect(responseOf(FILE_PART, 'get')(part).errors).toEqual([]);
  });

  it('a job record missing its id, or with a malformed timestamp, is rejected', () => {
    const getJob = responseOf(JOB, 'get');
    const { job_id: _, ...withoutId } = run.job_info as Json;
    expect(getJob(withoutId).valid).toBe(false);
    const badTime = { ...(run.job_info as Json), job_status: { submitted_at_rfc3339nano: 'yesterday' } };
    expect(getJob(badTime).valid).toBe(false);
  });
});

describe('response schemas stay open where the service adds values', () => {
  it('JobStatus accepts a status the service might add, but only strings', () => {
    const status = responseOf(`${JOB}/status`, 'get');
    expect(status({ status: 'PAUSED' }).valid).toBe(true);
    expect(status({ status: 42 }).valid).toBe(false);
  });

  it('a file part may carry a result type this spec does not list, but only one type', () => {
    const getPart = responseOf(FILE_PART, 'get');
    const part = { file_id: 'f', part_number: 1, upload_date_rfc3339: '2025-07-07T23:37:13Z' };
    expect(getPart({ ...part, file_config: { future_results: { counts: [] } } }).valid).toBe(true);
    expect(getPart({ ...part, file_config: {} }).valid).toBe(false);
    expect(getPart({ ...part, file_config: { qubo: { data: [] }, objective: { data: [] } } }).valid).toBe(
      false,
    );
  });

  it('continuous results may hold real-valued solutions', () => {
    const nqho = component(
      'FilePartConfig',
      'properties',
      'normalized_qudit_hamiltonian_optimization_results',
    );
    expect(nqho({ counts: [1], energies: [-0.5], solutions: [[0.25, 0.75]] }).errors).toEqual([]);
    expect(nqho({ counts: [1], energies: [-0.5] }).valid).toBe(false);
  });

  it('metrics before completion have no job_metrics', () => {
    for (const path of [`${JOB}/metrics`, `${JOB}/metrics/v1`, `${JOB}/metrics/v2`]) {
      expect(responseOf(path, 'get')({ job_id: '686c59e832604586ad9080c1' }).errors).toEqual([]);
    }
  });
});

describe('cancelJob request body', () => {
  it('accepts a cancellation time with microseconds and rejects a body without it', () => {
    expect(
      cancelJobBody({ job_status: { cancelled_at_rfc3339nano: '2025-07-07T23:36:09.123456Z' } }).errors,
    ).toEqual([]);
    expect(cancelJobBody({ job_status: {} }).valid).toBe(false);
  });
});

describe('allocations', () => {
  it('the third-party fake is a valid getAllocations response', () => {
    const allocations = responseOf(`${JOBS}/allocations`, 'get');
    expect(allocations(fixture('allocations-response-thirdparty-fake.json')).errors).toEqual([]);
  });

  it('is declared before /jobs/{job_id}, which its path also matches', () => {
    const paths = Object.keys(spec.paths);
    expect(paths.indexOf(`${JOBS}/allocations`)).toBeLessThan(paths.indexOf(JOB));
  });
});

describe('legacy /authorize response', () => {
  // QCi's old `POST /authorize` answered with `expires_in` (an epoch deadline) and no
  // `expires_at_rfc3339`. The current `POST /auth/v1/access-tokens` always sends `expires_at_rfc3339`
  // (QCi's client parses it unconditionally), so the legacy body is not a valid current response...
  const legacy = fixture('legacy-authorize-response-qci-docs.json');
  const tokenResponse = responseOf('/auth/v1/access-tokens', 'post');

  it('fails only for the missing expires_at_rfc3339', () => {
    const { errors } = tokenResponse(legacy);
    expect(errors).toEqual(["/ must have required property 'expires_at_rfc3339'"]);
  });

  // ...while its other fields (`expires_in`, `scope`, `token_type`) are tolerated, since the current
  // endpoint may still send them.
  it('passes once expires_at_rfc3339 is added', () => {
    expect(tokenResponse({ ...legacy, expires_at_rfc3339: '2023-03-31T18:39:17Z' }).errors).toEqual([]);
  });
});
