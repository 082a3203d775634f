#!/usr/bin/env node
// `node scripts/pnpm.mjs <args>`: runs the pinned pnpm, installing it first when missing.
import { spawnSync } from 'node:child_process';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';

const env = ensurePnpm();
const result = spawnSync('pnpm', process.argv.slice(2), { stdio: 'inherit', env, cwd: repoRoot });
process.exit(result.status ?? 1);
