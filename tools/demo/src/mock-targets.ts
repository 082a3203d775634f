import type { MockCloudServices } from '@qc/mock-cloud';
import { touringProviders } from '@qc/provider-list';
import { loadTour, type TourTargets } from './tour.js';

/**
 * Every tour's targets on a mock cloud, in the provider list's order: its URLs and demo credentials
 * (type-only import of the mock cloud: no msw here). Written to a file, this is what `--targets` reads.
 */
export async function mockCloudTargets(services: MockCloudServices): Promise<TourTargets> {
  const targets: Record<string, unknown> = {};
  for (const { dir } of touringProviders()) targets[dir] = (await loadTour(dir)).fromMockCloud(services);
  return targets;
}

/**
 * What the page tour runs on a mock cloud: every tour a page can run, with only what a page may hold
 * (tokens are fetched here). A tour with no page part is left out, and named by `withoutPage`.
 */
export async function pageTargets(
  services: MockCloudServices,
): Promise<{ targets: TourTargets; withoutPage: string[] }> {
  const targets: Record<string, unknown> = {};
  const withoutPage: string[] = [];
  for (const { dir } of touringProviders()) {
    const { page } = await loadTour(dir);
    if (page === null) withoutPage.push(dir);
    else targets[dir] = await page.fromMockCloud(services);
  }
  return { targets, withoutPage };
}
