// A minimal RFC 6265 cookie jar for the HTTP user agent of the login driver: enough to carry a
// provider's CSRF and session cookies across redirects (host-only/domain match, path prefix,
// Max-Age/Expires deletion, Secure only over https). Every value is remembered as a secret.
import { rememberSecret } from '../secrets/vault.ts';

interface Cookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  expiresAt?: number;
}

function defaultPath(url: URL): string {
  const p = url.pathname;
  if (!p.startsWith('/') || p.lastIndexOf('/') === 0) return '/';
  return p.slice(0, p.lastIndexOf('/'));
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !/^[\d.]+$/.test(host));
}

function pathMatches(path: string, cookiePath: string): boolean {
  return path === cookiePath || (path.startsWith(cookiePath) && (cookiePath.endsWith('/') || path[cookiePath.length] === '/'));
}

export class CookieJar {
  private cookies: Cookie[] = [];

  /** Take the Set-Cookie headers of a response to `url`. */
  store(url: URL, setCookie: string | string[] | undefined): void {
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) this.storeOne(url, line);
  }

  /** The Cookie header for a request to `url`, or undefined when nothing applies. */
  header(url: URL): string | undefined {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expiresAt === undefined || c.expiresAt > now);
    const host = url.hostname;
    const sent = this.cookies
      .filter((c) => (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)) && pathMatches(url.pathname, c.path) && (!c.secure || url.protocol === 'https:'))
      .sort((a, b) => b.path.length - a.path.length);
    return sent.length ? sent.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** Every cookie value held (for a test that wants to show or forget the session). */
  values(): string[] {
    return this.cookies.map((c) => c.value);
  }

  private storeOne(url: URL, line: string): void {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const cookie: Cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), domain: url.hostname, hostOnly: true, path: defaultPath(url), secure: false };
    let maxAge: number | undefined;
    for (const attr of attrs) {
      const i = attr.indexOf('=');
      const key = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
      const val = i < 0 ? '' : attr.slice(i + 1).trim();
      if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
      else if (key === 'expires' && !Number.isNaN(Date.parse(val))) cookie.expiresAt ??= Date.parse(val);
      else if (key === 'domain' && val) { cookie.domain = val.replace(/^\./, '').toLowerCase(); cookie.hostOnly = false; }
      else if (key === 'path' && val.startsWith('/')) cookie.path = val;
      else if (key === 'secure') cookie.secure = true;
    }
    if (maxAge !== undefined) cookie.expiresAt = Date.now() + maxAge * 1000; // Max-Age wins over Expires
    if (!cookie.hostOnly && !domainMatches(url.hostname, cookie.domain)) return; // a cookie for another site
    rememberSecret(cookie.value, 'cookie');
    this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path));
    if (cookie.expiresAt === undefined || cookie.expiresAt > Date.now()) this.cookies.push(cookie);
  }
}
