import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { repoRoot } from '../ensure-pnpm.mjs';
import { esbuild, failed, requireHere } from './process.mjs';

/**
 * The page tour (each tour's page part, tools/demo/src/browser-page.ts) in headless Chromium — Debian's
 * chromium (.ci/run installs it with apt-get), driven by playwright-core. The page is bundled with
 * esbuild and served from its own loopback origin, so every call to the mock cloud is cross-origin
 * (CORS). It holds only what a page may hold (its targets are the demo's `pageTargets`). Then
 * examples/browser-azure runs in the same browser.
 */
export const chromium = {
  name: 'Chromium',
  part: 'page',
  binary: () => '/usr/bin/chromium',
  expected: [/browser example: \d+ progress lines, distribution drawn \(00 0\.5, 11 0\.5\)/],
  tour: chromiumTour,
};

const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function chromiumTour(binary, { tourDir, targetsFile }) {
  const dir = dirname(targetsFile);
  await esbuild()({
    entryPoints: [join(tourDir, 'browser-page.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(dir, 'page.js'),
    logLevel: 'warning',
  });
  const pages = await serve({
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><title>qc</title><script type="module" src="./page.js"></script>',
    ],
    '/page.js': ['text/javascript', readFileSync(join(dir, 'page.js'))],
    '/targets.json': ['application/json', readFileSync(targetsFile)],
  });
  const browser = await requireHere('playwright-core').chromium.launch({
    executablePath: binary,
    args: BROWSER_ARGS,
  });
  let output = '';
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      output += `${message.text()}\n`;
    });
    page.on('pageerror', (error) => {
      output += `page error: ${error.message}\n`;
    });
    await page.goto(pages.url);
    await page.waitForFunction(() => globalThis.qcTour !== undefined, undefined, { timeout: 120_000 });
    const result = await page.evaluate(() => globalThis.qcTour);
    if (result.error !== undefined)
      return { code: 1, signal: null, stdout: output, stderr: `${result.error}\n` };
    const azure = JSON.parse(readFileSync(targetsFile, 'utf8'))['azure-quantum'];
    const example = await browserExample(browser, azure);
    return { code: 0, signal: null, stdout: `${output}${result.summary}\n${example}\n`, stderr: '' };
  } catch (error) {
    return failed(output, error);
  } finally {
    await browser.close();
    await pages.close();
  }
}

/**
 * examples/browser-azure, as built (`pnpm build`), served with its config.json (the Azure tour's page
 * targets): the page submits a Bell pair with the workspace key, lists the statuses and draws the
 * distribution. Returns one line.
 */
async function browserExample(browser, azure) {
  if (azure === undefined) return 'browser example failed: the page targets hold no azure-quantum tour';
  const dist = join(repoRoot, 'examples', 'browser-azure', 'dist');
  const site = await serve({
    '/': ['text/html', readFileSync(join(dist, 'index.html'))],
    '/main.js': ['text/javascript', readFileSync(join(dist, 'main.js'))],
    '/config.json': ['application/json', JSON.stringify({ ...azure, target: azure.ionqTarget })],
  });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForSelector('body[data-state]', { timeout: 120_000 });
    const state = await page.evaluate(() => ({
      state: document.body.dataset.state,
      steps: [...document.querySelectorAll('#progress li')].map((item) => item.textContent),
      bars: [...document.querySelectorAll('#bars .bar')].map(
        (bar) => `${bar.dataset.outcome} ${bar.dataset.probability}`,
      ),
    }));
    if (state.state !== 'done' || state.bars.length === 0) {
      return `browser example failed: ${state.steps.at(-1) ?? 'no progress shown'}`;
    }
    return `browser example: ${state.steps.length} progress lines, distribution drawn (${state.bars.join(', ')})`;
  } finally {
    await site.close();
  }
}

/** Serves `files` (path -> [content type, body]) on a free loopback port. */
async function serve(files) {
  const server = createServer((request, response) => {
    const file = files[(request.url ?? '/').split('?')[0]];
    if (file === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
