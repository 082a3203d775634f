/** This package's name and version, sent in the User-Agent (a test keeps it equal to package.json). */
export const PACKAGE = { name: '@qc/pasqal', version: '0.0.0' } as const;
