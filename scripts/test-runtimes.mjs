#!/usr/bin/env node
// Runs the demo's tour — every provider's job flow, Azure with Entra ID and with the workspace key —
// under Bun, Deno, workerd and headless Chromium, from the packed tarballs installed with npm, against
// a mock cloud served by this Node process. Deno runs without environment access (`--allow-env` is not given): the packages must not
// need it. workerd runs the tour as a Worker bundled with esbuild (tools/demo/src/worker.ts), without
// nodejs_compat. All three come from the npm registry (pinned devDependencies); their platform binaries
// are taken from the `@oven/bun-*`, `@deno/*` and `@cloudflare/workerd-*` packages directly, since pnpm
// does not run the wrapper packages' install scripts.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';

const requireHere = createRequire(import.meta.url);
const glibc = Boolean(process.report?.getReport?.().header?.glibcVersionRuntime);
const cpu = process.arch === 'arm64' ? 'arm64' : 'x64';

/** The platform binary a wrapper package (`bun`, `deno`) would have installed. */
function binaryOf(wrapper, platformPackage, file) {
  const fromWrapper = createRequire(join(dirname(requireHere.resolve(`${wrapper}/package.json`)), 'x.js'));
  return join(dirname(fromWrapper.resolve(`${platformPackage}/package.json`)), file);
}

// The tour runs from a project that installed the packed tarballs, as a user's would (set up below).
const scratch = mkdtempSync(join(tmpdir(), 'qc-runtimes-'));
const app = join(scratch, 'app');
const tourDir = join(app, 'tour');
const demo = join(tourDir, 'cli.js');
const runtimes = [
  {
    name: 'Bun',
    binary: () =>
      binaryOf(
        'bun',
        `@oven/bun-${process.platform}-${cpu === 'arm64' ? 'aarch64' : 'x64'}${process.platform === 'linux' && !glibc ? '-musl' : ''}`,
        'bin/bun',
      ),
    tour: (binary, targets) => run(binary, [demo, '--targets', targets]),
  },
  {
    name: 'Deno',
    binary: () =>
      binaryOf(
        'deno',
        `@deno/${process.platform}-${cpu}${process.platform === 'linux' ? '-glibc' : ''}`,
        'deno',
      ),
    tour: (binary, targets) =>
      run(binary, [
        'run',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        '--allow-read',
        demo,
        '--targets',
        targets,
      ]),
  },
  {
    name: 'Chromium',
    // Debian's chromium (.ci/run installs it with apt-get), driven by playwright-core.
    binary: () => '/usr/bin/chromium',
    // A page holds no client secret: Azure runs with the workspace key only.
    expected: [
      /Pasqal +\| batch .* \| DONE/,
      /QCi +\| sample-qubo .* \| COMPLETED/,
      /IonQ Bell \(API key\).*\| Succeeded/,
      /browser example: \d+ progress lines, distribution drawn \(00 0\.5, 11 0\.5\)/,
    ],
    tour: (binary, targets, cloud) => chromiumTour(binary, targets, cloud),
  },
  {
    name: 'workerd',
    binary: () =>
      binaryOf(
        'workerd',
        `@cloudflare/workerd-${process.platform}-${cpu === 'arm64' ? 'arm64' : '64'}`,
        'bin/workerd',
      ),
    tour: (binary, targets) => workerdTour(binary, targets),
  },
];

// Every flow must have finished, the Azure job with the workspace key included (Bun once sent the key
// header's placeholder beside the real key; Deno refused hey-api's `client` option in every request).
const expected = [
  /Pasqal +\| batch .* \| DONE/,
  /QCi +\| sample-qubo .* \| COMPLETED/,
  /IonQ GHZ \(Entra\).*\| Succeeded/,
  /IonQ GHZ \(API key\).*\| Succeeded/,
];

function run(binary, args) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // A tour takes seconds; a process that does not exit by itself after it is a failure too.
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (error) => {
      clearTimeout(guard);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}\n` });
    });
    // 'close', not 'exit': the output pipes may still hold the summary when the process exits.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * The tour as a Worker: bundled with esbuild as a Worker's author would, served by workerd on a free
 * loopback port (outbound requests to loopback allowed), and asked to run by a POST of the targets.
 */
async function workerdTour(binary, targetsFile) {
  const fromBench = createRequire(join(repoRoot, 'tools', 'bench', 'package.json'));
  const { build } = fromBench('esbuild');
  const dir = dirname(targetsFile);
  await build({
    entryPoints: [join(tourDir, 'worker.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    outfile: join(dir, 'worker.js'),
    logLevel: 'warning',
  });
  const port = await freePort();
  writeFileSync(
    join(dir, 'tour.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .tour),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const tour :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-09-01",
);
`,
  );
  const server = spawn(binary, ['serve', join(dir, 'tour.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout.on('data', (chunk) => {
    log += chunk;
  });
  server.stderr.on('data', (chunk) => {
    log += chunk;
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(url, { method: 'HEAD' });
        break;
      } catch (error) {
        if (attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const answer = await fetch(url, {
      method: 'POST',
      body: readFileSync(targetsFile, 'utf8'),
      signal: AbortSignal.timeout(120_000),
    });
    const summary = await answer.text();
    return { code: answer.ok ? 0 : 1, signal: null, stdout: `${log}${summary}`, stderr: '' };
  } catch (error) {
    return {
      code: null,
      signal: null,
      stdout: log,
      stderr: `${error instanceof Error ? error.message : error}\n`,
    };
  } finally {
    server.kill();
  }
}

/**
 * The browser tour (tools/demo/src/browser-tour.ts) in headless Chromium: the page is bundled with
 * esbuild and served from its own loopback origin, so every call to the mock cloud is cross-origin
 * (CORS). It holds only what a page may hold: QCi's API token, a Pasqal access token fetched here,
 * an Azure Quantum workspace key.
 */
async function chromiumTour(binary, targetsFile, cloud) {
  const fromBench = createRequire(join(repoRoot, 'tools', 'bench', 'package.json'));
  const { build } = fromBench('esbuild');
  const { chromium } = requireHere('playwright-core');
  const { pasqalTokenProvider } = await import(
    pathToFileURL(join(repoRoot, 'packages', 'pasqal', 'dist', 'index.js')).href
  );
  const dir = dirname(targetsFile);
  await build({
    entryPoints: [join(tourDir, 'browser-page.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(dir, 'page.js'),
    logLevel: 'warning',
  });
  const tour = JSON.parse(readFileSync(targetsFile, 'utf8'));
  const { pasqal, azureQuantum } = cloud.services;
  const pasqalToken = await pasqalTokenProvider(
    pasqal.environment,
    { username: pasqal.credentials.username, password: pasqal.credentials.password },
    { allowInsecureLoopback: true },
  ).getToken();
  const browserTargets = {
    qci: tour.qci,
    pasqal: {
      environment: pasqal.environment,
      accessToken: pasqalToken.token,
      projectId: pasqal.credentials.projectId,
    },
    azure: {
      endpoint: azureQuantum.baseUrls.endpoint,
      subscriptionId: azureQuantum.credentials.subscriptionId,
      resourceGroup: azureQuantum.credentials.resourceGroup,
      workspace: azureQuantum.credentials.workspace,
      apiKey: azureQuantum.credentials.apiKey,
      ionqTarget: 'ionq.simulator',
    },
  };
  const files = {
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><title>qc</title><script type="module" src="./page.js"></script>',
    ],
    '/page.js': ['text/javascript', readFileSync(join(dir, 'page.js'))],
    '/targets.json': ['application/json', JSON.stringify(browserTargets)],
  };
  const pages = createHttpServer((request, response) => {
    const file = files[(request.url ?? '/').split('?')[0]];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: binary,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
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
    await page.goto(`http://127.0.0.1:${pages.address().port}/`);
    await page.waitForFunction(() => globalThis.qcTour !== undefined, undefined, { timeout: 120_000 });
    const result = await page.evaluate(() => globalThis.qcTour);
    if (result.error !== undefined)
      return { code: 1, signal: null, stdout: output, stderr: `${result.error}\n` };
    const example = await browserExample(browser, browserTargets.azure);
    return { code: 0, signal: null, stdout: `${output}${result.summary}\n${example}\n`, stderr: '' };
  } catch (error) {
    return {
      code: null,
      signal: null,
      stdout: output,
      stderr: `${error instanceof Error ? error.message : error}\n`,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => pages.close(resolve));
  }
}

/**
 * examples/browser-azure, as built (`pnpm build`), served with its config.json: the page submits a Bell
 * pair with the workspace key, lists the statuses and draws the distribution. Returns one line.
 */
async function browserExample(browser, azure) {
  const dist = join(repoRoot, 'examples', 'browser-azure', 'dist');
  const config = { ...azure, target: azure.ionqTarget };
  const files = {
    '/': ['text/html', readFileSync(join(dist, 'index.html'))],
    '/main.js': ['text/javascript', readFileSync(join(dist, 'main.js'))],
    '/config.json': ['application/json', JSON.stringify(config)],
  };
  const site = createHttpServer((request, response) => {
    const file = files[(request.url ?? '/').split('?')[0]];
    if (file === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${site.address().port}/`);
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
    await new Promise((resolve) => site.close(resolve));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const { startMockCloud } = await import(
  pathToFileURL(join(repoRoot, 'tools', 'mock-cloud', 'dist', 'index.js')).href
);
const { mockCloudTargets } = await import(
  pathToFileURL(join(repoRoot, 'tools', 'demo', 'dist', 'mock-targets.js')).href
);
/**
 * Packs the six packages, installs the tarballs into a fresh project with npm, and copies the built
 * tour (tools/demo/dist) into it: every runtime below imports what a user would install.
 */
function installTarballs() {
  const env = ensurePnpm();
  const packs = join(scratch, 'packs');
  mkdirSync(packs);
  const dependencies = {};
  for (const dir of ['core', 'auth', 'qci', 'pasqal', 'azure-quantum', 'azure-quantum-arm']) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8'));
    execFileSync('pnpm', ['pack', '--pack-destination', packs], {
      cwd: join(repoRoot, 'packages', dir),
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    dependencies[manifest.name] =
      `file:${join(packs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`)}`;
  }
  mkdirSync(tourDir, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'qc-runtime-tour', private: true, type: 'module', dependencies }, null, 2),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: app,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const built = join(repoRoot, 'tools', 'demo', 'dist');
  for (const file of readdirSync(built).filter((name) => name.endsWith('.js'))) {
    copyFileSync(join(built, file), join(tourDir, file));
  }
}

let failed = false;
/** runtime → provider → passed, printed as the matrix at the end. */
const matrix = new Map();
const PROVIDER_ROWS = {
  Pasqal: /^\| Pasqal +\| batch .*\| DONE /m,
  QCi: /^\| QCi +\| .*\| COMPLETED /m,
  Azure: /^\| Azure Quantum +\| .*\| Succeeded /m,
};
try {
  installTarballs();
  for (const runtime of runtimes) {
    // A fresh mock cloud per runtime: its jobs and tokens start from scratch.
    const cloud = await startMockCloud();
    mkdirSync(join(scratch, runtime.name));
    const targets = join(scratch, runtime.name, 'targets.json');
    writeFileSync(targets, JSON.stringify(mockCloudTargets(cloud.services)));
    try {
      const binary = runtime.binary();
      if (!existsSync(binary)) throw new Error(`${runtime.name}: ${binary} is missing`);
      const version = (await run(binary, ['--version'])).stdout.trim().split('\n')[0];
      process.stdout.write(`\n=== ${runtime.name} (${version}): the tour from the installed tarballs\n`);
      const result = await runtime.tour(binary, targets, cloud);
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      const missing = (runtime.expected ?? expected).filter((pattern) => !pattern.test(result.stdout));
      matrix.set(
        runtime.name,
        Object.fromEntries(
          Object.entries(PROVIDER_ROWS).map(([provider, row]) => [
            provider,
            result.code === 0 && row.test(result.stdout),
          ]),
        ),
      );
      if (result.code !== 0 || missing.length > 0) {
        process.stderr.write(
          `✗ under ${runtime.name}: exit ${result.code ?? result.signal}; missing ${missing.map(String).join(', ') || 'nothing'}\n`,
        );
        failed = true;
      } else process.stdout.write(`✓ every job flow ran under ${runtime.name}\n`);
    } finally {
      await cloud.close();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const providers = Object.keys(PROVIDER_ROWS);
process.stdout.write(
  `\n| runtime | ${providers.join(' | ')} |\n|---|${providers.map(() => '---').join('|')}|\n`,
);
for (const [name, cells] of matrix) {
  process.stdout.write(`| ${name} | ${providers.map((p) => (cells[p] ? '✓' : '✗')).join(' | ')} |\n`);
}
process.exit(failed ? 1 : 0);
