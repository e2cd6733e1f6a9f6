// A forward proxy (as HTTPS_PROXY names one) for the selftests: CONNECT tunnels, and plain requests in absolute form.
// It resolves the names a test gives it itself (`hosts`), so a target named only there is reachable only through it:
// a run against it proves that the HTTP client and the browser both took the proxy.
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listen } from '../../harness/http/starting-server.ts';

export interface ForwardProxy {
  url: string;
  /** Requests and tunnels it carried, by host name. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

export async function startForwardProxy(hosts: Record<string, string>): Promise<ForwardProxy> {
  const seen = new Map<string, number>();
  const resolve = (host: string) => {
    seen.set(host, (seen.get(host) ?? 0) + 1);
    return hosts[host] ?? host;
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const target = new URL(req.url ?? '/');
    const upstream = forward(
      {
        host: resolve(target.hostname),
        port: target.port || 80,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (e) => res.writeHead(502).end(e.message));
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), resolve(host!), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
