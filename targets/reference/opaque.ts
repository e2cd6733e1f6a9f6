/**
 * Opaque tokens like Hydra's HMAC strategy: `<prefix><random>.<random>`. Only a hash is stored. As in Hydra the
 * prefix is optional when a token is presented (fosite strips it), so `X.Y` and `ory_at_X.Y` are the same token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const PREFIX = { access: 'ory_at_', refresh: 'ory_rt_', code: 'ory_ac_' } as const;

export function opaqueKey(token: string, prefix: string): string {
  const body = token.startsWith(prefix) ? token.slice(prefix.length) : token;
  return createHash('sha256').update(body).digest('base64url');
}

export function mintOpaque(prefix: string): { token: string; key: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  return { token, key: opaqueKey(token, prefix) };
}

/** Constant-time string comparison (of secrets, token hashes). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Hydra's challenge/verifier/CSRF values: a UUIDv4 without dashes. */
export function randomId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
