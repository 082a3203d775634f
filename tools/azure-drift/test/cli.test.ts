// The command as users run it: exit codes, usage, text grouped by kind, JSON.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAzureDriftArgs } from '../src/args.js';
import type { DriftReport } from '../src/drift.js';
import { fixture, runCli } from './run-cli.js';

const pair = ['--spec', fixture('ours.yaml'), '--upstream', fixture('upstream.json')];

describe('arguments', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: qc-azure-drift --spec FILE --upstream FILE/);
    expect(run.stdout).toContain('Exit status: 0');
  });

  it('an unknown flag is refused with the usage (exit 2)', async () => {
    const run = await runCli([...pair, '--strict']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--strict'");
    expect(run.stderr).toContain('usage: qc-azure-drift');
    expect(run.stdout).toBe('');
  });

  it('--spec and --upstream are required; --allow and --no-allow exclude each other', () => {
    expect(() => parseAzureDriftArgs(['--upstream', 'u'])).toThrow('--spec is required');
    expect(() => parseAzureDriftArgs(['--spec', 's'])).toThrow('--upstream is required');
    expect(() =>
      parseAzureDriftArgs(['--spec', 's', '--upstream', 'u', '--allow', 'a', '--no-allow']),
    ).toThrow(/exclude/);
    expect(parseAzureDriftArgs(['--', '--spec', 's', '--upstream', 'u', '--no-allow'])).toEqual({
      help: false,
      spec: 's',
      upstream: 'u',
      allow: null,
      json: false,
    });
  });
});

describe('exit status', () => {
  it('1 and a text report grouped by kind when there is drift', async () => {
    const run = await runCli([...pair, '--allow', fixture('allow.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'Operations upstream has that we lack (1) [operation-missing]\n  Widgets_Archive  POST /api/widgets/{widgetId}:archive',
    );
    expect(run.stdout).toContain('Enum values we lack (1) [enum-value-missing]\n  ItemKind: Gadget');
    expect(run.stdout).toMatch(/Allowed by .*allow\.yaml \(6\)/);
    expect(run.stdout).toContain('reason: Blue widgets are not sold where we are.');
    expect(run.stdout).toContain(
      'Allow-list entries that matched nothing (1): remove them\n  kind=status-missing operation=Widgets_Nothing',
    );
    expect(run.stdout).toContain('./elsewhere.json#/definitions/RenameResult');
    expect(run.stdout).toMatch(/26 difference\(s\) not in the allow-list \(6 allowed\)\.\n$/);
  });

  it('0 when the allow-list covers everything; --json gives the whole report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azure-drift-'));
    const file = join(dir, 'allow.yaml');
    const first = await runCli([...pair, '--no-allow', '--json']);
    expect(first.code).toBe(1);
    const drifted = JSON.parse(first.stdout) as DriftReport;
    const kinds = [...new Set(drifted.drift.map((d) => d.kind))];
    writeFileSync(
      file,
      `allow:\n${kinds.map((k) => `  - kind: ${k}\n    reason: Deliberate, for this test only.\n`).join('')}`,
    );
    const run = await runCli([...pair, '--allow', file, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.summary).toEqual({ ok: true, drift: 0, allowed: drifted.drift.length, byKind: {} });
    expect(report.upstream).toMatchObject({ version: '2030-01-01-preview', format: 'swagger2' });
  });

  it('2 for a file that is not an API document, or our spec in Swagger 2.0', async () => {
    const notApi = await runCli(['--spec', fixture('ours.yaml'), '--upstream', fixture('allow.yaml')]);
    expect(notApi.code).toBe(2);
    expect(notApi.stderr).toMatch(/^azure-drift: .*allow\.yaml: not an OpenAPI or Swagger document/);
    const swaggerOurs = await runCli([
      '--spec',
      fixture('upstream.json'),
      '--upstream',
      fixture('upstream.json'),
    ]);
    expect(swaggerOurs.code).toBe(2);
    expect(swaggerOurs.stderr).toContain('our spec must be OpenAPI 3.x');
    const missing = await runCli(['--spec', fixture('nope.yaml'), '--upstream', fixture('upstream.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the spec');
  });

  it('the default allow-list (tools/azure-drift/allow.yaml) is read when no --allow is given', async () => {
    const run = await runCli([...pair, '--json']);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.allowList).toMatch(/tools[\\/]azure-drift[\\/]allow\.yaml$/);
    // Its one entry without `spec` (object-closed) applies to any spec.
    expect(report.allowed.map((d) => d.kind)).toEqual(['object-closed']);
  });
});
