// Compact JWS facts the checks share: whether a token verifies with the provider's key set, and
// the forgeries that refusal checks send (a payload altered after signing, another signer).
import { compactVerify, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { signingKeysFor } from './jwk.ts';

export interface DecodedJws { header: ProtectedHeaderParameters; claims: JWTPayload }

/** Header and claims, NOT verified; undefined when the value is not a compact JWS with a JSON payload. */
export function decodeJws(jwt: string): DecodedJws | undefined {
  try {
    return { header: decodeProtectedHeader(jwt), claims: decodeJwt(jwt) };
  } catch {
    return undefined;
  }
}

/** Why the token does not verify with any suitable key of the set, or undefined when it does. */
export async function jwsProblem(jwt: string, keys: JWK[]): Promise<string | undefined> {
  const decoded = decodeJws(jwt);
  if (!decoded) return 'it is not a compact JWS with a JSON payload';
  const { alg, kid } = decoded.header;
  if (!alg || alg === 'none') return `its alg is ${JSON.stringify(alg ?? null)}: the token is not signed`;
  const candidates = signingKeysFor(keys, alg).filter((k) => !kid || k.kid === kid);
  if (!candidates.length) return `no key of the provider's set has alg ${alg}${kid ? ` and kid ${JSON.stringify(kid)}` : ''} (kids: ${keys.map((k) => k.kid ?? '?').join(', ')})`;
  for (const k of candidates) {
    try {
      await compactVerify(jwt, await importJWK(k, alg), { algorithms: [alg] });
      return undefined;
    } catch { /* try the next key */ }
  }
  return `the signature does not verify with the provider's key${candidates.length > 1 ? 's' : ''} ${candidates.map((k) => JSON.stringify(k.kid ?? '?')).join(', ')}`;
}

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
  const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: kid ?? `oidc-harness-${jwk.n!.slice(0, 8)}` }).sign(privateKey);
  rememberSecret(forged, 'id_token_hint');
  return forged;
}
