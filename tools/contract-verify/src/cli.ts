#!/usr/bin/env node
// `pnpm verify:traffic -- --spec specs/x.yaml --traffic traffic.har [--base-url URL] [--json]`
// (`--help` for usage). Exit 0: every checked exchange matches; 1: mismatches; 2: unusable input;
// 3: a bug in this tool.
import { redactCredentials } from '@qc/core';
import { CONTRACT_VERIFY_USAGE, type ContractVerifyArgs, parseContractVerifyArgs } from './args.js';
import { InputError } from './exchange.js';
import { renderText } from './render.js';
import { verifyTraffic } from './verify-traffic.js';

let args: ContractVerifyArgs;
try {
  args = parseContractVerifyArgs(process.argv.slice(2));
} catch (error) {
  // Unknown flags and missing values are refused, never ignored.
  process.stderr.write(`${(error as Error).message}\n\n${CONTRACT_VERIFY_USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${CONTRACT_VERIFY_USAGE}\n`);
  process.exit(0);
}

try {
  const report = verifyTraffic({ spec: args.spec, traffic: args.traffic, baseUrls: args.baseUrls });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  process.exitCode = report.summary.ok ? 0 : 1;
} catch (error) {
  if (error instanceof InputError) {
    process.stderr.write(`contract-verify: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    // A bug in this tool, not a finding about the traffic: neither 1 nor 2.
    process.stderr.write(
      `contract-verify: internal error: ${redactCredentials(String((error as Error)?.stack ?? error))}\n`,
    );
    process.exitCode = 3;
  }
}
