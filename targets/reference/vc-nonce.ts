/**
 * The c_nonce of the verifiable-credentials draft: stateless, bound to the exact access-token string and reusable
 * until it expires. Encoded as base64url(expiry ‖ HMAC-SHA256(secret, expiry ‖ token)).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context.ts';
import { oauthError, type HttpError } from './errors.ts';

function mac(ctx: Ctx, expiry: Buffer, accessToken: string): Buffer {
  // The credentials.nonce-unbound defect: the nonce no longer names the access token it was given for.
  return createHmac('sha256', ctx.secret)
    .update(expiry)
    .update(ctx.has('credentials.nonce-unbound') ? '' : accessToken)
    .digest();
}

export function createNonce(ctx: Ctx, accessToken: string, expiresAtMs: number): string {
  const expiry = Buffer.alloc(8);
  expiry.writeBigUInt64BE(BigInt(Math.floor(expiresAtMs)));
  return Buffer.concat([expiry, mac(ctx, expiry, accessToken)]).toString('base64url');
}

/** undefined when valid for this access token, else Hydra's invalid_request. */
export function nonceError(ctx: Ctx, accessToken: string, nonce: string): HttpError | undefined {
  const raw = Buffer.from(nonce, 'base64url');
  const expiry = raw.subarray(0, 8);
  const given = raw.subarray(8);
  if (raw.length !== 40 || !timingSafeEqual(given, mac(ctx, expiry, accessToken))) {
    return oauthError('invalid_request', 'The nonce is invalid.');
  }
  // The credentials.nonce-expiry-in-seconds defect: milliseconds compared with seconds.
  const now = ctx.has('credentials.nonce-expiry-in-seconds') ? Math.floor(Date.now() / 1000) : Date.now();
  if (Number(expiry.readBigUInt64BE()) < now) return oauthError('invalid_request', 'The nonce has expired.');
  return undefined;
}
