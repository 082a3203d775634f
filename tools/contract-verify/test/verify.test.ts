// verifyTraffic in process: how requests are routed to operations (servers, --base-url, path-level
// servers, trailing slashes), how bodies are read (omitted, null, gzip, not recorded, not JSON), when a
// value may be shown, and how mismatches add up into the worst offenders.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyTraffic } from '../src/verify-traffic.js';
import { fixture, spec } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qc-contract-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

type Line = Record<string, unknown>;
const realBody = (file: string) => readFileSync(fixture(`bodies/${file}`), 'utf8');
const realJson = (file: string) => JSON.parse(realBody(file)) as Record<string, unknown>;

/** Checks JSON lines against a spec; returns the report. */
function verifyLines(api: string, lines: Line[], baseUrls?: string[]) {
  const file = join(dir, `traffic-${++count}.jsonl`);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return verifyTraffic({ spec: spec(api), traffic: file, ...(baseUrls ? { baseUrls } : {}) });
}

/** Checks HAR entries (only the fields the tool reads) against a spec. */
function verifyHar(api: string, entries: unknown[]) {
  const file = join(dir, `traffic-${++count}.har`);
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries } }));
  return verifyTraffic({ spec: spec(api), traffic: file });
}

const WS =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myresourcegroup/providers/Microsoft.Quantum/workspaces/myworkspace';
const quotas = (origin: string, apiVersion = '2026-01-15-preview') => ({
  method: 'GET',
  url: `${origin}${WS}/quotas?api-version=${apiVersion}`,
  status: 200,
  body: realJson('azure/Quotas_List.json'),
});
const QCI = 'https://api.qci-prod.com';
const allocations = (base = QCI) => ({
  method: 'GET',
  url: `${base}/optimization/v1/jobs/allocations`,
  status: 200,
  body: realJson('qci/allocations-response-thirdparty-fake.json'),
});

describe('routing', () => {
  it("Azure's {endpoint}: any *.quantum.azure.com host (regional, -v2, the workspace's own), with a path prefix", () => {
    const report = verifyLines('azure-quantum', [
      quotas('https://eastus.quantum.azure.com'),
      quotas('https://westus-v2.quantum.azure.com'),
      quotas('https://myworkspace.eastus.quantum.azure.com'),
      quotas('https://eastus.quantum.azure.com/gateway'),
      quotas('https://eastus.quantum.azure.com.attacker.example'),
      quotas('http://eastus.quantum.azure.com'),
    ]);
    expect(report.summary).toMatchObject({ checked: 4, matched: 4, mismatching: 0, outside: 2 });
    expect(report.outside.map((o) => o.host)).toEqual([
      'eastus.quantum.azure.com.attacker.example',
      'eastus.quantum.azure.com',
    ]);
  });

  it('--base-url strips a prefix the spec does not know (the mock cloud, a proxy)', () => {
    const mock = 'http://127.0.0.1:4010/qci';
    expect(verifyLines('qci', [allocations(mock)]).summary).toMatchObject({
      checked: 0,
      outside: 1,
      ok: false,
    });
    expect(verifyLines('qci', [allocations(mock)], [mock]).summary).toMatchObject({
      checked: 1,
      matched: 1,
      ok: true,
    });
    // A request beside the prefix is not under it.
    expect(verifyLines('qci', [allocations('http://127.0.0.1:4010/qcix')], [mock]).summary.outside).toBe(1);
  });

  it("Pasqal: an operation counts only under its own servers (the account API's, the core API's)", () => {
    const auth = { method: 'GET', status: 401 };
    const report = verifyLines('pasqal-cloud', [
      { ...auth, url: 'https://apis.pasqal.cloud/account/api/v1/auth/info' },
      { ...auth, url: 'https://apis.preprod.pasqal.cloud/account/api/v1/auth/info' },
      { ...auth, url: 'https://apis.pasqal.cloud/core-fast/api/v1/auth/info' },
      { ...auth, url: 'https://apis.pasqal.cloud/account/api/v2/jobs' },
    ]);
    expect(report.summary).toMatchObject({ checked: 4, matched: 2 });
    expect(report.unmatched.map((u) => u.url)).toEqual([
      'https://apis.pasqal.cloud/core-fast/api/v1/auth/info',
      'https://apis.pasqal.cloud/account/api/v2/jobs',
    ]);
  });

  it('requests to one path shape group together, ids as {id}, with the methods the path has', () => {
    const ids = ['686c59e832604586ad9080c1', '686c59e832604586ad9080c2', '686c59e832604586ad9080c3'];
    const report = verifyLines(
      'qci',
      ids.map((id) => ({ method: 'PUT', url: `${QCI}/optimization/v1/jobs/${id}?force=yes`, status: 405 })),
    );
    expect(report.unmatched).toEqual([
      {
        method: 'PUT',
        url: `${QCI}/optimization/v1/jobs/{id}?force`,
        otherMethods: ['GET', 'PATCH'],
        exchanges: 3,
        at: ['line 1', 'line 2', 'line 3'],
      },
    ]);
    expect(report.summary.byReason['unknown operation']).toBe(3);
  });

  it('a CORS preflight under the spec is skipped; any other OPTIONS is an unknown operation', () => {
    const url = `${QCI}/optimization/v1/jobs/allocations`;
    const report = verifyLines('qci', [
      { method: 'OPTIONS', url, status: 204, requestHeaders: { 'Access-Control-Request-Method': 'GET' } },
      { method: 'OPTIONS', url, status: 204 },
    ]);
    expect(report.summary).toMatchObject({ corsPreflights: 1, checked: 1, mismatching: 1 });
  });
});

describe('request bodies', () => {
  const token = (extra: Line) => ({
    method: 'POST',
    url: `${QCI}/auth/v1/access-tokens`,
    status: 200,
    body: { access_token: 'qci-access-token-PLACEHOLDER', expires_at_rfc3339: '2025-07-07T23:36:08Z' },
    ...extra,
  });

  it('omitted in JSON lines: not recorded, so a required body is not reported missing; null: missing', () => {
    const omitted = verifyLines('qci', [token({})]);
    expect(omitted.summary).toMatchObject({ ok: true, requestBodiesNotRecorded: 1 });
    const none = verifyLines('qci', [token({ requestBody: null })]);
    expect(none.mismatches[0]?.issues).toEqual([
      { reason: 'invalid request body', location: 'request body', pointer: '', rule: 'is required' },
    ]);
  });

  it('a gzip body kept as base64 in a HAR is decompressed and checked', () => {
    const qubo = realBody('qci/job-body-sample-qubo.json');
    const gzipped = (text: string) => ({
      request: {
        method: 'POST',
        url: `${QCI}/optimization/v1/jobs`,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        postData: {
          mimeType: 'application/json',
          text: gzipSync(text).toString('base64'),
          encoding: 'base64',
        },
      },
      response: {
        status: 200,
        content: { mimeType: 'application/json', text: '{"job_id": "686c59e832604586ad9080c1"}' },
      },
    });
    const withJobType = JSON.stringify({
      job_submission: { ...(JSON.parse(qubo).job_submission as object), job_type: 'sample-qubo' },
    });
    const report = verifyHar('qci', [gzipped(qubo), gzipped(withJobType)]);
    expect(report.summary).toMatchObject({ matched: 2, mismatching: 1 });
    expect(report.mismatches[0]?.issues[0]).toMatchObject({ pointer: '/job_submission/job_type' });
  });

  it('a request body that is not JSON is refused, as the mocks refuse it', () => {
    const report = verifyHar('qci', [
      {
        request: {
          method: 'POST',
          url: `${QCI}/optimization/v1/jobs`,
          postData: { mimeType: 'text/plain', text: 'qubo please' },
        },
        response: { status: 200, content: { mimeType: 'application/json', text: '{"job_id": "x"}' } },
      },
    ]);
    expect(report.mismatches[0]?.issues).toEqual([
      { reason: 'invalid request body', location: 'request body', pointer: '', rule: 'is not valid JSON' },
    ]);
  });
});

describe('responses', () => {
  it('a HAR response without its text still has its status checked', () => {
    const entry = (status: number) => ({
      request: { method: 'GET', url: `${QCI}/optimization/v1/jobs/allocations` },
      response: { status, content: { size: 61, mimeType: 'application/json' } },
    });
    const report = verifyHar('qci', [entry(200), entry(404)]);
    expect(report.summary).toMatchObject({ responseBodiesNotRecorded: 2, mismatching: 1 });
    expect(report.mismatches[0]?.reasons).toEqual(['undeclared status']);
  });

  it('a failed request (status 0) has its request checked and no response', () => {
    const report = verifyHar('qci', [
      { request: { method: 'GET', url: `${QCI}/optimization/v1/jobs/allocations` }, response: { status: 0 } },
    ]);
    expect(report.summary).toMatchObject({ noResponse: 1, ok: true });
    expect(report.operations[0]?.statuses).toEqual({ 'no response': 1 });
  });

  it('a text body is checked against the text type the spec declares, not parsed as JSON', () => {
    const entry = (mimeType: string, text: string) => ({
      request: { method: 'GET', url: `${QCI}/optimization/v1/jobs/allocations` },
      response: { status: 401, content: { mimeType, text } },
    });
    const report = verifyHar('qci', [
      entry('text/plain', 'Unauthorized'),
      entry('application/json', 'Unauthorized'),
    ]);
    expect(report.summary.mismatching).toBe(1);
    // An error status: a short, redacted excerpt says what came instead.
    expect(report.mismatches[0]?.issues[0]).toMatchObject({
      location: 'response 401 body',
      rule: 'is not valid JSON; it begins: Unauthorized',
    });
  });
});

describe('values in the report', () => {
  it('an enum value is shown only when short and not a credential of the traffic', () => {
    const long = `2025-12-01-preview-${'x'.repeat(40)}`;
    const report = verifyLines('azure-quantum', [
      quotas('https://eastus.quantum.azure.com', '2025-12-01-preview'),
      quotas('https://eastus.quantum.azure.com', long),
      {
        ...quotas('https://eastus.quantum.azure.com', '2024-10-01-preview'),
        requestHeaders: { authorization: 'Bearer 2024-10-01-preview' },
      },
    ]);
    expect(report.mismatches.map((m) => m.issues[0]?.got)).toEqual([
      '"2025-12-01-preview"',
      undefined,
      undefined,
    ]);
    expect(report.mismatches.map((m) => m.issues[0]?.rule)).toEqual(
      Array(3).fill('must be one of "2026-01-15-preview"'),
    );
  });
});

describe('worst offenders', () => {
  it('group one field over array items and exchanges, the most widespread first', () => {
    const jobs = realJson('pasqal/get_v2_jobs.response.json');
    const [job] = jobs.data as Record<string, unknown>[];
    const list = (n: number) => ({
      method: 'GET',
      url: 'https://apis.pasqal.cloud/core-fast/api/v2/jobs',
      status: 200,
      body: { ...jobs, data: Array(n).fill(job), pagination: { total: n, start: 0, end: n } },
    });
    const report = verifyLines('pasqal-cloud', [list(3), list(2), undeclaredGetJob()]);
    const [first, second] = report.worstOffenders.fields;
    expect(first).toMatchObject({
      operationId: 'listJobs',
      pointer: '/data/*/start_timestamp',
      exchanges: 2,
      occurrences: 5,
    });
    expect(second).toMatchObject({ pointer: '/data/*/end_timestamp', exchanges: 2, occurrences: 5 });
    expect(report.worstOffenders.operations.map((o) => [o.operationId, o.mismatching, o.issues])).toEqual([
      ['listJobs', 2, 10],
      ['getJob', 1, 1],
    ]);
  });
});

/** A Pasqal getJob answered 400, which it does not declare. */
function undeclaredGetJob(): Line {
  return {
    method: 'GET',
    url: 'https://apis.pasqal.cloud/core-fast/api/v2/jobs/00000000-0000-0000-0000-000000022010',
    status: 400,
  };
}
