// The traffic fixtures are built by build-fixtures.mjs from real bodies: the committed files must be
// what it builds, and the bodies must be the recorded ones, byte for byte (fix the spec, never a body).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtures } from './build-fixtures.mjs';
import { fixture, ROOT } from './run-cli.js';

describe('the fixtures', () => {
  it.each(Object.entries(buildFixtures()))('%s is what build-fixtures.mjs builds', (name, content) => {
    expect(
      readFileSync(fixture(name), 'utf8'),
      'run: node tools/contract-verify/test/build-fixtures.mjs',
    ).toBe(content);
  });

  const bodies = ['azure', 'qci', 'pasqal'].flatMap((api) =>
    readdirSync(fixture(join('bodies', api))).map((file) => join(api, file)),
  );

  it.each(bodies)('bodies/%s is the recorded body, unchanged', (file) => {
    expect(readFileSync(fixture(join('bodies', file)))).toEqual(
      readFileSync(join(ROOT, 'specs', 'fixtures', file)),
    );
  });

  it('every HAR response body of the passing Azure recording is one of the real bodies, as text', () => {
    const har = JSON.parse(readFileSync(fixture('azure-pass.har'), 'utf8')) as {
      log: { entries: { request: { url: string }; response: { content: { text?: string } } }[] };
    };
    const real = new Set(bodies.map((file) => readFileSync(fixture(join('bodies', file)), 'utf8')));
    const texts = har.log.entries.flatMap((e) =>
      e.response.content.text === undefined ? [] : [e.response.content.text],
    );
    expect(texts.length).toBe(10);
    for (const text of texts) expect(real.has(text)).toBe(true);
  });
});
