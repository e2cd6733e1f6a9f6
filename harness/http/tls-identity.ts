// The TLS identity of the harness's receiver on loopback: a self-signed certificate for 127.0.0.1 and localhost, made
// once with openssl and kept in the user's cache, where the embedded targets find it to trust it (a provider fetches
// some documents only over https, e.g. a sector_identifier_uri). Nothing secret rides on it: it serves test documents.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { join } from 'node:path';

const DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'oidc-harness', 'receiver-tls');
/** The certificate alone, in a folder of its own: Go's SSL_CERT_DIR (Hydra) reads every file of a folder it is given. */
export const RECEIVER_CERT_DIR = join(DIR, 'trust');
const CERT = join(RECEIVER_CERT_DIR, 'receiver.pem');
const KEY = join(DIR, 'receiver-key.pem');
const LOCK = join(DIR, 'making');
/** Made for a year, made again after 300 days. */
const RENEW_MS = 300 * 24 * 3600 * 1000;

export interface TlsIdentity {
  cert: string;
  key: string;
}

const fresh = () => existsSync(CERT) && existsSync(KEY) && Date.now() - statSync(CERT).mtimeMs < RENEW_MS;

function make(): void {
  const tmp = mkdtempSync(join(DIR, 'tmp-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '365'],
        ...['-keyout', join(tmp, 'key.pem'), '-out', join(tmp, 'cert.pem'), '-subj', '/CN=oidc-harness receiver'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    mkdirSync(RECEIVER_CERT_DIR, { recursive: true });
    renameSync(join(tmp, 'key.pem'), KEY);
    renameSync(join(tmp, 'cert.pem'), CERT);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Wait (bounded) for another process that is making the identity. */
function waitForOther(): void {
  const until = Date.now() + 15_000;
  while (existsSync(LOCK) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
}

/**
 * The identity, made when missing or old; undefined when it cannot be made (no openssl), with why. Processes that
 * start together (Playwright's workers) make it once: the others wait for the lock.
 */
export function receiverTlsIdentity(): TlsIdentity | { error: string } {
  try {
    if (!fresh()) {
      mkdirSync(DIR, { recursive: true });
      // A lock left by a process that died while making it is stale after 30 s.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 30_000) rmSync(LOCK, { recursive: true, force: true });
      let mine = false;
      try {
        mkdirSync(LOCK);
        mine = true;
      } catch {
        waitForOther();
      }
      try {
        if (mine && !fresh()) make();
      } finally {
        if (mine) rmSync(LOCK, { recursive: true, force: true });
      }
    }
    return { cert: readFileSync(CERT, 'utf8'), key: readFileSync(KEY, 'utf8') };
  } catch (e) {
    return { error: `the receiver's https certificate could not be made with openssl in ${DIR}: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** The certificate a target trusts to fetch from the receiver over https (undefined when none was made). */
export function receiverCertificate(): string | undefined {
  return existsSync(CERT) ? readFileSync(CERT, 'utf8') : undefined;
}

let trusting: { cert: string; agent: Agent } | undefined;
/**
 * An HTTP agent that trusts the system's CAs and the receiver's certificate: what an embedded target (the reference,
 * oidc-provider) fetches a receiver document with, as a deployment configured to trust it would (Hydra: SSL_CERT_DIR).
 */
export function receiverTrustingAgent(): Agent | undefined {
  const cert = receiverCertificate();
  if (!cert) return undefined;
  if (trusting?.cert !== cert) trusting = { cert, agent: new Agent({ connect: { ca: [...rootCertificates, cert] } }) };
  return trusting.agent;
}
