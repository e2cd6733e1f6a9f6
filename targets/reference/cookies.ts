/**
 * Hydra's browser cookies in dev mode (`--dev`: not Secure, names with a `_dev` suffix). Values are HMAC-signed
 * like gorilla/securecookie, so a session id seen in an ID token's `sid` cannot be replayed as a cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Req } from './http.ts';

export const SESSION_COOKIE = 'ory_hydra_session_dev';
/** ttl.login_consent_request: lifetime of the CSRF cookies. */
const CSRF_MAX_AGE = 1800;

/** murmur3 32-bit (seed 0) of the client id: Hydra's per-client suffix of the CSRF cookie names. */
function murmur3(text: string): number {
  const data = Buffer.from(text, 'utf8');
  let h = 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = data.length >> 2;
  for (let i = 0; i < blocks; i++) {
    let k = data.readUInt32LE(i * 4);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const tail = blocks * 4;
  switch (data.length & 3) {
    case 3:
      k ^= (data[tail + 2] ?? 0) << 16;
    // falls through
    case 2:
      k ^= (data[tail + 1] ?? 0) << 8;
    // falls through
    case 1:
      k ^= data[tail] ?? 0;
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function csrfCookieName(kind: 'login' | 'consent', clientId: string): string {
  return `ory_hydra_${kind}_csrf_dev_${murmur3(clientId)}`;
}

export class CookieJar {
  constructor(private readonly secret: Buffer) {}

  private mac(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }

  /** Reads a signed cookie; a missing or tampered one reads as undefined. */
  read(req: Req, name: string): string | undefined {
    const raw = req.cookie(name);
    const dot = raw?.lastIndexOf('.') ?? -1;
    if (!raw || dot < 0) return undefined;
    const value = raw.slice(0, dot);
    const given = Buffer.from(raw.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  /** Sets a signed cookie; maxAge 0 gives a browser-session cookie, like gorilla's MaxAge 0. */
  set(res: ServerResponse, name: string, value: string, maxAge = 0): void {
    const age = maxAge > 0 ? `; Max-Age=${maxAge}; Expires=${new Date(Date.now() + maxAge * 1000).toUTCString()}` : '';
    append(res, `${name}=${value}.${this.mac(value)}; Path=/${age}; HttpOnly; SameSite=Lax`);
  }

  setCsrf(res: ServerResponse, name: string, value: string): void {
    this.set(res, name, value, CSRF_MAX_AGE);
  }

  clear(res: ServerResponse, name: string): void {
    append(res, `${name}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly; SameSite=Lax`);
  }
}

function append(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
