// Facts about JSON Web Keys that several checks need (discovery, token and logout-token checks).
import { importJWK, type JWK } from 'jose';

export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The key type and curve an algorithm needs (RFC 7518 §3, RFC 8037). */
export function keyShapeFor(alg: string): { kty: string; crv?: string } | undefined {
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return { kty: 'RSA' };
  const ec: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521', ES256K: 'secp256k1' };
  if (ec[alg]) return { kty: 'EC', crv: ec[alg] };
  if (alg === 'EdDSA' || alg === 'Ed25519') return { kty: 'OKP' };
  return undefined;
}

/** Keys of a set that can verify signatures made with `alg`. */
export function signingKeysFor(keys: JWK[], alg: string): JWK[] {
  const shape = keyShapeFor(alg);
  if (!shape) return [];
  return keys.filter((k) => k.kty === shape.kty && (!shape.crv || k.crv === shape.crv)
    && (!k.alg || k.alg === alg) && (!k.use || k.use === 'sig'));
}

function defaultAlg(k: JWK): string | undefined {
  if (k.alg) return k.alg;
  if (k.kty === 'RSA') return 'RS256';
  if (k.kty === 'EC') return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as Record<string, string>)[k.crv ?? ''];
  if (k.kty === 'OKP') return 'EdDSA';
  return undefined;
}

/** Why a key is not a usable public JWK, or undefined when it is. */
export async function keyProblem(k: JWK): Promise<string | undefined> {
  const alg = defaultAlg(k);
  if (!alg) return `kty ${JSON.stringify(k.kty)}${k.crv ? ` crv ${k.crv}` : ''} is not a signature key type`;
  try {
    await importJWK(k, alg);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
