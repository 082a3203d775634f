import { seededRandom } from '@qc/core/contract';
export interface SamplingPlan {
  /** Timed samples per variant; the median of them is reported. */
  samples: number;
  /** Sequential calls in one sample; a sample's time divided by this is its per-call time. */
  callsPerSample: number;
  /** Untimed rounds over every variant first, so the JIT has compiled the hot paths of all of them. */
  warmupRounds: number;
}

export interface Timed {
  id: string;
  call: () => Promise<unknown>;
}

/**
 * Per-call times in nanoseconds, `samples` of them per variant; the i-th sample of every variant comes
 * from the same round, so samples can be paired across variants.
 *
 * Variants are interleaved: each round runs one sample of every variant, in an order shuffled anew
 * each round (fixed seed, so runs are comparable). Slow drift (thermal throttling, another process
 * waking up) and "whoever runs after X pays for X's garbage" then spread over all variants instead of
 * landing on one. Garbage is not force-collected between samples: a forced full collection shrinks the
 * young generation and makes the next sample several times slower, which is not how a client runs.
 */
export async function measure(
  variants: readonly Timed[],
  plan: SamplingPlan,
): Promise<Map<string, number[]>> {
  const perCall = new Map(variants.map((variant) => [variant.id, [] as number[]]));
  const random = seededRandom(0x9e3779b9);
  for (let round = 0; round < plan.warmupRounds + plan.samples; round++) {
    for (const variant of shuffled(variants, random)) {
      const nanos = await timeSample(variant.call, plan.callsPerSample);
      if (round >= plan.warmupRounds) perCall.get(variant.id)?.push(nanos / plan.callsPerSample);
    }
  }
  return perCall;
}

async function timeSample(call: () => Promise<unknown>, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call();
  return Number(process.hrtime.bigint() - started);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Lower and upper quartile (nearest rank): how far samples spread around the median. */
export function quartiles(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return [at(0.25), at(0.75)];
}

/** Fisher–Yates shuffle into a new array. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
