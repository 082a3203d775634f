import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Logger, LogLevel, TSConfigReader } from 'typedoc';
import { beforeAll, describe, expect, it } from 'vitest';

// The plugin on a small package (test/fixture): generated declarations without descriptions are exempt
// from TypeDoc's notDocumented validation, hand-written ones never are.

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixture');

class CapturingLogger extends Logger {
  readonly messages: { level: LogLevel; text: string }[] = [];
  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    this.messages.push({ level, text: message });
  }
}

interface Run {
  warnings: string[];
  exempt: string[];
}

async function documentFixture(): Promise<Run> {
  const app = await Application.bootstrapWithPlugins(
    {
      entryPoints: [join(fixture, 'src', 'index.ts')],
      tsconfig: join(fixture, 'tsconfig.json'),
      plugin: [join(here, '..', 'generated-exports.mjs')],
      packagesRequiringDocumentation: ['@qc/typedoc-fixture'],
      validation: { notDocumented: true, invalidLink: true, notExported: true },
      readme: 'none',
      logLevel: 'Warn',
    },
    // Only the fixture's tsconfig: the repository's typedoc.config.mjs must not leak into the run.
    [new TSConfigReader()],
  );
  const logger = new CapturingLogger();
  app.logger = logger;
  const project = await app.convert();
  if (project === undefined) throw new Error('the fixture did not convert');
  app.validate(project);
  return {
    warnings: logger.messages.filter((m) => m.level === LogLevel.Warn).map((m) => m.text),
    exempt: app.options.getValue('intentionallyNotDocumented'),
  };
}

describe('generated-exports plugin', () => {
  let run: Run;
  beforeAll(async () => {
    run = await documentFixture();
  }, 60_000);

  it('exempts exactly the generated declarations without a description', () => {
    expect([...run.exempt].sort()).toEqual(['GeneratedBody', 'GeneratedBody.name', 'generatedCall']);
  });

  it('reports every hand-written export without a comment', () => {
    const undocumented = run.warnings
      .filter((text) => text.includes('does not have any documentation'))
      .map((text) => text.split(' ')[0]);
    expect(undocumented.sort()).toEqual([
      'DocumentedOptions.timeoutMs',
      'misplacedHelper',
      'undocumentedHelper',
    ]);
  });

  it('reports a class or interface that only shows the comment of what it extends', () => {
    const inherited = run.warnings.filter((text) => text.includes('has no comment of its own'));
    expect(inherited).toHaveLength(1);
    expect(inherited[0]).toMatch(/^QuietOptions \(Interface\)/);
  });

  it('adds no name TypeDoc would report as unused', () => {
    expect(run.warnings.filter((text) => text.includes('intentionally not documented'))).toEqual([]);
  });
});
