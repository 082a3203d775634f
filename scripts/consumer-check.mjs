#!/usr/bin/env node
// Consumer checks, as a user installs the packages: pack every package; publint and
// @arethetypeswrong/cli (node16 profile: ESM and CommonJS importers) on each tarball; then, per
// provider, a temporary project that installs only that provider's tarball and its @qc dependencies,
// proves nothing else came with it, type-checks a strict consumer under `node16`, `nodenext` and `bundler`
// resolution and a CommonJS one under `node20`, runs the ESM consumer against the mock cloud and
// `require()`s the package from a CommonJS file.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePnpm, repoRoot } from './ensure-pnpm.mjs';

const env = ensurePnpm();
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const run = (command, args, options = {}) =>
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env, ...options });

const PROVIDERS = [
  {
    name: '@qc/qci',
    factory: 'createQciClient',
    dir: 'qci',
    consumer: 'qci.ts',
    foreign: ['@qc/pasqal', '@qc/azure-quantum', '@qc/azure-quantum-arm'],
  },
  {
    name: '@qc/pasqal',
    factory: 'createPasqalClient',
    dir: 'pasqal',
    consumer: 'pasqal.ts',
    foreign: ['@qc/qci', '@qc/azure-quantum', '@qc/azure-quantum-arm'],
  },
  {
    name: '@qc/azure-quantum',
    factory: 'createAzureQuantumClient',
    dir: 'azure-quantum',
    consumer: 'azure-quantum.ts',
    foreign: ['@qc/qci', '@qc/pasqal', '@qc/azure-quantum-arm'],
  },
].filter((p) => existsSync(join(repoRoot, 'scripts', 'consumers', p.consumer)));

const work = mkdtempSync(join(tmpdir(), 'qc-consumers-'));
const packs = join(work, 'packs');
mkdirSync(packs);
let failures = 0;
const fail = (message) => {
  failures += 1;
  process.stderr.write(`✗ ${message}\n`);
};

try {
  // 1. Pack every published package (pnpm rewrites workspace: ranges to versions).
  const packageDirs = readdirSync(join(repoRoot, 'packages'));
  const tarballs = new Map();
  for (const dir of packageDirs) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8'));
    run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(repoRoot, 'packages', dir) });
    const file = join(packs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`);
    tarballs.set(manifest.name, { file, manifest });
  }

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

  // 3. The mock cloud, for the consumers to run against.
  const cloud = spawn(
    process.execPath,
    [join(repoRoot, 'tools', 'mock-cloud', 'dist', 'cli.js'), '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const origin = await new Promise((resolve, reject) => {
    let buffer = '';
    cloud.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    cloud.once('exit', (code) => reject(new Error(`mock cloud exited with ${code}`)));
  });
  const credentials = JSON.parse(
    run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { startMockCloud } from '@qc/mock-cloud'; const c = await startMockCloud(); " +
          'console.log(JSON.stringify(Object.fromEntries(Object.entries(c.services).map(([k, s]) => [k, s.credentials])))); await c.close();',
      ],
      { cwd: join(repoRoot, 'tools', 'demo') },
    ),
  );

  try {
    for (const provider of PROVIDERS) {
      const project = join(work, provider.dir);
      mkdirSync(project);
      const needed = [provider.name, ...Object.keys(tarballs.get(provider.name).manifest.dependencies ?? {})];
      const dependencies = Object.fromEntries(needed.map((n) => [n, `file:${tarballs.get(n).file}`]));
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify(
          { name: `consumer-${provider.dir}`, private: true, type: 'module', dependencies },
          null,
          2,
        ),
      );
      run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });

      // Selective install: only this provider and @qc/core + @qc/auth, nothing else at all.
      const installed = readdirSync(join(project, 'node_modules'))
        .flatMap((entry) =>
          entry.startsWith('@')
            ? readdirSync(join(project, 'node_modules', entry)).map((s) => `${entry}/${s}`)
            : [entry],
        )
        .filter((entry) => !entry.startsWith('.'));
      const unexpected = installed.filter((entry) => !needed.includes(entry));
      const foreign = provider.foreign.filter((f) => installed.includes(f));
      if (unexpected.length > 0 || foreign.length > 0) {
        fail(`${provider.name}: installing it also installed ${[...unexpected, ...foreign].join(', ')}`);
      } else {
        process.stdout.write(`✓ ${provider.name} installs alone (${installed.join(', ')})\n`);
      }

      writeFileSync(
        join(project, 'consumer.ts'),
        readFileSync(join(repoRoot, 'scripts', 'consumers', provider.consumer)),
      );
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
          process.stdout.write(`✓ ${provider.name} strict consumer type-checks (${label})\n`);
        } catch (error) {
          fail(
            `${provider.name} consumer (${label}) does not type-check:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
          );
        }
      }
      // A CommonJS consumer: typed under `module: node20`, and run with require().
      const factory = provider.factory;
      writeFileSync(
        join(project, 'consumer-cjs.cts'),
        `import { ${factory} } from '${provider.name}';\nexport const factory: typeof ${factory} = ${factory};\n`,
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
        `const { ${factory} } = require('${provider.name}');\n` +
          `if (typeof ${factory} !== 'function') throw new Error('${factory} is not a function');\n` +
          `console.log('${provider.name} require()d from CommonJS: ${factory} is a function');\n`,
      );
      try {
        run(bin('tsc'), ['-p', 'tsconfig.cjs.json'], { cwd: project });
        process.stdout.write(`✓ ${provider.name} CommonJS consumer type-checks (node20)\n`);
        process.stdout.write(
          `✓ ${run(process.execPath, [join(project, 'consumer.cjs')], { cwd: project }).trim()}\n`,
        );
      } catch (error) {
        fail(`${provider.name} CommonJS consumer failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
      try {
        const output = run(process.execPath, [join(project, 'out-nodenext', 'consumer.js')], {
          cwd: project,
          env: {
            ...env,
            QC_MOCK_ORIGIN: origin,
            QC_QCI_REFRESH_TOKEN: credentials.qci?.refreshToken ?? '',
            QC_PASQAL_USERNAME: credentials.pasqal?.username ?? '',
            QC_PASQAL_PASSWORD: credentials.pasqal?.password ?? '',
            QC_PASQAL_PROJECT_ID: credentials.pasqal?.projectId ?? '',
            QC_AZURE_API_KEY: credentials.azureQuantum?.apiKey ?? '',
          },
        });
        process.stdout.write(`✓ ${output.trim()}\n`);
      } catch (error) {
        fail(`${provider.name} consumer run failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    }
  } finally {
    cloud.kill();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures > 0) {
  process.stderr.write(`\n${failures} consumer check(s) failed\n`);
  process.exit(1);
}
process.stdout.write('\nAll consumer checks passed.\n');
