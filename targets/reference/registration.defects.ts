// The defects of registration.ts: dynamic client registration (create, read, replace, delete), and of the redirect URIs a
// registration gives a client as the authorization endpoint honours them (authorize-request.ts). Each names the check that
// must catch it (its operation is that check's) and the finding it must fail with, and is switched on by `ctx.has('<id>')`
// at the place of the behaviour it breaks — here, for the shape of a response or a comparison.
import { defects, type Defect } from './defect.ts';
import { nowSeconds, type Ctx } from './context.ts';
import type { Client, ClientDraft } from './clients.ts';
import type { GoUrl } from './go-url.ts';

/** The three requests of a client's configuration endpoint: each REG-AUTH-* rule is judged on each, so each has its defect. */
const MANAGE_REQUESTS = {
  get: 'GET /oauth2/register/{id}',
  put: 'PUT /oauth2/register/{id}',
  delete: 'DELETE /oauth2/register/{id}',
} as const;
export type ManageMethod = keyof typeof MANAGE_REQUESTS;
/** What a request that should have been refused answers when a defect lets it through. */
const LET_THROUGH: Record<ManageMethod, string> = { get: 'status:200', put: 'status:200', delete: 'status:204' };

/** One defect per request: `registration.<name>-get`, `-put` and `-delete`, each breaking only its own method. */
function perMethod<N extends string>(
  name: N,
  make: (m: ManageMethod) => Omit<Defect, 'request' | 'suites'>,
): Record<`registration.${N}-${ManageMethod}`, Defect> {
  const out: Partial<Record<`registration.${N}-${ManageMethod}`, Defect>> = {};
  for (const m of Object.keys(MANAGE_REQUESTS) as ManageMethod[])
    out[`registration.${name}-${m}`] = { ...make(m), request: MANAGE_REQUESTS[m], suites: ['registration-auth'] };
  return out as Record<`registration.${N}-${ManageMethod}`, Defect>;
}

const upper = (m: ManageMethod) => m.toUpperCase();

/** Who may manage a client (authenticate in registration.ts): each rule of registration-auth, on each method. */
const AUTH_DEFECTS = {
  ...perMethod('auth-missing', (m) => ({
    catches: 'REG-AUTH-MISSING',
    finding: LET_THROUGH[m],
    description: `${upper(m)} /oauth2/register/{id} without any credentials is let through.`,
  })),
  ...perMethod('auth-malformed-accepted', (m) => ({
    catches: 'REG-AUTH-MALFORMED',
    finding: LET_THROUGH[m],
    description: `${upper(m)}: characters a bearer token cannot have are dropped before the token is compared.`,
  })),
  ...perMethod('auth-wrong-accepted', (m) => ({
    catches: 'REG-AUTH-WRONG',
    finding: LET_THROUGH[m],
    description: `${upper(m)}: fail-open lookup: a well-formed token that no client holds is let through.`,
    alsoFails: ['REG-AUTH-ROTATED'],
  })),
  ...perMethod('auth-wrong-error', (m) => ({
    catches: 'REG-AUTH-WRONG',
    finding: 'error:invalid_request',
    description: `${upper(m)}: a well-formed token that no client holds is refused with 401 invalid_request, not invalid_token.`,
    // An unknown client id still gets invalid_token: the two refusals differ by construction.
    alsoFails: ['REG-AUTH-UNKNOWN-CLIENT-SAME-ERROR'],
  })),
  ...perMethod('auth-any-client-rat', (m) => ({
    catches: 'REG-AUTH-OTHER-CLIENT',
    finding: LET_THROUGH[m],
    description: `${upper(m)}: any client's registration access token manages every client.`,
  })),
  ...perMethod('auth-other-client-error', (m) => ({
    catches: 'REG-AUTH-OTHER-CLIENT',
    finding: 'error:invalid_client',
    description: `${upper(m)}: another client's registration access token is refused with 401 invalid_client ("the token is for another client"), not invalid_token.`,
  })),
  ...perMethod('auth-deleted-tombstone', (m) => ({
    catches: 'REG-AUTH-DELETED-CLIENT',
    finding: LET_THROUGH[m],
    description: `${upper(m)}: a deleted client's registration access token still reaches a tombstone of the client.`,
  })),
  ...perMethod('auth-deleted-error', (m) => ({
    catches: 'REG-AUTH-DELETED-CLIENT',
    finding: 'error:invalid_client',
    description: `${upper(m)}: a deleted client's registration access token is refused with 401 invalid_client ("the client no longer exists"), not invalid_token.`,
  })),
  ...perMethod('auth-rotated-still-valid', (m) => ({
    catches: 'REG-AUTH-ROTATED',
    finding: LET_THROUGH[m],
    description: `${upper(m)}: registration access tokens rotated out by a replace keep working.`,
  })),
  ...perMethod('auth-unknown-404', (m) => ({
    catches: 'REG-AUTH-UNKNOWN-CLIENT',
    finding: 'status:404',
    description: `${upper(m)}: an unknown client id answers 404 (a wrong token 401), so client ids can be probed.`,
    // A deleted client's id is an unknown id too.
    alsoFails: ['REG-AUTH-DELETED-CLIENT'],
  })),
  ...perMethod('auth-unknown-client-error', (m) => ({
    catches: 'REG-AUTH-UNKNOWN-CLIENT-SAME-ERROR',
    finding: 'differs:challenge,error,error_description',
    description: `${upper(m)} of a client id that does not exist (with another client's token) answers 401 invalid_client, where a wrong token gets 401 invalid_token, so client ids can be probed.`,
  })),
  ...perMethod('auth-challenge-without-params', (m) => ({
    catches: 'REG-AUTH-CHALLENGE-SYNTAX',
    finding: 'challenge-no-params',
    description: `${upper(m)}: a refused token gets a bare WWW-Authenticate: Bearer, its error (invalid_token) said only in the body.`,
  })),
  ...perMethod('auth-no-challenge', (m) => ({
    catches: 'REG-AUTH-WWW-AUTHENTICATE',
    finding: 'challenge-missing',
    description: `${upper(m)}: 401s of /oauth2/register/{id} carry no WWW-Authenticate header (as real Hydra).`,
  })),
};

export const REGISTRATION_DEFECTS = defects({
  'registration.create-200': {
    catches: 'REG-CREATE-STATUS-201',
    finding: 'status:200',
    description: 'POST /oauth2/register answers 200 instead of 201 Created.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-expires-at-missing': {
    catches: 'REG-CREATE-SCHEMA',
    finding: 'schema:/:dependentRequired',
    description: 'The create response carries a client_secret but no client_secret_expires_at.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-null-audience': {
    catches: 'REG-CREATE-SCHEMA-ORY',
    finding: 'schema:/audience:type',
    description: 'The create response has "audience": null (as real Hydra does for unset arrays).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-secret-for-post': {
    catches: 'REG-CREATE-SECRET-ISSUED',
    finding: 'no-secret:client_secret_post',
    description: 'A client registered for client_secret_post gets no client_secret in the response.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.secret-for-none': {
    catches: 'REG-CREATE-NO-SECRET-FOR-NONE',
    finding: 'secret-issued',
    description: 'A public client (token_endpoint_auth_method none) is shown a client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.weak-secret': {
    catches: 'REG-CREATE-SECRET-STRENGTH',
    finding: 'weak',
    description: 'Generated client secrets are 8 characters long (about 48 bits).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-rat': {
    catches: 'REG-CREATE-RAT',
    finding: 'rat-missing',
    description: 'The create response has no registration_access_token.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-client-uri': {
    catches: 'REG-CREATE-CLIENT-URI',
    finding: 'client-uri-missing',
    description: 'The create response has no registration_client_uri.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.client-uri-trailing-slash': {
    catches: 'REG-CREATE-CLIENT-URI-ORY',
    finding: 'mismatch:registration_client_uri',
    description: 'registration_client_uri ends with an extra "/" (the route still works, the value is not Ory\'s).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.post-logout-shown-with-slash': {
    catches: 'REG-CREATE-ECHO',
    finding: 'not-echoed:post_logout_redirect_uris',
    description:
      'Registration responses show each post_logout_redirect_uri with a trailing slash added (the stored value, which logout compares, is as sent).',
    suites: ['registration', 'token-endpoint-auth'],
  },

  'registration.create-no-cache-headers': {
    catches: 'REG-CREATE-CACHE-HEADERS',
    finding: 'no-store-missing,pragma-missing',
    description: 'The create response (secret and token) has no Cache-Control and no Pragma header.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.secret-chosen-accepted': {
    catches: 'REG-CREATE-SECRET-CHOSEN',
    finding: 'accepted',
    description: 'A client_secret chosen by the client at registration is accepted and kept.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.client-id-honoured': {
    catches: 'REG-CREATE-CLIENT-ID-CHOSEN',
    finding: 'honoured',
    description: 'A client_id chosen by the client at registration is honoured.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.forbidden-skip-consent': {
    catches: 'REG-CREATE-FORBIDDEN-FIELDS',
    finding: 'accepted',
    description: 'skip_consent: true is accepted from self-service registration.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.fragment-redirect-accepted': {
    catches: 'REG-CREATE-REDIRECT-FRAGMENT',
    finding: 'status:201',
    description: 'Redirect URIs with a fragment are accepted.',
    // The validator is the one a replace uses too (as Hydra's is), and the fuzz cases include fragments.
    alsoFails: ['REG-FUZZ-INVALID-REFUSED', 'REG-UPDATE-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.relative-redirect-accepted': {
    catches: 'REG-CREATE-REDIRECT-RELATIVE',
    finding: 'status:201',
    description: 'Redirect URIs that do not parse as absolute URLs are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.post-logout-unchecked': {
    catches: 'REG-CREATE-POST-LOGOUT-MISMATCH',
    finding: 'status:201',
    description: 'post_logout_redirect_uris on an origin of no redirect URI are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.userinfo-alg-unchecked': {
    catches: 'REG-CREATE-USERINFO-ALG',
    finding: 'registered-as-sent',
    description: 'Any userinfo_signed_response_alg is registered as sent.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.userinfo-alg-dropped': {
    catches: 'REG-CREATE-USERINFO-ALG',
    finding: 'replacement-unsaid',
    description:
      'An unsupported userinfo_signed_response_alg is replaced by the default (unsigned) and left out of the registration response and of every read, so the client cannot tell what was registered.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.jwks-and-uri-accepted': {
    catches: 'REG-CREATE-JWKS-AND-URI',
    finding: 'status:201',
    description: 'A body with both jwks and jwks_uri is accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.500-on-cors-origins': {
    catches: 'REG-FUZZ-NO-5XX',
    finding: 'server-error:valid#5,valid#6,valid#8,valid#11',
    description: 'A registration with allowed_cors_origins crashes with 500.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.fuzz-refuses-owner': {
    catches: 'REG-FUZZ-VALID-ACCEPTED',
    finding: 'not-registered:valid#4,valid#9,valid#10,valid#11',
    description: 'A valid body with an owner is refused with 400 invalid_client_metadata.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-drops-audience': {
    catches: 'REG-FUZZ-VALID-READ-BACK',
    finding: 'not-read-back:valid#2,valid#5,valid#9,valid#11',
    description: 'A read shows audience as [] whatever was registered.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.subject-type-unchecked': {
    catches: 'REG-FUZZ-INVALID-REFUSED',
    finding: 'not-refused:invalid#2',
    description: 'An unsupported subject_type is registered as sent.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.decode-error-text': {
    catches: 'REG-FUZZ-ERROR-BODY',
    finding: 'error-body:invalid#0,invalid#1,invalid#3,invalid#9,invalid#10,invalid#11',
    description: 'A registration body that does not decode (wrong JSON types) is refused with a text/plain body, not a JSON error.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.decode-error-quoted': {
    catches: 'REG-FUZZ-ERROR-BODY',
    finding: 'error-body:invalid#0,invalid#1,invalid#3,invalid#9,invalid#10,invalid#11',
    description:
      'A registration body that does not decode is refused with an error_description that quotes a member name in double quotation marks, a character RFC 6749 §5.2 does not allow there.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-status-203': {
    catches: 'REG-READ-STATUS-200',
    finding: 'status:203',
    description: 'GET /oauth2/register/{id} answers 203 instead of 200.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-schema-string-bool': {
    catches: 'REG-READ-SCHEMA-ORY',
    finding: 'schema:/skip_consent:type',
    description: 'A read returns skip_consent as the string "false".',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-stale-post-logout': {
    catches: 'REG-READ-VALUES',
    finding: 'differs:post_logout_redirect_uris',
    description: 'A read shows post_logout_redirect_uris as [] although they are registered.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-drops-redirect-uris': {
    catches: 'REG-READ-VALUES',
    finding: 'differs:redirect_uris',
    description: 'A read leaves redirect_uris out, although the client has them (its sign-ins still use them).',
    // Every check that reads a client back compares redirect_uris, the one member every client has.
    alsoFails: ['REG-FUZZ-VALID-READ-BACK', 'REG-UPDATE-VALUES'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-returns-secret': {
    catches: 'REG-READ-NO-SECRET',
    finding: 'secret-shown',
    description: 'A read returns the client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-returns-rat': {
    catches: 'REG-READ-NO-RAT',
    finding: 'rat-shown',
    description: 'A read returns a registration_access_token member.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-status-201': {
    catches: 'REG-UPDATE-STATUS-200',
    finding: 'status:201',
    description: 'PUT /oauth2/register/{id} answers 201 instead of 200.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-schema-number-date': {
    catches: 'REG-UPDATE-SCHEMA-ORY',
    finding: 'schema:/created_at:type',
    description: 'The replace response has created_at as the number 0.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-ignores-contacts': {
    catches: 'REG-UPDATE-VALUES',
    finding: 'not-taken:response contacts,read contacts',
    description: 'A replace keeps the old contacts whatever is sent.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-same-rat': {
    catches: 'REG-UPDATE-RAT-ROTATED',
    finding: 'not-rotated',
    description: 'A replace does not rotate the registration access token; the presented one is returned again.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-returns-secret': {
    catches: 'REG-UPDATE-NO-SECRET',
    finding: 'secret-shown',
    description: 'The replace response includes the client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-overwrites-secret': {
    catches: 'REG-UPDATE-SECRET-KEPT',
    finding: 'accepted',
    description: 'A replace that carries a client_secret is accepted and overwrites the secret.',
    alsoFails: ['REG-UPDATE-SECRET-CHOSEN'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-ignores-chosen-secret': {
    catches: 'REG-UPDATE-SECRET-CHOSEN',
    finding: 'accepted',
    description: 'A replace that carries a client_secret is accepted (200); the secret itself is kept.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-partial-on-error': {
    catches: 'REG-UPDATE-FAILED-NO-CHANGE',
    finding: 'token-lost',
    description: 'A replace rotates the registration access token before validating, so a refused replace still invalidates the old token.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-200-body': {
    catches: 'REG-DELETE-STATUS-204',
    finding: 'status:200',
    description: 'DELETE /oauth2/register/{id} answers 200 with a JSON body instead of 204.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-keeps-credentials': {
    catches: 'REG-DELETE-CREDENTIALS-REVOKED',
    finding: 'accepted',
    description: 'A deleted client loses its registration access token, but its id and secret still work at the token endpoint.',
    suites: ['registration', 'token-endpoint-auth'],
    // The client stays, so the authorization endpoint still knows it too.
    alsoFails: ['REG-DELETE-AUTHZ-REFUSED'],
  },
  'registration.decode-error-404': {
    catches: 'REG-CREATE-ENABLED',
    finding: 'advertised-not-served:404',
    description:
      "A registration body that does not parse as JSON is answered 404 Not Found (the decode error is mapped to herodot's ErrNotFound), so POST /oauth2/register looks unserved.",
    // Discovery's own rule probes the advertised endpoint the same way (a body that is not JSON) and sees the 404 too; the
    // other registration checks are blocked by REG-CREATE-ENABLED.
    alsoFails: ['DISC-REGISTRATION-CONSISTENT'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-lookup-404': {
    catches: 'REG-READ-ENABLED',
    finding: 'not-served:404',
    description:
      'GET /oauth2/register/{id} authenticates the token, then looks the client up under the wrong key and answers 404 Not Found.',
    // A read that answers 404 is not 200 either, and the rotated token is judged by a read.
    alsoFails: ['REG-READ-STATUS-200', 'REG-UPDATE-RAT-ROTATED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-no-row-404': {
    catches: 'REG-UPDATE-ENABLED',
    finding: 'not-served:404',
    description:
      'PUT /oauth2/register/{id} validates the replace, then its update matches no row and it answers 404 Not Found; nothing changes.',
    // A replace that answers 404 is not 200 either.
    alsoFails: ['REG-UPDATE-STATUS-200'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-no-row-404': {
    catches: 'REG-DELETE-ENABLED',
    finding: 'not-served:404',
    description:
      'DELETE /oauth2/register/{id} authenticates the token, then its delete matches no row and it answers 404 Not Found; the client stays.',
    // A delete that answers 404 is not 204 either.
    alsoFails: ['REG-DELETE-STATUS-204'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.refused-leaves-client': {
    catches: 'REG-CREATE-REFUSED-NOTHING-LEFT',
    finding: 'refused-but-created',
    description:
      'A self-service registration is inserted before it is validated, and a refusal (e.g. of a forbidden field) does not roll the insert back.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-fragment-accepted': {
    catches: 'REG-UPDATE-INVALID-REFUSED',
    finding: 'status:200',
    description:
      'A replace validates its redirect URIs with the fragments cut off, and stores them as sent: a redirect URI with a fragment is accepted.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.frontchannel-origin-unchecked': {
    catches: 'REG-CREATE-FRONTCHANNEL-ORIGIN',
    finding: 'status:201',
    description:
      'frontchannel_logout_uri is registered on any origin: only post_logout_redirect_uris are compared with the redirect URIs (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.backchannel-uri-unchecked': {
    catches: 'REG-CREATE-BACKCHANNEL-ABSOLUTE',
    finding: 'status:201',
    description: 'backchannel_logout_uri is stored as sent, never parsed: a relative URI is registered (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.frontchannel-relative-accepted': {
    catches: 'REG-CREATE-FRONTCHANNEL-ABSOLUTE',
    finding: 'status:201',
    description:
      'frontchannel_logout_uri is compared with the redirect URIs only when it has a scheme and host: a relative URI is registered as sent (as real Hydra, which never reads it).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.frontchannel-fragment-accepted': {
    catches: 'REG-CREATE-FRONTCHANNEL-FRAGMENT',
    finding: 'status:201',
    description:
      'frontchannel_logout_uri is checked for its origin only: one with a fragment is registered (as real Hydra, which never reads it).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.backchannel-fragment-accepted': {
    catches: 'REG-CREATE-BACKCHANNEL-FRAGMENT',
    finding: 'status:201',
    description: 'backchannel_logout_uri is checked for a scheme and host only: one with a fragment is registered (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.implicit-redirect-unchecked': {
    catches: 'REG-CREATE-REDIRECT-CLIENT-TYPE',
    finding: 'accepted:web-implicit-http,accepted:web-implicit-localhost',
    description:
      'The redirect URIs of a web client using the implicit grant are not checked for https and localhost (as real Hydra, which reads no application_type).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.native-redirect-unchecked': {
    catches: 'REG-CREATE-REDIRECT-CLIENT-TYPE',
    finding: 'accepted:native-http-remote',
    description:
      'The redirect URIs of a native client (application_type native) are not checked: an http URI on a host that is not loopback is registered (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.null-body-accepted': {
    catches: 'REG-CREATE-BODY-NOT-OBJECT',
    finding: 'null:status:201',
    description:
      "A registration body of JSON null is decoded like an empty object (Go's json.Decode leaves the struct as it is) and registers a client with defaults (as real Hydra).",
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.unknown-members-refused': {
    catches: 'REG-CREATE-UNKNOWN-MEMBERS',
    finding: 'status:400',
    description:
      'Self-service registration decodes its body with DisallowUnknownFields: a member the server does not know is refused with 400.',
    // Every generated valid body carries a member no server knows (RFC 7591 §3.1), so none of them is registered either;
    // the reference knows application_type only for its redirect URI rule (deviation #19), so those bodies are refused.
    alsoFails: ['REG-FUZZ-VALID-ACCEPTED', 'REG-CREATE-REDIRECT-CLIENT-TYPE'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.empty-grant-types-any': {
    catches: 'REG-CREATE-DEFAULTS',
    finding: 'client-credentials-granted',
    description:
      'A client registered without grant_types may use any grant at the token endpoint (an empty list is read as "no restriction"), client_credentials included.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-merges-omitted': {
    catches: 'REG-UPDATE-OMITTED-REMOVED',
    finding: 'kept:client_uri,tos_uri',
    description: 'PUT /oauth2/register/{id} is applied as a merge: members the body leaves out keep their stored values.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-authorize-cache': {
    catches: 'REG-DELETE-AUTHZ-REFUSED',
    finding: 'not-refused',
    description:
      'The authorization endpoint reads clients through a cache that deleting a registration does not invalidate: authorization requests for a deleted client go on to the login.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.constant-secret': {
    catches: 'REG-CREATE-SECRET-STRENGTH',
    finding: 'secret-reused',
    description: 'Every client is issued the same 26-character secret (strong-looking, and shared by all).',
    suites: ['registration'],
  },
  'registration.client-id-per-software': {
    catches: 'REG-CREATE-CLIENT-ID-UNIQUE',
    finding: 'client-id-reused',
    description:
      "A registration that names a software_id gets a client_id made from it: a second installation of the same software is given the first one's client_id and replaces its registration.",
    suites: ['registration'],
  },
  'registration.create-omits-logo-uri': {
    catches: 'REG-CREATE-METADATA-RETURNED',
    finding: 'missing:logo_uri',
    description: 'The create response leaves logo_uri out (it is registered: a read shows it).',
    suites: ['registration'],
  },
  'registration.create-omits-policy-uri': {
    catches: 'REG-CREATE-METADATA-RETURNED',
    finding: 'missing:policy_uri',
    description: 'The create response leaves policy_uri out (it is registered: a read shows it).',
    suites: ['registration'],
  },
  'registration.create-omits-tos-uri': {
    catches: 'REG-CREATE-METADATA-RETURNED',
    finding: 'missing:tos_uri',
    description: 'The create response leaves tos_uri out (it is registered: a read shows it).',
    suites: ['registration'],
  },
  'registration.secret-expired-at-issue': {
    catches: 'REG-CREATE-SECRET-MEMBERS',
    finding: 'expired-at-issue',
    description: 'client_secret_expires_at is the time of the registration: the secret is said to expire as it is issued.',
    suites: ['registration'],
  },
  'registration.sector-uri-exact-list': {
    catches: 'REG-CREATE-SECTOR-URI-ACCEPTED',
    finding: 'refused:invalid_client_metadata',
    description:
      "A sector_identifier_uri's document must list exactly the client's redirect URIs: a document that also lists another client's of the same sector is refused.",
    suites: ['registration'],
  },
  'registration.sector-uri-unchecked': {
    catches: 'REG-CREATE-SECTOR-URI-UNLISTED',
    finding: 'accepted',
    description:
      "A sector_identifier_uri's document is fetched but not compared with the redirect URIs: one that leaves a redirect URI out is accepted.",
    suites: ['registration'],
  },
  'registration.update-takes-body-client-id': {
    catches: 'REG-UPDATE-CLIENT-ID-KEPT',
    finding: 'renamed',
    description: 'A replace takes the client_id its body names: a body naming another id renames the client (its old id stops existing).',
    suites: ['registration'],
  },
  'registration.delete-authorize-500': {
    catches: 'REG-DELETE-AUTHZ-REFUSED',
    finding: 'status:500',
    description:
      'The authorization endpoint answers 500 for a client deleted since its cache entry was made (it dereferences the missing client), where it should refuse with an error page.',
    suites: ['registration'],
  },
  'registration.admin-put-drops-rat': {
    catches: 'REG-ADMIN-UPDATE-KEEPS-RAT',
    finding: 'lost-after:PUT',
    description:
      "PUT /admin/clients/{id} stores the client decoded from the body, whose registration access token is empty: the client's own token stops working (as real Hydra).",
    suites: ['registration', 'token-endpoint-auth'],
  },
  'redirect.path-prefix': {
    catches: 'REG-REDIRECT-EXACT',
    finding: 'accepted:longer-path,accepted:trailing-slash',
    description:
      'A redirect_uri matches a registered one when its path starts with the registered path (same origin and query): /cb/extra and /cb/ pass for /cb.',
    suites: ['redirect'],
  },
  'redirect.added-query-ignored': {
    catches: 'REG-REDIRECT-QUERY-ADDED',
    finding: 'accepted',
    description:
      'A registered redirect URI without a query matches a redirect_uri that adds one (the query is compared only when the registered URI has one).',
    suites: ['redirect'],
  },
  'redirect.query-names-only': {
    catches: 'REG-REDIRECT-QUERY-MISMATCH',
    finding: 'accepted',
    description: "A registered redirect URI's query is compared by its parameter names only: ?rp=other passes for ?rp=kept.",
    suites: ['redirect'],
  },
  'redirect.response-drops-query': {
    catches: 'REG-REDIRECT-QUERY-KEPT',
    finding: 'query-dropped:rp',
    description: "The authorization response replaces the redirect URI's own query with its parameters: ?rp=kept is lost.",
    suites: ['redirect'],
  },
  'redirect.defaulted-for-openid': {
    catches: 'REG-REDIRECT-REQUIRED',
    finding: 'accepted',
    description:
      'An OpenID request without redirect_uri goes on with the one registered URI (RFC 6749 allows that; OpenID Connect requires redirect_uri).',
    suites: ['redirect'],
  },
  'redirect.error-to-unregistered': {
    catches: 'REG-REDIRECT-ERROR-SHOWN',
    finding: 'redirected-to-unregistered',
    description:
      'The refusal of a redirect_uri that matches no registered one is redirected to that unregistered URI (with error=invalid_request) instead of the error page.',
    suites: ['redirect'],
    // Those checks refuse an unregistered redirect URI too, and see where its refusal goes: the same answer.
    alsoFails: ['REG-REDIRECT-URIS-REQUIRED-CONFIDENTIAL', 'REG-REDIRECT-URIS-REQUIRED-PUBLIC'],
  },
  'redirect.unregistered-public-any-uri': {
    catches: 'REG-REDIRECT-URIS-REQUIRED-PUBLIC',
    finding: 'accepted',
    description:
      'A public client (token_endpoint_auth_method none) registered without redirect URIs may name any redirect_uri: an empty list is read as no restriction.',
    suites: ['redirect'],
  },
  'redirect.unregistered-confidential-any-uri': {
    catches: 'REG-REDIRECT-URIS-REQUIRED-CONFIDENTIAL',
    finding: 'accepted',
    description:
      'A confidential client registered without redirect URIs may name any redirect_uri: an empty list is read as no restriction (its secret was thought to be protection enough).',
    suites: ['redirect'],
  },
  ...AUTH_DEFECTS,
});

type Body = Record<string, unknown>;

/** Defect registration.post-logout-shown-with-slash: the URIs a response shows, not those stored. */
function withSlashes(ctx: Ctx, body: Body): void {
  const uris = body['post_logout_redirect_uris'];
  if (ctx.has('registration.post-logout-shown-with-slash') && Array.isArray(uris))
    body['post_logout_redirect_uris'] = uris.map((u) => (String(u).endsWith('/') ? u : `${String(u)}/`));
}

/** POST /oauth2/register: the created view as sent to the client. */
export function createdBody(ctx: Ctx, body: Body): Body {
  if (ctx.has('registration.create-expires-at-missing')) delete body['client_secret_expires_at'];
  if (ctx.has('registration.secret-expired-at-issue') && body['client_secret']) body['client_secret_expires_at'] = nowSeconds();
  for (const [defect, member] of [
    ['registration.create-omits-logo-uri', 'logo_uri'],
    ['registration.create-omits-policy-uri', 'policy_uri'],
    ['registration.create-omits-tos-uri', 'tos_uri'],
  ] as const)
    if (ctx.has(defect)) delete body[member];
  withSlashes(ctx, body);
  if (ctx.has('registration.create-null-audience')) body['audience'] = null;
  if (ctx.has('registration.no-secret-for-post') && body['token_endpoint_auth_method'] === 'client_secret_post')
    delete body['client_secret'];
  if (ctx.has('registration.secret-for-none') && body['token_endpoint_auth_method'] === 'none')
    body['client_secret'] = 'issued-to-a-public-client-0123456789';
  if (ctx.has('registration.no-rat')) delete body['registration_access_token'];
  if (ctx.has('registration.no-client-uri')) delete body['registration_client_uri'];
  if (ctx.has('registration.client-uri-trailing-slash')) body['registration_client_uri'] = `${String(body['registration_client_uri'])}/`;
  return body;
}

/** GET /oauth2/register/{id}. */
export function readBody(ctx: Ctx, body: Body, client: Client): Body {
  if (ctx.has('registration.read-drops-audience')) body['audience'] = [];
  if (ctx.has('registration.read-schema-string-bool')) body['skip_consent'] = String(body['skip_consent']);
  if (ctx.has('registration.read-stale-post-logout')) body['post_logout_redirect_uris'] = [];
  if (ctx.has('registration.read-drops-redirect-uris')) delete body['redirect_uris'];
  withSlashes(ctx, body);
  if (ctx.has('registration.read-returns-secret')) body['client_secret'] = client.client_secret;
  if (ctx.has('registration.read-returns-rat')) body['registration_access_token'] = client.ratHash;
  return body;
}

/** PUT /oauth2/register/{id}. */
export function updatedBody(ctx: Ctx, body: Body, client: Client): Body {
  if (ctx.has('registration.update-schema-number-date')) body['created_at'] = 0;
  if (ctx.has('registration.update-returns-secret')) body['client_secret'] = client.client_secret;
  return body;
}

/** Members a merging replace (defect) keeps from the stored client when the body leaves them out. */
const NOT_MERGED = new Set(['client_id', 'client_secret', 'ratHash', 'created_at', 'updated_at', 'lifespans', 'jwks', 'metadata']);

/** Defect registration.update-merges-omitted: a replace keeps what its body leaves out. */
export function mergeOmitted(ctx: Ctx, draft: ClientDraft, current: Client): void {
  if (!ctx.has('registration.update-merges-omitted')) return;
  const fields = draft as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(current)) if (!NOT_MERGED.has(name) && !draft.present.has(name)) fields[name] = value;
}

/** Deleted clients and rotated-out token hashes, per reference instance. */
const memory = new WeakMap<
  object,
  { tombstones: Map<string, Client>; rotated: Map<string, Set<string>>; authorizeCache: Map<string, Client> }
>();
function of(ctx: Ctx) {
  let m = memory.get(ctx.store);
  if (!m) memory.set(ctx.store, (m = { tombstones: new Map(), rotated: new Map(), authorizeCache: new Map() }));
  return m;
}

const anyMethod = (ctx: Ctx, name: 'auth-deleted-tombstone' | 'auth-rotated-still-valid') =>
  (Object.keys(MANAGE_REQUESTS) as ManageMethod[]).some((m) => ctx.has(`registration.${name}-${m}`));

export function rememberDeleted(ctx: Ctx, client: Client): void {
  if (anyMethod(ctx, 'auth-deleted-tombstone')) of(ctx).tombstones.set(client.client_id, client);
  if (ctx.has('registration.delete-authorize-cache') || ctx.has('registration.delete-authorize-500'))
    of(ctx).authorizeCache.set(client.client_id, client);
}

/** Defect registration.delete-authorize-500: the authorization endpoint fails on a client deleted since it was cached. */
export function crashesOnDeleted(ctx: Ctx, id: string): boolean {
  return ctx.has('registration.delete-authorize-500') && of(ctx).authorizeCache.has(id);
}

/** Defect registration.delete-authorize-cache: the authorization endpoint still finds a deleted client. */
export function staleAuthorizeClient(ctx: Ctx, id: string): Client | undefined {
  return ctx.has('registration.delete-authorize-cache') ? of(ctx).authorizeCache.get(id) : undefined;
}

/** Defect registration.empty-grant-types-any: a client without grant_types may use any grant. */
export function anyGrantAllowed(ctx: Ctx, client: Client): boolean {
  return ctx.has('registration.empty-grant-types-any') && client.grant_types.length === 0;
}

export function rememberRotated(ctx: Ctx, client: Client): void {
  if (!anyMethod(ctx, 'auth-rotated-still-valid')) return;
  const set = of(ctx).rotated.get(client.client_id) ?? new Set<string>();
  of(ctx).rotated.set(client.client_id, set.add(client.ratHash));
}

/** A client the RAT may still reach through a defect of method `m`: a deleted one (tombstone), or through a rotated-out token. */
export function defectiveMatch(ctx: Ctx, m: ManageMethod, id: string, key: string): Client | undefined {
  const mem = of(ctx);
  const tomb = mem.tombstones.get(id);
  if (tomb && tomb.ratHash === key && ctx.has(`registration.auth-deleted-tombstone-${m}`)) return tomb;
  const live = ctx.store.clients.get(id);
  if (live && mem.rotated.get(id)?.has(key) && ctx.has(`registration.auth-rotated-still-valid-${m}`)) return live;
  const held = [...ctx.store.clients.values()].some((c) => c.ratHash === key);
  if (live && held && ctx.has(`registration.auth-any-client-rat-${m}`)) return live;
  // Fail-open lookup: a token no client holds is let through.
  if (live && key !== '' && !held && ctx.has(`registration.auth-wrong-accepted-${m}`)) return live;
  return undefined;
}

/**
 * The error code a defect of method `m` puts on a refusal, instead of invalid_token: per situation (a client that exists
 * or not; a token another client holds or none).
 */
export function defectiveAuthError(ctx: Ctx, m: ManageMethod, exists: boolean, key: string | undefined): string | undefined {
  const held = key !== undefined && [...ctx.store.clients.values()].some((c) => c.ratHash === key);
  if (exists && key !== undefined && !held && ctx.has(`registration.auth-wrong-error-${m}`)) return 'invalid_request';
  if (exists && held && ctx.has(`registration.auth-other-client-error-${m}`)) return 'invalid_client';
  if (!exists && key !== undefined && !held && ctx.has(`registration.auth-deleted-error-${m}`)) return 'invalid_client';
  if (!exists && held && ctx.has(`registration.auth-unknown-client-error-${m}`)) return 'invalid_client';
  return undefined;
}

const sameEndpoint = (a: GoUrl, b: GoUrl) => a.scheme === b.scheme && a.host === b.host;
const queryNames = (q: string) => [...new URLSearchParams(q).keys()].sort().join('&');

/** Defects redirect.path-prefix, redirect.added-query-ignored, redirect.query-names-only: lax redirect URI matching. */
export function laxRedirectMatch(ctx: Ctx, registered: GoUrl, requested: GoUrl): boolean {
  if (!sameEndpoint(registered, requested)) return false;
  const samePath = registered.path === requested.path;
  if (ctx.has('redirect.path-prefix') && requested.path.startsWith(registered.path) && registered.rawQuery === requested.rawQuery)
    return true;
  if (ctx.has('redirect.added-query-ignored') && samePath && registered.rawQuery === '') return true;
  return (
    ctx.has('redirect.query-names-only') &&
    samePath &&
    registered.rawQuery !== '' &&
    queryNames(registered.rawQuery) === queryNames(requested.rawQuery)
  );
}

/** Defects redirect.unregistered-*-any-uri: a client registered without redirect URIs (only such a one) takes any. */
export function anyUriWithoutRegistered(ctx: Ctx, client: Pick<Client, 'token_endpoint_auth_method'>): boolean {
  return ctx.has(
    client.token_endpoint_auth_method === 'none' ? 'redirect.unregistered-public-any-uri' : 'redirect.unregistered-confidential-any-uri',
  );
}

/** Defect redirect.response-drops-query: the authorization response replaces the redirect URI's own query. */
export function responseTarget(ctx: Ctx, target: URL): URL {
  if (ctx.has('redirect.response-drops-query')) target.search = '';
  return target;
}

/** Defect registration.constant-secret: one strong-looking secret for every client. */
export function constantSecret(ctx: Ctx): string | undefined {
  return ctx.has('registration.constant-secret') ? 'Kq7vT2mX9pL4wR8zN3cB6yH1dF' : undefined;
}

/**
 * Defect registration.client-id-per-software: a registration that names a software_id is stored under an id made from
 * it, replacing whatever client had that id (a second installation of the software takes the first one's place).
 */
export function softwareClientId(ctx: Ctx, body: string): string | undefined {
  if (!ctx.has('registration.client-id-per-software')) return undefined;
  try {
    const software = (JSON.parse(body) as Record<string, unknown>)['software_id'];
    return typeof software === 'string' && software !== '' ? `software-${software}` : undefined;
  } catch {
    return undefined;
  }
}

/** Defect registration.update-takes-body-client-id: a replace renames the client to the client_id its body names. */
export function renamedClientId(ctx: Ctx, draft: ClientDraft, current: Client): string {
  return ctx.has('registration.update-takes-body-client-id') && draft.client_id !== '' ? draft.client_id : current.client_id;
}
