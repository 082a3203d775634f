import {
  AZURE_MANAGEMENT_SCOPE,
  type AzureCredential,
  type AzureCredentialSettings,
  azureCredential,
  type TokenProvider,
} from '@qc/auth';
import { InvalidArgumentError } from '@qc/core';

/**
 * How the client gets its ARM tokens: any {@link AzureCredential} — `{ tenantId, clientId,
 * clientSecret }` (Entra client credentials for the management scope), an @qc/auth provider used as it
 * is, or an Azure `TokenCredential` asked for the management scope. The same forms
 * @qc/azure-quantum's `auth` takes.
 */
export type ArmAuth = AzureCredential;

export interface ResolvedArmAuth {
  provider: TokenProvider;
  /** Values this auth knows that must never appear in an error. */
  secrets: string[];
}

export function resolveArmAuth(
  auth: ArmAuth,
  options: AzureCredentialSettings & { scope?: string | undefined } = {},
): ResolvedArmAuth {
  const resolved = azureCredential(auth, options.scope ?? AZURE_MANAGEMENT_SCOPE, options);
  if (resolved === undefined) {
    throw new InvalidArgumentError(
      `auth ${auth === null || typeof auth !== 'object' ? 'is required' : 'must be'}: { tenantId, clientId, clientSecret }, a TokenCredential or an @qc/auth provider`,
    );
  }
  return resolved;
}
