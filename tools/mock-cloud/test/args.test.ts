import { describe, expect, it } from 'vitest';
import { parseMockCloudArgs } from '../src/args.js';

describe('the mock cloud’s command line refuses what it does not understand', () => {
  it('mock cloud: --port N and --port=N, --help, the default port', () => {
    expect(parseMockCloudArgs([])).toEqual({ help: false, port: 4010, tls: false });
    expect(parseMockCloudArgs(['--tls'])).toEqual({ help: false, port: 4010, tls: true });
    expect(parseMockCloudArgs(['--port', '0'])).toEqual({ help: false, port: 0, tls: false });
    expect(parseMockCloudArgs(['--port=4321'])).toEqual({ help: false, port: 4321, tls: false });
    expect(parseMockCloudArgs(['--help'])).toEqual({ help: true });
    expect(parseMockCloudArgs(['--', '--port', '5'])).toEqual({ help: false, port: 5, tls: false });
  });

  it('mock cloud: unknown flags, typos, positionals and bad ports are errors', () => {
    for (const bad of [
      ['--prot', '1'],
      ['--port'],
      ['--port=abc'],
      ['--port=70000'],
      ['4010'],
      ['--port=-1'],
    ]) {
      expect(() => parseMockCloudArgs(bad)).toThrow();
    }
  });
});
