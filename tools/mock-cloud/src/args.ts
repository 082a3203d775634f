import { parseArgs } from 'node:util';

export const MOCK_CLOUD_USAGE = `usage: qc-mock-cloud [--port N]

Serves every qc package's stateful mock on http://127.0.0.1:N until interrupted.

  --port N, --port=N   the port (default 4010; 0 picks a free one)
  --tls                serve https with a certificate made at start; the CA file to trust is printed
  --help               this text`;

/** What the command line asked for: a port, or the usage text. An error names what was wrong. */
export function parseMockCloudArgs(
  argv: readonly string[],
): { help: true } | { help: false; port: number; tls: boolean } {
  const { values } = parseArgs({
    // `pnpm demo -- --live` hands the `--` through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: { port: { type: 'string' }, tls: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (values.port !== undefined && !/^\d+$/.test(values.port))
    throw new Error(`--port must be a number, got "${values.port}"`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be from 0 to 65535');
  return { help: false, port, tls: values.tls === true };
}
