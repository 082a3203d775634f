import { describe, expect, it } from 'vitest';
import { parseMockCloudArgs } from '../src/args.js';

describe('the mock cloud’s command line refuses what it does not understand', () => {
  const defaults = {
    help: false,
    port: 4010,
    tls: false,
    validateResponses: 'sampled',
    maxBodyBytes: 32 << 20,
  };

  it('mock cloud: --port N and --port=N, --help, the defaults', () => {
    expect(parseMockCloudArgs([])).toEqual(defaults);
    expect(parseMockCloudArgs(['--tls'])).toEqual({ ...defaults, tls: true });
    expect(parseMockCloudArgs(['--port', '0'])).toEqual({ ...defaults, port: 0 });
    expect(parseMockCloudArgs(['--port=4321'])).toEqual({ ...defaults, port: 4321 });
    expect(parseMockCloudArgs(['--help'])).toEqual({ help: true });
    expect(parseMockCloudArgs(['--', '--port', '5'])).toEqual({ ...defaults, port: 5 });
  });

  it('mock cloud: --validate-responses and --max-body-mb', () => {
    for (const mode of ['sampled', 'all', 'off'] as const) {
      expect(parseMockCloudArgs(['--validate-responses', mode])).toEqual({
        ...defaults,
        validateResponses: mode,
      });
    }
    expect(parseMockCloudArgs(['--max-body-mb=1'])).toEqual({ ...defaults, maxBodyBytes: 1 << 20 });
  });

  it('mock cloud: unknown flags, typos, positionals and bad ports are errors', () => {
    for (const bad of [
      ['--prot', '1'],
      ['--port'],
      ['--port=abc'],
      ['--port=70000'],
      ['4010'],
      ['--port=-1'],
      ['--validate-responses', 'some'],
      ['--validate-responses'],
      ['--max-body-mb', '0'],
      ['--max-body-mb', '1.5'],
      ['--max-body-mb', 'x'],
    ]) {
      expect(() => parseMockCloudArgs(bad)).toThrow();
    }
  });
});
