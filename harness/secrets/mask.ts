// Masking of secrets in every shape they travel in: headers, query strings, form bodies,
// JSON bodies and free text. A masked value keeps its kind and a short fingerprint, so a
// reader can still tell "the same token" from "a different token" without seeing either.
import { fingerprint, rememberSecret, replaceKnownSecrets } from './vault.ts';

/** Names whose values are secret wherever they appear (JSON member, form field, query parameter). */
export const SECRET_NAMES = new Set([
  'client_secret',
  'registration_access_token',
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'logout_token',
  'jwt',
  'code',
  'code_verifier',
  'password',
  'token',
  'client_assertion',
  'assertion',
  'credential_draft_00',
  'credential',
  'login_verifier',
  'consent_verifier',
  'logout_verifier',
]);
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'ory-api-key']);

// Shapes that are secret whatever their name: compact JWS/JWE and Ory's prefixed opaque tokens.
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?/g;
const ORY_TOKEN_SHAPE = /\bory_(?:at|rt|ac|pt|ht)_[A-Za-z0-9_~.-]+/g;
// Credentials in a URL (scheme://user:password@host), e.g. a proxy's: the user and password, whatever they are.
const URL_CREDENTIALS_SHAPE = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]+)@/gi;

const fingerprints = new Map<string, string>();

/** A fingerprint tells two tokens apart; of a password or a short value it would help guess it: none for those. */
const guessable = (value: string, kind: string) =>
  value.length < 6 || kind === 'password' || kind === 'url_credentials' || /_(PASSWORD|SECRET)$/.test(kind);

export function maskValue(value: string, kind: string): string {
  if (guessable(value, kind)) return `[masked:${kind}]`;
  let fp = fingerprints.get(value);
  if (fp === undefined) fingerprints.set(value, (fp = fingerprint(value)));
  return `[masked:${kind}#${fp}]`;
}

/** Mask every known secret value (also percent-encoded) and every token-shaped string in free text. */
export function maskText(text: string): string {
  return replaceKnownSecrets(text, maskValue)
    .replace(JWT_SHAPE, (m) => maskValue(m, 'jwt'))
    .replace(ORY_TOKEN_SHAPE, (m) => maskValue(m, 'token'))
    .replace(URL_CREDENTIALS_SHAPE, (_m, scheme: string, userinfo: string) => `${scheme}${maskValue(userinfo, 'url_credentials')}@`);
}

/** Mask secret members of a JSON value (recursively), remembering what it masks. */
export function maskJson(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskJson(v, parentKey));
  if (value && typeof value === 'object') {
    // A JSON Web Key anywhere (a key set, Hydra's key-creation answer): every private member, whatever it is called.
    if (typeof (value as { kty?: unknown }).kty === 'string') return maskJwk(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_NAMES.has(k) && typeof v === 'string' && v.length > 0) {
        rememberSecret(v, k);
        out[k] = maskValue(v, k);
      } else if (k === 'jwk' || k === 'd') {
        out[k] = maskJwk(v);
      } else {
        out[k] = maskJson(v, k);
      }
    }
    return out;
  }
  return typeof value === 'string' ? maskText(value) : value;
}

// A JWK is public data except for its private members.
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
function maskJwk(v: unknown): unknown {
  if (typeof v === 'string') return maskValue(v, 'private_key');
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const m of PRIVATE_JWK_MEMBERS)
    if (typeof out[m] === 'string' && out[m]) {
      rememberSecret(out[m] as string, 'private_key');
      out[m] = maskValue(out[m] as string, 'private_key');
    }
  return out;
}

/** Mask the secret parameters of an application/x-www-form-urlencoded string or a query string. */
export function maskParams(params: string): string {
  const sp = new URLSearchParams(params);
  const parts: string[] = [];
  for (const [k, v] of sp) {
    if (SECRET_NAMES.has(k) && v) {
      rememberSecret(v, k);
      parts.push(`${encodeURIComponent(k)}=${maskValue(v, k)}`);
    } else {
      parts.push(`${encodeURIComponent(k)}=${maskText(encodeURIComponent(v))}`);
    }
  }
  return parts.join('&');
}

export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return maskText(url);
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const fragment = hash < 0 ? '' : '#' + maskParams(url.slice(hash + 1));
  return maskText(url.slice(0, q)) + '?' + maskParams(query) + fragment;
}

export function maskHeader(name: string, value: string): string {
  const n = name.toLowerCase();
  if (!SECRET_HEADERS.has(n)) return maskText(value);
  if (n === 'authorization' || n === 'proxy-authorization') {
    const [scheme, ...rest] = value.split(' ');
    const credential = rest.join(' ');
    if (!credential) return maskValue(value, 'credential');
    rememberSecret(credential, `${scheme.toLowerCase()}_credential`);
    return `${scheme} ${maskValue(credential, `${scheme.toLowerCase()}_credential`)}`;
  }
  if (n === 'cookie') {
    return value
      .split(/;\s*/)
      .map((c) => {
        const eq = c.indexOf('=');
        if (eq < 0) return c;
        const v = c.slice(eq + 1);
        rememberSecret(v, 'cookie');
        return `${c.slice(0, eq)}=${maskValue(v, 'cookie')}`;
      })
      .join('; ');
  }
  if (n === 'set-cookie') {
    const [pair, ...attrs] = value.split(';');
    const eq = pair.indexOf('=');
    const v = pair.slice(eq + 1);
    rememberSecret(v, 'cookie');
    return [`${pair.slice(0, eq)}=${maskValue(v, 'cookie')}`, ...attrs].join(';');
  }
  rememberSecret(value, n);
  return maskValue(value, n);
}

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map((x) => maskHeader(k, x)) : maskHeader(k, v);
  }
  return out;
}

/** Mask a body according to its content type; unknown types are masked as text. */
export function maskBody(body: string, contentType: string | undefined): string {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('json')) {
    try {
      return JSON.stringify(maskJson(JSON.parse(body)), null, 2);
    } catch {
      return maskText(body);
    }
  }
  if (ct.includes('x-www-form-urlencoded')) return maskParams(body);
  return maskText(body);
}
