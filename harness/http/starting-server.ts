// An HTTP server that answers every request from the moment it listens. A node:http server that
// listens before its request handler is attached accepts connections and never answers them; a
// server whose handler needs what listening gives (URLs built from the bound port) cannot attach
// it earlier, so until open() hands the handler over, every request gets 503 and a JSON error.
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsOptions } from 'node:https';
import type { AddressInfo } from 'node:net';

// RFC 6749's code for "cannot handle the request now, try later"; Retry-After for pollers.
const STARTING_BODY = JSON.stringify({
  error: 'temporarily_unavailable',
  error_description: 'The server is starting; try again in a moment.',
});
const STARTING_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '1' };

export interface StartingServer {
  readonly server: Server;
  /** From now on every request goes to `handler`. */
  open(handler: RequestListener): void;
}

/** With `tls`, an HTTPS server (node:https's options: certificate, key, the CA of client certificates it asks for). */
export function startingServer(tls?: TlsOptions): StartingServer {
  let handler: RequestListener | undefined;
  const listener: RequestListener = (req, res) => {
    if (handler) return handler(req, res);
    req.resume(); // the body is not wanted, but must be read for the connection to stay usable
    res.writeHead(503, STARTING_HEADERS).end(STARTING_BODY);
  };
  const server: Server = tls ? createTlsServer(tls, listener) : createServer(listener);
  return {
    server,
    open: (h) => {
      handler = h;
    },
  };
}

/** Listen on host:port (0: any free port); resolves with the bound port, rejects when binding fails. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
