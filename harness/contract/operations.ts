// Which operation an exchange belongs to, and its request as a template (`GET /oauth2/register/{id}`):
// the keys of the observed contract (reports/contract.json). Known Ory routes are matched on the end of
// the path (a base URL with a path prefix drops out); a known path with another method belongs to the
// operation of that path's first method. Anything else keeps its path with ids, UUIDs and long random
// segments replaced by {id}: under `admin` when it is an admin API path, else under `other`.
import { maskText } from '../secrets/mask.ts';

export interface Route {
  template: string;
  /** Method → operation; `*` for every other method on the path. */
  ops: Record<string, string>;
}

/** Ory's operation ids for the OidcApi and the supporting endpoints the suites use. */
export const ROUTES: readonly Route[] = [
  { template: '/oauth2/register', ops: { '*': 'createOidcDynamicClient' } },
  {
    template: '/oauth2/register/{id}',
    ops: { GET: 'getOidcDynamicClient', PUT: 'setOidcDynamicClient', DELETE: 'deleteOidcDynamicClient', '*': 'getOidcDynamicClient' },
  },
  { template: '/.well-known/openid-configuration', ops: { '*': 'discoverOidcConfiguration' } },
  { template: '/.well-known/oauth-authorization-server', ops: { '*': 'discoverOAuth2AuthorizationServer' } },
  { template: '/.well-known/jwks.json', ops: { '*': 'discoverJsonWebKeys' } },
  { template: '/userinfo', ops: { '*': 'getOidcUserInfo' } },
  { template: '/oauth2/sessions/logout', ops: { '*': 'revokeOidcSession' } },
  { template: '/credentials', ops: { '*': 'createVerifiableCredential' } },
  { template: '/oauth2/token', ops: { '*': 'oauth2TokenExchange' } },
  { template: '/oauth2/auth', ops: { '*': 'oAuth2Authorize' } },
  { template: '/oauth2/revoke', ops: { '*': 'revokeOAuth2Token' } },
  { template: '/oauth2/fallbacks/login', ops: { '*': 'fallbackPages' } },
  { template: '/oauth2/fallbacks/consent', ops: { '*': 'fallbackPages' } },
  { template: '/oauth2/fallbacks/logout', ops: { '*': 'fallbackPages' } },
  { template: '/oauth2/fallbacks/logout/callback', ops: { '*': 'fallbackPages' } },
  { template: '/oauth2/fallbacks/error', ops: { '*': 'fallbackPages' } },
  { template: '/health/alive', ops: { '*': 'isAlive' } },
  { template: '/health/ready', ops: { '*': 'isReady' } },
  // Ory Hydra's admin API (v2: every path under /admin), all under one operation.
  { template: '/admin/clients', ops: { '*': 'admin' } },
  { template: '/admin/clients/{id}', ops: { '*': 'admin' } },
  ...['login', 'consent', 'logout'].flatMap((k) =>
    ['', '/accept', '/reject'].map((s) => ({ template: `/admin/oauth2/auth/requests/${k}${s}`, ops: { '*': 'admin' } })),
  ),
  { template: '/admin/oauth2/auth/sessions/login', ops: { '*': 'admin' } },
  { template: '/admin/oauth2/auth/sessions/consent', ops: { '*': 'admin' } },
  { template: '/admin/oauth2/introspect', ops: { '*': 'admin' } },
  { template: '/admin/oauth2/revoke', ops: { '*': 'admin' } },
  { template: '/admin/keys/{id}', ops: { '*': 'admin' } },
  { template: '/admin/health/alive', ops: { '*': 'admin' } },
  { template: '/admin/health/ready', ops: { '*': 'admin' } },
  { template: '/admin/version', ops: { '*': 'admin' } },
];

/** The harness's receiver routes (fixtures/receiver.ts): requests the provider (or the browser, on its behalf) sends to the relying party. */
const RECEIVED: Record<string, { operation: string; uri: string }> = {
  backchannel: { operation: 'revokeOidcSession', uri: '{backchannel_logout_uri}' },
  frontchannel: { operation: 'revokeOidcSession', uri: '{frontchannel_logout_uri}' },
  'post-logout': { operation: 'revokeOidcSession', uri: '{post_logout_redirect_uri}' },
  callback: { operation: 'oAuth2Authorize', uri: '{redirect_uri}' },
};
const RECEIVER_PATH = /\/rp\/[A-Za-z0-9_-]+\/(backchannel|frontchannel|post-logout|callback)$/;

// Longest first: the most specific template wins.
const MATCHERS = [...ROUTES]
  .map((r) => ({ ...r, segments: r.template.split('/').slice(1) }))
  .sort((a, b) => b.segments.length - a.segments.length);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a path segment or a JSON member name is an identifier or a random value rather than a word of the
 * API: a UUID, a number, a long hex string, a long mixed-case string with digits (base64url), anything over
 * 64 characters, or a value the run knows to be secret.
 */
export function looksRandom(s: string): boolean {
  if (UUID.test(s) || /^\d+$/.test(s) || /^[0-9a-f]{16,}$/i.test(s) || s.length > 64) return true;
  if (s.length >= 16 && /\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return true;
  return maskText(s) !== s;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A path with its identifiers as {id}. */
export function templatePath(path: string): string {
  return path
    .split('/')
    .map((s, i) => (i === 0 || s === '' ? s : looksRandom(decode(s)) || looksRandom(s) ? '{id}' : s))
    .join('/');
}

export interface Classified {
  operation: string;
  /** `METHOD /template`, or `METHOD {uri}` for a request received from the provider. */
  request: string;
  /** A request the provider sent to the harness's receiver (not an answer of the provider). */
  received: boolean;
}

/** The operation and templated request of one exchange (the query string is dropped). */
export function classify(method: string, url: string): Classified {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = '/';
  }
  const m = method.toUpperCase();
  const rp = RECEIVER_PATH.exec(path);
  if (rp) {
    const r = RECEIVED[rp[1]];
    return { operation: r.operation, request: `${m} ${r.uri}`, received: true };
  }
  // A trailing slash is kept (it is another request), but the route it names is still known.
  const slash = path.length > 1 && path.endsWith('/');
  const parts = (slash ? path.slice(0, -1) : path).split('/').slice(1);
  for (const route of MATCHERS) {
    const n = route.segments.length;
    if (parts.length < n) continue;
    const tail = parts.slice(parts.length - n);
    if (route.segments.every((s, i) => (s.startsWith('{') ? tail[i] !== '' : s === tail[i]))) {
      return { operation: route.ops[m] ?? route.ops['*'], request: `${m} ${route.template}${slash ? '/' : ''}`, received: false };
    }
  }
  const templ = templatePath(path);
  const admin = templ.split('/').indexOf('admin');
  if (admin > 0) return { operation: 'admin', request: `${m} /${templ.split('/').slice(admin).join('/')}`, received: false };
  return { operation: 'other', request: `${m} ${templ}`, received: false };
}
