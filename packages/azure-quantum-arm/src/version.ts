/** This package's name and version, sent in the User-Agent (a test keeps it equal to package.json). */
export const PACKAGE = { name: '@qc/azure-quantum-arm', version: '0.0.0' } as const;
