import { describe, expect, it } from 'vitest';
import { bodyTextOf, jsonResponse, sampledResponseChecks, textResponse } from '../src/contract/index.js';

// The mocks answer with jsonResponse/textResponse: the text is kept for the spec check and the mock
// cloud, and to everyone else (msw, tests, users' code) the answer is an ordinary Response.
describe('responses that remember their body behave as fetch Responses', () => {
  it('like Response.json: status, headers, content-type, body read once', async () => {
    const made = jsonResponse({ a: [1, 'é'] }, { status: 201, headers: { 'x-ms-error-code': 'X' } });
    const reference = Response.json({ a: [1, 'é'] }, { status: 201, headers: { 'x-ms-error-code': 'X' } });
    expect(made).toBeInstanceOf(Response);
    expect(made.status).toBe(201);
    expect([...made.headers]).toEqual([...reference.headers]);
    expect(made.bodyUsed).toBe(false);
    expect(made.body).toBeInstanceOf(ReadableStream);
    expect(await made.json()).toEqual({ a: [1, 'é'] });
    expect(made.bodyUsed).toBe(true);
    await expect(made.text()).rejects.toThrow(TypeError);
    expect(() => made.clone()).toThrow(TypeError);
    expect(bodyTextOf(made)).toBe('{"a":[1,"é"]}');
  });

  it('clones are independent, each readable once, and keep the text', async () => {
    const made = textResponse('<Error/>', { status: 403, headers: { 'content-type': 'application/xml' } });
    const copy = made.clone();
    expect(await copy.text()).toBe('<Error/>');
    expect(made.bodyUsed).toBe(false);
    expect(new Uint8Array(await made.arrayBuffer())).toEqual(new TextEncoder().encode('<Error/>'));
    expect(copy.headers.get('content-type')).toBe('application/xml');
    expect(bodyTextOf(copy)).toBe('<Error/>');
  });

  it('as the Response constructor: text/plain by default, no body on 204, no undefined JSON', async () => {
    expect(textResponse('hi').headers.get('content-type')).toBe(
      new Response('hi').headers.get('content-type'),
    );
    expect(() => jsonResponse({}, { status: 204 })).toThrow(TypeError);
    expect(() => jsonResponse(undefined)).toThrow(TypeError);
    const streamed = await new Response(jsonResponse({ ok: true }).body).json();
    expect(streamed).toEqual({ ok: true });
  });

  it('any other response has no remembered text: its body must be read', () => {
    expect(bodyTextOf(Response.json({ a: 1 }))).toBeUndefined();
    expect(bodyTextOf(new Response('x'))).toBeUndefined();
  });
});

describe('sampled response checks', () => {
  it('checks the first answers of every operation and status, then one in N', () => {
    const checks = sampledResponseChecks({ first: 3, oneIn: 4 });
    const picked = Array.from({ length: 12 }, () => checks('getJob', 200));
    expect(picked).toEqual([true, true, true, true, false, false, false, true, false, false, false, true]);
    // Another status of the same operation, or another operation, starts its own count.
    expect(checks('getJob', 404)).toBe(true);
    expect(checks('listJobs', 200)).toBe(true);
  });
});
