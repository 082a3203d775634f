import { parseArgs } from 'node:util';

export const DEMO_USAGE = `usage: qc-demo [--live | --targets FILE]

Runs every provider's job flow and prints a summary.

  (no flag)            against a mock cloud started in this process
  --live               against the real clouds, credentials from the environment (see the README)
  --targets FILE       against a mock cloud started elsewhere, FILE holding its targets as JSON
  --help               this text`;

export type DemoMode =
  | { mode: 'help' }
  | { mode: 'embedded' }
  | { mode: 'live' }
  | { mode: 'targets'; file: string };

/** What the command line asked for; an unknown flag or a bad combination throws, naming it. */
export function parseDemoArgs(argv: readonly string[]): DemoMode {
  const { values } = parseArgs({
    // `pnpm demo -- --live` hands the `--` through.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      live: { type: 'boolean' },
      targets: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { mode: 'help' };
  if (values.live && values.targets !== undefined) throw new Error('--live and --targets cannot be combined');
  if (values.live) return { mode: 'live' };
  if (values.targets !== undefined) return { mode: 'targets', file: values.targets };
  return { mode: 'embedded' };
}
