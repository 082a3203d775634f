#!/usr/bin/env node
// Runs the demo's tour — every provider's job flow, Azure with Entra ID and with the workspace key —
// under Bun and under Deno, from the built packages, against a mock cloud served by this Node process.
// Deno runs without environment access (`--allow-env` is not given): the packages must not need it.
// Both runtimes come from the npm registry (pinned devDependencies); their platform binaries are taken
// from the `@oven/bun-*` and `@deno/*` packages directly, since pnpm does not run the wrapper
// packages' install scripts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './ensure-pnpm.mjs';

const requireHere = createRequire(import.meta.url);
const glibc = Boolean(process.report?.getReport?.().header?.glibcVersionRuntime);
const cpu = process.arch === 'arm64' ? 'arm64' : 'x64';

/** The platform binary a wrapper package (`bun`, `deno`) would have installed. */
function binaryOf(wrapper, platformPackage, file) {
  const fromWrapper = createRequire(join(dirname(requireHere.resolve(`${wrapper}/package.json`)), 'x.js'));
  return join(dirname(fromWrapper.resolve(`${platformPackage}/package.json`)), file);
}

const demo = join(repoRoot, 'tools', 'demo', 'dist', 'cli.js');
const runtimes = [
  {
    name: 'Bun',
    binary: () =>
      binaryOf(
        'bun',
        `@oven/bun-${process.platform}-${cpu === 'arm64' ? 'aarch64' : 'x64'}${process.platform === 'linux' && !glibc ? '-musl' : ''}`,
        'bin/bun',
      ),
    args: (targets) => [demo, '--targets', targets],
  },
  {
    name: 'Deno',
    binary: () =>
      binaryOf(
        'deno',
        `@deno/${process.platform}-${cpu}${process.platform === 'linux' ? '-glibc' : ''}`,
        'deno',
      ),
    args: (targets) => [
      'run',
      '--no-prompt',
      '--allow-net=127.0.0.1',
      '--allow-read',
      demo,
      '--targets',
      targets,
    ],
  },
];

// Every flow must have finished, the Azure job with the workspace key included (Bun once sent the key
// header's placeholder beside the real key; Deno refused hey-api's `client` option in every request).
const expected = [
  /Pasqal +\| batch .* \| DONE/,
  /QCi +\| sample-qubo .* \| COMPLETED/,
  /IonQ GHZ \(Entra\).*\| Succeeded/,
  /IonQ GHZ \(API key\).*\| Succeeded/,
];

function run(binary, args) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, {
      cwd: join(repoRoot, 'tools', 'demo'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // A tour takes seconds; a process that does not exit by itself after it is a failure too.
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (error) => {
      clearTimeout(guard);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}\n` });
    });
    // 'close', not 'exit': the output pipes may still hold the summary when the process exits.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const { startMockCloud } = await import(
  pathToFileURL(join(repoRoot, 'tools', 'mock-cloud', 'dist', 'index.js')).href
);
const { mockCloudTargets } = await import(
  pathToFileURL(join(repoRoot, 'tools', 'demo', 'dist', 'mock-targets.js')).href
);
const scratch = mkdtempSync(join(tmpdir(), 'qc-runtimes-'));
let failed = false;
try {
  for (const runtime of runtimes) {
    // A fresh mock cloud per runtime: its jobs and tokens start from scratch.
    const cloud = await startMockCloud();
    const targets = join(scratch, `${runtime.name}.json`);
    writeFileSync(targets, JSON.stringify(mockCloudTargets(cloud.services)));
    try {
      const binary = runtime.binary();
      const version = (await run(binary, ['--version'])).stdout.trim().split('\n')[0];
      process.stdout.write(`\n=== ${runtime.name} (${version}): the tour from the built packages\n`);
      const result = await run(binary, runtime.args(targets));
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      const missing = expected.filter((pattern) => !pattern.test(result.stdout));
      if (result.code !== 0 || missing.length > 0) {
        process.stderr.write(
          `✗ under ${runtime.name}: exit ${result.code ?? result.signal}; missing ${missing.map(String).join(', ') || 'nothing'}\n`,
        );
        failed = true;
      } else process.stdout.write(`✓ every job flow ran under ${runtime.name}\n`);
    } finally {
      await cloud.close();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
