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
  return keys.filter(
    (k) => k.kty === shape.kty && (!shape.crv || k.crv === shape.crv) && (!k.alg || k.alg === alg) && (!k.use || k.use === 'sig'),
  );
}

function defaultAlg(k: JWK): string | undefined {
  if (k.alg) return k.alg;
  if (k.kty === 'RSA') return 'RS256';
  if (k.kty === 'EC') return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as Record<string, string>)[k.crv ?? ''];
  if (k.kty === 'OKP') return 'EdDSA';
  return undefined;
}

const ENC_ALG = /^(RSA1_5|RSA-OAEP(-\d+)?|ECDH-ES(\+A\d+KW)?|A\d+(GCM)?KW|dir)$/;

/** What a key is for, as far as it says: its use, else its alg, else its key_ops; undefined when it does not say. */
export function keyPurpose(k: JWK): 'sig' | 'enc' | undefined {
  if (k.use === 'sig' || k.use === 'enc') return k.use as 'sig' | 'enc';
  if (k.alg) return ENC_ALG.test(k.alg) ? 'enc' : 'sig';
  const ops = k.key_ops ?? [];
  if (ops.some((o) => ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits'].includes(o))) return 'enc';
  if (ops.some((o) => o === 'sign' || o === 'verify')) return 'sig';
  return undefined;
}

/**
 * Discovery §3 (jwks_uri): in a set that mixes signing and encryption keys, every key says its use. The keys that
 * do not, or undefined when the set has no encryption key (the rule does not apply). A key that does not say what
 * it is for counts as a signing key: that is how a verifier takes it.
 */
export function keysWithoutUseInMixedSet(keys: JWK[]): number[] | undefined {
  if (!keys.some((k) => keyPurpose(k) === 'enc')) return undefined;
  return keys.flatMap((k, i) => (k.use ? [] : [i]));
}

/** The public key material of a JWK (its kty and the members that make the key), whatever it says it is for. */
const material = (k: JWK) => JSON.stringify([k.kty, k.crv, k.n, k.e, k.x, k.y]);

/**
 * Discovery §3 (jwks_uri): the same key SHOULD NOT serve both signatures and encryption. The encryption keys whose
 * material is also published as a signing key, or undefined when the set has no encryption key (nothing to compare).
 */
export function encryptionKeysAlsoSigning(keys: JWK[]): number[] | undefined {
  if (!keys.some((k) => keyPurpose(k) === 'enc')) return undefined;
  const signing = new Set(keys.filter((k) => keyPurpose(k) !== 'enc').map(material));
  return keys.flatMap((k, i) => (keyPurpose(k) === 'enc' && signing.has(material(k)) ? [i] : []));
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
