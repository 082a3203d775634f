// TypeDoc's configuration. The entry points and the packages that must document every export are read
// from packages/: each package's `exports` map (`.` → src/index.ts, `./msw` → src/msw/index.ts, …), so
// a new package is in the reference without an edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const manifests = readdirSync(join(root, 'packages')).map((dir) => ({
  dir,
  manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
}));

const entryPoints = manifests.flatMap(({ dir, manifest }) =>
  Object.keys(manifest.exports ?? {})
    .filter((subpath) => !subpath.endsWith('.json'))
    .map((subpath) => {
      const file = join(root, 'packages', dir, 'src', subpath.slice(2), 'index.ts');
      if (!existsSync(file))
        throw new Error(`${manifest.name} exports ${subpath}, but ${relative(root, file)} is missing`);
      return relative(root, file);
    }),
);

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints,
  packagesRequiringDocumentation: manifests.map(({ manifest }) => manifest.name),
  name: 'qc',
  entryPointStrategy: 'resolve',
  tsconfig: 'tsconfig.typedoc.json',
  out: 'docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: {
    notExported: true,
    invalidLink: true,
    invalidPath: true,
    rewrittenLink: true,
    notDocumented: true,
    unusedMergeModuleWith: true,
  },
  disableSources: true,
  blockTags: [
    '@deprecated',
    '@example',
    '@param',
    '@returns',
    '@see',
    '@throws',
    '@typeParam',
    '@remarks',
    '@defaultValue',
    '@default',
    '@constant',
    '@since',
    '@description',
  ],
  plugin: ['./tools/typedoc/generated-exports.mjs'],
};
