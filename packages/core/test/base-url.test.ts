import { describe, expect, it } from 'vitest';
import { checkBaseUrl, InvalidArgumentError, isLoopbackHost } from '../src/index.js';

describe('checkBaseUrl', () => {
  it('keeps https URLs with a path prefix, without the trailing slash', () => {
    expect(checkBaseUrl('url', 'https://api.example.test/prefix/', false)).toBe(
      'https://api.example.test/prefix',
    );
  });

  it('accepts plain http only on loopback and only with the opt-in', () => {
    expect(() => checkBaseUrl('url', 'http://api.example.test', true)).toThrow(/must use https:/);
    expect(() => checkBaseUrl('url', 'http://127.0.0.1:4010', false)).toThrow(/allowInsecureLoopback: true/);
    expect(checkBaseUrl('url', 'http://127.0.0.1:4010/qci', true)).toBe('http://127.0.0.1:4010/qci');
    expect(checkBaseUrl('url', 'http://[::1]:8080', true)).toBe('http://[::1]:8080');
  });

  it('refuses relative URLs, credentials, queries and fragments, naming an example', () => {
    expect(() => checkBaseUrl('url', 'api.example.test', false, 'https://api.example.test')).toThrow(
      'url must be an absolute URL such as https://api.example.test',
    );
    for (const bad of [
      'https://u:p@api.example.test',
      'https://api.example.test?x=1',
      'https://api.example.test#f',
    ]) {
      expect(() => checkBaseUrl('url', bad, false)).toThrow(InvalidArgumentError);
    }
  });

  it('treats 127.0.0.0/8, ::1 and localhost as loopback, and nothing else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '[::1]', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['128.0.0.1', 'localhost.example.com', 'evil.localhost', '10.0.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
