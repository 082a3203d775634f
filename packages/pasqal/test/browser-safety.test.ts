import { InvalidArgumentError } from '@qc/core';
import { simulateBrowser } from '@qc/testing';
import { afterEach, expect, it } from 'vitest';
import { createPasqalClient } from '../src/index.js';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

it('a password in a web page is refused unless the caller opts in', () => {
  restore = simulateBrowser('page');
  const auth = { username: 'user@example.com', password: 'password-value' };
  expect(() => createPasqalClient({ auth })).toThrow(InvalidArgumentError);
  expect(() => createPasqalClient({ auth, dangerouslyAllowBrowser: true })).not.toThrow();
  // Token options cannot take the client's opt-in back (a spread config with `false` or `undefined`).
  expect(() =>
    createPasqalClient({
      auth,
      dangerouslyAllowBrowser: true,
      tokenOptions: { dangerouslyAllowBrowser: false },
    }),
  ).not.toThrow();
  expect(() => createPasqalClient({ auth: { clientId: 'sa', clientSecret: 'secret-value' } })).toThrow(
    /can be read by anyone who loads the page/,
  );
});
