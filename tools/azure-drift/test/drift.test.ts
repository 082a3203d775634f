// The comparison over the fixture pair (fixtures/upstream.json, Swagger 2.0, and fixtures/ours.yaml,
// OpenAPI 3.1): every kind of drift, found exactly where the fixture puts it and nowhere else.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDrift } from '../src/check.js';
import type { Drift } from '../src/drift.js';
import { normalisePath } from '../src/operations.js';
import { fixture, ROOT } from './run-cli.js';

const report = () =>
  checkDrift({ spec: fixture('ours.yaml'), upstream: fixture('upstream.json'), allow: null });
const key = (d: Drift) => [d.kind, d.operation ?? '', d.target ?? '', d.value ?? ''].join(' | ');

describe('the fixture pair', () => {
  it('lists every difference the fixture plants, and nothing else', () => {
    const found = report().drift.map(key).sort();
    expect(found).toEqual(
      [
        'api-version |  | 2030-01-01-preview | 2029-06-01-preview',
        'operation-missing | Widgets_Archive | POST /api/widgets/{widgetId}:archive | ',
        'operation-extra | getHealth | GET /api/health | ',
        'operation-route-differs | Widgets_Rename | PATCH /api/widgets/{widgetId}/rename | ',
        'operation-id-differs | Widgets_List | Widgets_ListAll | ',
        'parameter-missing | Widgets_Get | header x-ms-client-request-id | ',
        'parameter-extra | Widgets_Get | query trace | ',
        'parameter-required-differs | Widgets_Get | query expand | ',
        'request-body-missing | Widgets_Paint |  | ',
        'request-body-extra | Widgets_Delete |  | ',
        'request-property-missing | Widgets_Create | weight | ',
        'request-property-missing | Widgets_Create | dimensions.height | ',
        'request-property-missing | Widgets_Create | labels{}.lang | ',
        ...['Widgets_Get | 200', 'Widgets_Create | 200', 'Widgets_Create | 201'].flatMap((at) => [
          `response-property-missing | ${at} createdAt | `,
          `response-property-missing | ${at} dimensions.height | `,
          `response-property-missing | ${at} labels{}.lang | `,
        ]),
        'response-property-missing | Widgets_List | 200 value[].createdAt | ',
        'response-property-missing | Widgets_List | 200 value[].dimensions.height | ',
        'response-property-missing | Widgets_List | 200 value[].labels{}.lang | ',
        'response-property-missing | Widgets_List | 200 value[].gears | ',
        'status-missing | Widgets_Get | 404 | ',
        'enum-value-missing |  | Color | Blue',
        'enum-value-missing |  | ItemKind | Gadget',
        'enum-closed |  | Shape | ',
        'enum-closed |  | ItemKind | ',
        'object-closed | Widgets_Create | Widget | ',
      ].sort(),
    );
  });

  it('a property only clients send (x-ms-mutability create/update) is missing from requests only', () => {
    const weight = report().drift.filter((d) => d.target?.endsWith('weight'));
    expect(weight.map((d) => d.kind)).toEqual(['request-property-missing']);
  });

  it('a read-only property is missing from responses only', () => {
    const createdAt = report().drift.filter((d) => d.target?.endsWith('createdAt'));
    expect(new Set(createdAt.map((d) => d.kind))).toEqual(new Set(['response-property-missing']));
  });

  it('a subtype fixes its discriminator: Gadget is missing from lists of items, not from a Widget', () => {
    const gadget = report().drift.find((d) => d.kind === 'enum-value-missing' && d.value === 'Gadget');
    expect(gadget?.at).toEqual(['Widgets_List 200 value[].kind']);
    const closedKind = report().drift.find((d) => d.kind === 'enum-closed' && d.target === 'ItemKind');
    expect(closedKind?.at).toEqual(['Widgets_List 200 value[].kind']);
  });

  it('reports one enum value once, with every place it is used', () => {
    const blue = report().drift.filter((d) => d.value === 'Blue');
    expect(blue).toHaveLength(1);
    expect(blue[0]?.at).toEqual(
      expect.arrayContaining([
        'Widgets_Get 200 color',
        'Widgets_Create request color',
        'Widgets_List 200 value[].color',
      ]),
    );
  });

  it('counts operations and names a $ref it could not follow instead of guessing at it', () => {
    const result = report();
    expect(result.operations).toEqual({ upstream: 7, ours: 7, shared: 6 });
    expect(result.unresolvedRefs).toEqual(['./elsewhere.json#/definitions/RenameResult']);
    // ARM's common-types parameters are known by name: the api-version of Widgets_List is compared.
    expect(result.drift.some((d) => d.operation === 'Widgets_List' && d.kind.startsWith('parameter'))).toBe(
      false,
    );
  });
});

describe('no drift where there is none', () => {
  // A spec compared with itself must come out clean: what the walker reads from our own specs
  // (nullable anyOf, open enums, oneOf + discriminator, cycles) cannot produce drift on its own.
  it.each(['azure-quantum.yaml', 'azure-quantum-arm.yaml'])('specs/%s against itself', (name) => {
    const file = join(ROOT, 'specs', name);
    const result = checkDrift({ spec: file, upstream: file, allow: null });
    expect(result.drift).toEqual([]);
    expect(result.operations.shared).toBe(result.operations.ours);
  });
});

describe('routes', () => {
  it('erase parameter names and styles, case and a trailing slash', () => {
    expect(normalisePath('/Subscriptions/{subscriptionId}/jobs/{jobId}:cancel/')).toBe(
      normalisePath('/subscriptions/{sub}/Jobs/{+id}:cancel'),
    );
    expect(normalisePath('/a/{x*}')).toBe('/a/{}');
    expect(normalisePath('/a/{x}')).not.toBe(normalisePath('/a/{x}/b'));
  });
});
