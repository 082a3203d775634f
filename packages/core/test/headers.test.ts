import { useTestServer } from '@qc/testing';
import { describe, expect, it } from 'vitest';
import { copyHeaders } from '../src/index.js';

// msw must be listening: its header recording is what breaks `new Headers(headers)`.
useTestServer();

describe('copyHeaders', () => {
  it('does not bring back a header deleted earlier in the chain (msw records raw headers)', () => {
    // The path of a request through the auth layer: strip the placeholder, attach the real token,
    // then one more wrapper (a timeout) copies the headers to add its own.
    const original = new Request('https://api.example.test', {
      headers: { authorization: 'Bearer placeholder' },
    });
    const stripped = new Headers(original.headers);
    stripped.delete('authorization');
    const cleaned = new Request(original, { headers: stripped });
    const authenticated = copyHeaders(cleaned.headers);
    authenticated.set('authorization', 'Bearer real');
    const sent = new Request(new Request(cleaned, { headers: authenticated, redirect: 'manual' }));

    const copy = copyHeaders(sent.headers);
    copy.set('x-request-timeout-nano', '1');
    expect(copy.get('authorization')).toBe('Bearer real');
    expect(new Request(sent, { headers: copy }).headers.get('authorization')).toBe('Bearer real');
  });

  it('keeps every value, including repeated ones', () => {
    const source = new Headers();
    source.append('accept', 'application/json');
    source.append('accept', 'text/plain');
    source.set('x-one', '1');
    expect([...copyHeaders(source)]).toEqual([...source]);
  });
});
