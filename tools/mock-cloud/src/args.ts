import { parseArgs } from 'node:util';

export const MOCK_CLOUD_USAGE = `usage: qc-mock-cloud [--port N] [--tls] [--validate-responses sampled|all|off] [--max-body-mb N]

Serves every qc package's stateful mock on http://127.0.0.1:N until interrupted.

  --port N, --port=N        the port (default 4010; 0 picks a free one)
  --tls                     serve https with a certificate made at start; the CA file to trust is printed
  --validate-responses M    check the mocks' answers against the specs: the first ones of every
                            operation and status, then one in 16 (sampled, the default), every one
                            (all), or none (off); an answer that breaks its spec is a 500
  --max-body-mb N           the largest request body read, in MiB (default 32); larger ones get 413
  --help                    this text`;

export type ResponseValidation = 'sampled' | 'all' | 'off';

export interface MockCloudArgs {
  help: false;
  port: number;
  tls: boolean;
  validateResponses: ResponseValidation;
  maxBodyBytes: number;
}

/** What the command line asked for, or the usage text. An error names what was wrong. */
export function parseMockCloudArgs(argv: readonly string[]): { help: true } | MockCloudArgs {
  const { values } = parseArgs({
    // `pnpm demo -- --live` hands the `--` through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      port: { type: 'string' },
      tls: { type: 'boolean' },
      'validate-responses': { type: 'string' },
      'max-body-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (values.port !== undefined && !/^\d+$/.test(values.port))
    throw new Error(`--port must be a number, got "${values.port}"`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be from 0 to 65535');
  const validateResponses = values['validate-responses'] ?? 'sampled';
  if (validateResponses !== 'sampled' && validateResponses !== 'all' && validateResponses !== 'off') {
    throw new Error(`--validate-responses must be sampled, all or off, got "${validateResponses}"`);
  }
  const maxBodyMb = values['max-body-mb'] === undefined ? 32 : Number(values['max-body-mb']);
  if (!/^\d+$/.test(String(values['max-body-mb'] ?? '32')) || maxBodyMb < 1 || maxBodyMb > 4096) {
    throw new Error(`--max-body-mb must be a whole number from 1 to 4096, got "${values['max-body-mb']}"`);
  }
  return {
    help: false,
    port,
    tls: values.tls === true,
    validateResponses,
    maxBodyBytes: maxBodyMb * 1024 * 1024,
  };
}
