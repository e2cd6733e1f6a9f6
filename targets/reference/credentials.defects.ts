// The defects of credentials.ts and vc-nonce.ts: POST /credentials: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks — here, for the shape of a response.
import { defects, type Defect } from './defect.ts';
import { decodeProtectedHeader } from 'jose';
import type { Ctx } from './context.ts';
import { HttpError } from './errors.ts';

/** One defect per advertised proof algorithm: proofs signed with it are refused (VC-ISSUE-<alg> catches it). */
const REFUSED_ALGS = {
  'credentials.es256-refused': 'ES256', 'credentials.es384-refused': 'ES384', 'credentials.es512-refused': 'ES512',
  'credentials.eddsa-refused': 'EdDSA',
  'credentials.rs256-refused': 'RS256', 'credentials.rs384-refused': 'RS384', 'credentials.rs512-refused': 'RS512',
  'credentials.ps256-refused': 'PS256', 'credentials.ps384-refused': 'PS384', 'credentials.ps512-refused': 'PS512',
} as const;

function algRefused<T extends Record<string, string>>(algs: T): { [K in keyof T]: Defect } {
  return Object.fromEntries(Object.entries(algs).map(([id, alg]) => [id, {
    catches: `VC-ISSUE-${alg}`,
    description: `Proofs signed with ${alg} are refused although ${alg} is advertised.`,
    suites: ['credentials'],
  }])) as { [K in keyof T]: Defect };
}

export const CREDENTIALS_DEFECTS = defects({
  'credentials.no-token-nonce': {
    catches: 'VC-NONCE-TOKEN',
    description: 'The token response carries no c_nonce_draft_00 although the credential scope was granted.',
    suites: ['credentials'],
  },
  'credentials.priming-no-nonce': {
    catches: 'VC-PRIMING-NONCE',
    description: 'The answer to a request without proof carries no c_nonce.',
    suites: ['credentials'],
  },
  'credentials.priming-format-jwt-vc': {
    catches: 'VC-PRIMING-FORMAT',
    description: 'The priming answer says format "jwt_vc", as real Hydra does.',
    suites: ['credentials'],
  },
  'credentials.missing-proof-issues': {
    catches: 'VC-REFUSE-MISSING-PROOF',
    description: 'A request without proof is answered 200 with a credential bound to no key.',
    suites: ['credentials'],
  },
  ...algRefused(REFUSED_ALGS),
  'credentials.response-format-jwt-vc': {
    catches: 'VC-RESPONSE-SCHEMA',
    description: 'The credential response says format "jwt_vc" instead of the jwt_vc_json that was requested and issued.',
    suites: ['credentials'],
  },
  'credentials.proof-exp-unchecked': {
    catches: 'VC-REFUSE-EXPIRED-PROOF',
    description: 'The proof\'s exp is not checked: a proof that has expired is accepted.',
    suites: ['credentials'],
  },
  'credentials.nonce-expiry-in-seconds': {
    catches: 'VC-REFUSE-EXPIRED-NONCE',
    description: 'The c_nonce\'s expiry (in milliseconds) is compared with the time in seconds, so a c_nonce never expires.',
    suites: ['credentials'],
  },
  'credentials.foreign-key': {
    catches: 'VC-CREDENTIAL-SIGNATURE',
    description: 'Credentials are signed with a key the JWKS does not publish.',
    suites: ['credentials'],
  },
  'credentials.wrong-iss': {
    catches: 'VC-CREDENTIAL-ISS',
    description: 'Credentials name another issuer.',
    suites: ['credentials'],
  },
  'credentials.subject-not-holder': {
    catches: 'VC-CREDENTIAL-SUBJECT',
    description: 'The credential\'s subject is the did:jwk of another key than the holder\'s.',
    suites: ['credentials'],
  },
  'credentials.no-context': {
    catches: 'VC-CREDENTIAL-CONTEXT-TYPE',
    description: 'Credentials have no vc.@context.',
    suites: ['credentials'],
  },
  'credentials.expired-at-issue': {
    catches: 'VC-CREDENTIAL-VALIDITY',
    description: 'Credentials are issued already expired (as real Hydra does for a sign-in older than 1 h).',
    suites: ['credentials'],
  },
  'credentials.drops-user-claims': {
    catches: 'VC-CREDENTIAL-USER',
    description: 'The credential subject holds only the holder\'s did:jwk, not the user\'s claims.',
    suites: ['credentials'],
  },
  'credentials.no-token-400': {
    catches: 'VC-REFUSE-NO-TOKEN',
    description: 'A request without an access token is answered 400 instead of 401.',
    suites: ['credentials'],
  },
  'credentials.format-any': {
    catches: 'VC-REFUSE-FORMAT',
    description: 'Any requested format is accepted (and answered with a jwt_vc_json credential).',
    suites: ['credentials'],
  },
  'credentials.proof-type-any': {
    catches: 'VC-REFUSE-PROOF-TYPE',
    description: 'Any proof_type is accepted when the proof is a JWT.',
    suites: ['credentials'],
  },
  'credentials.proof-any-key': {
    catches: 'VC-REFUSE-WRONG-KEY',
    description: 'A proof whose signature does not verify with its header\'s key is accepted.',
    suites: ['credentials'],
  },
  'credentials.private-key-accepted': {
    catches: 'VC-REFUSE-PRIVATE-KEY',
    description: 'A proof whose header carries a private key is accepted (the private members are ignored).',
    suites: ['credentials'],
  },
  'credentials.nonce-unbound': {
    catches: 'VC-REFUSE-FOREIGN-NONCE',
    description: 'c_nonces are not bound to the access token: one given to another token is accepted.',
    suites: ['credentials'],
  },
  'credentials.nonce-unchecked': {
    catches: 'VC-REFUSE-WRONG-NONCE',
    description: 'The nonce in the proof is not checked at all.',
    suites: ['credentials'],
    // A nonce that is not checked is not checked against the access token either.
    alsoFails: ['VC-REFUSE-FOREIGN-NONCE'],
  },
});

type Claims = Record<string, unknown>;

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
    /** An expired proof is let through (its signature still has to verify). */
    anyExp: (e: unknown) => ctx.has('credentials.proof-exp-unchecked') && (e as { code?: string })?.code === 'ERR_JWT_EXPIRED',
    refusesAlg: (jwt: string) => {
      const alg = decodeProtectedHeader(jwt).alg;
      return Object.entries(REFUSED_ALGS).some(([id, refused]) => refused === alg && ctx.has(id as keyof typeof REFUSED_ALGS));
    },
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

/** The format a credential response names. */
export function responseFormat(ctx: Ctx, format: string): string {
  return ctx.has('credentials.response-format-jwt-vc') ? 'jwt_vc' : format;
}
