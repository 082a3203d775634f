import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { measureBundles } from './bundles.js';
import { timeCodegen } from './codegen-time.js';
import { measure, type SamplingPlan } from './measure.js';
import { measureThroughput } from './mock-cloud/throughput.js';
import { checkProviderReads, createProviderReads, loadProviderBenches } from './providers.js';
import { bundleRows, codegenRows, overheadRows, renderTable, throughputRows, tokenRows } from './report.js';
import { acrossExpiry, coldBurst } from './token-counts.js';
import { allocationsTransport } from './transports.js';
import { checkVariants, createVariants } from './variants.js';

const USAGE =
  'usage: pnpm bench [--samples 20] [--calls 2000] [--warmup 3] [--concurrency 1000] [--clients 50] [--load-rounds 5] [--load-ms 1000]';

/** Runs every measurement and prints one table. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    // `pnpm bench -- --samples 5` may hand the `--` through.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      samples: { type: 'string', default: '20' },
      calls: { type: 'string', default: '2000' },
      warmup: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '50' },
      'load-rounds': { type: 'string', default: '5' },
      'load-ms': { type: 'string', default: '1000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const plan: SamplingPlan = {
    samples: positiveInteger('samples', values.samples),
    callsPerSample: positiveInteger('calls', values.calls),
    warmupRounds: positiveInteger('warmup', values.warmup, 0),
  };
  const concurrency = positiveInteger('concurrency', values.concurrency);
  const throughputPlan = {
    clients: positiveInteger('clients', values.clients),
    rounds: positiveInteger('load-rounds', values['load-rounds']),
    roundMs: positiveInteger('load-ms', values['load-ms'], 100),
  };

  // Everything runs in memory: a call that reaches the real fetch is a bug in the bench.
  const realFetch = globalThis.fetch;
  globalThis.fetch = async () => {
    throw new Error('bench: a variant used the global fetch instead of the in-memory transport');
  };
  try {
    const transport = allocationsTransport();
    const variants = createVariants(transport);
    await checkVariants(variants, transport);
    const benches = await loadProviderBenches();
    const reads = createProviderReads(benches);
    await checkProviderReads(reads);
    const perCall = await measure([...variants, ...reads.flatMap(({ raw, facade }) => [raw, facade])], plan);
    const cold = await coldBurst(concurrency);
    const expiry = await acrossExpiry(concurrency);
    globalThis.fetch = realFetch;
    const bundles = await measureBundles(benches);
    const codegen = await timeCodegen();
    const throughput = await measureThroughput(benches, throughputPlan);

    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    process.stdout.write(
      [
        `@qc/bench: Node ${process.version}, ${process.platform}/${process.arch}, ${cpu}`,
        `per-call overhead: ${plan.samples} samples × ${plan.callsPerSample} sequential calls per variant ` +
          `after ${plan.warmupRounds} warm-up rounds, variants interleaved in a new order each round`,
        'ratio rows: ratio of median per-call times [interquartile range of the per-round ratios], then ' +
          'the measured stack’s median per-call time; lower is better',
        '',
        renderTable([
          ...overheadRows(perCall, reads),
          ...tokenRows(cold, expiry),
          ...bundleRows(bundles),
          ...codegenRows(codegen),
          ...throughputRows(throughput),
        ]),
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    globalThis.fetch = realFetch;
  }
}

function positiveInteger(name: string, raw: string, min = 1): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer ≥ ${min}\n${USAGE}`);
  return value;
}
