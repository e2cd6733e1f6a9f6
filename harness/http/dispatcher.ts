// The connections of one HTTP client: undici's Agent, or its EnvHttpProxyAgent when a proxy is set (HTTPS_PROXY,
// HTTP_PROXY, NO_PROXY), with the TLS the settings ask for: the system's CAs plus OIDC_CA_FILE, no verification at all
// with OIDC_INSECURE_TLS=1, and the client certificate of OIDC_CLIENT_CERT_FILE for a server that asks for one.
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { NetworkSettings } from './network-settings.ts';

/**
 * The CAs and client certificate of the settings, made into a TLS context once per process and shared by every
 * connection: given as `ca`, `cert` and `key`, node:tls parses them (the system's 140-odd CAs among them) again for
 * each new connection (6 % of a worker's CPU in a defect batch with mutual-TLS variants).
 */
const contexts = new Map<string, SecureContext>();
function secureContextOf(network: NetworkSettings): SecureContext | undefined {
  if (!network.ca && !network.clientCert) return undefined;
  const key = JSON.stringify([network.ca?.pem, network.clientCert?.cert, network.clientCert?.key]);
  let context = contexts.get(key);
  if (!context)
    contexts.set(
      key,
      (context = createSecureContext({
        // `ca` replaces the system's list: keep it, and add the user's.
        ...(network.ca ? { ca: [...rootCertificates, network.ca.pem] } : {}),
        ...(network.clientCert ? { cert: network.clientCert.cert, key: network.clientCert.key } : {}),
      })),
    );
  return context;
}

/** The TLS options of a connection to the provider (node:tls). */
export function tlsOptions(network: NetworkSettings): ConnectionOptions {
  const secureContext = secureContextOf(network);
  return {
    ...(secureContext ? { secureContext } : {}),
    ...(network.insecureTls ? { rejectUnauthorized: false } : {}),
  };
}

export function dispatcherFor(network: NetworkSettings, timeoutMs: number): Dispatcher {
  const tls = tlsOptions(network);
  const base = { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: tls };
  const { https, http, noProxy } = network.proxy;
  if (!https && !http) return new Agent(base);
  // Through the proxy the TLS session with the provider is requestTls (a CONNECT tunnel); `connect` is for NO_PROXY hosts.
  return new EnvHttpProxyAgent({ ...base, httpsProxy: https, httpProxy: http, noProxy, requestTls: tls });
}

/**
 * The connections of a set of HTTP clients, kept open between them: one pool with the client certificate (when the
 * settings have one) and one without, made when first asked for. The test fixtures share one set per worker, so a
 * check reuses the connections of the checks before it instead of opening its own (against a provider across the
 * network each new connection costs a round trip more, two more with TLS).
 */
export class Connections {
  private readonly pools = new Map<boolean, Dispatcher>();

  constructor(
    private readonly network: NetworkSettings,
    private readonly timeoutMs: number,
  ) {}

  /** The pool for a request with (the default) or without the client certificate. */
  pool(withCertificate = true): Dispatcher {
    const certificate = withCertificate && this.network.clientCert !== undefined;
    let pool = this.pools.get(certificate);
    if (!pool)
      this.pools.set(
        certificate,
        (pool = dispatcherFor(certificate ? this.network : { ...this.network, clientCert: undefined }, this.timeoutMs)),
      );
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }
}
