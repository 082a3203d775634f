import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface CodegenTiming {
  targets: number;
  /** Generating every package from its spec, no cache, ms. */
  fullMs: number;
  /** `turbo run generate` when nothing changed (every task a cache hit), ms, median of 3. */
  cachedMs: number;
}

/** Times codegen for all specs, and the cached re-run through turbo. */
export async function timeCodegen(): Promise<CodegenTiming> {
  const { loadTargets } = await import(
    /* @vite-ignore */ pathToFileURL(join(repoRoot, 'tools', 'codegen', 'src', 'targets.mjs')).href
  );
  const { generateTarget } = await import(
    /* @vite-ignore */ pathToFileURL(join(repoRoot, 'tools', 'codegen', 'src', 'generate.mjs')).href
  );
  const targets = loadTargets() as { name: string }[];
  const scratch = mkdtempSync(join(tmpdir(), 'qc-bench-codegen-'));
  try {
    const started = performance.now();
    for (const target of targets) await generateTarget(target, join(scratch, target.name));
    const fullMs = performance.now() - started;

    const turbo = join(repoRoot, 'node_modules', '.bin', 'turbo');
    const { ensurePnpm } = await import(
      /* @vite-ignore */ pathToFileURL(join(repoRoot, 'scripts', 'ensure-pnpm.mjs')).href
    );
    const env = ensurePnpm();
    const runTurbo = () => {
      const t = performance.now();
      execFileSync(turbo, ['run', 'generate', '--output-logs=none'], { cwd: repoRoot, env, stdio: 'ignore' });
      return performance.now() - t;
    };
    runTurbo(); // fills the cache if the working tree changed since the last run
    const cached = [runTurbo(), runTurbo(), runTurbo()].sort((a, b) => a - b);
    return { targets: targets.length, fullMs, cachedMs: cached[1] ?? Number.NaN };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
