// Collects garbage every 5 ms while the tests run: a link between an abort signal and a request that
// only a weak reference holds is broken within milliseconds, as it would be in a busy service.
const gc = (globalThis as { gc?: () => void }).gc;
if (typeof gc !== 'function') {
  throw new Error('the fault tests need --expose-gc (see tools/fault-tests/vitest.config.ts)');
}
setInterval(gc, 5).unref();
