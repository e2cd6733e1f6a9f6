/**
 * Start a real Ory Hydra (built from its published Go module by ./build.sh) on loopback ports,
 * with an in-memory sqlite database, dev mode, dynamic client registration and a tiny stub
 * login/consent/logout UI that answers 200 to anything (the harness accepts challenges through
 * the admin API; these URLs only need to exist).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from '../../harness/http/starting-server.ts';
import { RECEIVER_CERT_DIR, receiverTlsIdentity } from '../../harness/http/tls-identity.ts';

export interface StartHydraOptions {
  /** Enable OpenID Connect dynamic client registration (default true). */
  registration?: boolean;
  /** Extra command-line arguments appended after `serve all --dev --sqa-opt-out`. */
  extraArgs?: string[];
  /** Extra or overriding environment variables for the Hydra process. */
  env?: Record<string, string>;
  /** How long to wait for /health/ready (default 30 000 ms). */
  readyTimeoutMs?: number;
  /** Called with each progress line of the build script (default: written to stderr). */
  onBuildOutput?: (line: string) => void;
}

export interface HydraInstance {
  publicUrl: string;
  adminUrl: string;
  issuer: string;
  version: string;
  /** Base URL of the stub login/consent/logout UI. */
  uiUrl: string;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const buildScript = join(here, 'build.sh');
const STDERR_KEEP = 40;

/** Run build.sh RELEASE and return the path of the binary (last stdout line). */
export function buildHydra(release: string, onLine: (line: string) => void = (l) => process.stderr.write(l + '\n')): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [buildScript, release], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errBuf = '';
    const errLines: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      errBuf += d;
      let i: number;
      while ((i = errBuf.indexOf('\n')) >= 0) {
        const line = errBuf.slice(0, i);
        errBuf = errBuf.slice(i + 1);
        errLines.push(line);
        if (errLines.length > STDERR_KEEP) errLines.shift();
        onLine(line);
      }
    });
    child.on('error', (e) => reject(new Error(`cannot run ${buildScript}: ${e.message}`)));
    child.on('close', (code) => {
      if (errBuf) {
        errLines.push(errBuf);
        onLine(errBuf);
      }
      const bin = out.trim().split('\n').pop() ?? '';
      if (code === 0 && bin) resolve(bin);
      else reject(new Error(`building Ory Hydra ${release} failed (exit ${code}):\n${errLines.slice(-15).join('\n')}`));
    });
  });
}

/** Bind port 0 on 127.0.0.1, read the port the kernel gave, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The handler is attached when the server is made, so nothing that connects is left unanswered. */
async function startStubUi(): Promise<{ server: Server; url: string }> {
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('oidc-harness stub UI: accept or reject the challenge through the Hydra admin API\n');
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  server.unref();
  return { server, url: `http://127.0.0.1:${port}` };
}

function pick(src: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k]!;
  return out;
}

/** Kill functions of the Hydra processes still running; all are killed when this process exits. */
const liveChildren = new Set<() => void>();
process.on('exit', () => {
  for (const kill of liveChildren) kill();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start Ory Hydra RELEASE (e.g. "v2.3.0"); builds it first if it is not in the cache. */
export async function startHydra(release: string, opts: StartHydraOptions = {}): Promise<HydraInstance> {
  const registration = opts.registration ?? true;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 30_000;
  const bin = await buildHydra(release, opts.onBuildOutput);

  const stub = await startStubUi();
  const publicPort = await freePort();
  let adminPort = await freePort();
  while (adminPort === publicPort) adminPort = await freePort();

  const publicUrl = `http://127.0.0.1:${publicPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const issuer = `${publicUrl}/`;

  // Only a minimal environment is inherited: Hydra reads any config key from the environment,
  // so stray variables of the parent must not change the target.
  const env: Record<string, string> = {
    ...pick(process.env, ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG']),
    DSN: 'memory',
    SECRETS_SYSTEM: randomBytes(24).toString('hex'), // 48 chars
    SERVE_PUBLIC_PORT: String(publicPort),
    SERVE_ADMIN_PORT: String(adminPort),
    SERVE_PUBLIC_HOST: '127.0.0.1',
    SERVE_ADMIN_HOST: '127.0.0.1',
    URLS_SELF_ISSUER: issuer,
    URLS_SELF_PUBLIC: issuer,
    URLS_LOGIN: `${stub.url}/login`,
    URLS_CONSENT: `${stub.url}/consent`,
    URLS_LOGOUT: `${stub.url}/logout`,
    URLS_ERROR: `${stub.url}/error`,
    URLS_POST_LOGOUT_REDIRECT: `${stub.url}/logged-out`,
    OIDC_DYNAMIC_CLIENT_REGISTRATION_ENABLED: registration ? 'true' : 'false',
    OAUTH2_EXPOSE_INTERNAL_ERRORS: 'true',
    STRATEGIES_ACCESS_TOKEN: 'opaque',
    LOG_LEVEL: 'warn',
    LOG_LEAK_SENSITIVE_VALUES: 'false',
    SQA_OPT_OUT: 'true',
    // Client secrets are hashed with PBKDF2 (both releases' default); 25000 iterations per registration and per client
    // authentication are a large share of Hydra's CPU on a run that registers hundreds of clients. The protocol is the
    // same at any count (oauth2.hashers.pbkdf2.iterations).
    OAUTH2_HASHERS_PBKDF2_ITERATIONS: '1000',
  };
  if (registration) env.WEBFINGER_OIDC_DISCOVERY_CLIENT_REGISTRATION_URL = `${publicUrl}/oauth2/register`;
  // Hydra fetches a sector_identifier_uri over https only: it trusts the harness receiver's certificate beside the system's.
  if (!('error' in receiverTlsIdentity())) env.SSL_CERT_DIR = `${RECEIVER_CERT_DIR}:/etc/ssl/certs`;
  if (opts.env) Object.assign(env, opts.env);

  const child: ChildProcess = spawn(bin, ['serve', 'all', '--dev', '--sqa-opt-out', ...(opts.extraArgs ?? [])], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const lastLines: string[] = [];
  const keep = (d: string) => {
    for (const line of d.split('\n')) {
      if (!line) continue;
      lastLines.push(line);
      if (lastLines.length > STDERR_KEEP) lastLines.shift();
    }
  };
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.on('error', (e) => {
      keep(`spawn error: ${e.message}`);
      exited ??= { code: -1, signal: null };
      resolve();
    });
  });

  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  liveChildren.add(killOnExit);

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 3_000);
      await exitPromise;
      clearTimeout(timer);
    }
    liveChildren.delete(killOnExit);
    await new Promise<void>((r) => stub.server.close(() => r()));
    stub.server.closeAllConnections?.();
  };

  const fail = async (why: string): Promise<never> => {
    await close();
    throw new Error(`Ory Hydra ${release} ${why}. Last lines of its output:\n${lastLines.slice(-20).join('\n') || '(none)'}`);
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      const e = exited as { code: number | null; signal: NodeJS.Signals | null };
      return fail(`exited before it was ready (code ${e.code}, signal ${e.signal})`);
    }
    try {
      const res = await fetch(`${adminUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) return fail(`was not ready within ${readyTimeoutMs / 1000} s (GET ${adminUrl}/health/ready)`);
    await sleep(100);
  }

  let version = 'unknown';
  try {
    const res = await fetch(`${adminUrl}/version`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { version?: string };
    if (body.version) version = body.version;
  } catch {
    /* keep 'unknown' */
  }

  return { publicUrl, adminUrl, issuer, version, uiUrl: stub.url, close };
}
