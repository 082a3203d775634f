/** Credentials planted in test/fixtures/azure-secrets.har, which no report may print. */
export const SECRETS: Record<string, string>;
/** Every traffic fixture by its path under test/fixtures/, as build-fixtures.mjs writes it. */
export function buildFixtures(): Record<string, string>;
