// The reference's HTTPS, for tests and for the mutation batch's mutual-TLS variants: a certificate authority made
// with openssl (a CA, a server certificate it signed for the loopback names, a client certificate it signed, and one
// that signed itself, each as PEM files in a fresh folder), and the server options that ask for a client certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { ServerOptions } from 'node:https';
import { join } from 'node:path';

export interface TestCa {
  dir: string;
  caFile: string;
  caPem: string;
  /** The server's certificate (without the CA: a strict server sends only its own) and key. */
  serverCert: string;
  serverKey: string;
  serverKeyFile: string;
  /** A client certificate the CA signed, subject CN=oidc-harness-client, and its key. */
  clientCertFile: string;
  clientKeyFile: string;
  /** A client certificate that signed itself (self_signed_tls_client_auth), and its key. */
  selfSignedCertFile: string;
  selfSignedKeyFile: string;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

function key(dir: string, name: string): string {
  openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', name]);
  return join(dir, name);
}

export function makeTestCa(names = ['localhost', '127.0.0.1']): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'oidc-test-ca-'));
  key(dir, 'ca.key');
  openssl(dir, ['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '2', '-subj', '/CN=oidc-harness test CA', '-out', 'ca.pem']);
  const sign = (name: string, subject: string, ext: string) => {
    key(dir, `${name}.key`);
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-sha256',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    ]);
  };
  const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  sign('server', '/CN=oidc-harness test server', `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
  sign('client', '/CN=oidc-harness-client', 'extendedKeyUsage=clientAuth\n');
  key(dir, 'self.key');
  openssl(dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    'self.key',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=oidc-harness-self-signed',
    '-out',
    'self.pem',
  ]);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    serverCert: readFileSync(join(dir, 'server.pem'), 'utf8'),
    serverKey: readFileSync(join(dir, 'server.key'), 'utf8'),
    serverKeyFile: join(dir, 'server.key'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
    selfSignedCertFile: join(dir, 'self.pem'),
    selfSignedKeyFile: join(dir, 'self.key'),
  };
}

/** HTTPS that asks for a client certificate (mutual TLS, RFC 8705) without requiring one: mtls.ts judges what came. */
export function mtlsServerOptions(ca: TestCa): ServerOptions {
  return { cert: ca.serverCert, key: ca.serverKey, ca: ca.caPem, requestCert: true, rejectUnauthorized: false };
}

/** The harness settings that go with it: trust the CA, present the CA-signed client certificate. */
export function mtlsClientEnv(ca: TestCa): Record<string, string> {
  return { OIDC_CA_FILE: ca.caFile, OIDC_CLIENT_CERT_FILE: ca.clientCertFile, OIDC_CLIENT_KEY_FILE: ca.clientKeyFile };
}
