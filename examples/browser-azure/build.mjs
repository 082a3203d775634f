// Bundles the page with esbuild (what a Vite or webpack build would do for it): dist/ holds
// index.html and main.js, ready to be served by any static file server.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'dist'), { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  outfile: join(here, 'dist', 'main.js'),
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(here, 'dist', 'index.html'));
