import { InvalidArgumentError } from '@qc/core';
import { afterEach, expect, it, vi } from 'vitest';
import { createPasqalClient } from '../src/index.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('a password in a web page is refused unless the caller opts in', () => {
  vi.stubGlobal('document', {});
  const auth = { username: 'user@example.com', password: 'password-value' };
  expect(() => createPasqalClient({ auth })).toThrow(InvalidArgumentError);
  expect(() => createPasqalClient({ auth, dangerouslyAllowBrowser: true })).not.toThrow();
  expect(() => createPasqalClient({ auth: { clientId: 'sa', clientSecret: 'secret-value' } })).toThrow(
    /can be read by anyone who loads the page/,
  );
});
