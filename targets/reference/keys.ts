/**
 * The RS256 signing keys of Hydra's hydra.openid.id-token set: ID tokens, signed userinfo, logout tokens, VCs. The set
 * starts with one key; POST /admin/keys/hydra.openid.id-token (admin-keys.ts) adds one. Like Hydra, which reads the set
 * newest first (persister_jwk.go: ORDER BY created_at DESC) and signs and verifies with its first private key
 * (jwk/helper.go FindPrivateKey, First), the ring answers as its newest key, and the JWKS lists them all.
 */
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

export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
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

/** One instance's hydra.openid.id-token set: it signs and verifies as its newest key (a batch of instances shares the first). */
export class KeyRing implements SigningKey {
  readonly #keys: SigningKey[];
  /** Kids of keys that have signed something (the tokens.rotation-published-late defect lists a key only once it has). */
  readonly #used = new Set<string>();

  constructor(first: SigningKey) {
    this.#keys = [first];
    this.#used.add(first.kid);
  }

  get current(): SigningKey {
    return this.#keys[0]!;
  }
  get kid(): string {
    return this.current.kid;
  }
  get alg(): 'RS256' {
    return this.current.alg;
  }
  get publicJwk(): JWK {
    return this.current.publicJwk;
  }
  get privateJwk(): JWK {
    return this.current.privateJwk;
  }
  /** Newest first. */
  get keys(): readonly SigningKey[] {
    return this.#keys;
  }

  sign(claims: Record<string, unknown>, typ?: string): Promise<string> {
    this.#used.add(this.current.kid);
    return this.current.sign(claims, typ);
  }

  verifyPayload(jwt: string): Promise<unknown> {
    return this.current.verifyPayload(jwt);
  }

  hasSigned(kid: string | undefined): boolean {
    return kid !== undefined && this.#used.has(kid);
  }

  /** A key created in the set: from now on the newest. */
  add(key: SigningKey): void {
    this.#keys.unshift(key);
  }

  /**
   * A key deleted from the set: the next newest signs from now on. Hydra would generate a new key when the last one is
   * gone (GetOrGenerateKeys); the reference keeps its last key instead, and says nothing of it.
   */
  remove(kid: string): void {
    const i = this.#keys.findIndex((k) => k.kid === kid);
    if (i >= 0 && this.#keys.length > 1) this.#keys.splice(i, 1);
  }
}
