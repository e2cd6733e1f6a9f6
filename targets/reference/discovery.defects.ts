// The defects of discovery.ts: the discovery document and the JWKS: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks.
import { defects } from './defect.ts';
import type { Ctx } from './context.ts';
import type { DefectId } from './defects.ts';
import { unrecognizable } from './errors.ts';
import type { Req } from './http.ts';

export const DISCOVERY_DEFECTS = defects({
  'discovery.no-implicit-grant': {
    catches: 'DISC-DYNAMIC-GRANT-TYPES',
    finding: 'missing:implicit',
    suites: ['discovery'],
    description:
      'grant_types_supported leaves out implicit (the OAuth 2.1 habit), although registration is dynamic and the implicit response types are offered.',
  },
  'discovery.no-registration-endpoint': {
    catches: 'DISC-REGISTRATION-ENDPOINT',
    finding: 'not-advertised:registration_endpoint',
    suites: ['discovery'],
    description: 'registration_endpoint is left out of the discovery document, though /oauth2/register still serves registrations.',
    // createOidcDynamicClient is an operation of Ory's contract: its absence fails the ory-profile check too (and blocks
    // every registration check there on it).
    alsoFails: ['DISC-ORY-OPERATIONS'],
  },
  'discovery.no-claims-supported': {
    catches: 'DISC-CLAIMS-SUPPORTED',
    finding: 'not-advertised:claims_supported',
    suites: ['discovery'],
    description:
      'claims_supported is left out of the discovery document when no claims are configured (the sub always issued is not said).',
  },
  'discovery.no-frontchannel-session-flag': {
    catches: 'DISC-LOGOUT-SESSION-SUPPORTED',
    finding: 'not-advertised:frontchannel_logout_session_supported',
    suites: ['discovery'],
    description: 'frontchannel_logout_session_supported is left out, though front-channel logout requests carry iss and sid.',
  },
  'discovery.no-backchannel-session-flag': {
    catches: 'DISC-LOGOUT-SESSION-SUPPORTED',
    finding: 'not-advertised:backchannel_logout_session_supported',
    suites: ['discovery'],
    description: 'backchannel_logout_session_supported is left out, though logout tokens carry sid.',
  },
  'discovery.auth-signing-algs-missing': {
    catches: 'DISC-TOKEN-AUTH-SIGNING-ALGS',
    finding: 'member-missing:token_endpoint_auth_signing_alg_values_supported',
    suites: ['discovery'],
    description:
      'token_endpoint_auth_signing_alg_values_supported is left out although private_key_jwt is advertised, as Hydra v2.3.0 does.',
  },
  'discovery.auth-signing-algs-with-none': {
    catches: 'DISC-TOKEN-AUTH-SIGNING-NO-NONE',
    finding: 'none-listed',
    suites: ['discovery'],
    description:
      'token_endpoint_auth_signing_alg_values_supported is copied from request_object_signing_alg_values_supported, none included.',
  },
  'discovery.no-bare-id-token': {
    catches: 'DISC-DYNAMIC-RESPONSE-TYPES',
    finding: 'missing:id_token',
    suites: ['discovery'],
    description:
      'response_types_supported leaves out the bare id_token response type, although implicit is in grant_types_supported and registration is dynamic.',
  },
  'discovery.empty-claims-supported': {
    catches: 'DISC-NO-EMPTY-ARRAYS',
    finding: 'empty:claims_supported',
    suites: ['discovery'],
    description: 'claims_supported is [] when no claims are configured (the sub that is always issued is not added).',
    // An empty list advertises no claim: the SHOULD that claims be advertised warns by construction.
    alsoFails: ['DISC-CLAIMS-SUPPORTED'],
  },
  'discovery.issuer-trailing-slash': {
    catches: 'DISC-ISSUER-EXACT',
    finding: 'issuer-differs',
    suites: ['discovery'],
    description: "The discovery document's issuer gets a trailing '/' that the real issuer (used in tokens) does not have.",
  },
  'discovery.missing-subject-types': {
    catches: 'DISC-REQUIRED-MEMBERS',
    finding: 'member-missing:subject_types_supported',
    suites: ['discovery'],
    description: 'subject_types_supported is removed from the discovery document.',
  },
  'discovery.unreachable-jwks-uri': {
    catches: 'DISC-JWKS-FETCH',
    finding: 'jwks-unreachable',
    suites: ['discovery'],
    description: 'jwks_uri points at http://127.0.0.1:9/.well-known/jwks.json, where nothing listens.',
  },
  'discovery.private-key-in-jwks': {
    catches: 'DISC-JWKS-PUBLIC-ONLY',
    finding: 'private-key-published',
    suites: ['discovery'],
    description: 'The JWKS also publishes the private RSA members (d, p, q, dp, dq, qi).',
  },
  'discovery.no-openid-scope': {
    catches: 'DISC-SCOPES-OPENID',
    finding: 'openid-missing',
    suites: ['discovery'],
    description: 'scopes_supported no longer lists openid.',
  },
  'discovery.no-code-response-type': {
    catches: 'DISC-RESPONSE-TYPES-CODE',
    finding: 'code-missing',
    suites: ['discovery'],
    description: 'response_types_supported no longer lists code.',
  },
  'discovery.text-content-type': {
    catches: 'DISC-CONTENT-TYPE-JSON',
    finding: 'content-type:text/plain',
    suites: ['discovery'],
    description: 'The discovery document is served as text/plain.',
  },
  'discovery.logout-flags-without-end-session': {
    catches: 'DISC-END-SESSION-CONSISTENT',
    finding: 'not-advertised:end_session_endpoint',
    suites: ['discovery'],
    description: 'end_session_endpoint is removed while the four logout *_supported flags stay true.',
    // In the ory profile the missing end_session_endpoint is also a missing operation of Ory's contract.
    alsoFails: ['DISC-ORY-OPERATIONS'],
  },
  'discovery.signing-key-use-enc': {
    catches: 'DISC-JWKS-SIGNING-ALGS',
    finding: 'no-key-for:RS256',
    suites: ['discovery'],
    description: 'The RS256 key that signs ID tokens, logout tokens and credentials is published with use "enc".',
  },
  'discovery.no-rs256': {
    catches: 'DISC-JWKS-SIGNING-ALGS',
    finding: 'no-key-for:ES256',
    suites: ['discovery'],
    description: 'id_token_signing_alg_values_supported says ["ES256"] although the JWKS holds no ES256 key.',
    alsoFails: ['DISC-ID-TOKEN-RS256'],
  },
  'discovery.registration-advertised-but-off': {
    catches: 'DISC-REGISTRATION-CONSISTENT',
    finding: 'status:404',
    suites: ['discovery', 'registration'],
    description: 'registration_endpoint is advertised but every /oauth2/register route answers 404.',
    // The registration gates fail by construction: discovery advertises what answers 404.
    alsoFails: ['REG-CREATE-ENABLED', 'REG-READ-ENABLED', 'REG-UPDATE-ENABLED', 'REG-DELETE-ENABLED'],
  },
  'discovery.cached-203': {
    catches: 'DISC-STATUS-200',
    finding: 'status:203',
    suites: ['discovery'],
    description: 'Discovery is answered from a document cache with 203 Non-Authoritative Information instead of 200.',
  },
  'discovery.claims-parameter-string': {
    catches: 'DISC-SCHEMA',
    finding: 'schema:/claims_parameter_supported:type',
    suites: ['discovery'],
    description: 'claims_parameter_supported is serialized as the string "false" instead of a boolean.',
  },
  'discovery.issuer-bind-address': {
    catches: 'DISC-ISSUER-FORM',
    finding: 'issuer-not-https',
    suites: ['discovery'],
    description:
      'With no issuer configured, the issuer is built from the wildcard listen address (http://0.0.0.0:<port>), a plain-http URL that is not loopback.',
    // jwks_uri, revocation_endpoint and end_session_endpoint are built from the issuer, so they are plain http off loopback
    // too; and logout at an end_session_endpoint on another host than the sign-in's carries none of its session cookies.
    alsoFails: ['DISC-HTTPS-ENDPOINTS', 'LOGOUT-NO-PARAMS', 'LOGOUT-ORY-CHALLENGE'],
  },
  'discovery.internal-revocation-endpoint': {
    catches: 'DISC-HTTPS-ENDPOINTS',
    finding: 'not-https:revocation_endpoint',
    suites: ['discovery'],
    description:
      "revocation_endpoint is built from the public server's listen address (http://0.0.0.0:<port>, plain http off loopback) instead of the public URL.",
  },
  'discovery.no-userinfo-endpoint': {
    catches: 'DISC-USERINFO-ENDPOINT',
    finding: 'not-advertised:userinfo_endpoint',
    suites: ['discovery'],
    description: 'userinfo_endpoint is left out of the discovery document.',
    // getOidcUserInfo is an operation of Ory's contract: its absence fails the ory-profile check too.
    alsoFails: ['DISC-ORY-OPERATIONS'],
  },
  'discovery.id-token-algs-hs256': {
    catches: 'DISC-ID-TOKEN-RS256',
    finding: 'rs256-missing',
    suites: ['discovery'],
    description:
      'id_token_signing_alg_values_supported says ["HS256"] (the client-secret algorithm) instead of the RS256 the ID tokens are signed with.',
  },
  'discovery.pkce-plain-only': {
    catches: 'DISC-PKCE-S256',
    finding: 's256-missing',
    suites: ['discovery'],
    description: 'code_challenge_methods_supported says ["plain"], without S256.',
  },
  'discovery.duplicate-kid': {
    catches: 'DISC-JWKS-KEYS-VALID',
    finding: 'kid-duplicate',
    suites: ['discovery'],
    description: 'The JWKS lists the signing key twice under the same kid (a rotation that re-adds the current key).',
  },
  'discovery.no-userinfo-signed-response-alg': {
    catches: 'DISC-ORY-MEMBERS',
    finding: 'schema:/userinfo_signed_response_alg:required',
    suites: ['discovery'],
    description: 'userinfo_signed_response_alg, which Ory documents as a required array, is left out of the discovery document.',
  },
  'discovery.revocation-path-off': {
    catches: 'DISC-ORY-PATHS',
    finding: 'path-off:revocation_endpoint',
    suites: ['discovery'],
    description: "revocation_endpoint is advertised at /oauth2/revocation instead of Ory's /oauth2/revoke.",
    // Nothing answers there: revoking a token at the advertised endpoint fails by construction.
    alsoFails: ['TOKEN-REVOKE-ACCESS-TOKEN'],
  },
  'discovery.no-end-session-endpoint': {
    catches: 'DISC-ORY-OPERATIONS',
    finding: 'not-advertised:end_session_endpoint+frontchannel_logout_supported+backchannel_logout_supported',
    suites: ['discovery'],
    description:
      "The provider is deployed without logout: end_session_endpoint is left out and the front- and back-channel logout flags say false, though revokeOidcSession is an operation of Ory's OidcApi.",
  },
  'discovery.credentials-suites-unmakeable': {
    catches: 'DISC-ORY-CREDENTIALS',
    finding: 'suites-missing:PS256,RS256,ES256,PS384,RS384,ES384,PS512,RS512,ES512,EdDSA',
    suites: ['discovery', 'credentials'],
    description:
      'credentials_supported_draft_00 offers its jwt_vc_json credential with ES256K proofs only, none of the suites Hydra offers (and none the harness can make): every credential check is blocked by the discovery check that judges the offer.',
  },
  'discovery.registration-500-on-bad-json': {
    catches: 'DISC-REGISTRATION-CONSISTENT',
    finding: 'status:500',
    suites: ['discovery', 'registration'],
    description:
      'A registration body that is not JSON crashes the registration handler: HTTP 500 "The error is unrecognizable" instead of a 400 refusal.',
    // The registration gates probe the endpoint with the same body.
    alsoFails: ['REG-CREATE-ENABLED', 'REG-READ-ENABLED', 'REG-UPDATE-ENABLED', 'REG-DELETE-ENABLED'],
  },
  'discovery.credentials-did-binding': {
    catches: 'DISC-ORY-CREDENTIALS',
    finding: 'no-jwt-vc-json-jwk',
    suites: ['discovery'],
    description: 'credentials_supported_draft_00 offers its jwt_vc_json credential bound to "did" only, not to a jwk.',
  },
});

/** The algorithms private_key_jwt takes: those client/validator.go accepts for token_endpoint_auth_signing_alg. */
const AUTH_SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export function tokenEndpointAuthSigningAlgs(ctx: Ctx): string[] | undefined {
  // Defect: the member is not written at all (Hydra's omission).
  if (ctx.has('discovery.auth-signing-algs-missing')) return undefined;
  // Defect: the list is copied from request_object_signing_alg_values_supported, none included.
  return ctx.has('discovery.auth-signing-algs-with-none') ? ['none', 'RS256', 'ES256'] : AUTH_SIGNING_ALGS;
}

export function responseTypesSupported(ctx: Ctx): string[] {
  const all = ['code', 'code id_token', 'id_token', 'token id_token', 'token', 'token id_token code'];
  return ctx.has('discovery.no-bare-id-token') ? all.filter((t) => t !== 'id_token') : all;
}

/** The status of a discovery answer: 200, or (defect) 203, as a caching layer in front of the provider answers. */
export function discoveryStatus(ctx: Ctx): number {
  return ctx.has('discovery.cached-203') ? 203 : 200;
}

/** The issuer when none is configured: the public URL, or (defect) the same URL on the wildcard listen address. */
export function defaultIssuer(has: (id: DefectId) => boolean, publicUrl: string): string {
  return has('discovery.issuer-bind-address') ? onWildcardAddress(publicUrl) : publicUrl;
}

/** The URL on the wildcard listen address (0.0.0.0: this host, reachable, but plain http off loopback). */
export function onWildcardAddress(url: string): string {
  const u = new URL(url);
  u.hostname = '0.0.0.0';
  return u.toString().replace(/\/+$/, '');
}

/** The defects that take an operation or a credential suite out of the document. */
export function withoutOffered(ctx: Ctx, doc: Record<string, unknown>): void {
  if (ctx.has('discovery.no-end-session-endpoint')) {
    delete doc['end_session_endpoint'];
    for (const f of ['frontchannel', 'backchannel']) doc[`${f}_logout_supported`] = doc[`${f}_logout_session_supported`] = false;
  }
  if (ctx.has('discovery.credentials-suites-unmakeable'))
    for (const offer of doc['credentials_supported_draft_00'] as Array<Record<string, unknown>>)
      offer['cryptographic_suites_supported'] = ['ES256K'];
}

/** The defects that leave out a RECOMMENDED member (or the flag that says a logout channel sends the session). */
export function withoutRecommended(ctx: Ctx, doc: Record<string, unknown>): void {
  if (ctx.has('discovery.no-registration-endpoint')) delete doc['registration_endpoint'];
  if (ctx.has('discovery.no-claims-supported')) delete doc['claims_supported'];
  if (ctx.has('discovery.no-frontchannel-session-flag')) delete doc['frontchannel_logout_session_supported'];
  if (ctx.has('discovery.no-backchannel-session-flag')) delete doc['backchannel_logout_session_supported'];
}

/** Defect discovery.registration-500-on-bad-json: a registration body that does not parse as JSON is a 500. */
export async function crashOnUnparsableBody(ctx: Ctx, req: Req): Promise<void> {
  if (!ctx.has('discovery.registration-500-on-bad-json')) return;
  try {
    JSON.parse(await req.body());
  } catch {
    throw unrecognizable(500);
  }
}
