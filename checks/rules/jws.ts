// Forged JWTs that refusal checks send: a payload altered after signing, and claims signed by a
// key the provider never published, and a token with one character of its signature changed.
// (Decoding and verification: checks/rules/jwt.ts.)
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { rememberSecret } from '../../harness/secrets/vault.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The same token with its payload changed and the original signature kept. */
export function withAlteredPayload(jwt: string, change: (claims: JWTPayload) => JWTPayload): string {
  const [header, , signature] = jwt.split('.');
  const forged = `${header}.${b64(change(decodeJwt(jwt)))}.${signature}`;
  rememberSecret(forged, 'id_token_hint');
  return forged;
}

/** Claims signed by a key the harness makes now (RS256); `kid` lets the forgery pose as the provider's key. */
export async function signedByAnotherKey(claims: JWTPayload, kid?: string): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = await exportJWK(publicKey);
  const forged = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: kid ?? `oidc-harness-${jwk.n!.slice(0, 8)}` })
    .sign(privateKey);
  rememberSecret(forged, 'id_token_hint');
  return forged;
}

/**
 * The token with one character in the middle of its last segment changed: same shape, different bytes. The
 * middle, because the last base64url character of a segment may carry only padding bits (for an RS256 signature
 * about one change in four there would decode to the same signature).
 */
export function tamperedToken(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  const at = start + Math.floor((token.length - start) / 2);
  const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
  rememberSecret(forged, 'access_token');
  return forged;
}
