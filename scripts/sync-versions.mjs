#!/usr/bin/env node
// After `changeset version` has bumped package.json files: writes each provider package's version
// into its src/version.ts (the User-Agent's source), so a release never names the previous version.
// `pnpm release:version` runs both.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './ensure-pnpm.mjs';

let changed = 0;
for (const dir of readdirSync(join(repoRoot, 'packages'))) {
  const file = join(repoRoot, 'packages', dir, 'src', 'version.ts');
  if (!existsSync(file)) continue;
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8'));
  const before = readFileSync(file, 'utf8');
  // One field a line, each under its doc comment (see packages/*/src/version.ts).
  const after = before
    .replace(/^(\s*name: ')[^']+(',)$/m, `$1${name}$2`)
    .replace(/^(\s*version: ')[^']+(',)$/m, `$1${version}$2`);
  if (after !== before) {
    writeFileSync(file, after);
    changed += 1;
    process.stdout.write(`${name}: src/version.ts → ${version}\n`);
  }
}
process.stdout.write(`${changed} version file(s) updated\n`);
