import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTargets } from '../src/check.mjs';
import { GENERATED_HEADER, listFiles } from '../src/generate.mjs';
import { loadTargets } from '../src/targets.mjs';

const targets = loadTargets();
const qci = targets.find((t) => t.name === 'qci');
if (!qci) throw new Error('targets.json lost the qci target');

describe('generate --check', () => {
  it('passes on the committed generated code', async () => {
    expect(await checkTargets(targets)).toEqual([]);
  });

  it('fails, naming the files, after a spec edit that was not regenerated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qc-codegen-test-'));
    const spec = join(dir, 'qci.yaml');
    writeFileSync(
      spec,
      readFileSync(qci.specPath, 'utf8').replace(
        'summary: Health of the token service',
        'summary: Health of the token service (edited)',
      ),
    );
    const problems = await checkTargets([{ ...qci, specPath: spec }]);
    expect(problems).toContain('differs: packages/qci/src/generated/sdk.gen.ts');
    expect(problems).toContain('differs: packages/qci/src/generated/paths.gen.ts');
  });

  it('fails on a hand edit of a generated file and on a stray file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qc-codegen-test-'));
    const generated = join(dir, 'generated');
    cpSync(qci.generatedDir, generated, { recursive: true });
    writeFileSync(
      join(generated, 'types.gen.ts'),
      `${readFileSync(join(generated, 'types.gen.ts'), 'utf8')}\n// edit\n`,
    );
    writeFileSync(join(generated, 'extra.ts'), 'export {};\n');
    const problems = await checkTargets([{ ...qci, generatedDir: generated }]);
    expect(problems.some((p) => p.startsWith('differs:') && p.endsWith('types.gen.ts'))).toBe(true);
    expect(problems.some((p) => p.startsWith('stale') && p.endsWith('extra.ts'))).toBe(true);
  });

  it('marks every generated file as generated', () => {
    for (const file of listFiles(qci.generatedDir)) {
      const text = readFileSync(join(qci.generatedDir, file), 'utf8');
      expect(text.startsWith(GENERATED_HEADER[0]?.replace('%SPEC%', qci.spec) ?? '?'), file).toBe(true);
    }
  });
});
