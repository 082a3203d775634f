import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const redocly = join(root, 'node_modules', '.bin', 'redocly');

function lint(operationExtras: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qc-spec-lint-'));
  const spec = join(dir, 'spec.yaml');
  writeFileSync(
    spec,
    `openapi: 3.1.0
info:
  title: t
  version: '1'
  license: { name: MIT, identifier: MIT }
servers:
  - url: https://api.example.test
security: []
paths:
  /things:
    get:
      operationId: listThings
      summary: List things
${operationExtras}
      responses:
        '200':
          description: ok
        '400':
          description: bad
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
`,
  );
  const result = spawnSync(
    redocly,
    ['lint', spec, '--config', join(root, 'redocly.yaml'), '--format=stylish'],
    {
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('qc/operation-security-declared', () => {
  it('fails an operation without security, even when the document has root-level security', () => {
    const { status, output } = lint('');
    expect(status).not.toBe(0);
    expect(output).toContain('qc/operation-security-declared');
  });

  it('fails `security: []` that is not marked public', () => {
    const { status, output } = lint('      security: []');
    expect(status).not.toBe(0);
    expect(output).toContain('is not marked `x-qc-public: true`');
  });

  it('fails an operation marked public that still declares credentials', () => {
    const { status, output } = lint('      security:\n        - bearerAuth: []\n      x-qc-public: true');
    expect(status).not.toBe(0);
    expect(output).toContain('declares credentials');
  });

  it('passes an operation with a security requirement, and an explicitly public one', () => {
    expect(lint('      security:\n        - bearerAuth: []').status).toBe(0);
    expect(lint('      security: []\n      x-qc-public: true').status).toBe(0);
  });
});
