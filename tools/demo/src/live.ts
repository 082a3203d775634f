import { touringProviders } from '@qc/provider-list';
import { loadTour, type TourTargets } from './tour.js';

/**
 * `pnpm demo --live`: every tour's targets from the environment (the variables are documented in the
 * README), or an exit with a message naming every missing variable (never a value).
 */
export async function liveTargets(env: Record<string, string | undefined>): Promise<TourTargets> {
  const tours = await Promise.all(
    touringProviders().map(async ({ dir }) => ({ dir, tour: await loadTour(dir) })),
  );
  const missing = tours.flatMap(({ tour }) => tour.live.required).filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    process.stderr.write(
      `pnpm demo --live needs credentials for every cloud in the environment. Missing: ${missing.join(', ')}.\n` +
        'See "Running the demo against the real clouds" in the README.\n',
    );
    process.exit(2);
  }
  const value = (name: string) => env[name]?.trim() ?? '';
  const targets: Record<string, unknown> = {};
  for (const { dir, tour } of tours) {
    try {
      targets[dir] = tour.live.targets(value);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    }
  }
  return targets;
}
