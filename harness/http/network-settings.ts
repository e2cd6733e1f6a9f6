// The settings of the harness's way to the provider: how throttling is waited out, how fast the run may send,
// TLS (a CA, an insecure mode, a client certificate) and proxies. Read with the other settings
// (harness/config/settings.ts), so a bad value ends the run before it starts, with one line.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { parseFlag, parseInt10, SettingsError } from '../config/settings.ts';

/** OIDC_RATE_LIMIT: at most `requests` per `perMs`, for the whole run. */
export interface RateLimit {
  requests: number;
  perMs: number;
  /** As the user wrote it, e.g. `100/m`. */
  text: string;
}

export interface NetworkSettings {
  /** OIDC_THROTTLE_MAX_WAIT_MS: how long one request may wait out throttling (429, or 503 with Retry-After) in all. */
  throttleMaxWaitMs: number;
  /** OIDC_RATE_LIMIT: the pace the run keeps (all workers together); undefined: as fast as the checks go. */
  rateLimit?: RateLimit;
  /** OIDC_IN_FLIGHT: the most requests the run has in flight at once (all workers together), whatever the worker count. */
  inFlight: number;
  /** OIDC_CA_FILE: certificates (PEM) trusted besides the system's, by the HTTP client and the browser. */
  ca?: { file: string; pem: string };
  /** OIDC_INSECURE_TLS=1: the provider's TLS certificate is not verified (said in the summary and the gate line). */
  insecureTls: boolean;
  /** OIDC_CLIENT_CERT_FILE and OIDC_CLIENT_KEY_FILE: the certificate the harness presents when a server asks (RFC 8705). */
  clientCert?: { certFile: string; cert: string; key: string };
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or in lower case), as curl reads them: for the HTTP client and the browser. */
  proxy: Proxies;
}

export interface Proxies {
  https?: string;
  http?: string;
  noProxy?: string;
}

type Env = Record<string, string | undefined>;

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** `10/s`, `100/m`, `5000/h` (as Schemathesis's --rate-limit). */
export function parseRateLimit(raw: string | undefined): RateLimit | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const m = /^(\d+)\s*\/\s*([smh])$/.exec(text);
  const requests = Number(m?.[1]);
  if (!m || !Number.isInteger(requests) || requests < 1)
    throw new SettingsError(
      'OIDC_RATE_LIMIT',
      `"${text}" must be a number of requests per second, minute or hour, e.g. 10/s, 100/m or 5000/h`,
    );
  return { requests, perMs: UNITS[m[2]!]!, text };
}

function pemFile(env: Env, name: string, kind: RegExp, what: string): { file: string; pem: string } | undefined {
  const file = env[name]?.trim();
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SettingsError(name, `cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!kind.test(pem)) throw new SettingsError(name, `${file} holds no ${what} in PEM form (-----BEGIN …-----)`);
  return { file, pem };
}

function clientCertOf(env: Env): NetworkSettings['clientCert'] {
  const cert = pemFile(env, 'OIDC_CLIENT_CERT_FILE', /-----BEGIN CERTIFICATE-----/, 'certificate');
  const key = pemFile(env, 'OIDC_CLIENT_KEY_FILE', /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private key');
  if (!cert && !key) return undefined;
  if (!cert || !key)
    throw new SettingsError(
      cert ? 'OIDC_CLIENT_KEY_FILE' : 'OIDC_CLIENT_CERT_FILE',
      'is not set: a client certificate needs both its certificate and its key',
    );
  try {
    createSecureContext({ cert: cert.pem, key: key.pem });
  } catch (e) {
    throw new SettingsError('OIDC_CLIENT_KEY_FILE', `${key.file} does not go with ${cert.file}: ${(e as Error).message.split('\n')[0]}`);
  }
  return { certFile: cert.file, cert: cert.pem, key: key.pem };
}

/** A proxy URL as curl takes it (http://host:port, credentials allowed: they are never written anywhere). */
function proxyOf(env: Env, names: string[]): string | undefined {
  const name = names.find((n) => env[n]?.trim());
  const raw = name && env[name]!.trim();
  if (!raw) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SettingsError(name, 'is not a proxy URL (expected something like http://proxy.example.com:3128)');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SettingsError(name, `must be an http or https proxy, not ${u.protocol}`);
  return url;
}

export function parseNetwork(env: Env): NetworkSettings {
  return {
    throttleMaxWaitMs: parseInt10(env, 'OIDC_THROTTLE_MAX_WAIT_MS', 30_000, 0, 600_000),
    rateLimit: parseRateLimit(env.OIDC_RATE_LIMIT),
    inFlight: parseInt10(env, 'OIDC_IN_FLIGHT', 16, 1, 256),
    ca: pemFile(env, 'OIDC_CA_FILE', /-----BEGIN CERTIFICATE-----/, 'certificate'),
    insecureTls: parseFlag(env, 'OIDC_INSECURE_TLS'),
    clientCert: clientCertOf(env),
    proxy: {
      https: proxyOf(env, ['HTTPS_PROXY', 'https_proxy']),
      http: proxyOf(env, ['HTTP_PROXY', 'http_proxy']),
      noProxy: (env.NO_PROXY ?? env.no_proxy)?.trim() || undefined,
    },
  };
}

let fromEnvironment: NetworkSettings | undefined;

/** The run's network settings, from the environment (read once per process; readSettings has judged them already). */
export function networkSettings(): NetworkSettings {
  return (fromEnvironment ??= parseNetwork(process.env));
}
