/**
 * The defects of what a signed-in user gets: the token response and its ID token (issue.ts, token.ts), userinfo
 * (userinfo.ts) and verifiable credentials (credentials.ts, vc-nonce.ts). Each is switched on by its id in defects.ts;
 * the handlers call these at the point of the behaviour they break.
 */
import type { ServerResponse } from 'node:http';
import { decodeProtectedHeader } from 'jose';
import type { Ctx } from './context.ts';
import { HttpError } from './errors.ts';
import { createSigningKey, type SigningKey } from './keys.ts';

type Claims = Record<string, unknown>;

// A second RS256 key, never published in the JWKS: what "signed with another key" signs with.
const foreign = new WeakMap<Ctx, Promise<SigningKey>>();
function foreignKey(ctx: Ctx): Promise<SigningKey> {
  let key = foreign.get(ctx);
  if (!key) foreign.set(ctx, (key = createSigningKey()));
  return key;
}

/** The key that signs: the published one, or the foreign key when `defect` is on. */
export function signerFor(ctx: Ctx, defect: Parameters<Ctx['has']>[0]): Promise<SigningKey> | SigningKey {
  return ctx.has(defect) ? foreignKey(ctx) : ctx.key;
}

// ---- POST /oauth2/token ----

export function idTokenClaims(ctx: Ctx, claims: Claims): Claims {
  if (ctx.has('tokens.id-token-no-at-hash')) delete claims['at_hash'];
  if (ctx.has('tokens.id-token-wrong-at-hash')) claims['at_hash'] = 'AAAAAAAAAAAAAAAAAAAAAA';
  if (ctx.has('tokens.id-token-wrong-nonce') && claims['nonce'] !== undefined) claims['nonce'] = `${String(claims['nonce'])}-not-the-one-sent`;
  if (ctx.has('tokens.id-token-expired')) claims['exp'] = Number(claims['iat']) - 300;
  if (ctx.has('tokens.id-token-no-exp')) delete claims['exp'];
  if (ctx.has('tokens.id-token-iat-future')) claims['iat'] = Number(claims['iat']) + 3600;
  if (ctx.has('tokens.id-token-aud-other')) claims['aud'] = ['another-client'];
  if (ctx.has('tokens.id-token-iss-slash')) claims['iss'] = `${String(claims['iss'])}/`;
  if (ctx.has('tokens.id-token-no-sid')) delete claims['sid'];
  return claims;
}

export function tokenResponseBody(ctx: Ctx, body: Claims): Claims {
  if (ctx.has('tokens.token-type-mac')) body['token_type'] = 'mac';
  if (ctx.has('credentials.no-token-nonce')) {
    delete body['c_nonce_draft_00'];
    delete body['c_nonce_expires_in_draft_00'];
  }
  return body;
}

export function tokenHeaders(ctx: Ctx, res: ServerResponse): void {
  if (ctx.has('tokens.no-cache-control')) res.removeHeader('Cache-Control');
  if (ctx.has('tokens.no-pragma')) res.removeHeader('Pragma');
}

// ---- GET|POST /userinfo ----

/** How the bearer token is read: the defects that accept what must be refused, or ignore a way to present it. */
export function userinfoBearerRules(ctx: Ctx, req: { method: string; header(name: string): string | undefined }) {
  const hasHeader = req.header('authorization') !== undefined;
  return {
    acceptRefresh: ctx.has('userinfo.accepts-refresh-token'),
    acceptRevoked: ctx.has('userinfo.accepts-revoked-token'),
    ignore: (ctx.has('userinfo.post-bearer-ignored') && req.method === 'POST' && hasHeader)
      || (ctx.has('userinfo.post-form-ignored') && req.method === 'POST' && !hasHeader),
  };
}

export function userinfoClaims(ctx: Ctx, claims: Claims, idExtra: Claims): Claims {
  if (ctx.has('userinfo.sub-differs')) claims['sub'] = `${String(claims['sub'])}-userinfo`;
  if (ctx.has('userinfo.drops-granted-claims')) for (const k of Object.keys(idExtra)) if (k !== 'sid') delete claims[k];
  if (ctx.has('userinfo.schema-updated-at-string')) claims['updated_at'] = 'yesterday';
  return claims;
}

export function signedUserinfoClaims(ctx: Ctx, claims: Claims): Claims {
  if (ctx.has('userinfo.signed-wrong-iss')) claims['iss'] = 'https://issuer.invalid';
  if (ctx.has('userinfo.signed-no-client-aud')) claims['aud'] = ['another-client'];
  return claims;
}

export function signedUserinfoType(ctx: Ctx): string {
  return ctx.has('userinfo.signed-as-json') ? 'application/json' : 'application/jwt';
}

export function unsignedUserinfoType(ctx: Ctx): string | undefined {
  return ctx.has('userinfo.text-content-type') ? 'text/plain; charset=utf-8' : undefined;
}

/** The 401 of a refused userinfo request, as the defects change it. */
export function userinfoRefusal(ctx: Ctx, err: HttpError, tokenSent: boolean): HttpError {
  let status = err.status;
  const headers: Record<string, string> = { ...err.headers };
  let error = err.error;
  if (ctx.has('userinfo.status-400')) status = 400;
  if (ctx.has('userinfo.request-unauthorized-code') && tokenSent) {
    error = 'request_unauthorized';
    headers['WWW-Authenticate'] = `Bearer error="request_unauthorized", error_description="${err.description}"`;
  }
  if (ctx.has('userinfo.no-token-error-code') && !tokenSent) headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
  if (ctx.has('userinfo.no-challenge')) delete headers['WWW-Authenticate'];
  return new HttpError(status, error, err.description, headers);
}

// ---- POST /credentials ----

export function credentialBearerError(ctx: Ctx, err: HttpError): HttpError {
  return ctx.has('credentials.no-token-400') ? new HttpError(400, err.error, err.description, err.headers) : err;
}

/** What the credential endpoint lets through that it must refuse. */
export function proofRules(ctx: Ctx) {
  return {
    anyFormat: ctx.has('credentials.format-any'),
    anyProofType: ctx.has('credentials.proof-type-any'),
    allowPrivate: ctx.has('credentials.private-key-accepted'),
    skipNonce: ctx.has('credentials.nonce-unchecked'),
    issueWithoutProof: ctx.has('credentials.missing-proof-issues'),
    /** A signature that does not verify with the header's key is let through (an expired proof still is not). */
    anyKey: (e: unknown) => ctx.has('credentials.proof-any-key') && (e as { code?: string })?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    refusesAlg: (jwt: string) => ctx.has('credentials.es512-refused') && decodeProtectedHeader(jwt).alg === 'ES512',
  };
}

export function primingBody(ctx: Ctx, body: Claims): Claims {
  if (ctx.has('credentials.priming-no-nonce')) { delete body['c_nonce']; delete body['c_nonce_expires_in']; }
  if (ctx.has('credentials.priming-format-jwt-vc')) body['format'] = 'jwt_vc';
  return body;
}

export function credentialClaims(ctx: Ctx, claims: Claims & { vc: Claims & { credentialSubject: Claims } }): Claims {
  if (ctx.has('credentials.subject-not-holder')) {
    const other = `did:jwk:${Buffer.from(JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0', y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps' })).toString('base64url')}`;
    claims['sub'] = other;
    claims.vc.credentialSubject['id'] = other;
  }
  if (ctx.has('credentials.wrong-iss')) claims['iss'] = 'https://issuer.invalid';
  if (ctx.has('credentials.expired-at-issue')) { claims['nbf'] = Number(claims['iat']) - 7200; claims['exp'] = Number(claims['iat']) - 3600; }
  if (ctx.has('credentials.no-context')) delete claims.vc['@context'];
  if (ctx.has('credentials.drops-user-claims')) claims.vc.credentialSubject = { id: claims.vc.credentialSubject['id'] };
  return claims;
}
