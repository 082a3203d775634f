import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(benchDir, '..', '..');

/** The programs compared: ours per provider, and the Azure SDK route for the same Azure job. */
export const PROGRAMS = [
  { id: 'qci', label: 'QCi job (@qc/qci)', file: 'qci-job.ts' },
  { id: 'pasqal', label: 'Pasqal batch (@qc/pasqal)', file: 'pasqal-job.ts' },
  { id: 'azure', label: 'Azure Quantum job (@qc/azure-quantum)', file: 'azure-quantum-job.ts' },
  {
    id: 'azureSdk',
    label: 'Azure job via @azure/identity + @azure/storage-blob',
    file: 'azure-sdk-route.ts',
  },
] as const;

export interface BundleResult {
  id: string;
  label: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Median wall time of `await import(bundle)` in a fresh Node process, ms. */
  importMs: number;
  /** Median of a fresh Node process importing nothing, ms (subtract for the bundle's own cost). */
  baselineMs: number;
}

// Workspace packages resolve to their sources, as in the tests: no build needed, same code as shipped.
const aliases = Object.fromEntries(
  ['core', 'auth', 'qci', 'pasqal', 'azure-quantum', 'azure-quantum-arm'].map((name) => [
    `@qc/${name}`,
    join(repoRoot, 'packages', name, 'src', 'index.ts'),
  ]),
);

/** Bundles each program with the same esbuild settings (ESM, minified, tree-shaken, for Node). */
export async function measureBundles(importRuns = 7): Promise<BundleResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'qc-bench-bundles-'));
  try {
    const results: BundleResult[] = [];
    const baselineMs = medianImport(undefined, importRuns);
    for (const program of PROGRAMS) {
      const entry = join(benchDir, 'programs', program.file);
      if (!existsSync(entry)) continue;
      const outfile = join(out, `${program.id}.mjs`);
      await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outfile,
        alias: aliases,
        legalComments: 'none',
        // CommonJS dependencies (the Azure SDK's) call require() for Node built-ins: give the ESM
        // bundle one. Same banner for every program, so sizes stay comparable.
        banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
        logLevel: 'silent',
      });
      const code = readFileSync(outfile);
      results.push({
        id: program.id,
        label: program.label,
        minifiedBytes: code.length,
        gzipBytes: gzipSync(code, { level: 9 }).length,
        importMs: medianImport(outfile, importRuns),
        baselineMs,
      });
    }
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function medianImport(file: string | undefined, runs: number): number {
  const script = join(tmpdir(), `qc-bench-import-${process.pid}.mjs`);
  writeFileSync(
    script,
    `const t = performance.now();\n${file ? `await import(${JSON.stringify(`file://${file}`)});\n` : ''}process.stdout.write(String(performance.now() - t));\n`,
  );
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, [script], { encoding: 'utf8' })));
  }
  rmSync(script, { force: true });
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
