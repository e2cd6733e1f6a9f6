/**
 * The c_nonce of the verifiable-credentials draft: stateless, bound to the exact access-token string and reusable
 * until it expires. Encoded as base64url(expiry ‖ HMAC-SHA256(secret, expiry ‖ token)). And the answer to a proof that
 * is missing, invalid or not bound to one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context.ts';
import { rfcError, type HttpError } from './errors.ts';

function mac(ctx: Ctx, expiry: Buffer, accessToken: string): Buffer {
  // The credentials.nonce-unbound defect: the nonce no longer names the access token it was given for.
  return createHmac('sha256', ctx.secret)
    .update(expiry)
    .update(ctx.has('credentials.nonce-unbound') ? '' : accessToken)
    .digest();
}

/** Deviation #8 (OpenID4VCI ID1 §7.3.1.2, §7.3.2): a proof that is missing or invalid, or not bound to a c_nonce, is invalid_proof. */
export function invalidProof(hint: string): HttpError {
  return rfcError(400, 'invalid_proof', 'The proof in the Credential Request is invalid.', hint);
}

/** Offer latest-c-nonce: the c_nonce last given for each access token; a fresh one replaces the earlier (OpenID4VCI §7.2). */
const latest = new WeakMap<object, Map<string, string>>();

export function createNonce(ctx: Ctx, accessToken: string, expiresAtMs: number): string {
  const expiry = Buffer.alloc(8);
  expiry.writeBigUInt64BE(BigInt(Math.floor(expiresAtMs)));
  const nonce = Buffer.concat([expiry, mac(ctx, expiry, accessToken)]).toString('base64url');
  if (ctx.offers('latest-c-nonce')) {
    let given = latest.get(ctx.store);
    if (!given) latest.set(ctx.store, (given = new Map()));
    given.set(accessToken, nonce);
  }
  return nonce;
}

/** undefined when valid for this access token, else invalid_proof (deviation #8; Hydra: invalid_request). */
export function nonceError(ctx: Ctx, accessToken: string, nonce: string): HttpError | undefined {
  const raw = Buffer.from(nonce, 'base64url');
  const expiry = raw.subarray(0, 8);
  const given = raw.subarray(8);
  if (raw.length !== 40 || !timingSafeEqual(given, mac(ctx, expiry, accessToken))) {
    return invalidProof('The nonce is invalid.');
  }
  // The credentials.nonce-expiry-in-seconds defect: milliseconds compared with seconds.
  const now = ctx.has('credentials.nonce-expiry-in-seconds') ? Math.floor(Date.now() / 1000) : Date.now();
  if (Number(expiry.readBigUInt64BE()) < now) return invalidProof('The nonce has expired.');
  // The credentials.replaced-nonce-accepted defect: a c_nonce that a later one replaced still counts.
  const last = ctx.offers('latest-c-nonce') ? latest.get(ctx.store)?.get(accessToken) : undefined;
  if (last !== undefined && last !== nonce && !ctx.has('credentials.replaced-nonce-accepted'))
    return invalidProof('The nonce was replaced by a later one.');
  return undefined;
}
