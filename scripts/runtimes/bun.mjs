import { join } from 'node:path';
import { binaryOf, platform, run } from './process.mjs';

/** The demo's CLI under Bun, from the installed tarballs. */
export const bun = {
  name: 'Bun',
  part: 'server',
  binary: () =>
    binaryOf(
      'bun',
      `@oven/bun-${platform.os}-${platform.cpu === 'arm64' ? 'aarch64' : 'x64'}${platform.os === 'linux' && !platform.glibc ? '-musl' : ''}`,
      'bin/bun',
    ),
  tour: (binary, { app, tourDir, targetsFile }) =>
    run(binary, [join(tourDir, 'cli.js'), '--targets', targetsFile], app),
};
