// Client metadata the registration checks send, and how they compare what comes back.

/** A marker in client_name so that a leftover client can be found (and is obviously the harness's). */
export function marker(what: string): string {
  return `conformance ${what} ${Math.random().toString(36).slice(2, 10)}`;
}

/** A confidential client that can use the client_credentials grant (token checks) and the code flow. */
export function sampleMetadata(what: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_name: marker(what),
    redirect_uris: ['https://rp.example.com/cb', 'http://127.0.0.1:9/cb'],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    scope: 'openid offline_access',
    token_endpoint_auth_method: 'client_secret_basic',
    contacts: ['ops@example.com'],
    client_uri: 'https://rp.example.com',
    policy_uri: 'https://rp.example.com/privacy',
    tos_uri: 'https://rp.example.com/terms',
    post_logout_redirect_uris: ['https://rp.example.com/bye'],
    ...overrides,
  };
}

/** The prefix of metadata members no server knows (RFC 7591 §3.1: ignored, so never echoed). */
export const UNKNOWN_MEMBER_PREFIX = 'x_oidc_harness_';

/** Members that identify or authenticate the client rather than describe it. */
const NOT_METADATA = new Set([
  'client_id',
  'client_secret',
  'registration_access_token',
  'registration_client_uri',
  'client_id_issued_at',
  'client_secret_expires_at',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** false, "" and [] mean "not set": a provider may leave such a member out (Hydra's omitempty). */
const isEmpty = (v: unknown) => v === false || v === '' || (Array.isArray(v) && v.length === 0);
const echoed = (sent: unknown, got: unknown) => same(got, sent) || (got === undefined && isEmpty(sent));
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Each sent metadata member that `got` does not hold with the value sent, as "name: sent X, got Y". */
export function echoProblems(sent: Record<string, unknown>, got: Record<string, unknown> | undefined): string[] {
  const body = got ?? {};
  return Object.entries(sent)
    .filter(([k, v]) => !NOT_METADATA.has(k) && !k.startsWith(UNKNOWN_MEMBER_PREFIX) && !echoed(v, body[k]))
    .map(([k, v]) => `${k}: sent ${show(v)}, got ${show(body[k])}`);
}

/** Each sent metadata member with a value that `got` leaves out (absent, null or empty): not returned at all. */
export function missingMembers(sent: Record<string, unknown>, got: Record<string, unknown> | undefined): string[] {
  const body = got ?? {};
  const absent = (v: unknown) => v === undefined || v === null || isEmpty(v);
  return Object.entries(sent)
    .filter(([k, v]) => !NOT_METADATA.has(k) && !k.startsWith(UNKNOWN_MEMBER_PREFIX) && !absent(v) && absent(body[k]))
    .map(([k]) => k);
}

/**
 * Each sent metadata member whose value differs between two responses (e.g. create and read). A member the first
 * response left out is not compared: that omission is REG-CREATE-METADATA-RETURNED's finding.
 */
export function driftProblems(
  sent: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown> | undefined,
): string[] {
  const body = after ?? {};
  return Object.keys(sent)
    .filter((k) => !NOT_METADATA.has(k) && !k.startsWith(UNKNOWN_MEMBER_PREFIX) && before[k] !== undefined && !same(body[k], before[k]))
    .map((k) => `${k}: registered ${show(before[k])}, read ${show(body[k])}`);
}

/** RFC 6749 Appendix A.2: client_secret = *VSCHAR (%x20-7E). */
const VSCHAR = /^[\x20-\x7E]*$/;
const CLASSES: ReadonlyArray<readonly [RegExp, number]> = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  [/[^A-Za-z0-9]/, 33],
];

/**
 * What a secret's own characters say about its strength: length × log2(size of the character classes it uses).
 * An upper bound on the real entropy, so a secret below 128 bits is too weak whatever generated it.
 */
export function secretBits(secret: string): number {
  const alphabet = CLASSES.filter(([re]) => re.test(secret)).reduce((n, [, size]) => n + size, 0);
  return alphabet ? secret.length * Math.log2(alphabet) : 0;
}

export interface SecretProblem {
  finding: string;
  message: string;
  actual: string;
}

export function secretProblem(secret: string): SecretProblem | undefined {
  if (!VSCHAR.test(secret))
    return {
      finding: 'not-vschar',
      message: 'the client_secret has characters outside VSCHAR (%x20-7E)',
      actual: 'characters outside %x20-7E',
    };
  const bits = Math.floor(secretBits(secret));
  if (bits < 128)
    return {
      finding: 'weak',
      message: `the client_secret (${secret.length} characters) carries at most ${bits} bits, below the 128 bits RFC 6749 §10.10 requires`,
      actual: `${secret.length} characters, at most ${bits} bits`,
    };
  return undefined;
}

/** The token endpoint authentication methods that use a client_secret (RFC 7591 §2). */
export const SECRET_METHODS = ['client_secret_basic', 'client_secret_post'] as const;

/** One registration asking for a secret method: the method the response says was registered, and whether a secret came. */
export interface SecretObservation {
  asked: string;
  registered: string;
  secret: boolean;
}

/**
 * REG-CREATE-SECRET-ISSUED: every client registered for a secret method got a secret; and at least one was, since the
 * methods asked are the ones discovery advertises (a rule that observed no such client has no evidence, it does not pass).
 */
export function secretIssuedProblem(observed: readonly SecretObservation[]): { finding: string; message: string } | undefined {
  const withSecretMethod = observed.filter((o) => (SECRET_METHODS as readonly string[]).includes(o.registered));
  if (!withSecretMethod.length)
    return {
      finding: 'no-secret-method-registered',
      message: `no registration asking for an advertised secret method was registered for one (${observed.map((o) => `${o.asked} → ${o.registered}`).join(', ')}): no client can use the methods discovery advertises`,
    };
  const without = withSecretMethod.filter((o) => !o.secret);
  if (!without.length) return undefined;
  return {
    finding: without.map((o) => `no-secret:${o.registered}`).join(','),
    message: without
      .map((o) => `a client registered for ${o.registered}${o.registered === o.asked ? '' : ` (asked: ${o.asked})`} got no client_secret`)
      .join('; '),
  };
}
