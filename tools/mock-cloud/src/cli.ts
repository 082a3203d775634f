#!/usr/bin/env node
// `pnpm mock-cloud [--port N]`: serves every mock on 127.0.0.1 until interrupted (`--help` for usage).
import { MOCK_CLOUD_USAGE, type MockCloudArgs, parseMockCloudArgs } from './args.js';
import { startMockCloud } from './cloud.js';
import { createRequestLog } from './request-log.js';

let args: MockCloudArgs;
try {
  const parsed = parseMockCloudArgs(process.argv.slice(2));
  if (parsed.help) {
    process.stdout.write(`${MOCK_CLOUD_USAGE}\n`);
    process.exit(0);
  }
  args = parsed;
} catch (error) {
  // Unknown flags and bad values are refused, never ignored.
  process.stderr.write(`${(error as Error).message}\n\n${MOCK_CLOUD_USAGE}\n`);
  process.exit(2);
}

const cloud = await startMockCloud({
  port: args.port,
  tls: args.tls,
  validateResponses: args.validateResponses,
  maxBodyBytes: args.maxBodyBytes,
  onRequest: createRequestLog((chunk) => process.stdout.write(chunk)),
});
process.stdout.write(`qc mock cloud on ${cloud.origin} (Ctrl-C to stop)\n`);
if (cloud.caFile !== undefined) {
  process.stdout.write(
    `CA certificate: ${cloud.caFile} (trust it: NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE)\n`,
  );
}
process.stdout.write('\n');
for (const [name, service] of Object.entries(cloud.services)) {
  process.stdout.write(`${name}\n`);
  for (const [what, url] of Object.entries(service.baseUrls))
    process.stdout.write(`  ${what.padEnd(14)} ${url}\n`);
  for (const [what, value] of Object.entries(service.credentials)) {
    process.stdout.write(`  ${what.padEnd(14)} ${value}   (demo credential, accepted only by this mock)\n`);
  }
}
process.stdout.write(
  '\nEvery request is validated against the package spec; a non-conforming one gets 400 naming the issues.\n',
);
const stop = () => {
  void cloud.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
