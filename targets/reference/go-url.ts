/** Enough of Go's net/url (url.Parse, url.ParseRequestURI) to reproduce Hydra's client validation. */

export interface GoUrl {
  scheme: string;
  user: string;
  /** host[:port] as written. */
  host: string;
  hostname: string;
  /** The explicit port only: Go's URL.Port() has no scheme defaults. */
  port: string;
  path: string;
  rawQuery: string;
  fragment: string;
  hasAuthority: boolean;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;
// eslint-disable-next-line no-control-regex -- Go's url.Parse refuses ASCII control characters: matching them is the point
const CONTROL = /[\x00-\x1f\x7f]/;
const HOST_CHARS = /^[A-Za-z0-9.\-_~!$&'()*+,;=%]*$/;

/**
 * Returns undefined where Go returns an error. `requestUri` selects ParseRequestURI: the value must be absolute or
 * start with '/', and a '#' is not split off as a fragment.
 */
export function parseGoUrl(raw: string, requestUri = false): GoUrl | undefined {
  if (CONTROL.test(raw) || (requestUri && raw === '')) return undefined;
  let rest = raw;
  let fragment = '';
  if (!requestUri) {
    const hash = rest.indexOf('#');
    if (hash >= 0) {
      fragment = rest.slice(hash + 1);
      rest = rest.slice(0, hash);
    }
  }
  if (rest.startsWith(':')) return undefined;
  const scheme = SCHEME.exec(rest)?.[1]?.toLowerCase() ?? '';
  if (scheme) rest = rest.slice(scheme.length + 1);
  else if (requestUri && !rest.startsWith('/')) return undefined;
  else if (/^[^/]*:/.test(rest)) return undefined; // "first path segment in URL cannot contain colon"
  let rawQuery = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const url: GoUrl = { scheme, user: '', host: '', hostname: '', port: '', path: rest, rawQuery, fragment, hasAuthority: false };
  if ((scheme || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    let authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    url.path = slash < 0 ? '' : rest.slice(slash);
    url.hasAuthority = true;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      url.user = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    url.host = authority;
    const v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
    if (v6) {
      url.hostname = v6[1] ?? '';
      url.port = v6[2] ?? '';
    } else {
      const colon = authority.lastIndexOf(':');
      url.hostname = colon >= 0 ? authority.slice(0, colon) : authority;
      url.port = colon >= 0 ? authority.slice(colon + 1) : '';
      if (!/^\d*$/.test(url.port) || !HOST_CHARS.test(url.hostname)) return undefined;
    }
  }
  if (BAD_ESCAPE.test(url.path) || BAD_ESCAPE.test(url.host) || BAD_ESCAPE.test(fragment)) return undefined;
  return url;
}

/** URL.String() of a parsed value. */
export function formatGoUrl(u: GoUrl): string {
  let out = u.scheme ? `${u.scheme}:` : '';
  if (u.hasAuthority) out += `//${u.user ? `${u.user}@` : ''}${u.host}`;
  out += u.path;
  if (u.rawQuery) out += `?${u.rawQuery}`;
  if (u.fragment) out += `#${u.fragment}`;
  return out;
}
