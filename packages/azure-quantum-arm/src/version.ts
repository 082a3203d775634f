/** This package's name and version, sent in the User-Agent (a test keeps it equal to package.json). */
export const PACKAGE = {
  /** The npm package name. */
  name: '@qc/azure-quantum-arm',
  /** The package version; `pnpm release:version` rewrites it with package.json's. */
  version: '0.0.0',
} as const;
