import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { LoadedBench } from './providers.js';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(benchDir, '..', '..');

interface Program {
  id: string;
  label: string;
  file: string;
  targetKb?: number;
  comparedWith?: string;
}

/** The programs bundled: each benched provider's, followed by the one it is compared with, if any. */
function programsOf(benches: readonly LoadedBench[]): Program[] {
  return benches.flatMap(({ dir, program: { label, targetKb, comparedWith } }) => [
    { id: dir, label, file: `${dir}-job.ts`, targetKb, comparedWith: comparedWith?.id },
    ...(comparedWith === undefined ? [] : [comparedWith]),
  ]);
}

export interface BundleResult {
  id: string;
  label: string;
  /** Most min+gzip KB; undefined: shown for comparison only. */
  targetKb?: number;
  /** The id of the result it is compared with. */
  comparedWith?: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Median wall time of `await import(bundle)` in a fresh Node process, ms. */
  importMs: number;
  /** Median of a fresh Node process importing nothing, ms (subtract for the bundle's own cost). */
  baselineMs: number;
}

// Workspace packages resolve to their sources, as in the tests: no build needed, same code as shipped.
const aliases = Object.fromEntries(
  readdirSync(join(repoRoot, 'packages')).map((name) => [
    `@qc/${name}`,
    join(repoRoot, 'packages', name, 'src', 'index.ts'),
  ]),
);

/** Bundles each program with the same esbuild settings (ESM, minified, tree-shaken, for Node). */
export async function measureBundles(
  benches: readonly LoadedBench[],
  importRuns = 7,
): Promise<BundleResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'qc-bench-bundles-'));
  try {
    const results: BundleResult[] = [];
    const baselineMs = medianImport(undefined, importRuns);
    for (const program of programsOf(benches)) {
      const entry = join(benchDir, 'programs', program.file);
      if (!existsSync(entry))
        throw new Error(`the bench has no program tools/bench/programs/${program.file}`);
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
        ...program,
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
