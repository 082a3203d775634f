import { join } from 'node:path';
import { binaryOf, platform, run } from './process.mjs';

/** The demo's CLI under Deno, without environment access (`--allow-env` is not given): the packages must not need it. */
export const deno = {
  name: 'Deno',
  part: 'server',
  binary: () =>
    binaryOf(
      'deno',
      `@deno/${platform.os}-${platform.cpu}${platform.os === 'linux' ? '-glibc' : ''}`,
      'deno',
    ),
  tour: (binary, { app, tourDir, targetsFile }) =>
    run(
      binary,
      [
        'run',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        '--allow-read',
        join(tourDir, 'cli.js'),
        '--targets',
        targetsFile,
      ],
      app,
    ),
};
