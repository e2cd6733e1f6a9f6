// A reverse proxy in front of the embedded reference target, for runs that need a provider the reference is not
// on its own: one across the network (every exchange delayed, as a provider in another region), one that throttles
// (every Nth request answered 429 with Retry-After), or one whose answers a test replaces (a storage conflict).
// The reference is started behind it, so its issuer and every URL it hands out are the proxy's. Used by the
// selftests and by `npm run bench -- --latency <ms>`.
import { createServer, request as forward, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listen } from '../../harness/http/starting-server.ts';
import { startReference, type ReferenceOptions } from '../../targets/reference/server.ts';

/** A request as the proxy saw it, numbered per side (public, admin) from 1. */
export interface ProxiedRequest {
  side: 'public' | 'admin';
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  count: number;
}

/** An answer the proxy gives itself, instead of forwarding the request. */
export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProxyOptions {
  /** Each exchange waits this long before it is forwarded: the round trip of a provider this far away. */
  delayMs?: number;
  /** The first exchange of each new connection waits this much more (the TCP handshake); default delayMs. */
  connectDelayMs?: number;
  /** Answer some requests without forwarding them (return undefined to forward). */
  intercept?: (req: ProxiedRequest) => CannedAnswer | undefined;
}

export interface ProxyStats {
  requests: number;
  connections: number;
  intercepted: number;
}

export interface ProxiedReference {
  publicUrl: string;
  adminUrl: string;
  issuer: string;
  stats: ProxyStats;
  close(): Promise<void>;
}

/** Every Nth request of a side answered 429 Too Many Requests with Retry-After (seconds), as a hosted provider's quota does. */
export function throttleEvery(n: number, retryAfterSeconds = 1): NonNullable<ProxyOptions['intercept']> {
  return (req) =>
    req.count % n === 0
      ? {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
          body: JSON.stringify({ error: 'too_many_requests', error_description: 'Rate limit exceeded; try again later.' }),
        }
      : undefined;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function withoutHopByHop(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/** One side's proxy: listens now, forwards to `target()` once the reference behind it is up. */
class SideProxy {
  readonly server: Server;
  private count = 0;
  // A new loopback connection per request: a kept-alive one can be closed by the reference as the proxy reuses it (a 502).
  private readonly agent = new Agent({ keepAlive: false });
  private readonly fresh = new WeakSet<Socket>();
  target = '';

  constructor(
    private readonly side: 'public' | 'admin',
    private readonly opts: ProxyOptions,
    private readonly stats: ProxyStats,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket: Socket) => {
      stats.connections++;
      this.fresh.add(socket);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const count = ++this.count;
    this.stats.requests++;
    const firstOnConnection = this.fresh.delete(req.socket);
    await sleep((this.opts.delayMs ?? 0) + (firstOnConnection ? (this.opts.connectDelayMs ?? this.opts.delayMs ?? 0) : 0));
    const canned = this.opts.intercept?.({
      side: this.side,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: body.toString('utf8'),
      count,
    });
    if (canned) {
      this.stats.intercepted++;
      res.writeHead(canned.status, canned.headers ?? {}).end(canned.body ?? '');
      return;
    }
    const upstream = forward(new URL(req.url ?? '/', this.target), {
      method: req.method,
      headers: withoutHopByHop(req.headers),
      agent: this.agent,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`the test proxy could not reach the reference target: ${e.message}`);
    });
    upstream.end(body);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** The reference target behind a proxy on each of its two ports: its URLs (issuer, endpoints) are the proxy's. */
export async function startProxiedReference(proxy: ProxyOptions, reference: ReferenceOptions = {}): Promise<ProxiedReference> {
  const stats: ProxyStats = { requests: 0, connections: 0, intercepted: 0 };
  const pub = new SideProxy('public', proxy, stats);
  const admin = new SideProxy('admin', proxy, stats);
  const [publicPort, adminPort] = await Promise.all([listen(pub.server, 0, '127.0.0.1'), listen(admin.server, 0, '127.0.0.1')]);
  const publicUrl = `http://127.0.0.1:${publicPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const target = await startReference({ ...reference, publicUrl, adminUrl }).catch(async (e: unknown) => {
    await Promise.all([pub.close(), admin.close()]);
    throw e;
  });
  // The reference listens on ports of its own; its URLs name the proxy's.
  pub.target = target.listening.publicUrl;
  admin.target = target.listening.adminUrl;
  return {
    publicUrl,
    adminUrl,
    issuer: target.issuer,
    stats,
    close: async () => {
      await Promise.all([pub.close(), admin.close()]);
      await target.close();
    },
  };
}
