import { InvalidArgumentError } from '@qc/core';
import { simulateBrowser } from '@qc/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auth0ClientCredentials,
  auth0PasswordRealm,
  entraClientCredentials,
  keycloakClientCredentials,
  keycloakPassword,
  qciRefreshToken,
  staticToken,
} from '../src/index.js';

const auth0 = {
  tokenUrl: 'https://auth.example.com/oauth/token',
  clientId: 'client',
  audience: 'https://api.example.com',
};
const keycloak = {
  tokenUrl: 'https://kc.example.com/realms/r/protocol/openid-connect/token',
  clientId: 'client',
};

const withSecrets = [
  [
    'auth0PasswordRealm',
    (o: object) => auth0PasswordRealm({ ...auth0, username: 'u', password: 'pw-value', realm: 'r', ...o }),
  ],
  [
    'auth0ClientCredentials',
    (o: object) => auth0ClientCredentials({ ...auth0, clientSecret: 'secret-value', ...o }),
  ],
  [
    'entraClientCredentials',
    (o: object) =>
      entraClientCredentials({
        tenantId: 't',
        clientId: 'c',
        clientSecret: 'secret-value',
        scope: 'https://quantum.microsoft.com/.default',
        ...o,
      }),
  ],
  [
    'keycloakPassword',
    (o: object) => keycloakPassword({ ...keycloak, username: 'u', password: 'pw-value', ...o }),
  ],
  [
    'keycloakClientCredentials',
    (o: object) => keycloakClientCredentials({ ...keycloak, clientSecret: 'secret-value', ...o }),
  ],
] as const;

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('passwords and client secrets in a browser', () => {
  it.each(withSecrets)(
    '%s refuses them in a web page, naming the risk, unless the caller opts in',
    (_name, make) => {
      restore = simulateBrowser('page');
      let error: unknown;
      try {
        make({});
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toContain('can be read by anyone who loads the page');
      expect((error as Error).message).not.toMatch(/pw-value|secret-value/);
      expect(() => make({ dangerouslyAllowBrowser: true })).not.toThrow();
    },
  );

  it.each(withSecrets)('%s refuses them in a browser worker too', (_name, make) => {
    restore = simulateBrowser('worker');
    expect(() => make({})).toThrow(InvalidArgumentError);
  });

  it.each(withSecrets)('%s accepts them on a server (no document, no browser worker)', (_name, make) => {
    expect(() => make({})).not.toThrow();
  });

  it.each(withSecrets)(
    '%s accepts them in Node with a DOM emulation (jsdom in a test suite)',
    (_name, make) => {
      (globalThis as Record<string, unknown>).document = {};
      try {
        expect(() => make({})).not.toThrow();
      } finally {
        delete (globalThis as Record<string, unknown>).document;
      }
    },
  );

  it('tokens need no opt-in in a browser: a static token, QCi’s refresh token', () => {
    restore = simulateBrowser('page');
    expect(() => staticToken('token-value')).not.toThrow();
    expect(() =>
      qciRefreshToken({ baseUrl: 'https://api.qci-prod.com', refreshToken: 'refresh-value' }),
    ).not.toThrow();
  });
});
