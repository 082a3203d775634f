import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { copyHeaders } from '../src/index.js';

// msw must be listening: its header recording is what breaks `new Headers(headers)`.
useTestServer();

describe('copyHeaders', () => {
  it('does not bring back a header deleted before the copy (msw records raw headers)', () => {
    const original = new Request('https://api.example.test', {
      headers: { authorization: 'Bearer placeholder' },
    });
    // What a layer that strips a header does: copy, delete, build a new request.
    const withoutAuth = new Headers(original.headers);
    withoutAuth.delete('authorization');
    const cleaned = new Request(original, { headers: withoutAuth });

    const copy = copyHeaders(cleaned.headers);
    copy.set('authorization', 'Bearer real');
    expect(copy.get('authorization')).toBe('Bearer real');
    expect(new Request(cleaned, { headers: copy }).headers.get('authorization')).toBe('Bearer real');
  });

  it('keeps every value, including repeated ones', () => {
    const source = new Headers();
    source.append('accept', 'application/json');
    source.append('accept', 'text/plain');
    source.set('x-one', '1');
    expect([...copyHeaders(source)]).toEqual([...source]);
  });
});
