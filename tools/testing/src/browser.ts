/**
 * Makes this Node process look like a web page (`document`, no Node version) or a browser worker
 * (`WorkerGlobalScope` and `importScripts`), for tests of browser-only behaviour. Returns the undo.
 */
export function simulateBrowser(kind: 'page' | 'worker'): () => void {
  const scope = globalThis as Record<string, unknown>;
  const added =
    kind === 'page' ? { document: {} } : { WorkerGlobalScope: class {}, importScripts: () => undefined };
  const previous = Object.fromEntries(
    Object.keys(added).map((name) => [name, Object.getOwnPropertyDescriptor(scope, name)]),
  );
  Object.assign(scope, added);
  const nodeVersion = Object.getOwnPropertyDescriptor(process.versions, 'node');
  Object.defineProperty(process.versions, 'node', { value: undefined, configurable: true, enumerable: true });
  return () => {
    if (nodeVersion !== undefined) Object.defineProperty(process.versions, 'node', nodeVersion);
    for (const [name, descriptor] of Object.entries(previous)) {
      if (descriptor === undefined) delete scope[name];
      else Object.defineProperty(scope, name, descriptor);
    }
  };
}
