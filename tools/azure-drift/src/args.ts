import { parseArgs } from 'node:util';

export const AZURE_DRIFT_USAGE = `usage: qc-azure-drift --spec FILE --upstream FILE [--allow FILE | --no-allow] [--json]

Compares one of qc's Azure specs (OpenAPI 3.1) with Microsoft's published swagger for the same
surface (azure-rest-api-specs: Swagger 2.0 JSON; OpenAPI 3 is read too) and lists the drift:
operations either side lacks, parameters, request and response body properties we lack, response
statuses we lack, enum values we lack, enums and objects we close where upstream leaves them open,
and the api-version. Drift the allow-list names, with its reason, is shown apart and does not fail.

  --spec FILE       our spec, e.g. specs/azure-quantum.yaml or specs/azure-quantum-arm.yaml
  --upstream FILE   Microsoft's file, e.g. a copy of
                    specification/quantum/data-plane/Quantum/preview/<version>/quantum.json
                    (relative $refs such as ARM's common-types are read when the files are beside
                    it, as in a checkout of azure-rest-api-specs)
  --allow FILE      the allow-list (default: tools/azure-drift/allow.yaml)
  --no-allow        report every difference, allowed or not
  --json            the report as JSON on stdout
  --help            this text

Exit status: 0 no drift beyond the allow-list; 1 drift; 2 bad arguments, or a spec, upstream file
or allow-list that cannot be read or is not of the expected form; 3 a bug in this tool.`;

export type AzureDriftArgs =
  | { help: true }
  | { help: false; spec: string; upstream: string; allow: string | null | undefined; json: boolean };

/** What the command line asked for; an error names what was wrong. `allow`: undefined = the default. */
export function parseAzureDriftArgs(argv: readonly string[]): AzureDriftArgs {
  const { values } = parseArgs({
    // `pnpm drift:azure -- --spec …` hands the `--` through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      spec: { type: 'string' },
      upstream: { type: 'string' },
      allow: { type: 'string' },
      'no-allow': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  if (values.spec === undefined || values.spec === '') throw new Error('--spec is required');
  if (values.upstream === undefined || values.upstream === '') throw new Error('--upstream is required');
  if (values.allow !== undefined && values['no-allow'])
    throw new Error('--allow and --no-allow exclude each other');
  if (values.allow === '') throw new Error('--allow needs a file');
  return {
    help: false,
    spec: values.spec,
    upstream: values.upstream,
    allow: values['no-allow'] ? null : values.allow,
    json: values.json === true,
  };
}
