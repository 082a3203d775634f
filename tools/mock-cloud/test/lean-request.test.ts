import { describe, expect, it } from 'vitest';
import { leanRequest } from '../src/lean-request.js';

// The mock cloud hands the mocks requests made only as far as they are read. To the mocks (and to
// anything they pass it to) each must be a Request in every way they use one.
describe('the mock cloud’s lean requests are Requests to everyone who reads them', () => {
  const url = 'http://127.0.0.1:4010/qci/auth/v1/access-tokens/';
  const post = () =>
    leanRequest(
      'POST',
      url,
      new Headers([
        ['content-type', 'application/json'],
        ['x-a', '1'],
        ['x-a', '2'],
      ]),
      Buffer.from('{"refresh_token":"r"}'),
    );

  it('a read: URL, method and headers, no body', async () => {
    const request = leanRequest(
      'GET',
      url,
      new Headers({ authorization: 'Bearer t' }),
      Buffer.from('ignored'),
    );
    expect(request).toBeInstanceOf(Request);
    expect(Object.prototype.toString.call(request)).toBe('[object Request]');
    expect([request.method, request.url, request.headers.get('authorization')]).toEqual([
      'GET',
      url,
      'Bearer t',
    ]);
    expect(request.body).toBeNull();
    expect(await request.text()).toBe('');
    expect(request.signal.aborted).toBe(false);
    expect(request.redirect).toBe('follow');
  });

  it('a write: its body read once, by any method; repeated headers joined as fetch joins them', async () => {
    const request = post();
    expect(request.headers.get('x-a')).toBe('1, 2');
    expect(request.bodyUsed).toBe(false);
    expect(await request.json()).toEqual({ refresh_token: 'r' });
    expect(request.bodyUsed).toBe(true);
    await expect(request.text()).rejects.toThrow(TypeError);
    expect(() => request.clone()).toThrow(TypeError);
    const streamed = post();
    expect(await new Response(streamed.body).text()).toBe('{"refresh_token":"r"}');
  });

  it('clones are independent copies, and a real Request can be made from one (as the QCi mock does)', async () => {
    const request = post();
    const copy = request.clone();
    copy.headers.set('x-b', 'only on the copy');
    expect(await copy.text()).toBe('{"refresh_token":"r"}');
    expect(request.headers.has('x-b')).toBe(false);
    expect(await request.clone().arrayBuffer()).toEqual(
      new TextEncoder().encode('{"refresh_token":"r"}').buffer,
    );
    const moved = new Request(new URL(url.slice(0, -1)), request);
    expect([moved.method, moved.url, await moved.text()]).toEqual([
      'POST',
      url.slice(0, -1),
      '{"refresh_token":"r"}',
    ]);
  });
});
