/**
 * The c_nonce of the verifiable-credentials draft: stateless, bound to the exact access-token string and reusable
 * until it expires. Encoded as base64url(expiry ‖ salt ‖ HMAC-SHA256(secret, expiry ‖ salt ‖ token)): each is new, as
 * Hydra's are (the expiry sealed with a random nonce), so two primings never answer the same c_nonce. And the answer
 * to a proof that is missing, invalid or not bound to one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context.ts';
import { rfcError, type HttpError } from './errors.ts';

const SALT_BYTES = 8;
const NONCE_BYTES = 8 + SALT_BYTES + 32;

function mac(ctx: Ctx, expiry: Buffer, salt: Buffer, accessToken: string): Buffer {
  // The credentials.nonce-unbound defect: the nonce no longer names the access token it was given for.
  return createHmac('sha256', ctx.secret)
    .update(expiry)
    .update(salt)
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
  const salt = randomBytes(SALT_BYTES);
  const nonce = Buffer.concat([expiry, salt, mac(ctx, expiry, salt, accessToken)]).toString('base64url');
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
  const salt = raw.subarray(8, 8 + SALT_BYTES);
  const given = raw.subarray(8 + SALT_BYTES);
  if (raw.length !== NONCE_BYTES || !timingSafeEqual(given, mac(ctx, expiry, salt, accessToken))) {
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
