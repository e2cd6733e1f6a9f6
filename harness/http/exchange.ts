// One HTTP exchange as the harness saw it, and its renderings for a reader: a raw-HTTP
// transcript and a curl command. Both are masked: nothing secret leaves this module.
import { maskBody, maskHeaders, maskUrl } from '../secrets/mask.ts';

export type HeaderMap = Record<string, string | string[]>;

export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: HeaderMap;
  responseBody?: string;
  /** Set when no response came: timeout, refused connection, reset. */
  error?: string;
  /** The error was the harness's own (it had closed the client), not the target's. */
  harnessError?: boolean;
  /** Why the exchange does not count for the observed contract (it was tried again: an artefact of the test deployment). */
  superseded?: string;
  /** The provider throttled (429, or 503 with Retry-After): not its answer to the request; `superseded` says what the harness did. */
  throttled?: boolean;
  /** The body was larger than the bound: only this many bytes were read. */
  truncatedAt?: number;
  durationMs: number;
}

export function header(headers: HeaderMap | undefined, name: string): string | undefined {
  const v = headers?.[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

function headerLines(h: HeaderMap): string[] {
  return Object.entries(h).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}`));
}

/** A masked raw-HTTP transcript of the exchange. */
export function transcript(ex: Exchange): string {
  const u = new URL(ex.url);
  const reqHeaders = maskHeaders(ex.requestHeaders);
  const lines = [`${ex.method} ${maskUrl(u.pathname + u.search)} HTTP/1.1`, `host: ${u.host}`, ...headerLines(reqHeaders)];
  if (ex.requestBody) lines.push('', maskBody(ex.requestBody, ex.requestHeaders['content-type']));
  lines.push('', `--- ${ex.error ? 'no response' : 'response'} after ${ex.durationMs} ms ---`, '');
  if (ex.error) {
    lines.push(ex.error);
  } else {
    lines.push(`HTTP/1.1 ${ex.status}`, ...headerLines(maskHeaders(ex.responseHeaders ?? {})));
    if (ex.responseBody) lines.push('', maskBody(ex.responseBody, header(ex.responseHeaders, 'content-type')));
  }
  return lines.join('\n');
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A masked curl command that repeats the request; masked values must be filled in by hand. */
export function curl(ex: Exchange): string {
  const parts = ['curl', '-i', '-X', ex.method, shellQuote(maskUrl(ex.url))];
  for (const [k, v] of Object.entries(maskHeaders(ex.requestHeaders))) {
    for (const x of Array.isArray(v) ? v : [v]) parts.push('-H', shellQuote(`${k}: ${x}`));
  }
  if (ex.requestBody)
    parts.push('--data-raw', shellQuote(maskBody(ex.requestBody, ex.requestHeaders['content-type']).replace(/\n\s*/g, ' ')));
  return parts.join(' ');
}

/** `METHOD /path` as a check reports the request it judged. */
export function requestLine(ex: Pick<Exchange, 'method' | 'url'>): string {
  return `${ex.method} ${new URL(ex.url).pathname}`;
}
