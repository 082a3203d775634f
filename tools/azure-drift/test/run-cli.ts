import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(TOOL, '..', '..');
export const CLI = join(TOOL, 'dist', 'cli.js');
export const fixture = (name: string) => join(TOOL, 'test', 'fixtures', name);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command in a process of its own, as a user does. */
export function runCli(args: readonly string[]): Promise<CliRun> {
  if (!existsSync(CLI)) {
    throw new Error('tools/azure-drift/dist is missing: build first (pnpm build, or turbo run build)');
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
