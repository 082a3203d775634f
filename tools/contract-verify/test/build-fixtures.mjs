#!/usr/bin/env node
// Builds the traffic fixtures in test/fixtures/ from the real bodies in test/fixtures/bodies/ (copies,
// byte for byte, of specs/fixtures/, i.e. shared/reference/fixtures/). HAR bodies carry each file's
// text unchanged; JSON lines carry its parsed value. What is not a recorded body (request bodies the
// official clients build, small answers no fixture holds, the near-misses and the secrets) is written
// here, in the open. `node tools/contract-verify/test/build-fixtures.mjs` rewrites the files; the
// tests fail when the committed files differ from what this builds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { azurePass, azureSecrets, SECRETS } from './fixture-builders/azure.mjs';
import { body, entry, FIXTURES, har, json, jsonLines } from './fixture-builders/har.mjs';

export { SECRETS };

// --- QCi ------------------------------------------------------------------------------------------

const QCI = 'https://api.qci-prod.com';
const QCI_JOB = '686c59e832604586ad9080c1';
const qciAuth = { authorization: 'Bearer qci-access-token-PLACEHOLDER' };
const run = () => json('qci/job-results-dirac1-recorded.json');
const allocations = () => ({
  method: 'GET',
  url: `${QCI}/optimization/v1/jobs/allocations`,
  requestHeaders: qciAuth,
  status: 200,
  body: json('qci/allocations-response-thirdparty-fake.json'),
});

function qciPass() {
  return jsonLines([
    // QCi's client posts the token exchange with a trailing slash.
    {
      method: 'POST',
      url: `${QCI}/auth/v1/access-tokens/`,
      requestBody: { refresh_token: 'PLACEHOLDER0123456789abcdef012345' },
      status: 200,
      body: { access_token: 'qci-access-token-PLACEHOLDER', expires_at_rfc3339: '2025-07-07T23:36:08Z' },
    },
    {
      method: 'POST',
      url: `${QCI}/optimization/v1/files`,
      requestHeaders: qciAuth,
      requestBody: json('qci/file-graph-client-form.json'),
      status: 200,
      body: { file_id: '686c59e8acc178773e9913d0' },
    },
    {
      method: 'POST',
      url: `${QCI}/optimization/v1/jobs`,
      requestHeaders: qciAuth,
      requestBody: json('qci/job-body-sample-qubo.json'),
      status: 200,
      body: { job_id: QCI_JOB },
    },
    {
      method: 'GET',
      url: `${QCI}/optimization/v1/jobs/${QCI_JOB}/status`,
      status: 200,
      body: { status: run().status },
    },
    {
      method: 'GET',
      url: `${QCI}/optimization/v1/jobs/${QCI_JOB}`,
      requestBody: null,
      status: 200,
      body: run().job_info,
    },
    allocations(),
  ]);
}

function qciUnknownOperation() {
  return jsonLines([
    allocations(),
    { method: 'GET', url: `${QCI}/optimization/v2/jobs/${QCI_JOB}`, status: 404 },
    { method: 'DELETE', url: `${QCI}/optimization/v1/jobs/${QCI_JOB}`, status: 405 },
  ]);
}

function qciInvalidRequestBody() {
  const qubo = json('qci/job-body-sample-qubo.json');
  // The client-only `job_type` key some third-party clients send (qci.md): the service refuses it.
  const withJobType = { job_submission: { ...qubo.job_submission, job_type: 'sample-qubo' } };
  return jsonLines([
    {
      method: 'POST',
      url: `${QCI}/optimization/v1/jobs`,
      requestBody: withJobType,
      status: 200,
      body: { job_id: QCI_JOB },
    },
    allocations(),
  ]);
}

function qciInvalidResponseBody() {
  return har([
    entry({
      method: 'POST',
      url: `${QCI}/auth/v1/access-tokens`,
      requestBody: JSON.stringify({ refresh_token: 'PLACEHOLDER0123456789abcdef012345' }),
      status: 200,
      responseBody: body('qci/legacy-authorize-response-qci-docs.json'),
    }),
    entry({
      method: 'GET',
      url: `${QCI}/optimization/v1/jobs/allocations`,
      requestHeaders: qciAuth,
      status: 200,
      responseBody: body('qci/allocations-response-thirdparty-fake.json'),
    }),
  ]);
}

function qciUndeclaredStatus() {
  return jsonLines([allocations(), { ...allocations(), status: 404, body: { detail: 'Not Found' } }]);
}

// --- Pasqal Cloud ---------------------------------------------------------------------------------

function pasqalInvalidResponseBody() {
  const core = 'https://apis.pasqal.cloud/core-fast';
  const auth = { authorization: 'Bearer pasqal-access-token-PLACEHOLDER' };
  return har([
    entry({
      method: 'GET',
      url: `${core}/api/v2/batches/00000000-0000-0000-0000-000000000002`,
      requestHeaders: auth,
      status: 200,
      responseBody: body('pasqal/get_v2_batches_batch_id.response.json'),
    }),
    entry({
      method: 'GET',
      url: `${core}/api/v2/jobs`,
      requestHeaders: auth,
      status: 200,
      responseBody: body('pasqal/get_v2_jobs.response.json'),
    }),
    entry({
      method: 'GET',
      url: `${core}/api/v1/jobs/00000000-0000-0000-0000-000000022010/results_link`,
      requestHeaders: auth,
      status: 200,
      responseBody: body('pasqal/get_v1_jobs_job_id_results_link.response.json'),
    }),
    entry({
      method: 'GET',
      url: 'http://jobs-result-link/00000000-0000-0000-0000-000000022010',
      status: 200,
      responseBody: body('pasqal/s3_presigned_results_payload.json'),
    }),
    // The account API has servers of its own; its body was not kept by the recording.
    entry({
      method: 'GET',
      url: 'https://apis.pasqal.cloud/account/api/v1/auth/info',
      requestHeaders: auth,
      status: 200,
      responseSize: 160,
    }),
  ]);
}

// --- Unusable input -------------------------------------------------------------------------------

const MALFORMED = {
  'malformed/not-json.har': '{"log": {"entries": [\n',
  'malformed/no-entries.har': '{"log": {"version": "1.2"}}\n',
  'malformed/entry-without-url.har': har([
    { request: { method: 'GET', headers: [] }, response: { status: 200 } },
  ]),
  'malformed/bad-line.jsonl': `${JSON.stringify(allocations())}\n{"method": "GET", "url": "${QCI}/x", "status": 200, "body": {"access_token": "${SECRETS.issuedJwt}"\n`,
  'malformed/unknown-key.jsonl': `${JSON.stringify({ ...allocations(), reqBody: {} })}\n`,
  'malformed/bad-status.jsonl': `${JSON.stringify({ ...allocations(), status: '200' })}\n`,
};

export function buildFixtures() {
  return {
    'azure-pass.har': azurePass(),
    'azure-secrets.har': azureSecrets(),
    'qci-pass.jsonl': qciPass(),
    'qci-unknown-operation.jsonl': qciUnknownOperation(),
    'qci-invalid-request-body.jsonl': qciInvalidRequestBody(),
    'qci-invalid-response-body.har': qciInvalidResponseBody(),
    'qci-undeclared-status.jsonl': qciUndeclaredStatus(),
    'pasqal-invalid-response-body.har': pasqalInvalidResponseBody(),
    ...MALFORMED,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, content] of Object.entries(buildFixtures())) writeFileSync(join(FIXTURES, name), content);
}
