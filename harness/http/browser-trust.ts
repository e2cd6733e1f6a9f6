// What the browser is told about the provider's TLS and the way to it. Chromium on Linux takes no CA file: with
// OIDC_CA_FILE, the harness connects to each of the provider's https origins itself, verifies the chain it is given
// against the CA (as the HTTP client does), and lets the browser accept exactly the keys of that verified chain
// (--ignore-certificate-errors-spki-list). A certificate the CA does not vouch for stays refused.
import { createHash, X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { connect as tlsConnect, type DetailedPeerCertificate } from 'node:tls';
import { tlsOptions } from './dispatcher.ts';
import type { NetworkSettings, Proxies } from './network-settings.ts';

/** base64 SHA-256 of a certificate's SubjectPublicKeyInfo, the form Chromium's SPKI list takes. */
export function spkiHash(der: Buffer): string {
  const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** NO_PROXY as curl reads it: `*`, or host names (a name covers its subdomains; a leading dot is the same), optionally with a port. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return (noProxy ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name, onlyPort] = entry
        .toLowerCase()
        .replace(/^\*?\./, '')
        .split(/:(?=\d+$)/);
      return (!onlyPort || onlyPort === port) && (host === name || host.endsWith(`.${name}`));
    });
}

/** The proxy a request to `url` goes through, as the HTTP client picks it. */
export function proxyFor(url: URL, proxy: Proxies): string | undefined {
  if (bypassesProxy(url, proxy.noProxy)) return undefined;
  return url.protocol === 'https:' ? proxy.https : proxy.http;
}

/** A tunnel to host:port through an http proxy (CONNECT). */
function tunnel(proxy: string, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const p = new URL(proxy);
  const auth = p.username
    ? {
        'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}`,
      }
    : {};
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: p.hostname,
      port: p.port || 80,
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers: { host: `${host}:${port}`, ...auth },
      timeout: timeoutMs,
    });
    req.on('connect', (res, socket) =>
      res.statusCode === 200 ? resolve(socket) : reject(new Error(`the proxy answered CONNECT with HTTP ${res.statusCode}`)),
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from the proxy within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The keys of the chain an https origin presents, verified against the settings' CAs; none when it does not verify. */
export async function verifiedKeys(origin: URL, network: NetworkSettings, timeoutMs: number): Promise<string[]> {
  const port = Number(origin.port || 443);
  const host = origin.hostname.replace(/^\[|\]$/g, '');
  const via = proxyFor(origin, network.proxy);
  try {
    const socket = via ? await tunnel(via, host, port, timeoutMs) : undefined;
    const tls = await new Promise<ReturnType<typeof tlsConnect>>((resolve, reject) => {
      const s = tlsConnect({
        ...tlsOptions(network),
        rejectUnauthorized: true,
        host,
        port,
        socket,
        servername: /^[\d.:]+$/.test(host) ? undefined : host,
        timeout: timeoutMs,
      });
      s.once('secureConnect', () => resolve(s));
      s.once('error', reject);
      s.once('timeout', () => s.destroy(new Error('timeout')));
    });
    const keys = new Set<string>();
    for (
      let c: DetailedPeerCertificate | undefined = tls.getPeerCertificate(true);
      c?.raw;
      c = c.issuerCertificate === c ? undefined : c.issuerCertificate
    )
      keys.add(spkiHash(c.raw));
    tls.destroy();
    return [...keys];
  } catch {
    return []; // the HTTP client meets the same refusal and says why; the browser gets no exception for it
  }
}

/** Chromium's arguments for the provider's origins (its base URL and issuer): the keys OIDC_CA_FILE vouches for. */
export async function browserTlsArgs(origins: string[], network: NetworkSettings, timeoutMs: number): Promise<string[]> {
  if (!network.ca || network.insecureTls) return [];
  const https = [
    ...new Set(
      origins
        .map((o) => new URL(o))
        .filter((u) => u.protocol === 'https:')
        .map((u) => u.origin),
    ),
  ];
  const keys = (await Promise.all(https.map((o) => verifiedKeys(new URL(o), network, timeoutMs)))).flat();
  return keys.length ? [`--ignore-certificate-errors-spki-list=${[...new Set(keys)].join(',')}`] : [];
}

/** Playwright's proxy option for the browser: HTTPS_PROXY (else HTTP_PROXY), NO_PROXY as Chromium's bypass list. */
export function browserProxy(proxy: Proxies): { server: string; bypass?: string; username?: string; password?: string } | undefined {
  const server = proxy.https ?? proxy.http;
  if (!server) return undefined;
  const u = new URL(server);
  const bypass = (proxy.noProxy ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .flatMap((e) => (e === '*' ? ['*'] : [e.replace(/^\*?\./, ''), `*.${e.replace(/^\*?\./, '')}`]))
    .join(',');
  return {
    server: `${u.protocol}//${u.host}`,
    ...(bypass ? { bypass } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : {}),
  };
}
