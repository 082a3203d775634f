/**
 * A small deterministic random source (mulberry32) for mocks and benchmarks: the same seed gives the
 * same sequence on every run, so mock results and shuffles repeat. A string seed is hashed (FNV-1a).
 * Not for anything secret.
 */
export function seededRandom(seed: number | string): () => number {
  let state =
    typeof seed === 'number'
      ? seed >>> 0
      : [...seed].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
