// The harness's HTTP client: undici 7 with its own Agent (never the Node-bundled undici that a
// Playwright worker has installed globally), no automatic redirects, a bounded timeout on every
// request. Every exchange is handed to `onExchange`, which records it (masked) in the report.
import { request } from 'undici';
import { Connections } from './dispatcher.ts';
import type { Exchange, HeaderMap } from './exchange.ts';
import { header } from './exchange.ts';
import { networkSettings, type NetworkSettings } from './network-settings.ts';
import { pacerFor, type Pacer } from './pacing.ts';
import { requestSlots, type Slots } from './concurrency.ts';
import { isThrottled, MAX_THROTTLED_ATTEMPTS, noteThrottling, throttledNote, waitFor } from './throttle.ts';
import { traceHeaders } from '../run/trace.ts';

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | undefined>;
  json?: unknown;
  form?: Record<string, string | undefined>;
  body?: string;
  bearer?: string;
  basic?: { username: string; password: string };
  timeoutMs?: number;
  /** false: present no client certificate (OIDC_CLIENT_CERT_FILE) even to a server that asks for one. */
  clientCertificate?: false;
}

export class HttpResponse {
  constructor(readonly exchange: Exchange) {}
  get status(): number {
    return this.exchange.status ?? 0;
  }
  get headers(): HeaderMap {
    return this.exchange.responseHeaders ?? {};
  }
  get text(): string {
    return this.exchange.responseBody ?? '';
  }
  header(name: string): string | undefined {
    return header(this.exchange.responseHeaders, name);
  }
  /** The body as JSON, or undefined when it is not JSON (the caller reports that as a finding). */
  get json(): any {
    try {
      return JSON.parse(this.text);
    } catch {
      return undefined;
    }
  }
  get isJson(): boolean {
    return this.json !== undefined && this.text.trim() !== '';
  }
}

/**
 * No response at all. Usually a fact about the target (timeout, refused, reset), reported in one line; when the
 * harness itself closed the client (a check that outlived its time), `ours` says so: never blame the target for it.
 */
export class TransportError extends Error {
  readonly ours: boolean;
  constructor(
    readonly exchange: Exchange,
    message = exchange.error,
  ) {
    super(message);
    this.name = 'TransportError';
    this.ours = exchange.harnessError === true;
  }
}

/** The provider kept throttling past OIDC_THROTTLE_MAX_WAIT_MS: no answer to judge, never a finding. */
export class Throttled extends TransportError {
  constructor(exchange: Exchange, boundMs: number) {
    super(
      exchange,
      `the provider kept throttling (HTTP ${exchange.status}) past the bound on waiting it out (OIDC_THROTTLE_MAX_WAIT_MS=${boundMs})`,
    );
    this.name = 'Throttled';
  }
}

/** The target answered with a body larger than OIDC_MAX_BODY_BYTES: reading it stopped there. */
export class ResponseTooLarge extends Error {
  constructor(
    readonly exchange: Exchange,
    readonly limit: number,
  ) {
    super(
      `${exchange.method} ${new URL(exchange.url).pathname} answered HTTP ${exchange.status} with a body larger than ${limit} bytes (OIDC_MAX_BODY_BYTES); reading stopped there`,
    );
    this.name = 'ResponseTooLarge';
  }
}

/** 1 MiB: far more than any OpenID response, far less than what would stall a run. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

// RFC 6749 §2.3.1: client id and secret are form-urlencoded before they go into Basic credentials.
export function basicCredentials(username: string, password: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return 'Basic ' + Buffer.from(`${enc(username)}:${enc(password)}`).toString('base64');
}

function withQuery(url: string, query?: Record<string, string | undefined>): string {
  if (!query) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

function formBody(form: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) p.set(k, v);
  return p.toString();
}

/** undici's errors for a client or agent the harness closed itself. */
const CLOSED_BY_US = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

export function isClosedByUs(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return CLOSED_BY_US.has(e.code ?? e.cause?.code ?? '');
}

/** What describeTransportError says when nothing listens at the address, or the host name does not resolve. */
export const UNREACHABLE = ['connection refused', 'host name not found'] as const;

/** node:tls's codes for a certificate chain it could not verify. */
const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
]);

export function describeTransportError(err: unknown, timeoutMs: number): string {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  if (isClosedByUs(err)) return 'the harness had already closed this HTTP client (the check ran past its time limit)';
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    e.name === 'TimeoutError' ||
    code === 'UND_ERR_ABORTED' ||
    e.name === 'AbortError'
  )
    return `no answer within ${timeoutMs} ms`;
  if (code === 'ECONNREFUSED') return UNREACHABLE[0];
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return UNREACHABLE[1];
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection closed by the target';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `could not connect within ${timeoutMs} ms`;
  if (code && UNTRUSTED_CERTIFICATE.has(code))
    return `the provider's TLS certificate is not trusted (${code}): set OIDC_CA_FILE to the CA that issued it, or OIDC_INSECURE_TLS=1 to skip the check`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `the provider's TLS certificate names another host (${(e.cause?.message ?? e.message ?? '').split('\n')[0]})`;
  return (e.cause?.message ?? e.message ?? String(err)).split('\n')[0];
}

/**
 * Hydra's answer when SQLite refused a write that raced another one (a limit of its SQLite storage, not of the
 * protocol). Only the error body of a 5xx counts: never text in a 2xx body or in a Location header, and never a
 * PKCE or verifier failure ("Unable to find initial PKCE data" says the code's PKCE data is gone, which is a failure).
 */
const STORAGE_CONFLICT = /Unable to serialize access due to a concurrent update|database (table )?is locked/;

/** OIDC_RETRY_STORAGE_CONFLICTS=1: such answers are tried again (set by `npm run conformance:hydra`). */
export const retriesStorageConflicts = (): boolean => process.env.OIDC_RETRY_STORAGE_CONFLICTS === '1';

/** Whether an answer is the provider's storage refusing a racing write: a 5xx whose error body says so. */
export function isStorageConflict(ex: Pick<Exchange, 'status' | 'responseBody'>): boolean {
  return (ex.status ?? 0) >= 500 && STORAGE_CONFLICT.test(ex.responseBody ?? '');
}

/**
 * Methods whose request changes nothing at the provider (RFC 9110 §9.2.1): the only ones sent again after a storage
 * conflict. A POST (a registration, a code exchange) may have taken effect before the write failed: sending it again
 * could hide that (a spent code, a second client), so its answer stands.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How often a safe request refused by a storage conflict is sent again (OIDC_RETRY_STORAGE_CONFLICTS=1). */
const STORAGE_CONFLICT_ATTEMPTS = 3;

/** A pause before trying again, a little apart from the other workers. */
export const pauseBeforeAttempt = (attempt: number): Promise<void> =>
  new Promise((r) => setTimeout(r, attempt * (100 + Math.random() * 200)));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class HttpClient {
  private readonly connections: Connections;
  /** Whether the connections are this client's own, closed with it (not shared with other clients). */
  private readonly ownsConnections: boolean;
  private readonly pacer: Pacer | undefined;
  private readonly slots: Slots;

  constructor(
    private readonly timeoutMs: number,
    private readonly onExchange: (ex: Exchange) => Promise<void> | void = () => {},
    private readonly maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    private readonly network: NetworkSettings = networkSettings(),
    shared?: Connections,
  ) {
    this.connections = shared ?? new Connections(network, timeoutMs);
    this.ownsConnections = !shared;
    this.pacer = pacerFor(network.rateLimit);
    this.slots = requestSlots(network.inFlight);
  }

  /**
   * Send one request. Resolves with any HTTP status; rejects with TransportError when nothing came back.
   * - A throttled answer (429, or 503 with Retry-After) is waited out as it says and the request sent again, within
   *   OIDC_THROTTLE_MAX_WAIT_MS; past that the request rejects with Throttled (no answer, never a finding).
   * - With OIDC_RETRY_STORAGE_CONFLICTS=1 (set by `npm run conformance:hydra`, whose Hydra runs on in-memory SQLite) a
   *   safe request (GET, HEAD, OPTIONS) answered with a storage conflict (isStorageConflict) is sent again, up to
   *   three times.
   * Every attempt stays in the check's evidence as its own exchange, the earlier ones saying why they were sent again;
   * any other answer is the one the check judges.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const safe = SAFE_METHODS.has(methodOf(req).toUpperCase());
    const bound = this.network.throttleMaxWaitMs;
    let conflicts = 0;
    let throttled = 0;
    let waited = 0;
    for (;;) {
      const res = await this.sendOnce(req);
      const ex = res.exchange;
      if (isThrottled(ex)) {
        const wait = waitFor(ex, ++throttled);
        ex.throttled = true;
        if (throttled >= MAX_THROTTLED_ATTEMPTS || waited + wait > bound) {
          ex.superseded = throttledNote(ex, undefined, bound);
          await noteThrottling(ex, undefined);
          throw new Throttled(ex, bound);
        }
        ex.superseded = throttledNote(ex, wait, bound);
        await noteThrottling(ex, wait);
        waited += wait;
        await sleep(wait);
        continue;
      }
      if (++conflicts < STORAGE_CONFLICT_ATTEMPTS && safe && retriesStorageConflicts() && isStorageConflict(ex)) {
        ex.superseded = `the provider's storage refused a racing write (HTTP ${res.status}); this safe request was sent again`;
        await pauseBeforeAttempt(conflicts);
        continue;
      }
      return res;
    }
  }

  private async sendOnce(req: HttpRequest): Promise<HttpResponse> {
    const method = methodOf(req);
    const url = withQuery(req.url, req.query);
    const headers: Record<string, string> = { accept: 'application/json', ...traceHeaders(), ...lowerKeys(req.headers) };
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    } else if (req.form) {
      body = formBody(req.form);
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (req.body !== undefined) {
      body = req.body;
    }
    if (req.bearer !== undefined) headers.authorization = `Bearer ${req.bearer}`;
    if (req.basic) headers.authorization = basicCredentials(req.basic.username, req.basic.password);

    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    await this.pacer?.turn();
    const exchange: Exchange = { method, url, requestHeaders: headers, requestBody: body, durationMs: 0 };
    let started = 0;
    // Within this process's share of OIDC_IN_FLIGHT; the time waited for a slot is not the exchange's.
    await this.slots.run(async () => {
      started = performance.now();
      try {
        const res = await request(url, {
          method: method as 'GET',
          headers,
          body,
          dispatcher: this.connections.pool(req.clientCertificate !== false),
          signal: AbortSignal.timeout(timeoutMs),
        });
        exchange.status = res.statusCode;
        exchange.responseHeaders = res.headers as HeaderMap;
        exchange.responseBody = await this.readBounded(res.body, exchange);
      } catch (err) {
        exchange.error = describeTransportError(err, timeoutMs);
        if (isClosedByUs(err)) exchange.harnessError = true;
      }
    });
    exchange.durationMs = Math.round(performance.now() - started);
    await this.onExchange(exchange);
    if (exchange.error) throw new TransportError(exchange);
    if (exchange.truncatedAt !== undefined) throw new ResponseTooLarge(exchange, this.maxBodyBytes);
    return new HttpResponse(exchange);
  }

  /** The body as text, read up to maxBodyBytes; past that the stream is dropped and the exchange marked. */
  private async readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, exchange: Exchange): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        body.destroy();
        exchange.truncatedAt = this.maxBodyBytes;
        const kept = Buffer.concat(chunks).subarray(0, 4096).toString('utf8');
        return `${kept}\n[… more than ${this.maxBodyBytes} bytes; the rest was not read]`;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Closes the connections when they are this client's own; shared ones belong to whoever made them. */
  async close(): Promise<void> {
    if (this.ownsConnections) await this.connections.close();
  }
}

function methodOf(req: HttpRequest): string {
  return req.method ?? (req.json !== undefined || req.form || req.body !== undefined ? 'POST' : 'GET');
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}
