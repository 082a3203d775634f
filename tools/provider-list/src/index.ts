// The provider packages as the tools see them: the one place that lists them for the mock cloud, the
// demo, the bench and the runtime matrix. Each tool finds its own code for a provider in a file named
// after the provider's package directory; this list says which providers there are, in which order
// the tools show them, and the few facts the tools read here rather than in those files.
//
// The published packages themselves (core, auth and every provider) are not listed anywhere: the
// scripts that pack them (consumer check, runtime matrix) read the packages/ directory.

/** One provider package and what the tools need to know about it. */
export interface ToolProvider {
  /**
   * Its directory under packages/. Each tool's code for it is named after it:
   * tools/mock-cloud/src/mocks/<dir>.ts (its mock on the mock cloud),
   * tools/demo/src/tours/<dir>.ts (its tour), tools/bench/src/providers/<dir>.ts and
   * tools/bench/programs/<dir>-job.ts (its bench), scripts/consumers/<dir>.ts (its consumer program).
   */
  dir: string;
  /** Its npm name. */
  name: `@qc/${string}`;
  /**
   * Its mock on the mock cloud: the name the mock cloud lists it under (its key in `services`), and
   * the path prefixes it answers, by the name its mount asks for them. Every prefix starts with `/`
   * and no two mocks share one.
   */
  mockCloud: { service: string; prefixes: Readonly<Record<string, `/${string}`>> };
  /** The demo: a tour of its own, or run inside another provider's tour (which needs both clients). */
  tour: 'own' | { within: string };
  /** The bench: its realistic program's size and its facade's typical read, or why it is not measured. */
  bench: 'own' | { notMeasured: string };
}

/** Every provider package, in the order the tools run and print them. */
export const PROVIDERS: readonly ToolProvider[] = [
  {
    dir: 'pasqal',
    name: '@qc/pasqal',
    mockCloud: { service: 'pasqal', prefixes: { pasqal: '/pasqal' } },
    tour: 'own',
    bench: 'own',
  },
  {
    dir: 'qci',
    name: '@qc/qci',
    mockCloud: { service: 'qci', prefixes: { api: '/qci' } },
    tour: 'own',
    bench: 'own',
  },
  {
    dir: 'azure-quantum',
    name: '@qc/azure-quantum',
    mockCloud: {
      service: 'azureQuantum',
      prefixes: { endpoint: '/azure/quantum', entra: '/azure/entra', storage: '/azure/blob' },
    },
    tour: 'own',
    bench: 'own',
  },
  {
    dir: 'azure-quantum-arm',
    name: '@qc/azure-quantum-arm',
    // Its mock shares the Azure Quantum mock's Entra ID and points at its data plane: listed after it.
    mockCloud: { service: 'azureArm', prefixes: { resourceManager: '/azure/arm' } },
    tour: { within: 'azure-quantum' },
    bench: { notMeasured: 'control plane: set-up calls, not a per-job path' },
  },
];

/** The providers whose tour is their own, in order: the demo's sections. */
export function touringProviders(): ToolProvider[] {
  return PROVIDERS.filter((provider) => provider.tour === 'own');
}

/** The providers the bench measures, in order. */
export function benchedProviders(): ToolProvider[] {
  return PROVIDERS.filter((provider) => provider.bench === 'own');
}
