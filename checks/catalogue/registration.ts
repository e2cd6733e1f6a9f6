// The checks of dynamic client registration (createOidcDynamicClient, getOidcDynamicClient,
// setOidcDynamicClient, deleteOidcDynamicClient). Who may manage a client: registration-auth.ts;
// generated bodies: registration-fuzz.ts; the token endpoint: token-auth.ts.
import { checksFor } from './types.ts';
import { SPEC } from './specs.ts';

const R7591 = (s: string) => SPEC.rfc(7591, s);
const R7592 = (s: string) => SPEC.rfc(7592, s);
const ORY = (op: string) => ({ clause: `Ory API reference: ${op}`, url: SPEC.ory(op) });
/** The gate each operation reports when registration is switched off (see scenarios/registration.ts, fixtures/clients.ts). */
const GATE = {
  severity: 'MUST',
  clause: 'OpenID Connect Discovery 1.0 §3 (registration_endpoint); RFC 7591 §3',
  url: `${SPEC.discovery}#ProviderMetadata`,
} as const;

export const CREATE = checksFor('createOidcDynamicClient', 'POST /oauth2/register', {
  ENABLED: {
    id: 'REG-CREATE-ENABLED',
    ...GATE,
    rule: 'dynamic registration is served: failed when discovery advertises registration_endpoint and POST answers 404 (every other registration check is then blocked by this one); excused when discovery does not advertise it (in the ory profile, where Ory offers it, blocked by DISC-ORY-OPERATIONS)',
  },
  STATUS: {
    id: 'REG-CREATE-STATUS-201',
    severity: 'MUST',
    clause: 'RFC 7591 §3.2.1',
    url: R7591('3.2.1'),
    rule: 'a valid registration is answered 201 Created',
  },
  SCHEMA: {
    id: 'REG-CREATE-SCHEMA',
    severity: 'MUST',
    clause: 'RFC 7591 §2, §3.2.1; RFC 7592 §3',
    url: R7591('3.2.1'),
    rule: 'the client information response has the members and types of RFC 7591 (a client_id; client_secret_expires_at whenever a client_secret is issued)',
  },
  SCHEMA_ORY: {
    id: 'REG-CREATE-SCHEMA-ORY',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'the response is an OAuth2Client as Ory documents it (non-nullable types)',
  },
  SECRET_ISSUED: {
    id: 'REG-CREATE-SECRET-ISSUED',
    severity: 'MUST',
    clause: 'RFC 7591 §2 (token_endpoint_auth_method), §3.2.1',
    url: R7591('2'),
    rule: 'a client the response says is registered for client_secret_basic or client_secret_post gets a client_secret (§3.2.1 lets the server register another method than asked: the response decides)',
  },
  NO_SECRET_FOR_NONE: {
    id: 'REG-CREATE-NO-SECRET-FOR-NONE',
    severity: 'MUST',
    clause: 'RFC 7591 §2 (token_endpoint_auth_method "none")',
    url: R7591('2'),
    rule: 'a public client (token_endpoint_auth_method none) gets no client_secret',
  },
  SECRET_STRENGTH: {
    id: 'REG-CREATE-SECRET-STRENGTH',
    severity: 'MUST',
    clause: 'RFC 6749 §10.10; Appendix A.2',
    url: SPEC.rfc(6749, '10.10'),
    rule: 'the issued client_secret uses only VSCHAR and is strong enough that guessing it has a probability of at most 2^-128',
  },
  RAT: {
    id: 'REG-CREATE-RAT',
    severity: 'MUST',
    clause: 'RFC 7592 §3 (registration_access_token REQUIRED)',
    url: R7592('3'),
    rule: 'the response carries a registration_access_token',
  },
  CLIENT_URI: {
    id: 'REG-CREATE-CLIENT-URI',
    severity: 'MUST',
    clause: 'RFC 7592 §3 (registration_client_uri REQUIRED)',
    url: R7592('3'),
    rule: 'the response carries registration_client_uri, an absolute https (or loopback http) URL',
  },
  CLIENT_URI_ORY: {
    id: 'REG-CREATE-CLIENT-URI-ORY',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'registration_client_uri is the registration endpoint followed by /<client_id>',
  },
  ECHO: {
    id: 'REG-CREATE-ECHO',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: "every metadata value that comes back comes back as sent (an empty value such as false may be left out; a member left out is REG-CREATE-METADATA-RETURNED's finding)",
  },
  CACHE: {
    id: 'REG-CREATE-CACHE-HEADERS',
    severity: 'SHOULD',
    clause: 'RFC 7591 §3.2.1 (example response); RFC 6749 §5.1',
    url: R7591('3.2.1'),
    rule: 'the response carrying the secret and the registration access token is marked Cache-Control: no-store and Pragma: no-cache (RFC 7591 shows these headers only in its examples; RFC 6749 §5.1 requires them for credentials from the token endpoint)',
  },
  SECRET_CHOSEN: {
    id: 'REG-CREATE-SECRET-CHOSEN',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'a client_secret chosen by the client is refused with a 4xx and a valid error body',
  },
  CLIENT_ID_CHOSEN: {
    id: 'REG-CREATE-CLIENT-ID-CHOSEN',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'a client_id chosen by the client is not honoured',
  },
  FORBIDDEN: {
    id: 'REG-CREATE-FORBIDDEN-FIELDS',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'metadata, skip_consent, skip_logout_consent and access_token_strategy are refused for self-service with a 4xx and a valid error body',
  },
  REFUSED_NOTHING_LEFT: {
    id: 'REG-CREATE-REFUSED-NOTHING-LEFT',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'a refused registration (a chosen client_secret, a forbidden field) creates no client: the admin API lists none under its client_name',
  },
  REDIRECT_FRAGMENT: {
    id: 'REG-CREATE-REDIRECT-FRAGMENT',
    severity: 'MUST',
    clause: 'RFC 6749 §3.1.2; RFC 7591 §3.2.2 (invalid_redirect_uri)',
    url: SPEC.rfc(6749, '3.1.2'),
    rule: 'a redirect URI with a fragment is refused with 400 invalid_redirect_uri',
  },
  REDIRECT_RELATIVE: {
    id: 'REG-CREATE-REDIRECT-RELATIVE',
    severity: 'MUST',
    clause: 'RFC 6749 §3.1.2; RFC 7591 §3.2.2 (invalid_redirect_uri)',
    url: SPEC.rfc(6749, '3.1.2'),
    rule: 'a relative redirect URI is refused with 400 invalid_redirect_uri',
  },
  POST_LOGOUT: {
    id: 'REG-CREATE-POST-LOGOUT-MISMATCH',
    severity: 'ORY',
    ...ORY('createOidcDynamicClient'),
    rule: 'a post_logout_redirect_uri whose scheme, host and port match no redirect URI is refused with 400 invalid_client_metadata',
  },
  USERINFO_ALG: {
    id: 'REG-CREATE-USERINFO-ALG',
    severity: 'MUST',
    clause: 'OpenID Connect Dynamic Client Registration 1.0 §2, §3.3',
    url: `${SPEC.dynreg}#ClientMetadata`,
    rule: 'an unsupported userinfo_signed_response_alg is refused with 400 invalid_client_metadata, or replaced by a supported one; it is never registered as sent',
  },
  FRONTCHANNEL_ORIGIN: {
    id: 'REG-CREATE-FRONTCHANNEL-ORIGIN',
    severity: 'MUST',
    clause:
      'Front-Channel Logout 1.0 §2 (frontchannel_logout_uri: scheme, host and port MUST be those of a registered redirect URI); RFC 7591 §3.2.2',
    url: `${SPEC.fcLogout}#RPLogout`,
    rule: 'a frontchannel_logout_uri on an origin of no registered redirect URI is refused with 400 invalid_client_metadata',
  },
  BACKCHANNEL_ABSOLUTE: {
    id: 'REG-CREATE-BACKCHANNEL-ABSOLUTE',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.2 (backchannel_logout_uri MUST be an absolute URI); RFC 7591 §3.2.2',
    url: `${SPEC.bcLogout}#BCRegistration`,
    rule: 'a relative backchannel_logout_uri is refused with 400 invalid_client_metadata',
  },
  REDIRECT_CLIENT_TYPE: {
    id: 'REG-CREATE-REDIRECT-CLIENT-TYPE',
    severity: 'MUST',
    clause:
      'OpenID Connect Dynamic Client Registration 1.0 §2 (application_type: web clients using the implicit grant register only https redirect URIs, not on localhost; native clients only custom URI schemes or http loopback URLs; the Authorization Server MUST verify it); RFC 7591 §3.2.2',
    url: `${SPEC.dynreg}#ClientMetadata`,
    rule: 'a web client using the implicit grant with an http or a localhost redirect URI, and a native client with an http one off loopback, are refused with 400 invalid_redirect_uri or invalid_client_metadata; the same clients with allowed URIs are registered',
  },
  FRONTCHANNEL_ABSOLUTE: {
    id: 'REG-CREATE-FRONTCHANNEL-ABSOLUTE',
    severity: 'MUST',
    clause: 'Front-Channel Logout 1.0 §2 (the logout URI MUST be an absolute URI); RFC 7591 §3.2.2',
    url: `${SPEC.fcLogout}#RPLogout`,
    rule: 'a relative frontchannel_logout_uri is refused with 400 invalid_client_metadata (the same client with an absolute one is registered)',
  },
  FRONTCHANNEL_FRAGMENT: {
    id: 'REG-CREATE-FRONTCHANNEL-FRAGMENT',
    severity: 'MUST',
    clause: 'Front-Channel Logout 1.0 §2 (the logout URI MUST NOT include a fragment component); RFC 7591 §3.2.2',
    url: `${SPEC.fcLogout}#RPLogout`,
    rule: 'a frontchannel_logout_uri with a fragment is refused with 400 invalid_client_metadata (the same client without it is registered)',
  },
  BACKCHANNEL_FRAGMENT: {
    id: 'REG-CREATE-BACKCHANNEL-FRAGMENT',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.2 (the back-channel logout URI MUST NOT include a fragment component); RFC 7591 §3.2.2',
    url: `${SPEC.bcLogout}#BCRegistration`,
    rule: 'a backchannel_logout_uri with a fragment is refused with 400 invalid_client_metadata (the same client without it is registered)',
  },
  DEFAULTS: {
    id: 'REG-CREATE-DEFAULTS',
    severity: 'MUST',
    clause:
      'RFC 7591 §2 (defaults: token_endpoint_auth_method client_secret_basic, grant_types authorization_code, response_types code); §3.2.1',
    url: R7591('2'),
    rule: 'a client registered without token_endpoint_auth_method, grant_types and response_types gets client_secret_basic, authorization_code and code: as the response says, and as it works',
  },
  UNKNOWN_MEMBERS: {
    id: 'REG-CREATE-UNKNOWN-MEMBERS',
    severity: 'MUST',
    clause: 'RFC 7591 §3.1 (the server MUST ignore any client metadata it does not understand)',
    url: R7591('3.1'),
    rule: 'a registration with metadata members the server does not know is registered, the unknown members ignored',
  },
  BODY_NOT_OBJECT: {
    id: 'REG-CREATE-BODY-NOT-OBJECT',
    severity: 'MUST',
    clause: 'RFC 7591 §3.1 (the client metadata is a JSON object), §3.2.2 (invalid_client_metadata)',
    url: R7591('3.2.2'),
    rule: 'a registration body that is JSON but not an object (null, an array, a string, a number) is refused with 400 invalid_client_metadata',
  },
  JWKS_AND_URI: {
    id: 'REG-CREATE-JWKS-AND-URI',
    severity: 'MUST',
    clause: 'RFC 7591 §2 (jwks, jwks_uri); §3.2.2',
    url: R7591('2'),
    rule: 'a body with both jwks and jwks_uri is refused with 400 invalid_client_metadata',
  },
  CLIENT_ID_UNIQUE: {
    id: 'REG-CREATE-CLIENT-ID-UNIQUE',
    severity: 'MUST',
    clause:
      'OpenID Connect Dynamic Client Registration 1.0 §3.2 (client_id MUST NOT be currently valid for any other registered Client); RFC 6749 §2.2; RFC 7591 §3.2.1',
    url: `${SPEC.dynreg}#RegistrationResponse`,
    rule: 'two registrations of different clients (two installations of one piece of software: the same software_id, different names and redirect URIs) get different client_ids, and the first keeps its own registration',
  },
  METADATA_RETURNED: {
    id: 'REG-CREATE-METADATA-RETURNED',
    severity: 'MUST',
    clause: 'RFC 7591 §3.2.1 (the response MUST contain all registered metadata); OpenID Connect Dynamic Client Registration 1.0 §3.2',
    url: R7591('3.2.1'),
    rule: "every metadata member registered comes back in the create response, logo_uri, policy_uri and tos_uri included (the URIs a consent screen shows: OIDF's oidcc-registration-logo-uri, -policy-uri and -tos-uri, judged from the response instead of a screenshot); a value may be replaced (§3.2.1), not left out",
  },
  SECRET_MEMBERS: {
    id: 'REG-CREATE-SECRET-MEMBERS',
    severity: 'MUST',
    clause:
      'RFC 7591 §3.2.1 (client_secret_expires_at REQUIRED if a client_secret is issued: the time it expires, or 0 if it does not; client_id_issued_at: the time of issue)',
    url: R7591('3.2.1'),
    rule: 'a client issued a client_secret is told when it expires: client_secret_expires_at is 0 or a time after the registration (a secret expired when issued is no secret); client_id_issued_at, when given, is the time of the registration',
  },
  SECTOR_ACCEPTED: {
    id: 'REG-CREATE-SECTOR-URI-ACCEPTED',
    severity: 'MUST',
    clause:
      'OpenID Connect Dynamic Client Registration 1.0 §2 (sector_identifier_uri), §5 (the document is a JSON array that MUST include every registered redirect_uri)',
    url: `${SPEC.dynreg}#SectorIdentifierValidation`,
    rule: "a sector_identifier_uri whose document lists every redirect URI (and another client's of the same sector) is accepted (OIDF oidcc-registration-sector-uri); the harness's receiver serves the document over https",
  },
  SECTOR_UNLISTED: {
    id: 'REG-CREATE-SECTOR-URI-UNLISTED',
    severity: 'MUST',
    clause:
      'OpenID Connect Dynamic Client Registration 1.0 §5 (the registered redirect_uris MUST be included in the array); RFC 7591 §3.2.2 (invalid_client_metadata)',
    url: `${SPEC.dynreg}#SectorIdentifierValidation`,
    rule: 'a sector_identifier_uri whose document leaves a redirect URI out is refused with 400 invalid_client_metadata (OIDF oidcc-registration-sector-bad), where the same registration with a complete document is accepted',
  },
});

export const READ = checksFor('getOidcDynamicClient', 'GET /oauth2/register/{id}', {
  ENABLED: {
    id: 'REG-READ-ENABLED',
    ...GATE,
    rule: 'reading a registration is served (not 404/405) where registration is (otherwise as REG-CREATE-ENABLED says)',
  },
  STATUS: {
    id: 'REG-READ-STATUS-200',
    severity: 'MUST',
    clause: 'RFC 7592 §2.1',
    url: R7592('2.1'),
    rule: 'a read with the registration access token is answered 200 OK',
  },
  SCHEMA_ORY: {
    id: 'REG-READ-SCHEMA-ORY',
    severity: 'ORY',
    ...ORY('getOidcDynamicClient'),
    rule: 'the response is an OAuth2Client as Ory documents it (non-nullable types)',
  },
  VALUES: {
    id: 'REG-READ-VALUES',
    severity: 'MUST',
    clause: 'RFC 7592 §2.1, §3',
    url: R7592('2.1'),
    rule: 'the read returns the metadata as registered (as the create response stated it)',
  },
  NO_SECRET: {
    id: 'REG-READ-NO-SECRET',
    severity: 'ORY',
    ...ORY('getOidcDynamicClient'),
    rule: 'the client_secret is shown once: a read does not return it (Ory only: RFC 7592 §2.1 allows a read to return it)',
  },
  NO_RAT: {
    id: 'REG-READ-NO-RAT',
    severity: 'ORY',
    ...ORY('getOidcDynamicClient'),
    rule: 'the registration access token is shown once: a read does not return it (Ory only: RFC 7592 §3 wants it in every client information response)',
  },
  RFC7592_MEMBERS: {
    id: 'REG-READ-RFC7592-MEMBERS',
    severity: 'MUST',
    profiles: ['standards'],
    clause: 'RFC 7592 §3',
    url: R7592('3'),
    rule: 'the read response, a client information response, carries registration_access_token and registration_client_uri',
  },
});

export const UPDATE = checksFor('setOidcDynamicClient', 'PUT /oauth2/register/{id}', {
  ENABLED: {
    id: 'REG-UPDATE-ENABLED',
    ...GATE,
    rule: 'replacing a registration is served (not 404/405) where registration is (otherwise as REG-CREATE-ENABLED says)',
  },
  STATUS: {
    id: 'REG-UPDATE-STATUS-200',
    severity: 'MUST',
    clause: 'RFC 7592 §2.2',
    url: R7592('2.2'),
    rule: 'a valid replace with the registration access token is answered 200 OK',
  },
  SCHEMA_ORY: {
    id: 'REG-UPDATE-SCHEMA-ORY',
    severity: 'ORY',
    ...ORY('setOidcDynamicClient'),
    rule: 'the response is an OAuth2Client as Ory documents it (non-nullable types)',
  },
  VALUES: {
    id: 'REG-UPDATE-VALUES',
    severity: 'MUST',
    clause: 'RFC 7592 §2.2',
    url: R7592('2.2'),
    rule: 'the new values are returned and read back afterwards',
  },
  RAT_ROTATED: {
    id: 'REG-UPDATE-RAT-ROTATED',
    severity: 'ORY',
    ...ORY('setOidcDynamicClient'),
    rule: 'a replace returns a new registration access token, and the new token works',
  },
  NO_SECRET: {
    id: 'REG-UPDATE-NO-SECRET',
    severity: 'ORY',
    ...ORY('setOidcDynamicClient'),
    rule: 'the client_secret is shown once: a replace does not return it (Ory only: RFC 7592 §2.2 allows a replace to return it)',
  },
  SECRET_KEPT: {
    id: 'REG-UPDATE-SECRET-KEPT',
    severity: 'MUST',
    clause: 'RFC 7592 §2.2',
    url: R7592('2.2'),
    rule: "a replace that carries a client_secret of the client's choosing does not overwrite the secret: the chosen one is refused at the token endpoint and the issued one still works",
  },
  SECRET_REFUSED: {
    id: 'REG-UPDATE-SECRET-CHOSEN',
    severity: 'ORY',
    ...ORY('setOidcDynamicClient'),
    rule: 'a replace that carries a client_secret is refused with a 4xx and a valid error body',
  },
  INVALID_REFUSED: {
    id: 'REG-UPDATE-INVALID-REFUSED',
    severity: 'MUST',
    clause: 'RFC 7592 §2.2 (the server MUST validate the new metadata, and refuse as in RFC 7591 §3.2.2); RFC 6749 §3.1.2',
    url: R7592('2.2'),
    rule: 'a replace with a redirect URI that has a fragment is refused with 400 invalid_redirect_uri',
  },
  OMITTED_REMOVED: {
    id: 'REG-UPDATE-OMITTED-REMOVED',
    severity: 'MUST',
    clause: 'RFC 7592 §2.2 (omitted fields MUST be treated as null or empty values)',
    url: R7592('2.2'),
    rule: 'metadata left out of a replace is removed from the registration: a read afterwards no longer has it',
  },
  FAILED_NO_CHANGE: {
    id: 'REG-UPDATE-FAILED-NO-CHANGE',
    severity: 'ORY',
    ...ORY('setOidcDynamicClient'),
    rule: 'a refused replace changes nothing: the values and the registration access token stay as they were',
  },
  RFC7592_MEMBERS: {
    id: 'REG-UPDATE-RFC7592-MEMBERS',
    severity: 'MUST',
    profiles: ['standards'],
    clause: 'RFC 7592 §3',
    url: R7592('3'),
    rule: 'the replace response, a client information response, carries registration_access_token and registration_client_uri',
  },
  CLIENT_ID_KEPT: {
    id: 'REG-UPDATE-CLIENT-ID-KEPT',
    severity: 'MUST',
    clause: 'RFC 7592 §2.2 (client_id MUST NOT change from the initial registration response); RFC 7591 §3.2.1',
    url: R7592('2.2'),
    rule: "a replace never changes the client_id: its response carries the client's own id, also when the body names another (which is refused or ignored), and the client still reads back under its own id",
  },
});

export const DELETE = checksFor('deleteOidcDynamicClient', 'DELETE /oauth2/register/{id}', {
  ENABLED: {
    id: 'REG-DELETE-ENABLED',
    ...GATE,
    rule: 'deleting a registration is served (not 404/405) where registration is (otherwise as REG-CREATE-ENABLED says)',
  },
  STATUS: {
    id: 'REG-DELETE-STATUS-204',
    severity: 'MUST',
    clause: 'RFC 7592 §2.3',
    url: R7592('2.3'),
    rule: 'a delete with the registration access token is answered 204 No Content with an empty body',
  },
  AUTHZ_REFUSED: {
    id: 'REG-DELETE-AUTHZ-REFUSED',
    severity: 'MUST',
    clause: 'RFC 7592 §2.3 (after a delete the client is invalidated); RFC 6749 §4.1.2.1 (an invalid client_id is not redirected to)',
    url: R7592('2.3'),
    rule: 'after a delete the authorization endpoint refuses the client: an error, no redirect to its redirect URI, no login (the same request before the delete went on to the login)',
    request: 'GET /oauth2/auth',
  },
  CREDENTIALS_REVOKED: {
    id: 'REG-DELETE-CREDENTIALS-REVOKED',
    severity: 'MUST',
    clause: 'RFC 7592 §2.3',
    url: R7592('2.3'),
    rule: "after a delete the client's id and secret are refused at the token endpoint",
    request: 'POST /oauth2/token',
  },
});

/** How the rules below tell a refusal at the authorization endpoint without a person looking at the page. */
const REFUSAL =
  'refused: a 4xx answer, or a redirect carrying error= (a 5xx is a failure, not a refusal; a 2xx page cannot be told from a login page)';

/**
 * The redirect URIs a registration gives a client, as the authorization endpoint honours them (RFC 6749 §3.1.2; OpenID
 * Connect Core 1.0 §3.1.2.1): judged with authorization requests that carry no user, each beside the same request with
 * the registered URI (which goes on to the login).
 */
export const REDIRECT = checksFor('createOidcDynamicClient', 'GET /oauth2/auth', {
  EXACT: {
    id: 'REG-REDIRECT-EXACT',
    severity: 'MUST',
    clause:
      'RFC 6749 §3.1.2.3 (compared by simple string comparison); OpenID Connect Core 1.0 §3.1.2.1 (MUST exactly match a registered redirect URI); OpenID Connect Dynamic Client Registration 1.0 §2',
    url: SPEC.rfc(6749, '3.1.2.3'),
    rule: `an authorization request whose redirect_uri is a registered one with a longer path, a trailing slash or another letter case is ${REFUSAL}; never taken on to the login (OIDF oidcc-ensure-registered-redirect-uri)`,
  },
  QUERY_ADDED: {
    id: 'REG-REDIRECT-QUERY-ADDED',
    severity: 'MUST',
    clause: 'RFC 6749 §3.1.2.3; OpenID Connect Core 1.0 §3.1.2.1 (exact match)',
    url: SPEC.rfc(6749, '3.1.2.3'),
    rule: `a redirect_uri that adds a query to a registered URI without one is ${REFUSAL} (OIDF oidcc-redirect-uri-query-added)`,
  },
  QUERY_MISMATCH: {
    id: 'REG-REDIRECT-QUERY-MISMATCH',
    severity: 'MUST',
    clause: 'RFC 6749 §3.1.2.3; OpenID Connect Core 1.0 §3.1.2.1 (exact match)',
    url: SPEC.rfc(6749, '3.1.2.3'),
    rule: `a redirect_uri whose query gives another value than the registered URI's query is ${REFUSAL} (OIDF oidcc-redirect-uri-query-mismatch)`,
  },
  QUERY_KEPT: {
    id: 'REG-REDIRECT-QUERY-KEPT',
    severity: 'MUST',
    clause: "RFC 6749 §3.1.2 (the endpoint URI's query component MUST be retained when parameters are added), §4.1.2",
    url: SPEC.rfc(6749, '3.1.2'),
    rule: 'a client registered with a redirect URI that carries a query signs in with it, and the authorization response reaches that URI with its query kept beside code and state (OIDF oidcc-redirect-uri-query-OK)',
  },
  REQUIRED: {
    id: 'REG-REDIRECT-REQUIRED',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §3.1.2.1 (redirect_uri REQUIRED), §3.1.2.2',
    url: `${SPEC.core}#AuthRequest`,
    rule: `an OpenID authentication request without redirect_uri (from a client with one registered URI) is ${REFUSAL}, not sent to the registered URI or taken on to the login (OIDF oidcc-ensure-redirect-uri-in-authorization-request)`,
  },
  URIS_REQUIRED_PUBLIC: {
    id: 'REG-REDIRECT-URIS-REQUIRED-PUBLIC',
    severity: 'MUST',
    clause: 'RFC 6749 §3.1.2.2 (the authorization server MUST require public clients to register their redirection endpoint), §2',
    url: SPEC.rfc(6749, '3.1.2.2'),
    rule: `a public client (token_endpoint_auth_method none) registered without redirect_uris is refused (400 invalid_redirect_uri or invalid_client_metadata), or its authorization request naming a redirect_uri is ${REFUSAL}, shown by the provider; the same client with that URI registered is taken on`,
  },
  URIS_REQUIRED_CONFIDENTIAL: {
    id: 'REG-REDIRECT-URIS-REQUIRED-CONFIDENTIAL',
    severity: 'SHOULD',
    clause: 'RFC 6749 §3.1.2.2 (the authorization server SHOULD require all clients to register their redirection endpoint)',
    url: SPEC.rfc(6749, '3.1.2.2'),
    rule: `a confidential client (client_secret_basic) registered without redirect_uris is refused, or its authorization request naming a redirect_uri is ${REFUSAL}, shown by the provider; the same client with that URI registered is taken on`,
  },
  ERROR_SHOWN: {
    id: 'REG-REDIRECT-ERROR-SHOWN',
    severity: 'MUST',
    clause:
      'RFC 6749 §3.1.2.4 (MUST NOT automatically redirect the user-agent to the invalid redirection URI), §4.1.2.1; OpenID Connect Core 1.0 §3.1.2.6',
    url: SPEC.rfc(6749, '4.1.2.1'),
    rule: "for a redirect_uri that is not registered the provider shows the error itself: no Location to that URI or any of the client's, but a 4xx error page or a redirect to the provider's own error page with error= (judged from the HTTP answer, instead of a screenshot)",
  },
});
