/** The one RS256 signing key (Hydra's hydra.openid.id-token set): ID tokens, signed userinfo, logout tokens, VCs. */
import { randomUUID } from 'node:crypto';
import { SignJWT, compactVerify, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256';
  /** Member order as go-jose marshals a key: use, kty, kid, alg, n, e. */
  readonly publicJwk: JWK;
  /** The same plus the private members; only ever published by the `discovery.private-key-in-jwks` defect. */
  readonly privateJwk: JWK;
  sign(claims: Record<string, unknown>, typ?: string): Promise<string>;
  /** Verifies the signature of a compact JWS made with this key; returns its decoded JSON payload. */
  verifyPayload(jwt: string): Promise<unknown>;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const priv = await exportJWK(privateKey);
  const publicJwk: JWK = { use: 'sig', kty: 'RSA', kid, alg: 'RS256', n: priv.n, e: priv.e };
  const { d, p, q, dp, dq, qi } = priv;
  return {
    kid,
    alg: 'RS256',
    publicJwk,
    privateJwk: { ...publicJwk, d, p, q, dp, dq, qi },
    sign: (claims, typ = 'JWT') => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ }).sign(privateKey as CryptoKey),
    verifyPayload: async (jwt) => {
      const { payload } = await compactVerify(jwt, publicKey, { algorithms: ['RS256'] });
      return JSON.parse(new TextDecoder().decode(payload));
    },
  };
}
