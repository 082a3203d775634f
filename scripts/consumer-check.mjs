#!/usr/bin/env node
// Consumer checks, as a user installs the packages: pack every package under packages/; publint and
// @arethetypeswrong/cli (node16 profile: ESM and CommonJS importers) on each tarball; then, per
// package, a temporary project that installs only that package's tarball and its @qc dependencies,
// proves nothing else came with it, type-checks its consumer program (scripts/consumers/<dir>.ts)
// strictly under `node16`, `nodenext` and `bundler` resolution and a CommonJS one under `node20`,
// runs the program against the mock cloud and `require()`s the package from a CommonJS file. The
// packages are read from packages/, so a new one is checked without an edit here; one without a
// consumer program fails the check.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';
import { packAll } from './packages.mjs';

const env = ensurePnpm();
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const run = (command, args, options = {}) =>
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env, ...options });
const consumersDir = join(repoRoot, 'scripts', 'consumers');

const work = mkdtempSync(join(tmpdir(), 'qc-consumers-'));
const packs = join(work, 'packs');
mkdirSync(packs);
let failures = 0;
const fail = (message) => {
  failures += 1;
  process.stderr.write(`✗ ${message}\n`);
};

/**
 * What the consumer programs read: every mock's base URLs and demo credentials as
 * `QC_<SERVICE>_<NAME>` (`qci` + `refreshToken` -> `QC_QCI_REFRESH_TOKEN`).
 */
function mockCloudEnvironment(services) {
  const constant = (name) => name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
  const variables = {};
  for (const [service, { baseUrls, credentials }] of Object.entries(services)) {
    for (const [name, value] of Object.entries({ ...baseUrls, ...credentials })) {
      const variable = `QC_${constant(service)}_${constant(name)}`;
      if (variable in variables) throw new Error(`two mock cloud values would both be ${variable}`);
      variables[variable] = value;
    }
  }
  return variables;
}

try {
  // 1. Pack every published package (pnpm rewrites workspace: ranges to versions).
  const tarballs = packAll(packs, env);

  // 2. publint and attw on each tarball.
  for (const [name, { file }] of tarballs) {
    try {
      run(bin('publint'), ['run', file, '--strict']);
      process.stdout.write(`✓ publint ${name}\n`);
    } catch (error) {
      fail(`publint ${name}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
    try {
      // The packages are ESM with a `default` condition: Node ≥ 20.19 (the engines floor) require()s
      // them, and TypeScript's `module: node20` types that. attw's cjs-resolves-to-esm rule predates
      // require(esm); the CommonJS consumer below proves what it would doubt.
      run(bin('attw'), [
        file,
        '--profile',
        'node16',
        '--ignore-rules',
        'cjs-resolves-to-esm',
        '--format',
        'ascii',
      ]);
      process.stdout.write(`✓ attw (node16: ESM and CommonJS importers) ${name}\n`);
    } catch (error) {
      fail(`attw ${name}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }

  // 3. Every package has a consumer program and every program a package: none is skipped in silence.
  const programs = readdirSync(consumersDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length));
  const dirs = [...tarballs.values()].map((pkg) => pkg.dir);
  for (const { name, dir } of tarballs.values()) {
    if (!programs.includes(dir)) {
      fail(`${name} has no consumer program: write scripts/consumers/${dir}.ts (strict TypeScript using it)`);
    }
  }
  for (const program of programs.filter((program) => !dirs.includes(program))) {
    fail(`scripts/consumers/${program}.ts belongs to no package under packages/`);
  }

  // 4. The mock cloud, in this process, for the consumers to run against.
  const { startMockCloud } = await import(
    pathToFileURL(join(repoRoot, 'tools', 'mock-cloud', 'dist', 'index.js')).href
  );
  const cloud = await startMockCloud();
  try {
    const mockEnv = mockCloudEnvironment(cloud.services);
    for (const pkg of tarballs.values()) {
      if (programs.includes(pkg.dir)) await checkConsumer(pkg, tarballs, mockEnv);
    }
  } finally {
    await cloud.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures > 0) {
  process.stderr.write(`\n${failures} consumer check(s) failed\n`);
  process.exit(1);
}
process.stdout.write('\nAll consumer checks passed.\n');

/** One package's consumer project: selective install, strict type checks, ESM and CommonJS runs. */
async function checkConsumer({ name, dir }, tarballs, mockEnv) {
  const project = join(work, dir);
  mkdirSync(project);
  const needed = [name, ...Object.keys(tarballs.get(name).manifest.dependencies ?? {})];
  const dependencies = Object.fromEntries(needed.map((n) => [n, `file:${tarballs.get(n).file}`]));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: `consumer-${dir}`, private: true, type: 'module', dependencies }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });

  // Selective install: only this package and its @qc dependencies, nothing else at all.
  const installed = readdirSync(join(project, 'node_modules'))
    .flatMap((entry) =>
      entry.startsWith('@')
        ? readdirSync(join(project, 'node_modules', entry)).map((s) => `${entry}/${s}`)
        : [entry],
    )
    .filter((entry) => !entry.startsWith('.'));
  const unexpected = installed.filter((entry) => !needed.includes(entry));
  if (unexpected.length > 0) fail(`${name}: installing it also installed ${unexpected.join(', ')}`);
  else process.stdout.write(`✓ ${name} installs alone (${installed.join(', ')})\n`);

  writeFileSync(join(project, 'consumer.ts'), readFileSync(join(consumersDir, `${dir}.ts`)));
  const strict = {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    typeRoots: [join(repoRoot, 'node_modules', '@types')],
    skipLibCheck: false,
  };
  for (const [label, resolution] of [
    ['node16', { module: 'Node16', moduleResolution: 'Node16' }],
    ['nodenext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
    ['bundler', { module: 'ESNext', moduleResolution: 'Bundler' }],
  ]) {
    writeFileSync(
      join(project, `tsconfig.${label}.json`),
      JSON.stringify(
        { compilerOptions: { ...strict, ...resolution, outDir: `out-${label}` }, files: ['consumer.ts'] },
        null,
        2,
      ),
    );
    try {
      run(bin('tsc'), ['-p', `tsconfig.${label}.json`], { cwd: project });
      process.stdout.write(`✓ ${name} strict consumer type-checks (${label})\n`);
    } catch (error) {
      fail(`${name} consumer (${label}) does not type-check:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
  // A CommonJS consumer: typed under `module: node20`, and run with require(), which must give the
  // same exports as import().
  writeFileSync(
    join(project, 'consumer-cjs.cts'),
    `import * as pkg from '${name}';\nexport const exported: typeof pkg = pkg;\n`,
  );
  writeFileSync(
    join(project, 'tsconfig.cjs.json'),
    JSON.stringify(
      {
        compilerOptions: { ...strict, module: 'node20', moduleResolution: 'node16', noEmit: true },
        files: ['consumer-cjs.cts'],
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(project, 'consumer.cjs'),
    `const required = Object.keys(require('${name}')).sort().join();\n` +
      `import('${name}').then((esm) => {\n` +
      `  const imported = Object.keys(esm).sort().join();\n` +
      `  if (required === '' || required !== imported) throw new Error('require() and import() differ');\n` +
      `  console.log('${name} require()d from CommonJS: ' + required.split(',').length + ' exports, as import() gives');\n` +
      '});\n',
  );
  try {
    run(bin('tsc'), ['-p', 'tsconfig.cjs.json'], { cwd: project });
    process.stdout.write(`✓ ${name} CommonJS consumer type-checks (node20)\n`);
    process.stdout.write(
      `✓ ${run(process.execPath, [join(project, 'consumer.cjs')], { cwd: project }).trim()}\n`,
    );
  } catch (error) {
    fail(`${name} CommonJS consumer failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  // Asynchronous: the mock cloud answers from this process meanwhile.
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(project, 'out-nodenext', 'consumer.js')],
      {
        cwd: project,
        encoding: 'utf8',
        env: { ...env, ...mockEnv },
      },
    );
    process.stdout.write(`✓ ${stdout.trim()}\n`);
  } catch (error) {
    fail(`${name} consumer run failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}
