#!/usr/bin/env node
// `node scripts/with-pnpm.mjs <command> <args>`: runs a command with the pinned pnpm on PATH, so
// tools that shell out to the package manager (turbo) work when started from plain npm.
import { spawnSync } from 'node:child_process';
import { ensurePnpm } from './ensure-pnpm.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node scripts/with-pnpm.mjs <command> [args...]\n');
  process.exit(2);
}
const result = spawnSync(command, args, { stdio: 'inherit', env: ensurePnpm() });
process.exit(result.status ?? 1);
