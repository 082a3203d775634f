// Per-call overhead of each provider facade's typical read, against raw fetch of the same URL over the
// same in-memory transport (token cached), for every provider the list has the bench measure. The
// bodies are the recorded fixtures, so each facade parses what the real service sends.
import { benchedProviders } from '@qc/provider-list';
import type { MeasuredCall, ProviderBench } from './provider-bench.js';

export interface LoadedBench extends ProviderBench {
  /** The provider's dir: its program is programs/<dir>-job.ts. */
  dir: string;
}

/** Every benched provider's part of the bench, in the provider list's order. */
export async function loadProviderBenches(): Promise<LoadedBench[]> {
  return Promise.all(
    benchedProviders().map(async ({ dir }) => {
      // Vite's module runner loads the one file (a template would make Vite glob `.js` files).
      const module = (await import(/* @vite-ignore */ `./providers/${dir}.ts`)) as { bench?: ProviderBench };
      if (module.bench === undefined) throw new Error(`tools/bench/src/providers/${dir}.ts exports no bench`);
      return { dir, ...module.bench };
    }),
  );
}

export interface ProviderRead {
  raw: MeasuredCall & { id: string };
  facade: MeasuredCall & { id: string };
}

export function createProviderReads(benches: readonly LoadedBench[]): ProviderRead[] {
  return benches.flatMap(({ dir, read }) => {
    if (read === null) return [];
    const { raw, facade } = read();
    return [{ raw: { ...raw, id: `${dir}.raw` }, facade: { ...facade, id: `${dir}.facade` } }];
  });
}

/** Calls each read once; one that skipped authentication or parsing would look fast. */
export async function checkProviderReads(reads: readonly ProviderRead[]): Promise<void> {
  for (const call of reads.flatMap(({ raw, facade }) => [raw, facade])) {
    if (!call.check(await call.call())) throw new Error(`bench variant ${call.id} is broken`);
  }
}
