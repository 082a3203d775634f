// What every runtime of the matrix shares: finding its binary, running a process to its end, a free
// loopback port, and esbuild (the bench's, pinned) for the runtimes that run a bundle.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { repoRoot } from '../ensure-pnpm.mjs';

export const requireHere = createRequire(import.meta.url);
const glibc = Boolean(process.report?.getReport?.().header?.glibcVersionRuntime);
export const platform = { os: process.platform, cpu: process.arch === 'arm64' ? 'arm64' : 'x64', glibc };

/** The platform binary a wrapper package (`bun`, `deno`, `workerd`) would have installed. */
export function binaryOf(wrapper, platformPackage, file) {
  const fromWrapper = createRequire(join(dirname(requireHere.resolve(`${wrapper}/package.json`)), 'x.js'));
  return join(dirname(fromWrapper.resolve(`${platformPackage}/package.json`)), file);
}

/** esbuild's `build`, as the bench pins it. */
export function esbuild() {
  return createRequire(join(repoRoot, 'tools', 'bench', 'package.json'))('esbuild').build;
}

/** Runs `binary` in `cwd` to its end (at most two minutes); resolves with its exit and output. */
export function run(binary, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, {
      cwd,
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

/** A result for a tour that failed in this process (a thrown error), keeping what was printed. */
export function failed(stdout, error) {
  return { code: null, signal: null, stdout, stderr: `${error instanceof Error ? error.message : error}\n` };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
