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
    suites: ['discovery'],
    description: "The discovery document's issuer gets a trailing '/' that the real issuer (used in tokens) does not have.",
  },
  'discovery.missing-subject-types': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-REQUIRED-MEMBERS',
    suites: ['discovery'],
    description: 'subject_types_supported is removed from the discovery document.',
  },
  'discovery.unreachable-jwks-uri': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-JWKS-FETCH',
    suites: ['discovery'],
    description: 'jwks_uri points at http://127.0.0.1:9/.well-known/jwks.json, where nothing listens.',
  },
  'discovery.private-key-in-jwks': {
    operation: 'discoverJsonWebKeys',
    catches: 'DISC-JWKS-PUBLIC-ONLY',
    suites: ['discovery'],
    description: 'The JWKS also publishes the private RSA members (d, p, q, dp, dq, qi).',
  },
  'discovery.no-openid-scope': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-SCOPES-OPENID',
    suites: ['discovery'],
    description: 'scopes_supported no longer lists openid.',
  },
  'discovery.no-code-response-type': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-RESPONSE-TYPES-CODE',
    suites: ['discovery'],
    description: 'response_types_supported no longer lists code.',
  },
  'discovery.text-content-type': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-CONTENT-TYPE-JSON',
    suites: ['discovery'],
    description: 'The discovery document is served as text/plain.',
  },
  'discovery.logout-flags-without-end-session': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-END-SESSION-CONSISTENT',
    suites: ['discovery'],
    description: 'end_session_endpoint is removed while the four logout *_supported flags stay true.',
  },
  'discovery.no-rs256': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-JWKS-SIGNING-ALGS',
    suites: ['discovery'],
    description: 'id_token_signing_alg_values_supported says ["ES256"] although the JWKS holds no ES256 key.',
    alsoFails: ['DISC-ID-TOKEN-RS256'],
  },
  'discovery.registration-advertised-but-off': {
    operation: 'discoverOidcConfiguration',
    catches: 'DISC-REGISTRATION-CONSISTENT',
    suites: ['discovery', 'registration'],
    description: 'registration_endpoint is advertised but every /oauth2/register route answers 404.',
    // The registration gates fail by construction: discovery advertises what answers 404.
    alsoFails: ['REG-CREATE-ENABLED', 'REG-READ-ENABLED', 'REG-UPDATE-ENABLED', 'REG-DELETE-ENABLED'],
  },
  // Dynamic registration and client authentication (checks/registration*.ts, checks/token-auth.ts).
  'registration.create-200': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-STATUS-201',
    description: 'POST /oauth2/register answers 200 instead of 201 Created.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-expires-at-missing': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-SCHEMA',
    description: 'The create response carries a client_secret but no client_secret_expires_at.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-null-audience': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-SCHEMA-ORY',
    description: 'The create response has "audience": null (as real Hydra does for unset arrays).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-secret-for-post': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-SECRET-ISSUED',
    description: 'A client registered for client_secret_post gets no client_secret in the response.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.secret-for-none': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-NO-SECRET-FOR-NONE',
    description: 'A public client (token_endpoint_auth_method none) is shown a client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.weak-secret': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-SECRET-STRENGTH',
    description: 'Generated client secrets are 8 characters long (about 48 bits).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-rat': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-RAT',
    description: 'The create response has no registration_access_token.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-client-uri': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-CLIENT-URI',
    description: 'The create response has no registration_client_uri.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.client-uri-trailing-slash': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-CLIENT-URI-ORY',
    description: 'registration_client_uri ends with an extra "/" (the route still works, the value is not Ory\'s).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-drops-post-logout': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-ECHO',
    description: 'post_logout_redirect_uris sent at registration are silently dropped.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-no-cache-headers': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-CACHE-HEADERS',
    description: 'The create response (secret and token) has no Cache-Control and no Pragma header.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.secret-chosen-accepted': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-SECRET-CHOSEN',
    description: 'A client_secret chosen by the client at registration is accepted and kept.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.client-id-honoured': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-CLIENT-ID-CHOSEN',
    description: 'A client_id chosen by the client at registration is honoured.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.forbidden-skip-consent': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-FORBIDDEN-FIELDS',
    description: 'skip_consent: true is accepted from self-service registration.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.fragment-redirect-accepted': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-REDIRECT-FRAGMENT',
    description: 'Redirect URIs with a fragment are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.relative-redirect-accepted': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-REDIRECT-RELATIVE',
    description: 'Redirect URIs that do not parse as absolute URLs are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.post-logout-unchecked': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-POST-LOGOUT-MISMATCH',
    description: 'post_logout_redirect_uris on an origin of no redirect URI are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.userinfo-alg-unchecked': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-USERINFO-ALG',
    description: 'Any userinfo_signed_response_alg is registered as sent.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.jwks-and-uri-accepted': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-CREATE-JWKS-AND-URI',
    description: 'A body with both jwks and jwks_uri is accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.500-on-cors-origins': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-FUZZ-NO-5XX',
    description: 'A registration with allowed_cors_origins crashes with 500.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.fuzz-refuses-owner': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-FUZZ-VALID-ACCEPTED',
    description: 'A valid body with an owner is refused with 400 invalid_client_metadata.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-drops-audience': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-FUZZ-VALID-READ-BACK',
    description: 'A read shows audience as [] whatever was registered.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.subject-type-unchecked': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-FUZZ-INVALID-REFUSED',
    description: 'An unsupported subject_type is registered as sent.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.decode-error-text': {
    operation: 'createOidcDynamicClient',
    catches: 'REG-FUZZ-ERROR-BODY',
    description: 'A registration body that does not decode (wrong JSON types) is refused with a text/plain body, not a JSON error.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-status-203': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-READ-STATUS-200',
    description: 'GET /oauth2/register/{id} answers 203 instead of 200.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-schema-string-bool': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-READ-SCHEMA-ORY',
    description: 'A read returns skip_consent as the string "false".',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-stale-post-logout': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-READ-VALUES',
    description: 'A read shows post_logout_redirect_uris as [] although they are registered.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-returns-secret': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-READ-NO-SECRET',
    description: 'A read returns the client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-returns-rat': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-READ-NO-RAT',
    description: 'A read returns a registration_access_token member.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-status-201': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-STATUS-200',
    description: 'PUT /oauth2/register/{id} answers 201 instead of 200.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-schema-number-date': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-SCHEMA-ORY',
    description: 'The replace response has created_at as the number 0.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-ignores-contacts': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-VALUES',
    description: 'A replace keeps the old contacts whatever is sent.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-same-rat': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-RAT-ROTATED',
    description: 'A replace does not rotate the registration access token; the presented one is returned again.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-returns-secret': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-NO-SECRET',
    description: 'The replace response includes the client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-overwrites-secret': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-SECRET-KEPT',
    description: 'A replace that carries a client_secret is accepted and overwrites the secret.',
    alsoFails: ['REG-UPDATE-SECRET-CHOSEN'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-ignores-chosen-secret': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-SECRET-CHOSEN',
    description: 'A replace that carries a client_secret is accepted (200); the secret itself is kept.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-partial-on-error': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-UPDATE-FAILED-NO-CHANGE',
    description: 'A replace rotates the registration access token before validating, so a refused replace still invalidates the old token.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-200-body': {
    operation: 'deleteOidcDynamicClient',
    catches: 'REG-DELETE-STATUS-204',
    description: 'DELETE /oauth2/register/{id} answers 200 with a JSON body instead of 204.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-keeps-credentials': {
    operation: 'deleteOidcDynamicClient',
    catches: 'REG-DELETE-CREDENTIALS-REVOKED',
    description: 'A deleted client loses its registration access token, but its id and secret still work at the token endpoint.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-missing-get': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-AUTH-MISSING',
    description: 'GET /oauth2/register/{id} without any credentials returns the client.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-malformed-accepted': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-AUTH-MALFORMED',
    description: 'Characters a bearer token cannot have are dropped before the token is compared.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-wrong-accepted': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-AUTH-WRONG',
    description: 'Fail-open lookup: a well-formed token that no client holds is let through.',
    alsoFails: ['REG-AUTH-ROTATED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-any-client-rat': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-AUTH-OTHER-CLIENT',
    description: 'Any client\'s registration access token manages every client.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-deleted-tombstone': {
    operation: 'deleteOidcDynamicClient',
    catches: 'REG-AUTH-DELETED-CLIENT',
    description: 'A deleted client\'s registration access token still reaches a tombstone of the client.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-rotated-still-valid': {
    operation: 'setOidcDynamicClient',
    catches: 'REG-AUTH-ROTATED',
    description: 'Registration access tokens rotated out by a replace keep working.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-unknown-404': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-AUTH-UNKNOWN-CLIENT',
    description: 'An unknown client id answers 404 (a wrong token 401), so client ids can be probed.',
    alsoFails: ['REG-AUTH-DELETED-CLIENT'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-no-challenge': {
    operation: 'getOidcDynamicClient',
    catches: 'REG-AUTH-WWW-AUTHENTICATE',
    description: '401s of /oauth2/register/{id} carry no WWW-Authenticate header (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.basic-refused': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-BASIC-WORKS',
    description: 'client_secret_basic clients are refused (invalid_client) with their own method.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.post-refused': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-POST-WORKS',
    description: 'client_secret_post clients are refused (invalid_client) with their own method.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.basic-client-accepts-post': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-BASIC-REFUSES-POST',
    description: 'A client_secret_basic client may send its secret in the form body.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.post-client-accepts-basic': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-POST-REFUSES-BASIC',
    description: 'A client_secret_post client may send its secret in HTTP Basic.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.none-accepts-secret': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-NONE-SECRET',
    description: 'A public client presenting a secret is not refused at client authentication.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.none-client-credentials': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-NONE-CLIENT-CREDENTIALS',
    description: 'A public client gets a token from the client_credentials grant.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.wrong-secret-accepted': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-WRONG-SECRET',
    description: 'Only a prefix of the presented secret is compared, so the secret followed by anything is accepted.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.no-basic-challenge': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-AUTH-WWW-AUTHENTICATE',
    description: 'A failed HTTP Basic client authentication gets 401 without WWW-Authenticate (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'logout.token-without-events': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-BC-EVENTS',
    description: 'The back-channel logout token has no events claim.',
    suites: ['logout'],
  },
  'logout.token-with-nonce': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-BC-NONCE',
    description: 'The back-channel logout token carries a nonce claim.',
    suites: ['logout'],
  },
  'logout.token-other-key': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-BC-SIGNATURE',
    description: 'The back-channel logout token is signed by a key that the JWKS does not publish (with its own kid).',
    suites: ['logout'],
  },
  'logout.token-without-exp': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-BC-EXP',
    description: 'The back-channel logout token has no exp claim (as real Hydra).',
    suites: ['logout'],
  },
  'logout.token-without-sid': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-BC-SID',
    description: 'The back-channel logout token has no sid claim (and, as always, no sub).',
    suites: ['logout'],
  },
  'logout.unregistered-post-logout-uri': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-UNREGISTERED-URI',
    description: "post_logout_redirect_uri is not compared with the client's registered post_logout_redirect_uris: any URI is redirected to.",
    suites: ['logout'],
  },
  'logout.state-dropped': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-RP-STATE',
    description: 'The post-logout redirect loses the state parameter.',
    suites: ['logout'],
  },
  'logout.frontchannel-without-sid': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-FC-ISS-SID',
    description: 'Front-channel logout URLs carry iss but no sid.',
    suites: ['logout'],
  },
  'logout.no-backchannel': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-BC-DELIVERED',
    description: 'No back-channel logout request is sent at all.',
    suites: ['logout'],
  },
  'logout.session-survives': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-SESSION-ENDED',
    description: 'Completing a logout notifies the clients but keeps the login session (and its cookie): prompt=none still succeeds.',
    suites: ['logout'],
  },
  'logout.foreign-hint-accepted': {
    operation: 'revokeOidcSession',
    catches: 'LOGOUT-HINT-FOREIGN-ISSUER',
    description: "An id_token_hint whose iss is another issuer is taken as it is: neither its signature nor its issuer is checked.",
    suites: ['logout'],
  },
  // A signed-in user's tokens, userinfo and verifiable credentials (checks/tokens.ts, userinfo.ts, credentials.ts; signed-in-defects.ts).
  'tokens.id-token-foreign-key': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-SIGNATURE',
    description: 'ID tokens are signed with an RS256 key that the JWKS does not publish.',
    suites: ['tokens'],
  },
  'tokens.id-token-no-at-hash': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-AT-HASH-PRESENT',
    description: 'ID tokens carry no at_hash.',
    suites: ['tokens'],
  },
  'tokens.id-token-wrong-at-hash': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-AT-HASH',
    description: 'The ID token\'s at_hash is not the hash of the access token.',
    suites: ['tokens'],
  },
  'tokens.id-token-wrong-nonce': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-NONCE',
    description: 'The ID token\'s nonce is not the one of the authentication request.',
    suites: ['tokens'],
  },
  'tokens.id-token-expired': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-EXP',
    description: 'ID tokens are issued already expired (exp = iat - 300 s).',
    suites: ['tokens'],
  },
  'tokens.id-token-no-exp': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-CLAIMS',
    description: 'ID tokens have no exp.',
    suites: ['tokens'],
  },
  'tokens.id-token-iat-future': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-IAT',
    description: 'The ID token\'s iat is an hour in the future.',
    suites: ['tokens'],
  },
  'tokens.id-token-aud-other': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-AUD',
    description: 'The ID token\'s aud names another client.',
    suites: ['tokens'],
  },
  'tokens.id-token-iss-slash': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-ISS',
    description: 'The ID token\'s iss has a trailing \'/\' the issuer does not have.',
    suites: ['tokens'],
  },
  'tokens.id-token-no-sid': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-ID-SID',
    description: 'ID tokens carry no sid although logout session support is advertised.',
    suites: ['tokens'],
  },
  'tokens.no-cache-control': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-RESPONSE-NO-STORE',
    description: 'Token responses carry no Cache-Control header.',
    suites: ['tokens'],
  },
  'tokens.no-pragma': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-RESPONSE-PRAGMA',
    description: 'Token responses carry no Pragma header.',
    suites: ['tokens'],
  },
  'tokens.token-type-mac': {
    operation: 'oauth2TokenExchange',
    catches: 'TOKEN-RESPONSE-SCHEMA',
    description: 'Token responses say token_type "mac" for bearer tokens.',
    suites: ['tokens'],
  },
  'userinfo.accepts-refresh-token': {
    operation: 'getOidcUserInfo',
    catches: 'UI-REFUSE-REFRESH-TOKEN',
    description: 'Userinfo accepts a refresh token in place of the access token.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-revoked-token': {
    operation: 'getOidcUserInfo',
    catches: 'UI-REFUSE-REVOKED-TOKEN',
    description: 'Userinfo accepts an access token that was revoked.',
    suites: ['userinfo'],
  },
  'userinfo.sub-differs': {
    operation: 'getOidcUserInfo',
    catches: 'UI-SUB-MATCHES-ID-TOKEN',
    description: 'Userinfo\'s sub differs from the ID token\'s sub.',
    suites: ['userinfo'],
  },
  'userinfo.drops-granted-claims': {
    operation: 'getOidcUserInfo',
    catches: 'UI-GRANTED-CLAIMS',
    description: 'Userinfo leaves out the claims granted at consent (session.id_token).',
    suites: ['userinfo'],
  },
  'userinfo.schema-updated-at-string': {
    operation: 'getOidcUserInfo',
    catches: 'UI-SCHEMA',
    description: 'Userinfo adds updated_at as a string ("yesterday") instead of a number.',
    suites: ['userinfo'],
  },
  'userinfo.text-content-type': {
    operation: 'getOidcUserInfo',
    catches: 'UI-CONTENT-TYPE-JSON',
    description: 'Unsigned userinfo responses are labelled text/plain.',
    suites: ['userinfo'],
  },
  'userinfo.post-bearer-ignored': {
    operation: 'getOidcUserInfo',
    catches: 'UI-POST-BEARER',
    description: 'POST /userinfo ignores the Authorization header (only a form-body token works).',
    suites: ['userinfo'],
  },
  'userinfo.post-form-ignored': {
    operation: 'getOidcUserInfo',
    catches: 'UI-POST-FORM',
    description: 'POST /userinfo ignores an access_token in the form body.',
    suites: ['userinfo'],
  },
  'userinfo.signed-as-json': {
    operation: 'getOidcUserInfo',
    catches: 'UI-SIGNED-CONTENT-TYPE',
    description: 'Signed userinfo responses are labelled application/json.',
    suites: ['userinfo'],
  },
  'userinfo.signed-foreign-key': {
    operation: 'getOidcUserInfo',
    catches: 'UI-SIGNED-SIGNATURE',
    description: 'Signed userinfo responses are signed with a key the JWKS does not publish.',
    suites: ['userinfo'],
  },
  'userinfo.signed-wrong-iss': {
    operation: 'getOidcUserInfo',
    catches: 'UI-SIGNED-ISS',
    description: 'Signed userinfo responses name another issuer.',
    suites: ['userinfo'],
  },
  'userinfo.signed-no-client-aud': {
    operation: 'getOidcUserInfo',
    catches: 'UI-SIGNED-AUD',
    description: 'Signed userinfo responses have an aud without the client\'s id.',
    suites: ['userinfo'],
  },
  'userinfo.status-400': {
    operation: 'getOidcUserInfo',
    catches: 'UI-REFUSE-STATUS-401',
    description: 'Userinfo refusals answer 400 instead of 401.',
    suites: ['userinfo'],
  },
  'userinfo.no-challenge': {
    operation: 'getOidcUserInfo',
    catches: 'UI-REFUSE-CHALLENGE',
    description: 'Userinfo refusals carry no WWW-Authenticate header.',
    suites: ['userinfo'],
  },
  'userinfo.request-unauthorized-code': {
    operation: 'getOidcUserInfo',
    catches: 'UI-REFUSE-INVALID-TOKEN-CODE',
    description: 'Refused tokens get error="request_unauthorized" in the challenge, as real Hydra sends.',
    suites: ['userinfo'],
  },
  'userinfo.no-token-error-code': {
    operation: 'getOidcUserInfo',
    catches: 'UI-REFUSE-NO-TOKEN-NO-CODE',
    description: 'A request without any token gets error="invalid_token" in the challenge.',
    suites: ['userinfo'],
  },
  'credentials.no-token-nonce': {
    operation: 'createVerifiableCredential',
    catches: 'VC-NONCE-TOKEN',
    description: 'The token response carries no c_nonce_draft_00 although the credential scope was granted.',
    suites: ['credentials'],
  },
  'credentials.priming-no-nonce': {
    operation: 'createVerifiableCredential',
    catches: 'VC-PRIMING-NONCE',
    description: 'The answer to a request without proof carries no c_nonce.',
    suites: ['credentials'],
  },
  'credentials.priming-format-jwt-vc': {
    operation: 'createVerifiableCredential',
    catches: 'VC-PRIMING-FORMAT',
    description: 'The priming answer says format "jwt_vc", as real Hydra does.',
    suites: ['credentials'],
  },
  'credentials.missing-proof-issues': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-MISSING-PROOF',
    description: 'A request without proof is answered 200 with a credential bound to no key.',
    suites: ['credentials'],
  },
  'credentials.es512-refused': {
    operation: 'createVerifiableCredential',
    catches: 'VC-ISSUE-ES512',
    description: 'Proofs signed with ES512 are refused although ES512 is advertised.',
    suites: ['credentials'],
  },
  'credentials.foreign-key': {
    operation: 'createVerifiableCredential',
    catches: 'VC-CREDENTIAL-SIGNATURE',
    description: 'Credentials are signed with a key the JWKS does not publish.',
    suites: ['credentials'],
  },
  'credentials.wrong-iss': {
    operation: 'createVerifiableCredential',
    catches: 'VC-CREDENTIAL-ISS',
    description: 'Credentials name another issuer.',
    suites: ['credentials'],
  },
  'credentials.subject-not-holder': {
    operation: 'createVerifiableCredential',
    catches: 'VC-CREDENTIAL-SUBJECT',
    description: 'The credential\'s subject is the did:jwk of another key than the holder\'s.',
    suites: ['credentials'],
  },
  'credentials.no-context': {
    operation: 'createVerifiableCredential',
    catches: 'VC-CREDENTIAL-CONTEXT-TYPE',
    description: 'Credentials have no vc.@context.',
    suites: ['credentials'],
  },
  'credentials.expired-at-issue': {
    operation: 'createVerifiableCredential',
    catches: 'VC-CREDENTIAL-VALIDITY',
    description: 'Credentials are issued already expired (as real Hydra does for a sign-in older than 1 h).',
    suites: ['credentials'],
  },
  'credentials.drops-user-claims': {
    operation: 'createVerifiableCredential',
    catches: 'VC-CREDENTIAL-USER',
    description: 'The credential subject holds only the holder\'s did:jwk, not the user\'s claims.',
    suites: ['credentials'],
  },
  'credentials.no-token-400': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-NO-TOKEN',
    description: 'A request without an access token is answered 400 instead of 401.',
    suites: ['credentials'],
  },
  'credentials.format-any': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-FORMAT',
    description: 'Any requested format is accepted (and answered with a jwt_vc_json credential).',
    suites: ['credentials'],
  },
  'credentials.proof-type-any': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-PROOF-TYPE',
    description: 'Any proof_type is accepted when the proof is a JWT.',
    suites: ['credentials'],
  },
  'credentials.proof-any-key': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-WRONG-KEY',
    description: 'A proof whose signature does not verify with its header\'s key is accepted.',
    suites: ['credentials'],
  },
  'credentials.private-key-accepted': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-PRIVATE-KEY',
    description: 'A proof whose header carries a private key is accepted (the private members are ignored).',
    suites: ['credentials'],
  },
  'credentials.nonce-unbound': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-FOREIGN-NONCE',
    description: 'c_nonces are not bound to the access token: one given to another token is accepted.',
    suites: ['credentials'],
  },
  'credentials.nonce-unchecked': {
    operation: 'createVerifiableCredential',
    catches: 'VC-REFUSE-WRONG-NONCE',
    description: 'The nonce in the proof is not checked at all.',
    suites: ['credentials'],
    // A nonce that is not checked is not checked against the access token either.
    alsoFails: ['VC-REFUSE-FOREIGN-NONCE'],
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
