// The command as users run it: a process of its own over the fixtures (test/fixtures/, built from real
// recorded bodies by build-fixtures.mjs), its exit codes, its text and JSON reports.
import { describe, expect, it } from 'vitest';
import { parseContractVerifyArgs } from '../src/args.js';
import type { VerificationReport } from '../src/report.js';
import { fixture, runCli, spec } from './run-cli.js';

describe('arguments', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: qc-contract-verify --spec FILE --traffic FILE/);
    expect(run.stdout).toContain('Exit status: 0');
    expect(run.stderr).toBe('');
  });

  it('an unknown flag is refused with the usage (exit 2), without echoing its value', async () => {
    const run = await runCli([
      '--spec',
      spec('qci'),
      '--traffic',
      fixture('qci-pass.jsonl'),
      '--token=SeCrEt-value-1',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--token'");
    expect(run.stderr).toContain('usage: qc-contract-verify');
    expect(run.stderr).not.toContain('SeCrEt-value-1');
    expect(run.stdout).toBe('');
  });

  it('--spec and --traffic are required (exit 2)', async () => {
    const noSpec = await runCli(['--traffic', fixture('qci-pass.jsonl')]);
    expect(noSpec.code).toBe(2);
    expect(noSpec.stderr).toMatch(/^--spec is required/);
    const noTraffic = await runCli(['--spec', spec('qci')]);
    expect(noTraffic.code).toBe(2);
    expect(noTraffic.stderr).toMatch(/^--traffic is required/);
  });

  it('takes the `--` pnpm hands through, and --base-url more than once', () => {
    expect(
      parseContractVerifyArgs([
        '--',
        '--spec',
        's',
        '--traffic',
        't',
        '--base-url',
        'http://a',
        '--base-url',
        'http://b',
      ]),
    ).toEqual({ help: false, spec: 's', traffic: 't', baseUrls: ['http://a', 'http://b'], json: false });
    expect(() => parseContractVerifyArgs(['--spec', 's', '--traffic', 't', 'extra'])).toThrow(/positional/i);
  });
});

describe('traffic that matches the spec exits 0', () => {
  it('Azure: a HAR of the recorded bodies, with the token request, a blob upload and a CORS preflight', async () => {
    const run = await runCli(['--spec', spec('azure-quantum'), '--traffic', fixture('azure-pass.har')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain("9 under the spec's servers: 9 matched an operation, 0 matched none");
    expect(run.stdout).toContain(
      "2 outside the spec's servers, not checked: login.microsoftonline.com 1, mystorage.blob.core.windows.net 1",
    );
    expect(run.stdout).toContain('1 CORS preflight, not checked');
    expect(run.stdout).toMatch(/✓ createJob\s+PUT\s+2 exchanges\s+\[200, 400\]/);
    expect(run.stdout).not.toContain('✗');
    // In the spec's order (listJobs, getJob, createJob, …), not the traffic's (providerStatus first).
    const listed = [...run.stdout.matchAll(/^ {2}✓ (\w+)/gm)].map((m) => m[1]);
    expect(listed).toEqual([
      'listJobs',
      'getJob',
      'createJob',
      'listProviderStatus',
      'listQuotas',
      'listSessions',
      'getSasUri',
      'listTopLevelItems',
    ]);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('PASS: all 9 checked exchanges match the spec');
    expect(run.code).toBe(0);
  });

  it("QCi: JSON lines, the client's trailing slash on the token exchange noted", async () => {
    const run = await runCli(['--spec', spec('qci'), '--traffic', fixture('qci-pass.jsonl')]);
    expect(run.stdout).toContain('1 matched once a trailing slash was dropped');
    // GET requests without a `requestBody` are not "unrecorded": those operations take none.
    expect(run.stdout).not.toContain('without a recorded request body');
    expect(run.stdout).toContain('PASS: all 6 checked exchanges match the spec');
    expect(run.code).toBe(0);
  });
});

describe('each kind of mismatch exits 1 and is named', () => {
  const cases: [file: string, api: string, lines: string[], verdict: string][] = [
    [
      'qci-unknown-operation.jsonl',
      'qci',
      [
        '✗ GET https://api.qci-prod.com/optimization/v2/jobs/{id}',
        '1 exchange (line 2); no operation at this path',
        '✗ DELETE https://api.qci-prod.com/optimization/v1/jobs/{id}',
        '1 exchange (line 3); the path has GET, PATCH',
      ],
      'FAIL: 2 of 3 checked exchanges do not match the spec (2 unknown operation)',
    ],
    [
      'qci-invalid-request-body.jsonl',
      'qci',
      ['line 1  POST submitJob → 200', '✗ request body /job_submission/job_type  is not an allowed property'],
      'FAIL: 1 of 2 checked exchanges do not match the spec (1 invalid request body)',
    ],
    [
      'qci-invalid-response-body.har',
      'qci',
      ['entry 1  POST createAccessToken → 200', '✗ response 200 body /expires_at_rfc3339  is required'],
      'FAIL: 1 of 2 checked exchanges do not match the spec (1 invalid response body)',
    ],
    [
      'qci-undeclared-status.jsonl',
      'qci',
      [
        'line 2  GET getAllocations → 404',
        '✗ status 404 is not declared (declared: 200, 401, 403, 429, 5XX)',
      ],
      'FAIL: 1 of 2 checked exchanges do not match the spec (1 undeclared status)',
    ],
    [
      'pasqal-invalid-response-body.har',
      'pasqal-cloud',
      [
        '✗ response 200 body /pagination  is required',
        '✗ response 200 body /data/0/start_timestamp  must match one of the allowed shapes: must match the pattern',
        '1 without a recorded response body: status checked only',
        "1 outside the spec's servers, not checked: jobs-result-link 1",
        '✓ getAuthInfo',
      ],
      'FAIL: 1 of 4 checked exchanges do not match the spec (1 invalid response body)',
    ],
  ];

  it.each(cases)('%s', async (file, api, lines, verdict) => {
    const run = await runCli(['--spec', spec(api), '--traffic', fixture(file)]);
    for (const line of lines) expect(run.stdout).toContain(line);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(verdict);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });

  it("traffic with nothing under the spec's servers is a failure, not a pass", async () => {
    const run = await runCli(['--spec', spec('qci'), '--traffic', fixture('azure-pass.har')]);
    expect(run.stdout).toContain("12 outside the spec's servers, not checked: eastus.quantum.azure.com 10");
    expect(run.stdout).toContain("FAIL: no exchange was under the spec's servers");
    expect(run.code).toBe(1);
  });
});

describe('unusable input exits 2 with a clear error on stderr and no report', () => {
  const cases: [file: string, message: string][] = [
    ['malformed/not-json.har', 'malformed/not-json.har: not valid JSON, so not a HAR file'],
    [
      'malformed/no-entries.har',
      'malformed/no-entries.har: a HAR file needs a "log" object with an "entries" array',
    ],
    ['malformed/entry-without-url.har', 'malformed/entry-without-url.har: entry 1: request.url is missing'],
    [
      'malformed/bad-line.jsonl',
      'malformed/bad-line.jsonl: line 2: is not valid JSON (each line must be one JSON object)',
    ],
    ['malformed/unknown-key.jsonl', 'malformed/unknown-key.jsonl: line 1: unknown key "reqBody"'],
    ['malformed/bad-status.jsonl', 'malformed/bad-status.jsonl: line 1: "status" must be an HTTP status'],
    ['does-not-exist.har', 'cannot read the traffic file'],
  ];

  it.each(cases)('%s', async (file, message) => {
    const run = await runCli(['--spec', spec('qci'), '--traffic', fixture(file)]);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/^contract-verify: /);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('a broken line is named, not quoted (it may hold a token)', async () => {
    const run = await runCli(['--spec', spec('qci'), '--traffic', fixture('malformed/bad-line.jsonl')]);
    expect(run.stderr).not.toContain('access_token');
    expect(run.stderr).not.toContain('eyJ');
  });

  it('a spec that is missing, or not OpenAPI', async () => {
    const missing = await runCli(['--spec', spec('nope'), '--traffic', fixture('qci-pass.jsonl')]);
    expect(missing.stderr).toMatch(/cannot read the spec .*nope\.yaml: ENOENT/);
    expect(missing.code).toBe(2);
    const notOpenApi = await runCli([
      '--spec',
      fixture('qci-pass.jsonl'),
      '--traffic',
      fixture('qci-pass.jsonl'),
    ]);
    expect(notOpenApi.stderr).toMatch(/qci-pass\.jsonl: not (valid YAML or JSON|an OpenAPI document)/);
    expect(notOpenApi.code).toBe(2);
  });

  it('a --base-url that is not an http(s) URL', async () => {
    const run = await runCli([
      '--spec',
      spec('qci'),
      '--traffic',
      fixture('qci-pass.jsonl'),
      '--base-url',
      'api.qci',
    ]);
    expect(run.stderr).toContain('--base-url must be an absolute http(s) URL');
    expect(run.code).toBe(2);
  });
});

describe('--json', () => {
  it('is the whole report, parseable, with the same verdict and exit code', async () => {
    const run = await runCli([
      '--spec',
      spec('pasqal-cloud'),
      '--traffic',
      fixture('pasqal-invalid-response-body.har'),
      '--json',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as VerificationReport;
    expect(report.summary).toMatchObject({
      ok: false,
      exchanges: 5,
      checked: 4,
      matched: 4,
      mismatching: 1,
      outside: 1,
      responseBodiesNotRecorded: 1,
    });
    expect(report.summary.byReason['invalid response body']).toBe(1);
    expect(report.mismatches).toHaveLength(1);
    expect(report.mismatches[0]).toMatchObject({ at: 'entry 2', operationId: 'listJobs', status: 200 });
    expect(report.mismatches[0]?.issues.map((i) => `${i.location} ${i.pointer}`)).toEqual([
      'response 200 body /pagination',
      'response 200 body /data/0/start_timestamp',
      'response 200 body /data/0/end_timestamp',
    ]);
    expect(report.worstOffenders.fields.map((f) => f.pointer)).toEqual([
      '/pagination',
      '/data/*/start_timestamp',
      '/data/*/end_timestamp',
    ]);
    expect(report.operations.map((o) => o.operationId)).toEqual([
      'getBatch',
      'listJobs',
      'getJobResultsLink',
      'getAuthInfo',
    ]);
  });
});
