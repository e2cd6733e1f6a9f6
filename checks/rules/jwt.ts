// JWTs the provider signs (ID tokens, signed userinfo, credentials, logout tokens): decoding for
// the reader, and verification against the provider's published key set, fetched through the
// test's recording client so the key set the verdict rests on is in the evidence.
import { createHash } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { Discovery } from '../../fixtures/harness.ts';
import { TransportError, UNREACHABLE, type HttpClient, type HttpResponse } from '../../harness/http/client.ts';
import { violation, blocked } from './verdict.ts';
import { PRIVATE_MEMBERS } from './jwk.ts';

/** The provider's key set; a check that needs it is skipped when it cannot be had (DISC-JWKS-FETCH reports that). */
export async function providerKeys(http: HttpClient, discovery: Discovery): Promise<JWK[]> {
  const uri = discovery.doc?.jwks_uri;
  if (typeof uri !== 'string') blocked('no jwks_uri is advertised', 'DISC-REQUIRED-MEMBERS');
  let res: HttpResponse;
  try {
    res = await http.send({ url: uri });
  } catch (e) {
    // Nothing listens at the advertised key set: DISC-JWKS-FETCH judges that (a timeout stays no answer).
    if (e instanceof TransportError && (UNREACHABLE as readonly string[]).includes(e.message))
      blocked(`the key set cannot be fetched: GET ${uri}: ${e.message}`, 'DISC-JWKS-FETCH');
    throw e;
  }
  if (res.status !== 200 || !Array.isArray(res.json?.keys))
    blocked(`the key set could not be fetched: GET ${uri} answered HTTP ${res.status}`, 'DISC-JWKS-FETCH');
  return res.json.keys as JWK[];
}

export interface Jws {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
}

/** Header and claims of a compact JWS, NOT verified; undefined when it is not one. */
export function decodeJws(jwt: string): Jws | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    return { header: decodeProtectedHeader(jwt), payload };
  } catch {
    return undefined;
  }
}

/** Decode or say (as a Violation) that `what` is not a JWT. */
export function mustDecodeJws(jwt: unknown, what: string): Jws {
  const jws = typeof jwt === 'string' ? decodeJws(jwt) : undefined;
  if (!jws)
    violation(`${what} is not a compact JWS with a JSON claims set: ${JSON.stringify(String(jwt).slice(0, 40))}…`, {
      finding: 'not-a-jws',
      expected: 'a compact JWS',
      actual: String(jwt).slice(0, 40),
    });
  return jws;
}

/** The signature verifies with a key of the provider's set (RFC 7515 §5.2); `none` and HMAC are not accepted. */
export async function mustVerifyWithKeys(jwt: string, keys: JWK[], what: string): Promise<Jws> {
  const { header } = mustDecodeJws(jwt, what);
  if (!header.alg || header.alg === 'none' || header.alg.startsWith('HS'))
    violation(`${what} is signed with alg ${JSON.stringify(header.alg)}, not with a key the provider publishes`, {
      finding: `alg:${header.alg ?? 'none'}`,
      expected: 'an asymmetric algorithm',
      actual: header.alg ?? null,
    });
  const named = header.kid ? keys.filter((k) => k.kid === header.kid) : keys;
  const candidates = named.filter((k) => k.use === undefined || k.use === 'sig');
  // The key is published, but for another use: the key set's finding (Core §10.1), not this signature's.
  if (header.kid && candidates.length === 0 && named.length > 0)
    blocked(
      `${what} names kid ${JSON.stringify(header.kid)}, which the key set publishes with use ${JSON.stringify(named[0]!.use)}`,
      'DISC-JWKS-SIGNING-ALGS',
    );
  if (header.kid && candidates.length === 0)
    violation(
      `${what} names kid ${JSON.stringify(header.kid)}, which is not in the provider's key set (kids: ${keys.map((k) => k.kid).join(', ') || 'none'})`,
      { finding: 'kid-unknown', expected: keys.map((k) => k.kid), actual: header.kid },
    );
  // Each candidate on its own, and only its public part: a set that repeats a key or leaks private members is judged by
  // the key-set checks (DISC-JWKS-KEYS-VALID, DISC-JWKS-PUBLIC-ONLY), not here.
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      await compactVerify(jwt, await importJWK(publicPart(candidate), header.alg), { algorithms: [header.alg] });
      return mustDecodeJws(jwt, what);
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  violation(
    `${what}'s ${header.alg} signature does not verify with the provider's key set${header.kid ? ` (kid ${header.kid})` : ''}: ${[...new Set(failures)].join('; ') || 'the set has no keys'}`,
    { finding: 'signature-invalid', expected: "a signature by a key of the provider's set", actual: [...new Set(failures)] },
  );
}

/** A JWK without its private members. */
export function publicPart(jwk: JWK): JWK {
  const rest: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete rest[m];
  return rest as JWK;
}

/** The hash function a JWS algorithm uses (OpenID Connect Core 1.0 §3.1.3.6; Ed25519 uses SHA-512). */
function hashOf(alg: string): string | undefined {
  const bits = /^(?:RS|PS|ES|HS)(256|384|512)$/.exec(alg)?.[1];
  if (bits) return `sha${bits}`;
  return alg === 'EdDSA' || alg === 'Ed25519' ? 'sha512' : undefined;
}

/** base64url of the left half of the hash of `value` (at_hash, c_hash), or undefined for an unknown alg. */
export function leftHalfHash(value: string, alg: string): string | undefined {
  const hash = hashOf(alg);
  if (!hash) return undefined;
  const digest = createHash(hash).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** aud as a list (RFC 7519 §4.1.3: a string or an array of strings). */
export function audiences(payload: JWTPayload): string[] {
  return typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
}

/** Seconds, as JWT NumericDates are. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Clock skew allowed between harness and provider. */
export const SKEW_SECONDS = 60;
