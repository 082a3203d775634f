// A traffic report is meant to be pasted into an issue: it must never carry a credential. The fixture
// azure-secrets.har plants one in every place a recording holds them (Authorization, cookies, an API key
// header and path, SAS and presigned URL queries, a form body, a token response, bodies beside
// mismatches, an error page); the report must describe those exchanges and print none of the values.
import { readFileSync } from 'node:fs';
import { expectNoSecrets } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import type { VerificationReport } from '../src/report.js';
import { SECRETS } from './build-fixtures.mjs';
import { fixture, runCli, spec } from './run-cli.js';

const HAR = fixture('azure-secrets.har');
const secrets = Object.values(SECRETS);
const baseUrl = `https://someone:${SECRETS.baseUrlPassword}@eastus.quantum.azure.com/`;
const args = ['--spec', spec('azure-quantum'), '--traffic', HAR, '--base-url', baseUrl];

describe('no secret reaches the output', () => {
  it('the fixture really holds every secret (else the checks below prove nothing)', () => {
    const har = readFileSync(HAR, 'utf8');
    for (const [name, secret] of Object.entries(SECRETS)) {
      if (name === 'baseUrlPassword') continue;
      // JSON-escaped or URL-encoded, as the HAR carries it.
      expect(
        [secret, encodeURIComponent(secret)].some((form) => har.includes(form)),
        name,
      ).toBe(true);
    }
  });

  it('in the text report, which still describes every exchange that carried one', async () => {
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expectNoSecrets(`${run.stdout}\n${run.stderr}`, secrets);
    const out = run.stdout;
    expect(out).toContain('base URL https://eastus.quantum.azure.com/');
    expect(out).toContain(
      "2 outside the spec's servers, not checked: login.microsoftonline.com 1, results.s3.eu-west-3.amazonaws.com 1",
    );
    // The SAS route: query names, never values; the key in a path: an {id}.
    expect(out).toContain('/workspaces/myworkspace/jobs/{id}/outputData?api-version&sig&se');
    expect(out).toContain('/workspaces/myworkspace/keys/{id}?api-version');
    // The rule broken, not the value that broke it.
    expect(out).toContain('✗ request body /containerName  must match the pattern ^[a-z0-9]');
    expect(out).toContain('✗ response 200 body /id  is required');
    // The error page's excerpt, its bearer token and password redacted.
    expect(out).toContain(
      '✗ response 502 body  is not valid JSON; it begins: 502 Bearer REDACTED password=REDACTED',
    );
    // A short enum value is shown: it is what a spec fix needs.
    expect(out).toContain(
      '✗ query parameter "api-version"  must be one of "2026-01-15-preview" (got "2025-12-01-preview")',
    );
  });

  it('in the JSON report', async () => {
    const run = await runCli([...args, '--json']);
    expect(run.code).toBe(1);
    expectNoSecrets(`${run.stdout}\n${run.stderr}`, secrets);
    const report = JSON.parse(run.stdout) as VerificationReport;
    expect(report.summary.mismatching).toBe(6);
    expect(report.baseUrls).toEqual(['https://eastus.quantum.azure.com/']);
    expect(report.mismatches.flatMap((m) => m.issues.map((i) => i.got)).filter(Boolean)).toEqual([
      '"2025-12-01-preview"',
    ]);
  });
});
