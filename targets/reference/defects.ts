/**
 * Single defects ("mutants") the reference target can be started with, to prove that each harness check can fail.
 * Adding one: an entry here, and one `ctx.has('<id>')` at the exact place of the behaviour it breaks.
 */

export interface Defect {
  /** Ory operation id whose behaviour the defect breaks. */
  operation: string;
  /** Harness check id expected to catch it. */
  catches: string;
  description: string;
  /** Other checks that fail by construction of the defect (harness/mutation reads this). */
  alsoFails?: string[];
  /** OIDC_SUITES prefixes that exercise it, when not every suite does. */
  suites?: string[];
}

const CATALOGUE = {
  'discovery.issuer-trailing-slash': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-ISSUER-EXACT',
    description: "The discovery document's issuer gets a trailing '/' that the real issuer (used in tokens) does not have.",
  },
  'discovery.missing-subject-types': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-REQUIRED-MEMBERS',
    description: 'subject_types_supported is removed from the discovery document.',
  },
  'discovery.unreachable-jwks-uri': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-JWKS-FETCH',
    description: 'jwks_uri points at http://127.0.0.1:9/.well-known/jwks.json, where nothing listens.',
  },
  'discovery.private-key-in-jwks': {
    operation: 'discoverJsonWebKeys',
    catches: 'DISC-JWKS-PUBLIC-ONLY',
    description: 'The JWKS also publishes the private RSA members (d, p, q, dp, dq, qi).',
  },
  'discovery.no-openid-scope': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-SCOPES-OPENID',
    description: 'scopes_supported no longer lists openid.',
  },
  'discovery.no-code-response-type': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-RESPONSE-TYPES-CODE',
    description: 'response_types_supported no longer lists code.',
  },
  'discovery.text-content-type': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-CONTENT-TYPE-JSON',
    description: 'The discovery document is served as text/plain.',
  },
  'discovery.logout-flags-without-end-session': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-END-SESSION-CONSISTENT',
    description: 'end_session_endpoint is removed while the four logout *_supported flags stay true.',
  },
  'discovery.no-rs256': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-JWKS-SIGNING-ALGS',
    description: 'id_token_signing_alg_values_supported says ["ES256"] although the JWKS holds no ES256 key.',
    alsoFails: ['DISC-ID-TOKEN-RS256'],
  },
  'discovery.registration-advertised-but-off': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-REGISTRATION-CONSISTENT',
    description: 'registration_endpoint is advertised but every /oauth2/register route answers 404.',
  },
} satisfies Record<string, Defect>;

export type DefectId = keyof typeof CATALOGUE;

export const DEFECTS: Readonly<Record<string, Defect>> = CATALOGUE;

/** Validates the ids once at start-up and returns the cheap lookup the handlers consult. */
export function defectSwitch(ids: readonly string[] = []): (id: DefectId) => boolean {
  for (const id of ids) {
    if (!Object.hasOwn(DEFECTS, id)) throw new Error(`unknown defect: ${id}`);
  }
  const active = new Set<string>(ids);
  return (id) => active.has(id);
}
