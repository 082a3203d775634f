import { InvalidArgumentError } from '@qc/core';
import { simulateBrowser } from '@qc/testing';
import { afterEach, expect, it } from 'vitest';
import { createAzureQuantumClient } from '../src/index.js';

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

const workspace = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'rg',
  workspace: 'ws',
  location: 'eastus',
};

it('a client secret in a web page is refused unless the caller opts in; an API key needs no opt-in', () => {
  restore = simulateBrowser('page');
  const auth = { tenantId: 'tenant', clientId: 'client', clientSecret: 'secret-value' };
  expect(() => createAzureQuantumClient({ ...workspace, auth })).toThrow(InvalidArgumentError);
  expect(() => createAzureQuantumClient({ ...workspace, auth, dangerouslyAllowBrowser: true })).not.toThrow();
  expect(() => createAzureQuantumClient({ ...workspace, auth: { apiKey: 'key-value' } })).not.toThrow();
});
