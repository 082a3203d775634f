#!/usr/bin/env node
// `pnpm drift:azure -- --spec specs/azure-quantum.yaml --upstream quantum.json [--json]` (`--help`).
// Exit 0: no drift beyond the allow-list; 1: drift; 2: unusable input; 3: a bug in this tool.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AZURE_DRIFT_USAGE, type AzureDriftArgs, parseAzureDriftArgs } from './args.js';
import { checkDrift } from './check.js';
import { InputError } from './document.js';
import { renderText } from './render.js';

/** tools/azure-drift/allow.yaml, beside dist/ and src/. */
const DEFAULT_ALLOW_LIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'allow.yaml');

let args: AzureDriftArgs;
try {
  args = parseAzureDriftArgs(process.argv.slice(2));
} catch (error) {
  // Unknown flags and missing values are refused, never ignored.
  process.stderr.write(`${(error as Error).message}\n\n${AZURE_DRIFT_USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${AZURE_DRIFT_USAGE}\n`);
  process.exit(0);
}

try {
  const report = checkDrift({
    spec: args.spec,
    upstream: args.upstream,
    allow: args.allow === undefined ? DEFAULT_ALLOW_LIST : args.allow,
  });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  process.exitCode = report.summary.ok ? 0 : 1;
} catch (error) {
  if (error instanceof InputError) {
    process.stderr.write(`azure-drift: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    // A bug in this tool, not a finding about the specs: neither 1 nor 2.
    process.stderr.write(`azure-drift: internal error: ${String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = 3;
  }
}
