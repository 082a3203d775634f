// `generate --check`: regenerates every target into a temporary directory and compares it with what
// is committed, so a spec edit that was not regenerated (or a hand edit of generated code) fails CI.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTarget, listFiles } from './generate.mjs';
import { displayPath } from './targets.mjs';

/** @returns {Promise<string[]>} human-readable problems; empty when everything matches */
export async function checkTargets(targets) {
  const problems = [];
  const scratch = await mkdtemp(join(tmpdir(), 'qc-codegen-'));
  try {
    for (const target of targets) {
      const fresh = join(scratch, target.name);
      const freshFiles = await generateTarget(target, fresh);
      const committedFiles = existsSync(target.generatedDir) ? listFiles(target.generatedDir) : [];
      const all = new Set([...freshFiles, ...committedFiles]);
      for (const file of [...all].sort()) {
        const shown = displayPath(join(target.generatedDir, file));
        if (!committedFiles.includes(file)) problems.push(`missing: ${shown}`);
        else if (!freshFiles.includes(file)) problems.push(`stale (no longer generated): ${shown}`);
        else if (
          readFileSync(join(fresh, file), 'utf8') !== readFileSync(join(target.generatedDir, file), 'utf8')
        ) {
          problems.push(`differs: ${shown}`);
        }
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return problems;
}
