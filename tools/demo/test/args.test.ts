import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../src/args.js';

describe('the demo’s command line refuses what it does not understand', () => {
  it('demo: embedded, --live, --targets FILE, --help; unknown flags and combinations are errors', () => {
    expect(parseDemoArgs([])).toEqual({ mode: 'embedded' });
    expect(parseDemoArgs(['--live'])).toEqual({ mode: 'live' });
    expect(parseDemoArgs(['--targets=t.json'])).toEqual({ mode: 'targets', file: 't.json' });
    expect(parseDemoArgs(['--targets', 't.json'])).toEqual({ mode: 'targets', file: 't.json' });
    expect(parseDemoArgs(['-h'])).toEqual({ mode: 'help' });
    // `pnpm demo -- --live` hands the `--` through.
    expect(parseDemoArgs(['--', '--live'])).toEqual({ mode: 'live' });
    for (const bad of [['--lvie'], ['--live', '--targets', 'x'], ['--targets'], ['extra']]) {
      expect(() => parseDemoArgs(bad)).toThrow();
    }
  });
});
