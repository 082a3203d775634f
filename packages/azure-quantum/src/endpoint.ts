import { normalizeAzureRegion } from '@qc/auth';
import { checkBaseUrl as checkCoreBaseUrl, checkSecureScheme, InvalidArgumentError } from '@qc/core';

/** The data-plane api-version this package is generated from (the one azure-quantum-python sends). */
export const AZURE_QUANTUM_API_VERSION = '2026-01-15-preview';

/** `V2` workspaces have their own regional host, `{location}-v2.quantum.azure.com`. */
export type WorkspaceKind = 'V1' | 'V2';

export interface EndpointOptions {
  /**
   * The data-plane base URL: the workspace's `endpointUri` from ARM, a regional host, or a local mock
   * (a path prefix is kept). Takes precedence over `location`.
   */
  baseUrl?: string;
  /**
   * The workspace's region, in ARM's short form (`eastus`) or as the portal shows it (`East US`);
   * builds `https://{location}.quantum.azure.com`.
   */
  location?: string;
  /** Default `V1`. */
  workspaceKind?: WorkspaceKind;
  /** Accept `http:` for loopback hosts (local mock servers). */
  allowInsecureLoopback?: boolean;
}

/** Resolves and checks the data-plane base URL, without a trailing slash. */
export function resolveEndpoint(options: EndpointOptions): string {
  if (options.baseUrl !== undefined)
    return checkBaseUrl('baseUrl', options.baseUrl, options.allowInsecureLoopback);
  if (options.location === undefined) {
    throw new InvalidArgumentError(
      'give the workspace baseUrl (its endpointUri, e.g. https://myworkspace.eastus.quantum.azure.com) or its location (e.g. "eastus")',
    );
  }
  const location = checkLocation(options.location);
  const host = options.workspaceKind === 'V2' ? `${location}-v2` : location;
  return `https://${host}.quantum.azure.com`;
}

/**
 * A region in ARM's short form. The portal's display name ("East US") differs only by case and spaces
 * and is shortened: copied from the portal, it used to end in `IncorrectDataplaneEndpoint` or a DNS
 * failure. The same rule as @qc/azure-quantum-arm's (`normalizeAzureRegion`).
 */
export function checkLocation(value: unknown): string {
  return normalizeAzureRegion(value, 'location');
}

/** An absolute `https:` URL (or `http:` on loopback with the opt-in), without credentials, query or fragment. */
export function checkBaseUrl(option: string, raw: unknown, allowInsecureLoopback = false): string {
  return checkCoreBaseUrl(option, raw, allowInsecureLoopback, 'https://eastus.quantum.azure.com');
}

/** `https:`, or `http:` to a loopback host when the caller opted in; nothing else carries our data. */
export function checkScheme(option: string, url: URL, allowInsecureLoopback: boolean): void {
  checkSecureScheme(option, url, allowInsecureLoopback);
}
