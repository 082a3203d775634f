#!/usr/bin/env node
// `node scripts/pnpm.mjs <args>`: runs the pinned pnpm, installing it first when missing.
import { spawnSync } from 'node:child_process';
import { ensurePnpm } from './ensure-pnpm.mjs';

const env = ensurePnpm();
const result = spawnSync('pnpm', process.argv.slice(2), { stdio: 'inherit', env });
process.exit(result.status ?? 1);
