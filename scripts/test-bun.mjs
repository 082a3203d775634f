#!/usr/bin/env node
// Runs the demo — every provider's job flow against the embedded mock cloud, Azure with Entra ID and
// with the workspace key — under Bun, from the built packages. Bun comes from the npm registry (the
// pinned `bun` devDependency); its platform binary is taken from the `@oven/bun-*` package directly,
// since pnpm does not run the `bun` package's install script.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from './ensure-pnpm.mjs';

function bunBinary() {
  const fromBun = createRequire(
    join(dirname(createRequire(import.meta.url).resolve('bun/package.json')), 'x.js'),
  );
  const libc = process.report?.getReport?.().header?.glibcVersionRuntime ? '' : '-musl';
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const platformPackage = `@oven/bun-${process.platform}-${arch}${process.platform === 'linux' ? libc : ''}`;
  const manifest = fromBun.resolve(`${platformPackage}/package.json`);
  return join(dirname(manifest), 'bin', process.platform === 'win32' ? 'bun.exe' : 'bun');
}

const bun = bunBinary();
const version = spawnSync(bun, ['--version'], { encoding: 'utf8' }).stdout.trim();
process.stdout.write(`Bun ${version}: the demo's job flows from the built packages\n`);
const result = spawnSync(bun, [join(repoRoot, 'tools', 'demo', 'dist', 'cli.js')], {
  cwd: repoRoot,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
// Every flow must have finished, the Azure job with the workspace key included (Bun once sent the key
// header's placeholder beside the real key).
const expected = [
  /Pasqal +\| batch .* \| DONE/,
  /QCi +\| sample-qubo .* \| COMPLETED/,
  /IonQ GHZ \(Entra\).*\| Succeeded/,
  /IonQ GHZ \(API key\).*\| Succeeded/,
];
const missing = expected.filter((pattern) => !pattern.test(result.stdout));
if (result.status !== 0 || missing.length > 0) {
  process.stderr.write(
    `✗ under Bun: exit ${result.status}; missing ${missing.map(String).join(', ') || 'nothing'}\n`,
  );
  process.exit(1);
}
process.stdout.write('✓ every job flow ran under Bun\n');
