// Dynamic client registration: OpenID Connect Dynamic Client Registration 1.0 (§2, §3), RFC 7591
// (§2, §3, §3.1, §3.2) and RFC 7592 (§2, §2.1–§2.3, §3).
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, onRequest, outOfScope, proved, secondParty, section, unproved, type Standard } from './types.ts';

const R = SPEC.dynreg;
const R7591 = (s: string) => SPEC.rfc(7591, s);
const R7592 = (s: string) => SPEC.rfc(7592, s);
const CONSENT_UI = "Hydra's consent screen is the consent app's (a second party); Hydra hands it the client's metadata";
const ENCRYPTION = 'Hydra does not encrypt ID Tokens or UserInfo responses (no JWE)';
const REQUEST_OBJECTS = 'Request Objects are not used by the operations judged here';
const PAIRWISE = 'pairwise subject identifiers are not exercised: the harness registers public-subject clients';
const NO_PERMISSIONS =
  'Hydra has no per-client permissions on its configuration endpoint: every valid registration access token may read, replace and delete';
const REVOKE_ON_UNKNOWN =
  'after a request for an unknown client, the registration access token used should no longer work for its own client';
const ALL_METHODS =
  'Hydra serves GET, PUT and DELETE on the configuration endpoint (REG-*-ENABLED fail an advertised registration that answers 404/405): there is no unsupported method to see answered';
/** RFC 7592 states the refusals of a bad token in §2.1 (read), §2.2 (replace) and §2.3 (delete) alike, each proved on its own method (§2.3 adds "if possible" to the revocation). */
const TOKEN_REFUSALS = (method: 'GET' | 'PUT' | 'DELETE', revocation = 'SHOULD be revoked immediately') => [
  MUST(
    'an invalid registration access token MUST be answered with an RFC 6750 error',
    onRequest(`${method} /oauth2/register/{id}`, [
      'REG-AUTH-WRONG',
      'REG-AUTH-MALFORMED',
      'REG-AUTH-OTHER-CLIENT',
      'REG-AUTH-DELETED-CLIENT',
      'REG-AUTH-WWW-AUTHENTICATE',
    ]),
  ),
  MUST(
    'a client that does not exist MUST be answered 401 Unauthorized',
    onRequest(`${method} /oauth2/register/{id}`, ['REG-AUTH-UNKNOWN-CLIENT']),
  ),
  SHOULD(`the registration access token used for a client that does not exist ${revocation}`, gap(REVOKE_ON_UNKNOWN)),
];
/** REG-CREATE-SECRET-STRENGTH needs two registrations to get different secrets; across all clients nothing can be seen. */
const SECRET_UNIQUE = proved(['REG-CREATE-SECRET-STRENGTH'], 'registration.constant-secret');
const OPEN_REGISTRATION = unproved(
  'a defect that asks a registration for an initial access token would prove it; the defect of REG-CREATE-STATUS-201 answers 200 instead of 201',
  'REG-CREATE-STATUS-201',
);
const HTTPS_CLIENT_URI = unproved(
  "a defect that gives an http registration_client_uri (not loopback) would prove it; REG-CREATE-CLIENT-URI's defect leaves it out",
  'REG-CREATE-CLIENT-URI',
);
const ALL_METADATA = proved(
  ['REG-CREATE-METADATA-RETURNED', 'REG-READ-VALUES'],
  'registration.create-omits-logo-uri',
  'registration.read-stale-post-logout',
);

export const REGISTRATION: Standard = {
  key: 'registration',
  short: 'Registration',
  name: 'OpenID Connect Dynamic Client Registration 1.0',
  url: R,
  edition: 'incorporating errata set 2 (December 2023)',
  sections: [
    section('§2', 'Client Metadata', `${R}#ClientMetadata`, [
      MUST('one registered redirect_uri MUST exactly match the redirect_uri of each Authorization Request (simple string comparison)', [
        'REG-REDIRECT-EXACT',
        'REG-REDIRECT-QUERY-ADDED',
        'REG-REDIRECT-QUERY-MISMATCH',
      ]),
      MUST(
        'the grant_types that correspond to the response_types used MUST be included in grant_types',
        client('the RP registers consistent values; whether the OP must refuse inconsistent ones is not said'),
      ),
      MUST(
        'web Clients using the implicit grant MUST only register https redirect_uris, not localhost; native Clients only custom schemes or loopback http',
        client(),
      ),
      MUST('the Authorization Server MUST verify that all registered redirect_uris conform to these constraints', [
        'REG-CREATE-REDIRECT-CLIENT-TYPE',
      ]),
      SHOULD(
        'the server SHOULD display logo_uri, client_uri, policy_uri and tos_uri to the End-User (four sentences)',
        secondParty(CONSENT_UI),
      ),
      MUST('logo_uri MUST point to a valid image; client_uri, policy_uri and tos_uri to valid web pages', client()),
      MUST("jwks_uri MUST use https; a Client's set with both signing and encryption keys MUST give use on every key", client()),
      MUST(
        "a Client's JWK Set MUST NOT contain private or symmetric key values",
        client('the RP publishes its keys; refusing a private key is not required of the OP'),
      ),
      MUST('jwks_uri and jwks MUST NOT be used together', ['REG-CREATE-JWKS-AND-URI']),
      SHOULD('providers using pairwise sub values SHOULD use sector_identifier_uri in the calculation', outOfScope(PAIRWISE)),
      MUST('id_token_signed_response_alg: the JWS alg REQUIRED for signing the ID Tokens issued to this Client (default RS256)', [
        'TOKEN-ID-ALG-REGISTERED',
      ]),
      MUST('userinfo_signed_response_alg: the JWS alg REQUIRED for signing UserInfo Responses; the response is then a signed JWT', [
        'UI-SIGNED-CONTENT-TYPE',
        'UI-SIGNED-SIGNATURE',
      ]),
      MUST('with *_encrypted_response_enc, the matching *_encrypted_response_alg MUST also be provided', outOfScope(ENCRYPTION)),
      MUST('Request Objects from this Client MUST be rejected if not signed with request_object_signing_alg', outOfScope(REQUEST_OBJECTS)),
      SHOULD('servers SHOULD support RS256 for request_object_signing_alg', outOfScope(REQUEST_OBJECTS)),
      MUST('token requests whose client assertion is not signed with the registered token_endpoint_auth_signing_alg MUST be rejected', [
        'TOKEN-AUTH-PKJWT-OTHER-ALG',
        'TOKEN-AUTH-CSJWT-OTHER-ALG',
      ]),
      MUST('none MUST NOT be used as token_endpoint_auth_signing_alg: an unsigned client assertion is refused', [
        'TOKEN-AUTH-PKJWT-ALG-NONE',
        'TOKEN-AUTH-CSJWT-ALG-NONE',
      ]),
      SHOULD('servers SHOULD support RS256 for token_endpoint_auth_signing_alg', ['TOKEN-AUTH-PKJWT-WORKS']),
      MUST('default_max_age: the End-User MUST be actively authenticated if authenticated longer ago', ['TOKEN-AUTHZ-DEFAULT-MAX-AGE']),
      MUST('require_auth_time true: the auth_time Claim in the ID Token is REQUIRED', ['TOKEN-ID-REQUIRE-AUTH-TIME']),
      MUST('initiate_login_uri MUST accept requests via both GET and POST', client()),
      MUST('request_uris MUST use https unless the Request Object is signed verifiably', outOfScope(REQUEST_OBJECTS)),
    ]),
    section('§3', 'Client Registration Endpoint', `${R}#ClientRegistration`, [
      SHOULD(
        'the Client Registration Endpoint SHOULD support CORS',
        gap('CORS is a deployment setting of the provider; no check sends a preflight yet'),
      ),
      SHOULD(
        'to support open Dynamic Registration, it SHOULD accept registration requests without OAuth 2.0 Access Tokens',
        OPEN_REGISTRATION,
      ),
      MUST(
        'if an Initial Access Token is required, it MUST be accepted as an RFC 6750 Bearer Token',
        outOfScope('Hydra has no initial access tokens: registration is open when enabled'),
      ),
    ]),
    section('§3.2', 'Client Registration Response', `${R}#RegistrationResponse`, [
      MUST(
        'the response returns the Client Identifier with all registered Metadata, including fields the server provisioned (declarative)',
        ['REG-CREATE-METADATA-RETURNED'],
      ),
      MUST(
        'field values the server rejected or replaced MUST be included in the response',
        proved(['REG-CREATE-USERINFO-ALG'], 'registration.userinfo-alg-dropped'),
      ),
      MUST('the server MUST ignore any fields sent by the Client that it does not understand', ['REG-CREATE-UNKNOWN-MEMBERS']),
      SHOULD('a successful response SHOULD use 201 Created and return application/json', ['REG-CREATE-STATUS-201', 'REG-CREATE-SCHEMA']),
      MUST('client_id is REQUIRED', ['REG-CREATE-SCHEMA']),
      MUST('client_id MUST NOT be currently valid for any other registered Client', ['REG-CREATE-CLIENT-ID-UNIQUE']),
      MUST('the same client_secret MUST NOT be assigned to multiple Clients (judged on two registrations)', SECRET_UNIQUE),
      MUST('registration_client_uri MUST use the https scheme', HTTPS_CLIENT_URI),
      MUST('implementations MUST return both registration_client_uri and registration_access_token, or neither', [
        'REG-CREATE-RAT',
        'REG-CREATE-CLIENT-URI',
      ]),
      MUST('client_secret_expires_at is REQUIRED if client_secret is issued', ['REG-CREATE-SCHEMA']),
    ]),
    section('§3.3', 'Client Registration Error Response', `${R}#RegistrationError`, [
      MUST('a registration error is answered 400 with a JSON object carrying error and error_description (declarative)', [
        'REG-FUZZ-ERROR-BODY',
        'REG-CREATE-REDIRECT-FRAGMENT',
        'REG-CREATE-REDIRECT-RELATIVE',
        'REG-CREATE-BODY-NOT-OBJECT',
      ]),
      MUST('invalid_client_metadata is the error for an invalid Client Metadata value the server rejects (declarative)', [
        'REG-CREATE-JWKS-AND-URI',
        'REG-CREATE-USERINFO-ALG',
        'REG-CREATE-FRONTCHANNEL-ORIGIN',
        'REG-CREATE-BACKCHANNEL-ABSOLUTE',
        'REG-CREATE-SECTOR-URI-UNLISTED',
      ]),
    ]),
    section('§5', 'Sector Identifier Validation', `${R}#SectorIdentifierValidation`, [
      MUST(
        'the sector_identifier_uri MUST use the https scheme',
        client('the client registers it; the harness serves its document over https'),
      ),
      MUST(
        'the OP retrieves the document: the registered redirect_uris MUST be included in its array, or registration MUST fail (at registration time)',
        ['REG-CREATE-SECTOR-URI-UNLISTED', 'REG-CREATE-SECTOR-URI-ACCEPTED'],
      ),
    ]),
  ],
};

export const RFC7591: Standard = {
  key: 'rfc7591',
  short: 'RFC 7591',
  name: 'RFC 7591: OAuth 2.0 Dynamic Client Registration Protocol',
  url: SPEC.rfc(7591),
  edition: 'RFC 7591 (July 2015)',
  sections: [
    section('§2', 'Client Metadata', R7591('2'), [
      MUST(
        'clients using redirect flows MUST register redirect URIs; servers offering dynamic registration for them MUST support redirect_uris',
        proved(['REG-READ-VALUES'], 'registration.read-drops-redirect-uris'),
      ),
      MUST(
        'omitted token_endpoint_auth_method, grant_types and response_types default to client_secret_basic, authorization_code and code (declarative)',
        ['REG-CREATE-DEFAULTS'],
      ),
      MUST('token_endpoint_auth_method "none" is a public client that does not have a client secret (declarative)', [
        'REG-CREATE-NO-SECRET-FOR-NONE',
      ]),
      MUST('client_secret_basic and client_secret_post clients authenticate with a client secret as RFC 6749 §2.3.1 says (declarative)', [
        'REG-CREATE-SECRET-ISSUED',
        'TOKEN-AUTH-BASIC-WORKS',
        'TOKEN-AUTH-POST-WORKS',
      ]),
      SHOULD(
        "token_endpoint_auth_method names the method the client uses at the token endpoint: another method SHOULD be refused (as the harness reads it; Ory's contract makes it binding)",
        [
          'TOKEN-AUTH-BASIC-REFUSES-POST',
          'TOKEN-AUTH-POST-REFUSES-BASIC',
          'TOKEN-AUTH-NONE-SECRET',
          'TOKEN-AUTH-PKJWT-REFUSES-BASIC',
          'TOKEN-AUTH-BASIC-REFUSES-PKJWT',
          'TOKEN-AUTH-CSJWT-REFUSES-BASIC',
          'TOKEN-AUTH-BASIC-REFUSES-CSJWT',
        ],
      ),
      MUST("jwks_uri names the client's JWK Set, whose keys the server uses to verify the client's signatures (declarative)", [
        'TOKEN-AUTH-PKJWT-JWKS-URI',
      ]),
      SHOULD('if present, the server SHOULD display logo_uri, client_uri, policy_uri and tos_uri to the end-user', secondParty(CONSENT_UI)),
      MUST('jwks_uri and jwks MUST NOT both be present in the same request or response', ['REG-CREATE-JWKS-AND-URI']),
      MUST('the server MUST ignore any client metadata sent by the client that it does not understand', ['REG-CREATE-UNKNOWN-MEMBERS']),
    ]),
    section('§3', 'Client Registration Endpoint', R7591('3'), [
      MUST(
        'the client registration endpoint MUST accept HTTP POST with an application/json body',
        proved(
          ['REG-CREATE-ENABLED', 'REG-CREATE-STATUS-201', 'DISC-REGISTRATION-CONSISTENT'],
          'registration.decode-error-404',
          'discovery.registration-advertised-but-off',
        ),
      ),
      MUST('the client registration endpoint MUST be protected by TLS', ['DISC-HTTPS-ENDPOINTS']),
      SHOULD('it SHOULD allow registration requests with no initial access token', OPEN_REGISTRATION),
    ]),
    section('§3.1', 'Client Registration Request', R7591('3.1'), [
      MUST('the request is a JSON object with the client metadata as its top-level members (declarative)', ['REG-CREATE-BODY-NOT-OBJECT']),
      MUST(
        'values of a software statement MUST take precedence over those in the JSON (§3.1.1)',
        outOfScope('Hydra does not take software statements'),
      ),
    ]),
    section('§3.2', 'Responses', R7591('3.2'), [
      MUST('a successful registration is answered 201 Created with an application/json body (declarative)', [
        'REG-CREATE-STATUS-201',
        'REG-CREATE-SCHEMA',
      ]),
    ]),
    section('§3.2.1', 'Client Information Response', R7591('3.2.1'), [
      MUST('client_id is REQUIRED', ['REG-CREATE-SCHEMA']),
      SHOULD('client_id SHOULD NOT be currently valid for any other registered client', ['REG-CREATE-CLIENT-ID-UNIQUE']),
      MUST('a client_secret, if issued, MUST be unique for each client_id (judged on two registrations)', SECRET_UNIQUE),
      MUST('client_secret_expires_at is REQUIRED if client_secret is issued', ['REG-CREATE-SCHEMA']),
      MUST('client_secret_expires_at is the time the secret will expire, or 0 if it will not (declarative)', ['REG-CREATE-SECRET-MEMBERS']),
      MUST('the server MUST return all registered metadata, including fields it provisioned itself', ['REG-CREATE-METADATA-RETURNED']),
      SHOULD(
        "the response carrying client_secret and registration_access_token SHOULD be marked Cache-Control: no-store, Pragma: no-cache (the harness's reading: RFC 7591 shows it in its examples only; RFC 6749 §5.1 makes it a MUST for credentials)",
        ['REG-CREATE-CACHE-HEADERS'],
      ),
      MUST('a software statement used MUST be returned unmodified', outOfScope('Hydra does not take software statements')),
    ]),
    section('§3.2.2', 'Client Registration Error Response', R7591('3.2.2'), [
      MUST('a registration error is answered 400 (unless specified otherwise) with an application/json error object (declarative)', [
        'REG-FUZZ-ERROR-BODY',
        'REG-FUZZ-NO-5XX',
        'REG-CREATE-BODY-NOT-OBJECT',
      ]),
      MUST('invalid_redirect_uri is the error for an invalid redirection URI (declarative)', [
        'REG-CREATE-REDIRECT-FRAGMENT',
        'REG-CREATE-REDIRECT-RELATIVE',
      ]),
      MUST('invalid_client_metadata is the error for an invalid metadata value the server rejects (declarative)', [
        'REG-CREATE-JWKS-AND-URI',
        'REG-CREATE-USERINFO-ALG',
        'REG-CREATE-FRONTCHANNEL-ORIGIN',
        'REG-CREATE-BACKCHANNEL-ABSOLUTE',
        'REG-CREATE-BODY-NOT-OBJECT',
        'REG-CREATE-SECTOR-URI-UNLISTED',
      ]),
      MUST('other members of the error object that are not understood MUST be ignored', client()),
    ]),
  ],
};

export const RFC7592: Standard = {
  key: 'rfc7592',
  short: 'RFC 7592',
  name: 'RFC 7592: OAuth 2.0 Dynamic Client Registration Management Protocol',
  url: SPEC.rfc(7592),
  edition: 'RFC 7592 (July 2015)',
  sections: [
    section('§2', 'Client Configuration Endpoint', R7592('2'), [
      MUST("every call MUST be authenticated with the client's registration access token as an RFC 6750 bearer token", [
        'REG-AUTH-MISSING',
        'REG-AUTH-MALFORMED',
        'REG-AUTH-WRONG',
        'REG-AUTH-OTHER-CLIENT',
      ]),
      MUST('the client configuration endpoint MUST be protected by TLS', HTTPS_CLIENT_URI),
      MUST('a method the server does not support MUST be answered with the appropriate error code', outOfScope(ALL_METHODS)),
    ]),
    section('§2.1', 'Client Read Request', R7592('2.1'), [
      MUST('a successful read is answered 200 OK, application/json, with the client information response of §3 (declarative)', [
        'REG-READ-ENABLED',
        'REG-READ-STATUS-200',
        'REG-READ-VALUES',
        'REG-READ-RFC7592-MEMBERS',
      ]),
      MUST(
        'client_id MUST NOT change from the initial registration response',
        proved(['REG-READ-VALUES', 'REG-UPDATE-CLIENT-ID-KEPT'], 'registration.update-takes-body-client-id'),
      ),
      MUST('a client given a new client secret or registration access token MUST discard the old one', client()),
      ...TOKEN_REFUSALS('GET'),
      MUST('a client without permission to read its record MUST get 403 Forbidden', outOfScope(NO_PERMISSIONS)),
    ]),
    section('§2.2', 'Client Update Request', R7592('2.2'), [
      MUST('the request MUST include all client metadata fields as last returned to the client', client()),
      MUST('the fields of the request MUST replace, not augment, the values previously registered', [
        'REG-UPDATE-VALUES',
        'REG-UPDATE-OMITTED-REMOVED',
      ]),
      MUST('omitted fields MUST be treated as null or empty values: a request to delete them', ['REG-UPDATE-OMITTED-REMOVED']),
      MUST('the client MUST include its client_id, the same as currently issued', client('the RP sends it; the harness does so')),
      MUST('a client_secret in the request MUST match the currently issued one', ['REG-UPDATE-SECRET-KEPT']),
      MUST('the client MUST NOT be allowed to overwrite its existing client secret with one of its own choosing', [
        'REG-UPDATE-SECRET-KEPT',
      ]),
      MUST(
        'invalid values the server replaces with defaults MUST be returned in the response',
        gap(
          'needs a provider that replaces invalid values with defaults: this deployment, like Hydra, refuses them (REG-UPDATE-INVALID-REFUSED), so a check would never see a substitute to compare',
        ),
      ),
      MUST(
        'the request MUST NOT include registration_access_token, registration_client_uri, client_secret_expires_at or client_id_issued_at',
        client(),
      ),
      MUST('a successful update is answered 200 OK, application/json, with the client information response of §3 (declarative)', [
        'REG-UPDATE-ENABLED',
        'REG-UPDATE-STATUS-200',
        'REG-UPDATE-VALUES',
        'REG-UPDATE-RFC7592-MEMBERS',
      ]),
      MUST('client_id MUST NOT change from the initial registration response', ['REG-UPDATE-CLIENT-ID-KEPT']),
      ...TOKEN_REFUSALS('PUT'),
      MUST('a client not allowed to update its record MUST get 403 Forbidden', outOfScope(NO_PERMISSIONS)),
      MUST('an invalid metadata value the server does not replace is answered with an RFC 7591 error (declarative)', [
        'REG-UPDATE-INVALID-REFUSED',
      ]),
    ]),
    section('§2.3', 'Client Delete Request', R7592('2.3'), [
      MUST(
        'a successful delete invalidates client_id, client_secret and registration access token: the client_id no longer works at the authorization or token endpoint (declarative)',
        proved(
          ['REG-DELETE-CREDENTIALS-REVOKED', 'REG-AUTH-DELETED-CLIENT', 'REG-DELETE-AUTHZ-REFUSED'],
          'registration.delete-keeps-credentials',
          'registration.auth-deleted-tombstone-get',
          'registration.auth-deleted-tombstone-put',
          'registration.auth-deleted-tombstone-delete',
          'registration.delete-authorize-cache',
        ),
      ),
      SHOULD(
        'the server SHOULD immediately invalidate all grants and tokens issued to the client',
        gap('a token issued before the delete (access token at userinfo, refresh token) must stop working'),
      ),
      MUST('a deprovisioned client MUST be answered 204 No Content', ['REG-DELETE-ENABLED', 'REG-DELETE-STATUS-204']),
      MUST('a server that does not support delete MUST answer 405', outOfScope(ALL_METHODS)),
      ...TOKEN_REFUSALS('DELETE', 'SHOULD be revoked immediately, if possible'),
      MUST('a client not allowed to delete itself MUST get 403 Forbidden', outOfScope(NO_PERMISSIONS)),
    ]),
    section('§3', 'Client Information Response', R7592('3'), [
      MUST('registration_client_uri is REQUIRED: the fully qualified URL of the client configuration endpoint', [
        'REG-CREATE-CLIENT-URI',
        'REG-READ-RFC7592-MEMBERS',
        'REG-UPDATE-RFC7592-MEMBERS',
      ]),
      MUST('registration_access_token is REQUIRED', ['REG-CREATE-RAT', 'REG-READ-RFC7592-MEMBERS', 'REG-UPDATE-RFC7592-MEMBERS']),
      MUST('the server MUST return all registered metadata, including fields it provisioned itself', ALL_METADATA),
    ]),
  ],
};
