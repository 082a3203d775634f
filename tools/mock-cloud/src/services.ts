import type { ResponseCheckPolicy } from '@qc/core/contract';
import { PROVIDERS, type ToolProvider } from '@qc/provider-list';

/** One mounted mock: where it lives and how to reach it. */
export interface MountedService {
  /** Path prefixes on the mock cloud it answers, e.g. `/qci` (from the provider list). */
  prefixes: string[];
  /** What a user points a client at, e.g. `http://127.0.0.1:4010/qci`. */
  baseUrls: Record<string, string>;
  /** Demo credentials the mock accepts. Not real secrets. */
  credentials: Record<string, string>;
  handle: (request: Request) => Promise<Response | undefined>;
}

/** Every mounted mock, by the name the provider list gives it (`qci`, `azureQuantum`, …). */
export type MockCloudServices = Readonly<Record<string, MountedService>>;

export interface MountContext {
  /** The mock cloud's URL of one of this mock's path prefixes, by the name the provider list gives it. */
  url(prefix: string): string;
  /** The mocks mounted before this one, in the provider list's order. */
  mounted: MockCloudServices;
  /** Which of the mock's answers it checks against its spec (its `validateResponses` option). */
  validateResponses: boolean | ResponseCheckPolicy;
}

/**
 * How a provider's mock is mounted: tools/mock-cloud/src/mocks/<dir>.ts exports one as `mount`. The
 * mount builds the mock at the URLs it is given; the mock cloud routes by the list's prefixes.
 */
export type MockMount<Service extends MountedService> = (context: MountContext) => Omit<Service, 'prefixes'>;

/** Every provider's mount, in the provider list's order (loaded before the server listens). */
export type Mounts = readonly { provider: ToolProvider; mount: MockMount<MountedService> }[];

export async function loadMounts(): Promise<Mounts> {
  return Promise.all(PROVIDERS.map(async (provider) => ({ provider, mount: await loadMount(provider) })));
}

/** Creates every provider's mock, each under its own path prefixes of `origin`, in the list's order. */
export function mountServices(
  origin: string,
  mounts: Mounts,
  validateResponses: boolean | ResponseCheckPolicy = true,
): MockCloudServices {
  const services: Record<string, MountedService> = {};
  for (const { provider, mount } of mounts) {
    const { prefixes } = provider.mockCloud;
    const url = (prefix: string) => {
      const path = prefixes[prefix];
      if (path === undefined) {
        throw new Error(
          `the ${provider.dir} mock asks for prefix "${prefix}", which the provider list does not give it`,
        );
      }
      return `${origin}${path}`;
    };
    services[provider.mockCloud.service] = {
      ...mount({ url, mounted: { ...services }, validateResponses }),
      prefixes: Object.values(prefixes),
    };
  }
  return services;
}

/**
 * A mounted mock of the type its mount module declares, or an error naming the one that is missing
 * (a mock cloud always serves every listed provider, so that is a bug, never a state to handle).
 */
export function serviceOf<Service extends MountedService>(
  services: MockCloudServices,
  name: string,
): Service {
  const service = services[name];
  if (service === undefined) throw new Error(`the mock cloud serves no mock named "${name}"`);
  return service as Service;
}

async function loadMount(provider: ToolProvider): Promise<MockMount<MountedService>> {
  if (!/^[a-z0-9-]+$/.test(provider.dir))
    throw new Error(`provider dir "${provider.dir}" is not a plain name`);
  // The mounts sit beside this module: `.js` in dist/, `.ts` where the tests run the sources. Vite
  // would turn a template into a glob of `.js` files: it is told to leave this one to its module runner.
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const module = (await import(/* @vite-ignore */ `./mocks/${provider.dir}.${extension}`)) as {
    mount?: unknown;
  };
  if (typeof module.mount !== 'function') {
    throw new Error(`tools/mock-cloud/src/mocks/${provider.dir}.ts exports no mount function`);
  }
  return module.mount as MockMount<MountedService>;
}
