// Dynamic client registration: OpenID Connect Dynamic Client Registration 1.0 (§2, §3), RFC 7591
// (§2, §3, §3.1, §3.2) and RFC 7592 (§2, §2.1–§2.3, §3).
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, outOfScope, secondParty, section, unobservable, type Standard } from './types.ts';

const R = SPEC.dynreg;
const R7591 = (s: string) => SPEC.rfc(7591, s);
const R7592 = (s: string) => SPEC.rfc(7592, s);
const CONSENT_UI = "Hydra's consent screen is the consent app's (a second party); Hydra hands it the client's metadata";
const ENCRYPTION = 'Hydra does not encrypt ID Tokens or UserInfo responses (no JWE)';
const REQUEST_OBJECTS = 'Request Objects are not used by the operations judged here';
const JWT_AUTH =
  'private_key_jwt and client_secret_jwt are not used by the operations judged here: registered clients use a secret or none';
const PAIRWISE = 'pairwise subject identifiers are not exercised: the harness registers public-subject clients';
const NO_PERMISSIONS =
  'Hydra has no per-client permissions on its configuration endpoint: every valid registration access token may read, replace and delete';
const REVOKE_ON_UNKNOWN =
  'after a request for an unknown client, the registration access token used should no longer work for its own client';
const ALL_METHODS =
  'Hydra serves GET, PUT and DELETE on the configuration endpoint (REG-*-ENABLED fail an advertised registration that answers 404/405): there is no unsupported method to see answered';
/** RFC 7592 states the refusals of a bad token in §2.1, §2.2 and §2.3 alike (§2.3 adds "if possible" to the revocation). */
const TOKEN_REFUSALS = (revocation = 'SHOULD be revoked immediately') => [
  MUST('an invalid registration access token MUST be answered with an RFC 6750 error', [
    'REG-AUTH-WRONG',
    'REG-AUTH-MALFORMED',
    'REG-AUTH-OTHER-CLIENT',
    'REG-AUTH-DELETED-CLIENT',
    'REG-AUTH-WWW-AUTHENTICATE',
  ]),
  MUST('a client that does not exist MUST be answered 401 Unauthorized', ['REG-AUTH-UNKNOWN-CLIENT']),
  SHOULD(`the registration access token used for a client that does not exist ${revocation}`, gap(REVOKE_ON_UNKNOWN)),
];
const SECRET_UNIQUE = 'uniqueness across all clients cannot be seen from outside; REG-CREATE-SECRET-STRENGTH makes a collision improbable';

export const REGISTRATION: Standard = {
  key: 'registration',
  short: 'Registration',
  name: 'OpenID Connect Dynamic Client Registration 1.0',
  url: R,
  edition: 'incorporating errata set 2 (December 2023)',
  sections: [
    section('§2', 'Client Metadata', `${R}#ClientMetadata`, [
      MUST(
        'one registered redirect_uri MUST exactly match the redirect_uri of each Authorization Request (simple string comparison)',
        gap(
          'an authorization request whose redirect_uri differs from the registered one (extra path, query, case) must be refused, without a redirect',
        ),
      ),
      MUST(
        'the grant_types that correspond to the response_types used MUST be included in grant_types',
        client('the RP registers consistent values; whether the OP must refuse inconsistent ones is not said'),
      ),
      MUST(
        'web Clients using the implicit grant MUST only register https redirect_uris, not localhost; native Clients only custom schemes or loopback http',
        client(),
      ),
      MUST(
        'the Authorization Server MUST verify that all registered redirect_uris conform to these constraints',
        gap('register a web client with implicit and an http redirect URI, and a native client with an https one: both must be refused'),
      ),
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
      MUST(
        'token requests whose client assertion is not signed with token_endpoint_auth_signing_alg MUST be rejected; none MUST NOT be used',
        outOfScope(JWT_AUTH),
      ),
      SHOULD('servers SHOULD support RS256 for token_endpoint_auth_signing_alg', outOfScope(JWT_AUTH)),
      MUST(
        'default_max_age: the End-User MUST be actively authenticated if authenticated longer ago',
        gap("like max_age (Core §3.1.2.1): observable in ory-admin mode through the login request's skip"),
      ),
      MUST(
        'require_auth_time true: the auth_time Claim in the ID Token is REQUIRED',
        gap('TOKEN-ID-AUTH-TIME uses max_age; a client registered with require_auth_time is not signed in'),
      ),
      MUST('initiate_login_uri MUST accept requests via both GET and POST', client()),
      MUST('request_uris MUST use https unless the Request Object is signed verifiably', outOfScope(REQUEST_OBJECTS)),
    ]),
    section('§3', 'Client Registration Endpoint', `${R}#ClientRegistration`, [
      SHOULD(
        'the Client Registration Endpoint SHOULD support CORS',
        gap('CORS is a deployment setting of the provider; no check sends a preflight yet'),
      ),
      SHOULD('to support open Dynamic Registration, it SHOULD accept registration requests without OAuth 2.0 Access Tokens', [
        'REG-CREATE-STATUS-201',
      ]),
      MUST(
        'if an Initial Access Token is required, it MUST be accepted as an RFC 6750 Bearer Token',
        outOfScope('Hydra has no initial access tokens: registration is open when enabled'),
      ),
    ]),
    section('§3.2', 'Client Registration Response', `${R}#RegistrationResponse`, [
      MUST('field values the server rejected or replaced MUST be included in the response', ['REG-CREATE-USERINFO-ALG']),
      MUST('the server MUST ignore any fields sent by the Client that it does not understand', ['REG-CREATE-UNKNOWN-MEMBERS']),
      SHOULD('a successful response SHOULD use 201 Created and return application/json', ['REG-CREATE-STATUS-201', 'REG-CREATE-SCHEMA']),
      MUST('client_id is REQUIRED', ['REG-CREATE-SCHEMA']),
      MUST(
        'client_id MUST NOT be currently valid for any other registered Client',
        gap('two registrations must get different client_ids; REG-CREATE-CLIENT-ID-CHOSEN (Ory) covers a chosen one'),
      ),
      MUST('the same client_secret MUST NOT be assigned to multiple Clients', unobservable(SECRET_UNIQUE)),
      MUST('registration_client_uri MUST use the https scheme', ['REG-CREATE-CLIENT-URI']),
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
      ]),
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
        ['REG-READ-VALUES'],
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
        ['TOKEN-AUTH-BASIC-REFUSES-POST', 'TOKEN-AUTH-POST-REFUSES-BASIC', 'TOKEN-AUTH-NONE-SECRET'],
      ),
      SHOULD('if present, the server SHOULD display logo_uri, client_uri, policy_uri and tos_uri to the end-user', secondParty(CONSENT_UI)),
      MUST('jwks_uri and jwks MUST NOT both be present in the same request or response', ['REG-CREATE-JWKS-AND-URI']),
      MUST('the server MUST ignore any client metadata sent by the client that it does not understand', ['REG-CREATE-UNKNOWN-MEMBERS']),
    ]),
    section('§3', 'Client Registration Endpoint', R7591('3'), [
      MUST('the client registration endpoint MUST accept HTTP POST with an application/json body', [
        'REG-CREATE-ENABLED',
        'REG-CREATE-STATUS-201',
        'DISC-REGISTRATION-CONSISTENT',
      ]),
      MUST('the client registration endpoint MUST be protected by TLS', ['DISC-HTTPS-ENDPOINTS']),
      SHOULD('it SHOULD allow registration requests with no initial access token', ['REG-CREATE-STATUS-201']),
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
      SHOULD(
        'client_id SHOULD NOT be currently valid for any other registered client',
        gap('two registrations must get different client_ids; REG-CREATE-CLIENT-ID-CHOSEN (Ory) covers a chosen one'),
      ),
      MUST('a client_secret, if issued, MUST be unique for each client_id', unobservable(SECRET_UNIQUE)),
      MUST('client_secret_expires_at is REQUIRED if client_secret is issued', ['REG-CREATE-SCHEMA']),
      MUST('the server MUST return all registered metadata, including fields it provisioned itself', [
        'REG-CREATE-DEFAULTS',
        'REG-CREATE-USERINFO-ALG',
      ]),
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
      MUST('the client configuration endpoint MUST be protected by TLS', ['REG-CREATE-CLIENT-URI']),
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
        gap('REG-READ-VALUES compares the metadata sent, not client_id'),
      ),
      MUST('a client given a new client secret or registration access token MUST discard the old one', client()),
      ...TOKEN_REFUSALS(),
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
          'only a refusal is exercised (REG-UPDATE-INVALID-REFUSED); a server that substitutes needs a check that the substitute is returned',
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
      MUST(
        'client_id MUST NOT change from the initial registration response',
        gap('REG-UPDATE-VALUES compares the changed metadata, not client_id'),
      ),
      ...TOKEN_REFUSALS(),
      MUST('a client not allowed to update its record MUST get 403 Forbidden', outOfScope(NO_PERMISSIONS)),
      MUST('an invalid metadata value the server does not replace is answered with an RFC 7591 error (declarative)', [
        'REG-UPDATE-INVALID-REFUSED',
      ]),
    ]),
    section('§2.3', 'Client Delete Request', R7592('2.3'), [
      MUST(
        'a successful delete invalidates client_id, client_secret and registration access token: the client_id no longer works at the authorization or token endpoint (declarative)',
        ['REG-DELETE-CREDENTIALS-REVOKED', 'REG-AUTH-DELETED-CLIENT', 'REG-DELETE-AUTHZ-REFUSED'],
      ),
      SHOULD(
        'the server SHOULD immediately invalidate all grants and tokens issued to the client',
        gap('a token issued before the delete (access token at userinfo, refresh token) must stop working'),
      ),
      MUST('a deprovisioned client MUST be answered 204 No Content', ['REG-DELETE-ENABLED', 'REG-DELETE-STATUS-204']),
      MUST('a server that does not support delete MUST answer 405', outOfScope(ALL_METHODS)),
      ...TOKEN_REFUSALS('SHOULD be revoked immediately, if possible'),
      MUST('a client not allowed to delete itself MUST get 403 Forbidden', outOfScope(NO_PERMISSIONS)),
    ]),
    section('§3', 'Client Information Response', R7592('3'), [
      MUST('registration_client_uri is REQUIRED: the fully qualified URL of the client configuration endpoint', [
        'REG-CREATE-CLIENT-URI',
        'REG-READ-RFC7592-MEMBERS',
        'REG-UPDATE-RFC7592-MEMBERS',
      ]),
      MUST('registration_access_token is REQUIRED', ['REG-CREATE-RAT', 'REG-READ-RFC7592-MEMBERS', 'REG-UPDATE-RFC7592-MEMBERS']),
      MUST('the server MUST return all registered metadata, including fields it provisioned itself', [
        'REG-CREATE-SCHEMA',
        'REG-READ-VALUES',
        'REG-CREATE-DEFAULTS',
      ]),
    ]),
  ],
};
