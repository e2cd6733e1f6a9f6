// The holder's side of a verifiable-credential request: a fresh key pair, the proof of possession
// (a JWT signed by that key with its public JWK in the header and the c_nonce in the claims),
// and the did:jwk that names the key. Private keys and proofs are remembered as secrets.
import { createHmac } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { rememberSecret } from '../../harness/secrets/vault.ts';
import { PRIVATE_MEMBERS } from './jwk.ts';

/** The credential suites jose can make keys for, in the order the harness prefers them. */
export const JOSE_SUITES = ['ES256', 'EdDSA', 'ES384', 'ES512', 'RS256', 'PS256', 'RS384', 'PS384', 'RS512', 'PS512'] as const;
export type JoseSuite = (typeof JOSE_SUITES)[number];
/**
 * The suites Ory's contract offers for the jwt_vc_json credential: Hydra's cryptographic_suites_supported
 * (https://github.com/ory/hydra/blob/v2.3.0/oauth2/handler.go#L512-L523), every one of which jose can make.
 */
export const ORY_CREDENTIAL_SUITES: readonly JoseSuite[] = [
  'PS256',
  'RS256',
  'ES256',
  'PS384',
  'RS384',
  'ES384',
  'PS512',
  'RS512',
  'ES512',
  'EdDSA',
];

export interface Holder {
  alg: JoseSuite;
  publicJwk: JWK;
  /** Also the private members: only ever sent by the check that a provider refuses them. */
  privateJwk: JWK;
  privateKey: CryptoKey;
}

export async function newHolder(alg: JoseSuite): Promise<Holder> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  for (const m of PRIVATE_MEMBERS) rememberSecret(privateJwk[m], 'private_key');
  rememberSecret(JSON.stringify(privateJwk), 'private_key');
  return { alg, publicJwk: await exportJWK(publicKey), privateJwk, privateKey };
}

export interface ProofOptions {
  nonce: string;
  /** The credential issuer (aud) and the client (iss), as OpenID4VCI asks; Hydra reads only the nonce. */
  audience: string;
  clientId?: string;
  /** The key put in the header; default the signer's public key. */
  headerJwk?: JWK;
  /** A kid put in the header beside the jwk (OpenID4VCI §7.2.1.1: the two are mutually exclusive). */
  kid?: string;
  /** Seconds since the epoch (default now; null leaves iat out); a past exp makes an expired proof. */
  iat?: number | null;
  exp?: number;
  /** The header's typ (default openid4vci-proof+jwt). */
  typ?: string;
  /** How it is signed: by the holder's key (default), not at all (alg none), or with HS256 keyed by the public JWK (alg confusion). */
  signing?: 'holder' | 'none' | 'hmac-with-public-key';
}

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A `jwt` proof (OpenID4VCI §7.2.1.1) signed by `signer`, or a forgery of one that a provider must refuse. */
export async function proofJwt(signer: Holder, o: ProofOptions): Promise<string> {
  const claims: Record<string, unknown> = { nonce: o.nonce, aud: o.audience };
  if (o.iat !== null) claims.iat = o.iat ?? Math.floor(Date.now() / 1000);
  if (o.clientId) claims.iss = o.clientId;
  if (o.exp !== undefined) claims.exp = o.exp;
  const header = {
    typ: o.typ ?? 'openid4vci-proof+jwt',
    ...(o.kid === undefined ? {} : { kid: o.kid }),
    jwk: o.headerJwk ?? signer.publicJwk,
  };
  let jwt: string;
  if (o.signing === 'none') {
    jwt = `${b64url({ alg: 'none', ...header })}.${b64url(claims)}.`;
  } else if (o.signing === 'hmac-with-public-key') {
    const input = `${b64url({ alg: 'HS256', ...header })}.${b64url(claims)}`;
    jwt = `${input}.${createHmac('sha256', JSON.stringify(signer.publicJwk)).update(input).digest('base64url')}`;
  } else {
    jwt = await new SignJWT(claims).setProtectedHeader({ alg: signer.alg, ...header }).sign(signer.privateKey);
  }
  rememberSecret(jwt, 'jwt');
  return jwt;
}

/** The JWK a did:jwk names (did:jwk spec: base64url of the JWK's JSON), or undefined when it is not one. */
export function jwkOfDid(did: unknown): JWK | undefined {
  if (typeof did !== 'string' || !did.startsWith('did:jwk:')) return undefined;
  try {
    const jwk = JSON.parse(Buffer.from(did.slice('did:jwk:'.length).split('#')[0], 'base64url').toString('utf8'));
    return jwk && typeof jwk === 'object' && !Array.isArray(jwk) ? jwk : undefined;
  } catch {
    return undefined;
  }
}

/** Both JWKs are the same public key (the members that define it; RFC 7638 §3.2). */
export function sameKey(a: JWK, b: JWK): boolean {
  const defining = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const;
  return defining.every((m) => a[m] === b[m]);
}
