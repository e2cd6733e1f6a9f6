/**
 * POST /credentials ("OpenID Connect UserInfo Verifiable Credentials" draft 00): a priming request returns a
 * c_nonce; a request with a JWT proof (holder key in the `jwk` header) returns a jwt_vc_json credential signed with
 * the OpenID key.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { decodeJwt, importJWK, jwtVerify, type JWK } from 'jose';
import { nowSeconds, type Ctx } from './context.ts';
import { expiredHint, requestUnauthorized, resolveBearer, type Bearer } from './bearer.ts';
import { oauthError, rfcError, type HttpError } from './errors.ts';
import { GoJsonError, goDecodeStruct, goField, goParse, type FieldDecoder } from './go-json.ts';
import { sendJson, type Req } from './http.ts';
import { createNonce, nonceError } from './vc-nonce.ts';
import { credentialBearerError, credentialClaims, primingBody, proofRules, responseFormat } from './credentials.defects.ts';
import { signerFor } from './tokens.defects.ts';

const FORMAT = 'jwt_vc_json';
/** Members go-jose marshals for a public key, in its order: the bytes of the did:jwk identifier. */
const PUBLIC_JWK_MEMBERS = ['use', 'kty', 'kid', 'crv', 'alg', 'x', 'y', 'n', 'e'] as const;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** Deviation #3: the 401s of this endpoint also carry WWW-Authenticate: Bearer. */
function bearerError(bearer: Exclude<Bearer, { kind: 'access' }>): HttpError {
  if (bearer.kind === 'refresh') return oauthError('invalid_request', 'The provided token is not an access token.');
  const err = bearer.kind === 'expired' ? oauthError('invalid_token', expiredHint(bearer.expiresAt)) : requestUnauthorized();
  return err.withHeaders({ 'WWW-Authenticate': 'Bearer' });
}

const PROOF_FIELDS = { proof_type: goField.string, jwt: goField.string };
const REQUEST_FIELDS = {
  format: goField.string,
  types: goField.strings,
  proof: ((v) => goDecodeStruct(v, 'oauth2.VerifiableCredentialProof', PROOF_FIELDS).values) as FieldDecoder,
};

function malformed(hint: string): HttpError {
  return oauthError('invalid_request', hint);
}

/** The proof's holder key: a valid public JWK from the protected header. */
async function holderKey(jwt: string, allowPrivate = false): Promise<{ jwk: JWK; key: Awaited<ReturnType<typeof importJWK>> }> {
  const dot = jwt.indexOf('.');
  if (dot < 0) throw malformed('The JWT in the proof is malformed.');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(jwt.slice(0, dot), 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof header !== 'object' || header === null) throw new Error('not an object');
  } catch {
    throw malformed('The JWT header in the proof is malformed.');
  }
  let jwk = header['jwk'] as JWK | undefined;
  if (allowPrivate && typeof jwk === 'object' && jwk !== null) jwk = Object.fromEntries(Object.entries(jwk).filter(([m]) => !PRIVATE_JWK_MEMBERS.includes(m)));
  const keyMalformed = malformed('The JWK in the JWT header is malformed.');
  if (typeof jwk !== 'object' || jwk === null || PRIVATE_JWK_MEMBERS.some((m) => m in jwk) || !['RSA', 'EC', 'OKP'].includes(String(jwk.kty))) {
    throw keyMalformed;
  }
  try {
    return { jwk, key: await importJWK(jwk, typeof header['alg'] === 'string' ? header['alg'] : jwk.alg) };
  } catch {
    throw keyMalformed;
  }
}

function didJwk(jwk: JWK): string {
  const members: Record<string, unknown> = {};
  for (const m of PUBLIC_JWK_MEMBERS) if (jwk[m] !== undefined) members[m] = jwk[m];
  return `did:jwk:${Buffer.from(JSON.stringify(members)).toString('base64url')}`;
}

export async function credentials(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const bearer = await resolveBearer(ctx, req);
  if (bearer.kind !== 'access') throw credentialBearerError(ctx, bearerError(bearer));
  const rules = proofRules(ctx);

  let body: Record<string, unknown>;
  try {
    body = goDecodeStruct(goParse(await req.body()), 'oauth2.CreateVerifiableCredentialRequestBody', REQUEST_FIELDS).values;
  } catch (e) {
    if (e instanceof GoJsonError) throw oauthError('invalid_request', 'Unable to decode request body.');
    throw e;
  }
  const format = (body['format'] as string | undefined) ?? '';
  // Deviation #8: OpenID4VCI §7.3.2's codes, where Hydra answers invalid_request.
  if (format !== FORMAT && !rules.anyFormat) throw rfcError(400, 'unsupported_credential_format', 'Requested Credential format is not supported.', `The format "${format}" is not supported.`);

  const proof = body['proof'] as { proof_type?: string; jwt?: string } | undefined;
  if (!proof) {
    // Priming: HTTP 400 written as a success body. Deviation #6: format says jwt_vc_json.
    if (rules.issueWithoutProof) return sendJson(res, 200, { format: FORMAT, credential_draft_00: await ctx.key.sign({ iss: bearer.record.session.idClaims['iss'], sub: '' }) });
    sendJson(res, 400, primingBody(ctx, {
      error: 'missing_proof',
      error_description: 'Could not issue a verifiable credential because the proof is missing in the request.',
      format: FORMAT,
      c_nonce: createNonce(ctx, bearer.token, Date.now() + ctx.vcNonceTtlMs),
      c_nonce_expires_in: ctx.vcNonceTtlMs / 1000,
    }));
    return;
  }
  const proofType = proof.proof_type ?? '';
  if (proofType !== 'jwt' && !rules.anyProofType) throw rfcError(400, 'invalid_proof', 'The proof in the Credential Request is invalid.', `The proof type "${proofType}" is not supported.`);

  const jwt = proof.jwt ?? '';
  const { jwk, key } = await holderKey(jwt, rules.allowPrivate);
  if (rules.refusesAlg(jwt)) throw malformed('The JWT was not signed with the correct key supplied in the JWK header.');
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(jwt, key));
    if (typeof claims['iat'] === 'number' && claims['iat'] > nowSeconds()) throw new Error('Token used before issued');
  } catch (e) {
    if (!rules.anyKey(e) && !rules.anyExp(e)) throw malformed('The JWT was not signed with the correct key supplied in the JWK header.');
    claims = decodeJwt(jwt);
  }
  const nonce = claims['nonce'];
  if (typeof nonce !== 'string') throw malformed('The JWT did not contain the "nonce" claim.');
  const invalidNonce = rules.skipNonce ? undefined : nonceError(ctx, bearer.token, nonce);
  if (invalidNonce) throw invalidNonce;

  const { session } = bearer.record;
  const subject = didJwk(jwk);
  const now = nowSeconds();
  // Deviation #6: the validity window starts at issuance instead of at the ID token's iat.
  const credential = await (await signerFor(ctx, 'credentials.foreign-key')).sign(credentialClaims(ctx, {
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
  }));
  sendJson(res, 200, { format: responseFormat(ctx, FORMAT), credential_draft_00: credential });
}
