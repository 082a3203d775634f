import { parseArgs } from 'node:util';

export const CONTRACT_VERIFY_USAGE = `usage: qc-contract-verify --spec FILE --traffic FILE [--base-url URL]... [--json]

Checks recorded traffic against an OpenAPI spec, with the validator the mocks use: which operation
each request is, its parameters and body, whether its status is declared, and its response body.
Prints JSON paths and schema rules, never header, body or query values.

  --spec FILE       the spec, e.g. specs/azure-quantum.yaml
  --traffic FILE    a HAR file (browser devtools, mitmproxy) or JSON lines, one exchange a line:
                    {"method","url","status","body"?,"requestBody"?,"requestHeaders"?,"responseHeaders"?}
  --base-url URL    a prefix to strip before the spec's paths, beside the spec's servers (a proxy,
                    the mock cloud); may be given more than once
  --json            the report as JSON on stdout
  --help            this text

Exit status: 0 every checked exchange matches; 1 a mismatch, or nothing was under the spec's
servers; 2 bad arguments or an unreadable spec or traffic file; 3 a bug in this tool.`;

export type ContractVerifyArgs =
  | { help: true }
  | { help: false; spec: string; traffic: string; baseUrls: string[]; json: boolean };

/** What the command line asked for; an error names what was wrong. */
export function parseContractVerifyArgs(argv: readonly string[]): ContractVerifyArgs {
  const { values } = parseArgs({
    // `pnpm verify:traffic -- --spec …` hands the `--` through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      spec: { type: 'string' },
      traffic: { type: 'string' },
      'base-url': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  if (values.spec === undefined || values.spec === '') throw new Error('--spec is required');
  if (values.traffic === undefined || values.traffic === '') throw new Error('--traffic is required');
  return {
    help: false,
    spec: values.spec,
    traffic: values.traffic,
    baseUrls: values['base-url'] ?? [],
    json: values.json === true,
  };
}
