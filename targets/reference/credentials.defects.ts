// The defects of credentials.ts and vc-nonce.ts: POST /credentials: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks — here, for the shape of a response.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { defects, type Defect } from './defect.ts';
import { decodeProtectedHeader, type JWK } from 'jose';
import { insufficientScope, requestUnauthorized, type BearerRules } from './bearer.ts';
import type { Ctx } from './context.ts';
import { HttpError, oauthError, rfcError } from './errors.ts';
import { invalidProof } from './vc-nonce.ts';

/** One defect per advertised proof algorithm: proofs signed with it are refused (VC-ISSUE-<alg> catches it). */
const REFUSED_ALGS = {
  'credentials.es256-refused': 'ES256',
  'credentials.es384-refused': 'ES384',
  'credentials.es512-refused': 'ES512',
  'credentials.eddsa-refused': 'EdDSA',
  'credentials.rs256-refused': 'RS256',
  'credentials.rs384-refused': 'RS384',
  'credentials.rs512-refused': 'RS512',
  'credentials.ps256-refused': 'PS256',
  'credentials.ps384-refused': 'PS384',
  'credentials.ps512-refused': 'PS512',
} as const;

function algRefused<T extends Record<string, string>>(algs: T): { [K in keyof T]: Defect } {
  return Object.fromEntries(
    Object.entries(algs).map(([id, alg]) => [
      id,
      {
        catches: `VC-ISSUE-${alg}`,
        finding: 'status:400',
        description: `Proofs signed with ${alg} are refused although ${alg} is advertised.`,
        suites: ['credentials'],
      },
    ]),
  ) as { [K in keyof T]: Defect };
}

export const CREDENTIALS_DEFECTS = defects({
  'credentials.eddsa-no-credential': {
    catches: 'VC-ISSUE-EdDSA',
    finding: 'credential-missing',
    description:
      'A credential request whose proof is signed by an EdDSA holder key is answered 200 with the format and no credential_draft_00 (and no transaction_id).',
    suites: ['credentials'],
  },
  'credentials.no-token-nonce': {
    catches: 'VC-NONCE-TOKEN',
    finding: 'c-nonce-missing',
    description: 'The token response carries no c_nonce_draft_00 although the credential scope was granted.',
    suites: ['credentials'],
  },
  'credentials.priming-no-nonce': {
    catches: 'VC-PRIMING-NONCE',
    finding: 'schema:/c_nonce:required,/c_nonce_expires_in:required',
    description: 'The answer to a request without proof carries no c_nonce.',
    suites: ['credentials'],
  },
  'credentials.priming-format-jwt-vc': {
    catches: 'VC-PRIMING-FORMAT',
    finding: 'format:jwt_vc',
    description: 'The priming answer says format "jwt_vc", as real Hydra does.',
    suites: ['credentials'],
  },
  'credentials.missing-proof-issues': {
    catches: 'VC-REFUSE-MISSING-PROOF',
    finding: 'credential-issued',
    description: 'A request without proof is answered 200 with a credential bound to no key.',
    suites: ['credentials'],
  },
  ...algRefused(REFUSED_ALGS),
  'credentials.response-format-jwt-vc': {
    catches: 'VC-RESPONSE-SCHEMA',
    finding: 'schema:/format:const',
    description: 'The credential response says format "jwt_vc" instead of the jwt_vc_json that was requested and issued.',
    suites: ['credentials'],
  },
  'credentials.proof-exp-unchecked': {
    catches: 'VC-REFUSE-EXPIRED-PROOF',
    finding: 'credential-issued',
    description: "The proof's exp is not checked: a proof that has expired is accepted.",
    suites: ['credentials'],
  },
  'credentials.nonce-expiry-in-seconds': {
    catches: 'VC-REFUSE-EXPIRED-NONCE',
    finding: 'credential-issued',
    description: "The c_nonce's expiry (in milliseconds) is compared with the time in seconds, so a c_nonce never expires.",
    suites: ['credentials'],
  },
  'credentials.foreign-key': {
    catches: 'VC-CREDENTIAL-SIGNATURE',
    finding: 'kid-unknown',
    description: 'Credentials are signed with a key the JWKS does not publish.',
    suites: ['credentials'],
  },
  'credentials.wrong-iss': {
    catches: 'VC-CREDENTIAL-ISS',
    finding: 'iss-differs',
    description: 'Credentials name another issuer.',
    suites: ['credentials'],
  },
  'credentials.subject-not-holder': {
    catches: 'VC-CREDENTIAL-SUBJECT',
    finding: 'subject-not-holder',
    description: "The credential's subject is the did:jwk of another key than the holder's.",
    suites: ['credentials'],
  },
  'credentials.no-context': {
    catches: 'VC-CREDENTIAL-CONTEXT-TYPE',
    finding: 'context-missing',
    description: 'Credentials have no vc.@context.',
    suites: ['credentials'],
  },
  'credentials.expired-at-issue': {
    catches: 'VC-CREDENTIAL-VALIDITY',
    finding: 'claim-expired:exp',
    description: 'Credentials are issued already expired (as real Hydra does for a sign-in older than 1 h).',
    suites: ['credentials'],
  },
  'credentials.drops-user-claims': {
    catches: 'VC-CREDENTIAL-USER',
    finding: 'claims:missing:email,missing:email_verified,missing:sub',
    description: "The credential subject holds only the holder's did:jwk, not the user's claims.",
    suites: ['credentials'],
  },
  'credentials.no-token-400': {
    catches: 'VC-REFUSE-NO-TOKEN',
    finding: 'status:400',
    description: 'A request without an access token is answered 400 instead of 401.',
    suites: ['credentials'],
  },
  'credentials.format-any': {
    catches: 'VC-REFUSE-FORMAT',
    finding: 'credential-issued',
    description: 'Any requested format is accepted (and answered with a jwt_vc_json credential).',
    suites: ['credentials'],
  },
  'credentials.proof-type-any': {
    catches: 'VC-REFUSE-PROOF-TYPE',
    finding: 'credential-issued',
    description: 'Any proof_type is accepted when the proof is a JWT.',
    suites: ['credentials'],
  },
  'credentials.proof-any-key': {
    catches: 'VC-REFUSE-WRONG-KEY',
    finding: 'credential-issued',
    description: "A proof whose signature does not verify with its header's key is accepted.",
    suites: ['credentials'],
  },
  'credentials.private-key-accepted': {
    catches: 'VC-REFUSE-PRIVATE-KEY',
    finding: 'credential-issued',
    description: 'A proof whose header carries a private key is accepted (the private members are ignored).',
    suites: ['credentials'],
  },
  'credentials.nonce-unbound': {
    catches: 'VC-REFUSE-FOREIGN-NONCE',
    finding: 'credential-issued',
    description: 'c_nonces are not bound to the access token: one given to another token is accepted.',
    suites: ['credentials'],
  },
  'credentials.nonce-unchecked': {
    catches: 'VC-REFUSE-WRONG-NONCE',
    finding: 'credential-issued',
    description: 'The nonce in the proof is not checked at all.',
    suites: ['credentials'],
    // A nonce that is not checked is not checked against the access token, nor for its age, either.
    alsoFails: ['VC-REFUSE-FOREIGN-NONCE', 'VC-REFUSE-EXPIRED-NONCE'],
  },
  'credentials.no-challenge': {
    catches: 'VC-CHALLENGE',
    finding: 'challenge-missing',
    description: '401s of /credentials carry no WWW-Authenticate header (as real Hydra).',
    suites: ['credentials'],
  },
  'credentials.accepts-tampered-token': {
    catches: 'VC-REFUSE-INVALID-TOKEN',
    finding: 'credential-issued',
    description:
      'An access token is looked up by its first part alone; the part after the "." (its signature) is never checked, so a tampered token is accepted.',
    suites: ['credentials'],
  },
  'credentials.accepts-revoked-token': {
    catches: 'VC-REFUSE-REVOKED-TOKEN',
    finding: 'credential-issued',
    description:
      'The credential endpoint looks the access token up without asking whether it is still active: a revoked token is accepted.',
    suites: ['credentials'],
  },
  'credentials.scope-unchecked': {
    catches: 'VC-REFUSE-NO-VC-SCOPE',
    finding: 'credential-issued',
    description: 'Any valid access token gets a credential, also one not granted userinfo_credential_draft_00 (as real Hydra).',
    suites: ['credentials'],
  },
  'credentials.proof-typ-jwt-accepted': {
    catches: 'VC-REFUSE-PROOF-TYP',
    finding: 'credential-issued',
    description: 'The proof\'s typ is only checked to name a JWT: "JWT" (any case) is accepted besides openid4vci-proof+jwt.',
    suites: ['credentials'],
  },
  'credentials.proof-aud-any': {
    catches: 'VC-REFUSE-PROOF-AUD',
    finding: 'credential-issued',
    description: "The proof's aud is only checked to be present, not to name this credential issuer.",
    suites: ['credentials'],
  },
  'credentials.proof-iat-optional': {
    catches: 'VC-REFUSE-PROOF-NO-IAT',
    finding: 'credential-issued',
    description: 'A proof without iat is accepted: iat is only judged when it is there.',
    suites: ['credentials'],
  },
  'credentials.proof-iat-age-unchecked': {
    catches: 'VC-REFUSE-PROOF-OLD-IAT',
    finding: 'credential-issued',
    description: "The proof's iat is only checked not to be in the future: how old it is is never judged.",
    suites: ['credentials'],
  },
  'credentials.proof-alg-none-accepted': {
    catches: 'VC-REFUSE-PROOF-ALG-NONE',
    finding: 'credential-issued',
    description: 'A proof whose header says alg none is taken unsigned: the verifier skips the signature when there is none to check.',
    suites: ['credentials'],
  },
  'credentials.priming-missing-proof-code': {
    catches: 'VC-REFUSE-MISSING-PROOF',
    finding: 'error:missing_proof',
    description:
      'The answer to a request without proof says error "missing_proof", as real Hydra does, where OpenID4VCI names invalid_proof.',
    suites: ['credentials'],
  },
  'credentials.proof-signature-invalid-request': {
    catches: 'VC-REFUSE-WRONG-KEY',
    finding: 'error:invalid_request',
    description:
      "A proof whose signature does not verify is refused with fosite's generic invalid_request, as real Hydra does, where OpenID4VCI names invalid_proof.",
    suites: ['credentials'],
  },
  'credentials.nonce-invalid-request': {
    catches: 'VC-REFUSE-WRONG-NONCE',
    finding: 'error:invalid_request',
    description:
      'A proof with a c_nonce that is not valid for the token is refused with invalid_request, as real Hydra does, not invalid_proof.',
    suites: ['credentials'],
    // The same answer to every nonce that is not this token's valid one.
    alsoFails: ['VC-REFUSE-FOREIGN-NONCE', 'VC-REFUSE-EXPIRED-NONCE'],
  },
  'credentials.token-request-unauthorized': {
    catches: 'VC-REFUSE-INVALID-TOKEN',
    finding: 'error:request_unauthorized',
    description:
      "An unknown or revoked access token is refused with fosite's request_unauthorized and a bare Bearer challenge, as real Hydra answers (without the challenge), not RFC 6750's invalid_token.",
    suites: ['credentials'],
    // A revoked token is an unknown one: the same answer by construction; its bare challenge has no auth-param.
    alsoFails: ['VC-REFUSE-REVOKED-TOKEN', 'VC-CHALLENGE-SYNTAX'],
  },
  'credentials.scope-refused-as-missing-proof': {
    catches: 'VC-REFUSE-NO-VC-SCOPE',
    finding: 'error:invalid_proof',
    description:
      'A token without the credential scope is refused, but with invalid_proof and no c_nonce, as if the proof were missing: the answer does not say insufficient_scope.',
    suites: ['credentials'],
  },
  'credentials.query-token-accepted': {
    catches: 'VC-QUERY-TOKEN-REFUSED',
    finding: 'credential-issued',
    description:
      "Started refusing access tokens in the URL query, the provider still reads one at /credentials (fosite's AccessTokenFromRequest reads r.Form, the query included, as Hydra does) and issues a credential.",
    suites: ['credentials'],
    reference: { offers: ['no-query-token'] },
  },
  'credentials.replaced-nonce-accepted': {
    catches: 'VC-REFUSE-STALE-NONCE',
    finding: 'replaced-nonce-accepted',
    description:
      'Started keeping the latest c_nonce of each access token, the provider still takes one that a later c_nonce replaced: the stored nonce is written but never read when a proof is verified.',
    suites: ['credentials'],
    reference: { offers: ['latest-c-nonce'] },
  },
  'credentials.proof-kid-and-jwk-accepted': {
    catches: 'VC-REFUSE-PROOF-KID-AND-JWK',
    finding: 'credential-issued',
    description:
      "The proof's header is read only for its jwk (as real Hydra): a kid beside it, which OpenID4VCI forbids, is ignored and the credential issued.",
    suites: ['credentials'],
  },
  'credentials.response-text-plain': {
    catches: 'VC-RESPONSE-CONTENT-TYPE',
    finding: 'content-type:text/plain',
    description:
      "The credential response is written to the http.ResponseWriter without a Content-Type, so Go's default text/plain; charset=utf-8 goes out with the JSON body.",
    suites: ['credentials'],
  },
  'credentials.challenge-without-params': {
    catches: 'VC-CHALLENGE-SYNTAX',
    finding: 'challenge-no-params',
    description: 'A refused access token gets a bare WWW-Authenticate: Bearer, its error (invalid_token) said only in the body.',
    suites: ['credentials'],
  },
  'credentials.types-unchecked': {
    catches: 'VC-REFUSE-UNKNOWN-TYPE',
    finding: 'credential-issued',
    description: 'The requested types are never read (as real Hydra): a credential is issued for a type the provider does not offer.',
    suites: ['credentials'],
  },
  'credentials.proof-hmac-public-key': {
    catches: 'VC-REFUSE-PROOF-HMAC',
    finding: 'credential-issued',
    description:
      "The proof is verified with the alg its header names: an HS256 proof is checked with the header's public JWK (its JSON) as the MAC secret, so anyone can forge it.",
    suites: ['credentials'],
  },
});

type Claims = Record<string, unknown>;

export function credentialBearerError(ctx: Ctx, err: HttpError): HttpError {
  if (ctx.has('credentials.token-request-unauthorized') && err.error === 'invalid_token')
    err = requestUnauthorized().withHeaders({ 'WWW-Authenticate': 'Bearer' });
  const headers: Record<string, string> = { ...err.headers };
  if (ctx.has('credentials.challenge-without-params') && err.error === 'invalid_token') headers['WWW-Authenticate'] = 'Bearer';
  if (ctx.has('credentials.no-challenge')) delete headers['WWW-Authenticate'];
  return new HttpError(ctx.has('credentials.no-token-400') ? 400 : err.status, err.error, err.description, headers);
}

/** Deviation #14: a token without the credential scope is insufficient_scope (or, with the defect, a missing proof). */
export function scopeRefusal(ctx: Ctx, scope: string): HttpError {
  return ctx.has('credentials.scope-refused-as-missing-proof')
    ? invalidProof('Could not issue a verifiable credential because the proof is missing in the request.')
    : insufficientScope(scope);
}

/** Deviation #8: requested types that are not all offered are unsupported_credential_type (unless the defect skips it). */
export function checkTypes(ctx: Ctx, types: readonly string[] | undefined, offered: readonly string[]): void {
  const unknown = (types ?? []).filter((t) => !offered.includes(t));
  if (unknown.length && !ctx.has('credentials.types-unchecked'))
    throw rfcError(
      400,
      'unsupported_credential_type',
      'Requested Credential type is not supported.',
      `The type "${unknown[0]}" is not offered.`,
    );
}

/** How the access token is looked up: the defect that accepts a revoked one. */
export function credentialBearerRules(ctx: Ctx): BearerRules {
  return {
    acceptRevoked: ctx.has('credentials.accepts-revoked-token'),
    noQuery: ctx.offers('no-query-token') && !ctx.has('credentials.query-token-accepted'),
  };
}

/** An HS256 JWS checked with `secret`, as the alg-confusion defect does. */
function hmacVerifies(jwt: string, secret: string): boolean {
  const dot = jwt.lastIndexOf('.');
  const expected = createHmac('sha256', secret).update(jwt.slice(0, dot)).digest();
  const given = Buffer.from(jwt.slice(dot + 1), 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
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
    anyKey: (e: unknown) =>
      ctx.has('credentials.proof-any-key') && (e as { code?: string })?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    /** An expired proof is let through (its signature still has to verify). */
    anyExp: (e: unknown) => ctx.has('credentials.proof-exp-unchecked') && (e as { code?: string })?.code === 'ERR_JWT_EXPIRED',
    /** A typ the defect lets through besides openid4vci-proof+jwt. */
    typAccepted: (typ: unknown) => ctx.has('credentials.proof-typ-jwt-accepted') && typeof typ === 'string' && typ.toLowerCase() === 'jwt',
    anyAud: ctx.has('credentials.proof-aud-any'),
    kidWithJwk: ctx.has('credentials.proof-kid-and-jwk-accepted'),
    iatOptional: ctx.has('credentials.proof-iat-optional'),
    anyIatAge: ctx.has('credentials.proof-iat-age-unchecked'),
    /**
     * With the defects that trust the header's alg: how a proof signed with none or HS256 is "verified" (by nothing, or by
     * an HMAC keyed with the header JWK's JSON) instead of by the holder key; undefined when the proof is verified as usual.
     */
    forgedAlgAccepted: (jwt: string): ((jwk: JWK) => boolean) | undefined => {
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(jwt).alg;
      } catch {
        return undefined; // holderKey refuses the malformed header
      }
      if (alg === 'none' && ctx.has('credentials.proof-alg-none-accepted')) return () => true;
      if (alg === 'HS256' && ctx.has('credentials.proof-hmac-public-key')) return (jwk) => hmacVerifies(jwt, JSON.stringify(jwk));
      return undefined;
    },
    /** The answer to a proof whose signature does not verify (the defect answers fosite's invalid_request, as Hydra). */
    signatureError: (e: unknown, hint: string): HttpError =>
      ctx.has('credentials.proof-signature-invalid-request') && (e as { code?: string })?.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
        ? oauthError('invalid_request', hint)
        : invalidProof(hint),
    /** The answer to a c_nonce that is not valid for the token (the defect answers invalid_request, as Hydra). */
    nonceRefusal: (err: HttpError): HttpError =>
      ctx.has('credentials.nonce-invalid-request') ? new HttpError(err.status, 'invalid_request', err.description, err.headers) : err,
    refusesAlg: (jwt: string) => {
      const alg = decodeProtectedHeader(jwt).alg;
      return Object.entries(REFUSED_ALGS).some(([id, refused]) => refused === alg && ctx.has(id as keyof typeof REFUSED_ALGS));
    },
  };
}

export function primingBody(ctx: Ctx, body: Claims): Claims {
  if (ctx.has('credentials.priming-no-nonce')) {
    delete body['c_nonce'];
    delete body['c_nonce_expires_in'];
  }
  if (ctx.has('credentials.priming-format-jwt-vc')) body['format'] = 'jwt_vc';
  if (ctx.has('credentials.priming-missing-proof-code')) body['error'] = 'missing_proof';
  return body;
}

export function credentialClaims(ctx: Ctx, claims: Claims & { vc: Claims & { credentialSubject: Claims } }): Claims {
  if (ctx.has('credentials.subject-not-holder')) {
    const other = `did:jwk:${Buffer.from(JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0', y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps' })).toString('base64url')}`;
    claims['sub'] = other;
    claims.vc.credentialSubject['id'] = other;
  }
  if (ctx.has('credentials.wrong-iss')) claims['iss'] = 'https://issuer.invalid';
  if (ctx.has('credentials.expired-at-issue')) {
    claims['nbf'] = Number(claims['iat']) - 7200;
    claims['exp'] = Number(claims['iat']) - 3600;
  }
  if (ctx.has('credentials.no-context')) delete claims.vc['@context'];
  if (ctx.has('credentials.drops-user-claims')) claims.vc.credentialSubject = { id: claims.vc.credentialSubject['id'] };
  return claims;
}

/** The format a credential response names. */
/** The Content-Type of a credential response: JSON's, or (the defect) Go's text/plain default. */
export function responseMediaType(ctx: Ctx): string | undefined {
  return ctx.has('credentials.response-text-plain') ? 'text/plain; charset=utf-8' : undefined;
}

export function responseFormat(ctx: Ctx, format: string): string {
  return ctx.has('credentials.response-format-jwt-vc') ? 'jwt_vc' : format;
}
