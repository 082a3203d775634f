import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Tests import workspace packages from their sources, so `pnpm test` needs no build first.
 * `@qc/<name>` -> packages/<name>/src/index.ts; `@qc/<name>/<sub>` -> packages/<name>/src/<sub>/index.ts.
 * The tools' provider list (tools/provider-list), which the tools' sources read, comes from its source too.
 */
export const workspaceAliases: { find: RegExp; replacement: string }[] = [
  ...readdirSync(join(root, 'packages')).flatMap((name) => [
    { find: new RegExp(`^@qc/${name}$`), replacement: join(root, 'packages', name, 'src', 'index.ts') },
    {
      find: new RegExp(`^@qc/${name}/(.+)$`),
      replacement: join(root, 'packages', name, 'src', '$1', 'index.ts'),
    },
  ]),
  { find: /^@qc\/provider-list$/, replacement: join(root, 'tools', 'provider-list', 'src', 'index.ts') },
];
