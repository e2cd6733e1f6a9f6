/** Small request/response helpers with the exact headers Hydra (herodot, fosite, net/http) writes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { goEncode } from './go-json.ts';
import type { HttpError } from './errors.ts';

/** herodot success bodies. */
export const JSON_OK = 'application/json; charset=utf-8';
/** herodot error bodies carry no charset. */
export const JSON_ERROR = 'application/json';
/** fosite writes the token, revocation and introspection responses itself. */
export const JSON_FOSITE = 'application/json;charset=UTF-8';
export const HTML = 'text/html; charset=utf-8';
/** httprouterx.NoCacheNegroni, applied to every GET on both servers. */
export const NO_CACHE_GET = 'private, no-cache, no-store, must-revalidate';

const MAX_BODY = 1 << 20;

export class Req {
  params: Record<string, string> = {};
  #body?: Promise<string>;
  #cookies?: Map<string, string>;

  constructor(
    readonly raw: IncomingMessage,
    readonly url: URL,
  ) {}

  get method(): string {
    return this.raw.method ?? 'GET';
  }

  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  header(name: string): string | undefined {
    const value = this.raw.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  body(): Promise<string> {
    this.#body ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      this.raw.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      this.raw.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      this.raw.on('error', reject);
    });
    return this.#body;
  }

  /** Go's r.PostForm: the body, only for POST/PUT/PATCH with an urlencoded Content-Type. */
  async postForm(): Promise<URLSearchParams> {
    const type = (this.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (!['POST', 'PUT', 'PATCH'].includes(this.method) || type !== 'application/x-www-form-urlencoded') {
      return new URLSearchParams();
    }
    return new URLSearchParams(await this.body());
  }

  /** Go's r.Form: body values first, then the query. */
  async form(): Promise<URLSearchParams> {
    const form = await this.postForm();
    for (const [k, v] of this.query) form.append(k, v);
    return form;
  }

  cookie(name: string): string | undefined {
    if (!this.#cookies) {
      this.#cookies = new Map();
      for (const part of (this.header('cookie') ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0) this.#cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
      }
    }
    return this.#cookies.get(name);
  }
}

export function send(res: ServerResponse, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.statusCode = status;
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, type = JSON_OK): void {
  send(res, status, goEncode(value), { 'Content-Type': type });
}

export function sendError(res: ServerResponse, err: HttpError, type = JSON_ERROR): void {
  send(res, err.status, goEncode(err.body()), { 'Content-Type': type, ...err.headers });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, { 'Content-Type': HTML });
}

export function sendEmpty(res: ServerResponse, status: number): void {
  send(res, status, '');
}

/** net/http's http.Redirect(…, 302), which Hydra uses for its own redirects: GET requests also get a tiny HTML body. */
export function redirect(req: Req, res: ServerResponse, location: string): void {
  const body = req.method === 'GET' ? `<a href="${escapeHtml(location)}">Found</a>.\n\n` : '';
  send(res, 302, body, body ? { Location: location, 'Content-Type': HTML } : { Location: location });
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** fosite's (and deviation #1's) uncacheable response headers. */
export function noStore(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
}

/** html/template's escaping, e.g. `'` becomes `&#39;` as Hydra's error page shows. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * fosite.AccessTokenFromRequest: `Authorization: Bearer <t>` (scheme case-insensitive), otherwise the
 * `access_token` parameter of r.Form (query, or an urlencoded body).
 */
export async function accessTokenFromRequest(req: Req): Promise<string> {
  const auth = req.header('authorization') ?? '';
  const space = auth.indexOf(' ');
  if (space > 0 && auth.slice(0, space).toLowerCase() === 'bearer') return auth.slice(space + 1);
  return (await req.form()).get('access_token') ?? '';
}

/** Go's url.Values.Encode: keys sorted, application/x-www-form-urlencoded. */
export function encodeSorted(params: URLSearchParams): string {
  const sorted = new URLSearchParams(params);
  sorted.sort();
  return sorted.toString();
}

/** urlx.SetQuery: set the given parameters on a URL and re-encode its query sorted, as Go does. */
export function withQuery(base: string, params: Readonly<Record<string, string>>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.search = encodeSorted(url.searchParams);
  return url.toString();
}

/** Splits a space-separated parameter and drops empty items (fosite.RemoveEmpty). */
export function splitSpaces(value: string | null | undefined): string[] {
  return (value ?? '').split(' ').filter((s) => s !== '');
}
