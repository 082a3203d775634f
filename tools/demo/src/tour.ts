import type { MockCloudServices } from '@qc/mock-cloud';
import type { SummaryRow } from './report.js';

/**
 * One provider's part of the demo: tools/demo/src/tours/<dir>.ts exports one as `tour`, <dir> being
 * the provider's entry in the provider list. Tours run in Node, Bun, Deno, workerd and a page, so a
 * tour imports the provider packages and nothing else at run time (the mock cloud only as types).
 */
export interface Tour<Target, PageTarget = Target> {
  /** Its column in the runtime matrix. */
  name: string;
  /** Summary rows a run against the mock cloud prints: the runtime matrix looks for each. */
  proves: readonly RegExp[];
  /** Its targets on a mock cloud: URLs and demo credentials. */
  fromMockCloud(services: MockCloudServices): Target;
  /**
   * `--live`: the environment variables it reads, and its targets from them (`value`: a variable
   * trimmed, '' when unset; an error says what is wrong).
   */
  live: {
    required: readonly string[];
    optional: readonly string[];
    targets(value: (name: string) => string): Target;
  };
  run(target: Target): Promise<SummaryRow[]>;
  /** What a web page runs, with only what a page may hold (no password, no client secret); null: none. */
  page: PageTour<PageTarget> | null;
}

export interface PageTour<Target> {
  proves: readonly RegExp[];
  /** Its targets on a mock cloud, made in Node beside the mock cloud (a token may be fetched for it). */
  fromMockCloud(services: MockCloudServices): Promise<Target>;
  run(target: Target): Promise<SummaryRow[]>;
}

/**
 * Each tour's targets by its provider's dir, in the order the tours run: what `--targets FILE` holds.
 * The targets say which tours run, so the tours need no provider list where they run.
 */
export type TourTargets = Readonly<Record<string, unknown>>;

/** The tour of a provider, by its dir. */
export async function loadTour(dir: string): Promise<Tour<unknown>> {
  if (!/^[a-z0-9-]+$/.test(dir)) throw new Error(`"${dir}" is not a provider's dir`);
  // Built code only (dist/, and the Worker and the page, which esbuild bundles with every file of
  // tours/ for this template). Vite would make the template a glob of `.js` files, which the sources
  // are not: a test that needs a tour imports its source file.
  const module = (await import(/* @vite-ignore */ `./tours/${dir}.js`)) as { tour?: Tour<unknown> };
  if (typeof module.tour?.run !== 'function')
    throw new Error(`tools/demo/src/tours/${dir}.ts exports no tour`);
  return module.tour;
}

/**
 * Runs every tour its targets name, one after the other: the tour the demo prints. In a page, each
 * tour's page part runs instead (a tour without one cannot be given page targets).
 */
export async function tour(targets: TourTargets, where: 'server' | 'page' = 'server'): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  for (const [dir, target] of Object.entries(targets)) {
    const loaded = await loadTour(dir);
    if (where === 'server') rows.push(...(await loaded.run(target)));
    else if (loaded.page === null)
      throw new Error(`the ${dir} tour has no page part, yet it was given page targets`);
    else rows.push(...(await loaded.page.run(target)));
  }
  return rows;
}
