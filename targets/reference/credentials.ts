/**
 * POST /credentials ("OpenID Connect UserInfo Verifiable Credentials" draft 00): a priming request returns a
 * c_nonce; a request with a JWT proof (holder key in the `jwk` header) returns a jwt_vc_json credential signed with
 * the OpenID key.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { nowSeconds, type Ctx } from './context.ts';
import { expiredHint, invalidToken, requestUnauthorized, resolveBearer, type Bearer } from './bearer.ts';
import { oauthError, rfcError, type HttpError } from './errors.ts';
import { GoJsonError, goDecodeStruct, goField, goParse, type FieldDecoder } from './go-json.ts';
import { sendJson, type Req } from './http.ts';
import { createNonce, invalidProof, nonceError } from './vc-nonce.ts';
import {
  checkTypes,
  credentialBearerError,
  credentialBearerRules,
  credentialClaims,
  primingBody,
  proofRules,
  scopeRefusal,
  responseFormat,
  responseMediaType,
} from './credentials.defects.ts';
import { signerFor } from './tokens.defects.ts';
import { firstPartBearer } from './userinfo.defects.ts';

const FORMAT = 'jwt_vc_json';
/** The types of the one credential offered (credentials_supported_draft_00). */
export const CREDENTIAL_TYPES = ['VerifiableCredential', 'UserInfoCredential'];
const VC_SCOPE = 'userinfo_credential_draft_00';
/** OpenID4VCI (ID1) §7.2.1.1: the typ of a key proof JWT. */
const PROOF_TYP = 'openid4vci-proof+jwt';
/** Clock skew allowed on a proof's iat (seconds). */
const PROOF_SKEW_SECONDS = 60;
/** Members go-jose marshals for a public key, in its order: the bytes of the did:jwk identifier. */
const PUBLIC_JWK_MEMBERS = ['use', 'kty', 'kid', 'crv', 'alg', 'x', 'y', 'n', 'e'] as const;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/**
 * Deviation #3 (RFC 6750 §3, §3.1): an unknown, revoked or expired token is invalid_token, in the body and the challenge;
 * without a token, Hydra's body and a bare Bearer challenge.
 */
function bearerError(bearer: Exclude<Bearer, { kind: 'access' }>): HttpError {
  if (bearer.kind === 'refresh') return oauthError('invalid_request', 'The provided token is not an access token.');
  if (bearer.kind === 'missing') return requestUnauthorized().withHeaders({ 'WWW-Authenticate': 'Bearer' });
  return invalidToken(
    bearer.kind === 'expired' ? oauthError('invalid_token', expiredHint(bearer.expiresAt)).description : requestUnauthorized().description,
  );
}

const PROOF_FIELDS = { proof_type: goField.string, jwt: goField.string };
const REQUEST_FIELDS = {
  format: goField.string,
  types: goField.strings,
  proof: ((v) => goDecodeStruct(v, 'oauth2.VerifiableCredentialProof', PROOF_FIELDS).values) as FieldDecoder,
};

/** The algorithm a holder key is imported for when the proof's own alg names none (the defects that skip the signature). */
function keyAlg(jwk: JWK): string | undefined {
  if (jwk.kty === 'EC') return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as Record<string, string>)[String(jwk.crv)];
  return jwk.kty === 'OKP' ? 'EdDSA' : jwk.kty === 'RSA' ? 'RS256' : undefined;
}

/** The proof's holder key: a valid public JWK from the protected header. */
async function holderKey(
  jwt: string,
  allowPrivate = false,
  unsigned = false,
): Promise<{ jwk: JWK; key: Awaited<ReturnType<typeof importJWK>> }> {
  const dot = jwt.indexOf('.');
  if (dot < 0) throw invalidProof('The JWT in the proof is malformed.');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(jwt.slice(0, dot), 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof header !== 'object' || header === null) throw new Error('not an object');
  } catch {
    throw invalidProof('The JWT header in the proof is malformed.');
  }
  let jwk = header['jwk'] as JWK | undefined;
  if (allowPrivate && typeof jwk === 'object' && jwk !== null)
    jwk = Object.fromEntries(Object.entries(jwk).filter(([m]) => !PRIVATE_JWK_MEMBERS.includes(m)));
  const keyMalformed = invalidProof('The JWK in the JWT header is malformed.');
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    PRIVATE_JWK_MEMBERS.some((m) => m in jwk) ||
    !['RSA', 'EC', 'OKP'].includes(String(jwk.kty))
  ) {
    throw keyMalformed;
  }
  try {
    return {
      jwk,
      key: await importJWK(jwk, unsigned ? (jwk.alg ?? keyAlg(jwk)) : typeof header['alg'] === 'string' ? header['alg'] : jwk.alg),
    };
  } catch {
    throw keyMalformed;
  }
}

function didJwk(jwk: JWK): string {
  const members: Record<string, unknown> = {};
  for (const m of PUBLIC_JWK_MEMBERS) if (jwk[m] !== undefined) members[m] = jwk[m];
  return `did:jwk:${Buffer.from(JSON.stringify(members)).toString('base64url')}`;
}

/**
 * Deviation #15 (OpenID4VCI ID1 §7.2.1.1, §7.2.2): the proof's typ, aud and iat, and a kid beside its jwk, which Hydra does not read. A proof may be
 * as old as the longest a c_nonce can live (Hydra's default ttl.vc_nonce, 1 h, or the configured lifetime when longer), plus
 * 60 s of clock skew: an older iat cannot belong to a proof made for a c_nonce that is still valid.
 */
function proofClaimsError(
  ctx: Ctx,
  jwt: string,
  claims: Record<string, unknown>,
  rules: ReturnType<typeof proofRules>,
): HttpError | undefined {
  const header = decodeProtectedHeader(jwt);
  const typ = header.typ;
  if (typ !== PROOF_TYP && !rules.typAccepted(typ)) return invalidProof(`The proof's typ must be "${PROOF_TYP}", not "${typ ?? ''}".`);
  // The holder key came from jwk (holderKey): a kid beside it names a key twice (§7.2.1.1: mutually exclusive).
  if (header.kid !== undefined && !rules.kidWithJwk) return invalidProof("The proof's header must not carry kid when it carries jwk.");
  const aud = claims['aud'];
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.includes(ctx.urls.issuer) && !(rules.anyAud && audiences.length > 0))
    return invalidProof(`The proof's aud must be the credential issuer "${ctx.urls.issuer}".`);
  const iat = claims['iat'];
  if (typeof iat !== 'number') return rules.iatOptional ? undefined : invalidProof('The proof has no "iat" claim.');
  const windowSeconds = Math.max(ctx.vcNonceTtlMs, 3600_000) / 1000 + PROOF_SKEW_SECONDS;
  if (iat < nowSeconds() - windowSeconds && !rules.anyIatAge)
    return invalidProof(`The proof was issued more than ${windowSeconds} seconds ago.`);
  return undefined;
}

export async function credentials(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const bearer = await firstPartBearer(
    ctx,
    req,
    await resolveBearer(ctx, req, credentialBearerRules(ctx)),
    'credentials.accepts-tampered-token',
  );
  if (bearer.kind !== 'access') throw credentialBearerError(ctx, bearerError(bearer));
  // Deviation #14 (RFC 6750 §3.1; Ory's createVerifiableCredential): only a token granted the credential scope, priming included.
  if (!bearer.record.session.scopes.includes(VC_SCOPE) && !ctx.has('credentials.scope-unchecked')) throw scopeRefusal(ctx, VC_SCOPE);
  const rules = proofRules(ctx);

  let body: Record<string, unknown>;
  try {
    body = goDecodeStruct(goParse(await req.body()), 'oauth2.CreateVerifiableCredentialRequestBody', REQUEST_FIELDS).values;
  } catch (e) {
    if (e instanceof GoJsonError) throw oauthError('invalid_request', 'Unable to decode request body.');
    throw e;
  }
  const format = (body['format'] as string | undefined) ?? '';
  // Deviation #8: OpenID4VCI §7.3.1.2's codes, where Hydra answers invalid_request.
  if (format !== FORMAT && !rules.anyFormat)
    throw rfcError(
      400,
      'unsupported_credential_format',
      'Requested Credential format is not supported.',
      `The format "${format}" is not supported.`,
    );
  // Deviation #8: a type the provider does not offer is unsupported_credential_type (Hydra does not read types).
  checkTypes(ctx, body['types'] as string[] | undefined, CREDENTIAL_TYPES);

  const proof = body['proof'] as { proof_type?: string; jwt?: string } | undefined;
  if (!proof) {
    // Priming: HTTP 400 written as a success body. Deviation #6: format says jwt_vc_json; #8: the error is invalid_proof.
    if (rules.issueWithoutProof)
      return sendJson(res, 200, {
        format: FORMAT,
        credential_draft_00: await ctx.key.sign({ iss: bearer.record.session.idClaims['iss'], sub: '' }),
      });
    sendJson(
      res,
      400,
      primingBody(ctx, {
        error: 'invalid_proof',
        error_description: 'Could not issue a verifiable credential because the proof is missing in the request.',
        format: FORMAT,
        c_nonce: createNonce(ctx, bearer.token, Date.now() + ctx.vcNonceTtlMs),
        c_nonce_expires_in: ctx.vcNonceTtlMs / 1000,
      }),
    );
    return;
  }
  const proofType = proof.proof_type ?? '';
  if (proofType !== 'jwt' && !rules.anyProofType) throw invalidProof(`The proof type "${proofType}" is not supported.`);

  const jwt = proof.jwt ?? '';
  const forged = rules.forgedAlgAccepted(jwt);
  const { jwk, key } = await holderKey(jwt, rules.allowPrivate, forged !== undefined);
  const wrongKey = 'The JWT was not signed with the correct key supplied in the JWK header.';
  if (rules.refusesAlg(jwt)) throw invalidProof(wrongKey);
  let claims: Record<string, unknown>;
  try {
    if (forged && !forged(jwk)) throw new Error('signature verification failed');
    ({ payload: claims } = forged ? { payload: decodeJwt(jwt) } : await jwtVerify(jwt, key));
    if (typeof claims['iat'] === 'number' && claims['iat'] > nowSeconds()) throw new Error('Token used before issued');
  } catch (e) {
    if (!rules.anyKey(e) && !rules.anyExp(e)) throw rules.signatureError(e, wrongKey);
    claims = decodeJwt(jwt);
  }
  const badClaims = proofClaimsError(ctx, jwt, claims, rules);
  if (badClaims) throw badClaims;
  const nonce = claims['nonce'];
  if (typeof nonce !== 'string') throw invalidProof('The JWT did not contain the "nonce" claim.');
  const invalidNonce = rules.skipNonce ? undefined : nonceError(ctx, bearer.token, nonce);
  if (invalidNonce) throw rules.nonceRefusal(invalidNonce);

  // Defect: an issuer that cannot sign for EdDSA holders answers 200 all the same, with no credential.
  if (ctx.has('credentials.eddsa-no-credential') && decodeProtectedHeader(jwt).alg === 'EdDSA')
    return sendJson(res, 200, { format: responseFormat(ctx, FORMAT) }, responseMediaType(ctx));
  const { session } = bearer.record;
  const subject = didJwk(jwk);
  const now = nowSeconds();
  // Deviation #6: the validity window starts at issuance instead of at the ID token's iat.
  const credential = await (
    await signerFor(ctx, 'credentials.foreign-key')
  ).sign(
    credentialClaims(ctx, {
      iss: session.idClaims['iss'],
      sub: subject,
      jti: randomUUID(),
      iat: now,
      nbf: now,
      exp: now + 3600,
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential', 'UserInfoCredential'],
        credentialSubject: { id: subject, sub: session.idClaims['sub'], ...session.idExtra },
      },
    }),
  );
  sendJson(res, 200, { format: responseFormat(ctx, FORMAT), credential_draft_00: credential }, responseMediaType(ctx));
}
