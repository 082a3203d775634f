#!/usr/bin/env node
// pnpm generate            regenerate every package (through turbo: cached by spec content)
// pnpm generate --check    regenerate into a temporary directory; exit 1 listing files that differ
// qc-codegen --package P   regenerate one package directly (what each package's `generate` script runs)
import { spawnSync } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkTargets } from './check.mjs';
import { describeTarget, generateTarget } from './generate.mjs';
import { findTarget, loadTargets, repoRoot } from './targets.mjs';

const args = process.argv.slice(2);
const targets = loadTargets();

async function main() {
  if (args.includes('--check')) {
    const problems = await checkTargets(targets);
    if (problems.length > 0) {
      process.stderr.write(
        `Generated code is out of date with the specs (run \`pnpm generate\` and commit):\n${problems
          .map((p) => `  ${p}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    process.stdout.write(`Generated code matches the specs (${targets.length} package(s)).\n`);
    return 0;
  }

  const packageIndex = args.indexOf('--package');
  if (packageIndex !== -1) {
    const selector = args[packageIndex + 1];
    if (!selector) throw new Error('--package needs a package directory or target name');
    const target = findTarget(targets, selector);
    // Generate beside the destination, then swap, so a failed run never leaves a half-written folder.
    const staging = join(dirname(target.generatedDir), '.generated-staging');
    await generateTarget(target, staging);
    await rm(target.generatedDir, { recursive: true, force: true });
    await rename(staging, target.generatedDir);
    process.stdout.write(`generated ${describeTarget(target)}\n`);
    return 0;
  }

  if (args.length > 0) throw new Error(`unknown arguments: ${args.join(' ')}`);
  const { ensurePnpm } = await import(join(repoRoot, 'scripts', 'ensure-pnpm.mjs'));
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'turbo'), ['run', 'generate'], {
    stdio: 'inherit',
    cwd: repoRoot,
    env: ensurePnpm(),
  });
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // hey-api wraps parser errors; surface the innermost message (it names the spec line).
    const inner = error?.originalError?.error?.message ?? error?.originalError?.message;
    process.stderr.write(`codegen: ${inner ?? (error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  },
);
