import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MockCloudCertificates {
  /** The certificate authority to trust (PEM): `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, … */
  caFile: string;
  key: Buffer;
  cert: Buffer;
}

/**
 * A fresh certificate authority and a server certificate for 127.0.0.1 and localhost, signed by it and
 * valid for two days, made with the machine's `openssl`. Clients that refuse plain http (the official
 * Azure clients send no bearer token over it) trust the CA file and talk TLS to the mock cloud.
 */
export function makeCertificates(
  directory = mkdtempSync(join(tmpdir(), 'qc-mock-cloud-tls-')),
): MockCloudCertificates {
  const file = (name: string) => join(directory, name);
  const openssl = (args: string[]) => {
    try {
      execFileSync('openssl', args, { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`--tls needs the openssl command: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl([
    'req',
    '-x509',
    ...curve,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=qc mock cloud CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    ...curve,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  writeFileSync(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  openssl([
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
  ]);
  return {
    caFile: file('ca.pem'),
    key: readFileSync(file('server.key')),
    cert: readFileSync(file('server.pem')),
  };
}
