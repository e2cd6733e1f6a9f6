// The checks of the tokens a signed-in user's code exchange returns (oauth2TokenExchange,
// POST /oauth2/token, authorization_code grant): the response and its ID token.
import { checksFor } from './types.ts';
import { SPEC } from './specs.ts';

const C = SPEC.core;
const RESPONSE = { clause: 'RFC 6749 §5.1', url: SPEC.rfc(6749, '5.1') };

export const TOK = checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
  CODE_FLOW: {
    id: 'TOKEN-CODE-FLOW',
    severity: 'MUST',
    clause: 'RFC 6749 §4.1.2, §4.1.4; RFC 7636 §4.6; OpenID Connect Core 1.0 §3.1.2.5, §3.1.3.3',
    url: `${C}#CodeFlowSteps`,
    request: 'GET /oauth2/auth',
    rule: 'the authorization code flow (PKCE S256, state, nonce) completes: the user agent comes back to the redirect URI with a code and the state sent, and the code exchange answers 200 with an access token (every check that needs a signed-in user rests on this one)',
  },
  JSON: { id: 'TOKEN-RESPONSE-JSON', severity: 'MUST', ...RESPONSE, rule: 'the token response is application/json' },
  SCHEMA: {
    id: 'TOKEN-RESPONSE-SCHEMA',
    severity: 'MUST',
    clause: 'RFC 6749 §5.1; OpenID Connect Core 1.0 §3.1.3.3',
    url: `${C}#TokenResponse`,
    rule: 'the token response has access_token, token_type Bearer and an id_token (openid was granted), each member of its type',
  },
  EXPIRES_IN: {
    id: 'TOKEN-RESPONSE-EXPIRES-IN',
    severity: 'SHOULD',
    clause: 'RFC 6749 §5.1 (expires_in: RECOMMENDED, the lifetime in seconds of the access token)',
    url: SPEC.rfc(6749, '5.1'),
    rule: "the token response of the code exchange says the access token's lifetime in expires_in, a positive number of seconds",
  },
  NO_STORE: { id: 'TOKEN-RESPONSE-NO-STORE', severity: 'MUST', ...RESPONSE, rule: 'the token response carries Cache-Control: no-store' },
  PRAGMA: {
    id: 'TOKEN-RESPONSE-PRAGMA',
    severity: 'MUST',
    ...RESPONSE,
    rule: 'the token response carries Pragma: no-cache (RFC 6749 §5.1 asks for it alongside Cache-Control)',
  },
  ID_CLAIMS: {
    id: 'TOKEN-ID-CLAIMS',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §2',
    url: `${C}#IDToken`,
    rule: 'the ID token has iss, sub, aud, exp and iat, each of its type',
  },
  ID_SIGNATURE: {
    id: 'TOKEN-ID-SIGNATURE',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §3.1.3.7 (6), §10.1',
    url: `${C}#IDTokenValidation`,
    rule: "the ID token's signature verifies with a key of the provider's JWKS (no alg none)",
  },
  ID_ISS: {
    id: 'TOKEN-ID-ISS',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §3.1.3.7 (2)',
    url: `${C}#IDTokenValidation`,
    rule: "the ID token's iss is exactly the issuer",
  },
  ID_AUD: {
    id: 'TOKEN-ID-AUD',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §2 (aud), §3.1.3.7 (3)',
    url: `${C}#IDToken`,
    rule: "the ID token's aud contains the client_id",
  },
  ID_EXP: {
    id: 'TOKEN-ID-EXP',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §2 (exp), §3.1.3.7 (9)',
    url: `${C}#IDToken`,
    rule: 'a fresh ID token has not expired (exp is in the future)',
  },
  ID_IAT: {
    id: 'TOKEN-ID-IAT',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §2 (iat), §3.1.3.7 (10)',
    url: `${C}#IDToken`,
    rule: 'iat is the time of issue: not in the future, not before the flow started (60 s of clock skew allowed)',
  },
  ID_NONCE: {
    id: 'TOKEN-ID-NONCE',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §2 (nonce), §3.1.3.7 (11)',
    url: `${C}#IDToken`,
    rule: "the ID token's nonce is the nonce of the authentication request",
  },
  ID_AT_HASH: {
    id: 'TOKEN-ID-AT-HASH',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §3.1.3.6, §3.1.3.8',
    url: `${C}#CodeIDToken`,
    rule: "an at_hash in the ID token is the left half of the hash of the access token (hash of the ID token's alg)",
  },
  ID_AT_HASH_PRESENT: {
    id: 'TOKEN-ID-AT-HASH-PRESENT',
    severity: 'ORY',
    clause: 'Ory API reference: oauth2TokenExchange (Hydra always sets at_hash); Core 1.0 §3.1.3.6 makes it OPTIONAL',
    url: SPEC.ory('oauth2TokenExchange'),
    rule: 'the ID token of a code exchange carries at_hash',
  },
  ID_AUTH_TIME: {
    id: 'TOKEN-ID-AUTH-TIME',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §3.1.2.1 (max_age: the auth_time Claim MUST be present), §2 (auth_time)',
    url: `${C}#AuthRequest`,
    rule: 'a sign-in that sent max_age gets an ID token with auth_time, a number: the time the user authenticated, not in the future',
  },
  ID_ALG_REGISTERED: {
    id: 'TOKEN-ID-ALG-REGISTERED',
    severity: 'MUST',
    clause: 'OpenID Connect Dynamic Client Registration 1.0 §2 (id_token_signed_response_alg, default RS256)',
    url: `${SPEC.dynreg}#ClientMetadata`,
    rule: "the ID token is signed with the client's registered id_token_signed_response_alg (RS256 when none was registered)",
  },
  ID_AZP: {
    id: 'TOKEN-ID-AZP',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §2 (azp), §3.1.3.7 (4), (5)',
    url: `${C}#IDToken`,
    rule: 'azp, when present, is the client_id; an ID token with more than one audience carries azp',
  },
  ID_HEADER_KEYS: {
    id: 'TOKEN-ID-HEADER-KEYS',
    severity: 'SHOULD',
    clause: 'OpenID Connect Core 1.0 §2 (ID Tokens SHOULD NOT use the JWS or JWE x5u, x5c, jku, or jwk Header Parameter fields)',
    url: `${C}#IDToken`,
    rule: "the ID token's JOSE header names its key by kid only: no x5u, x5c, jku or jwk (a key the token carries itself is not the issuer's published key)",
  },
  ID_REFRESH: {
    id: 'TOKEN-ID-REFRESH',
    severity: 'MUST',
    clause:
      'OpenID Connect Core 1.0 §12.2 (refreshed ID token: same iss, sub, aud, auth_time, azp; a nonce, if present, the same as in the original; iat the time of the new token)',
    url: `${C}#RefreshTokenResponse`,
    rule: "an ID token from a refresh keeps iss, sub, aud (and auth_time, azp) of the original, carries no nonce other than the original's, and its iat is the time it was issued",
    request: 'POST /oauth2/token (refresh_token)',
  },
  ID_REFRESH_NO_NONCE: {
    id: 'TOKEN-ID-REFRESH-NO-NONCE',
    severity: 'SHOULD',
    clause: 'OpenID Connect Core 1.0 §12.2 (a refreshed ID Token SHOULD NOT have a nonce Claim)',
    url: `${C}#RefreshTokenResponse`,
    rule: 'an ID token from a refresh has no nonce (the original, from an authentication request with a nonce, has one)',
    request: 'POST /oauth2/token (refresh_token)',
  },
  ID_REQUIRE_AUTH_TIME: {
    id: 'TOKEN-ID-REQUIRE-AUTH-TIME',
    severity: 'MUST',
    clause:
      'OpenID Connect Dynamic Client Registration 1.0 §2 (require_auth_time: if true, the auth_time Claim in the ID Token is REQUIRED)',
    url: `${SPEC.dynreg}#ClientMetadata`,
    rule: 'a client registered with require_auth_time true gets ID tokens with auth_time, also from a sign-in without max_age (a provider that does not keep require_auth_time says so in the registration response)',
  },
  RESPONSE_SCOPE: {
    id: 'TOKEN-RESPONSE-SCOPE',
    severity: 'MUST',
    clause: 'RFC 6749 §5.1 (scope: OPTIONAL if identical to the scope requested by the client; otherwise, REQUIRED), §3.3',
    url: SPEC.rfc(6749, '5.1'),
    rule: 'a code exchange whose grant is narrower than the request (consent granted openid offline_access of openid offline_access profile) answers scope, naming no scope that was not granted',
  },
  ID_SID: {
    id: 'TOKEN-ID-SID',
    severity: 'MUST',
    clause:
      'Back-Channel Logout 1.0 §2.1 (backchannel_logout_session_supported: sid "is also included in ID Tokens"); Front-Channel Logout 1.0 §3',
    url: `${SPEC.bcLogout}#BCSupport`,
    rule: 'a provider that advertises logout session support puts sid in the ID tokens of a client registered for logout with the session required',
  },
});

const PKCE = { url: SPEC.rfc(7636, '4.6') };
const CODE_BINDING = { clause: 'RFC 6749 §4.1.3, §5.2 (invalid_grant)', url: SPEC.rfc(6749, '4.1.3') };

// The code exchange itself, one parameter changed at a time: each refusal has its positive control (the same
// exchange done right succeeds, with the same code where the provider leaves it usable, else a code of the same client).
export const CODE = checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
  REUSE: {
    id: 'TOKEN-CODE-REUSE',
    severity: 'MUST',
    clause:
      'RFC 6749 §4.1.2 (if an authorization code is used more than once, the authorization server MUST deny the request), §10.5, §5.2',
    url: SPEC.rfc(6749, '4.1.2'),
    rule: 'an authorization code exchanged a second time is refused with 400 invalid_grant (its first exchange succeeded)',
  },
  REUSE_REVOKES: {
    id: 'TOKEN-CODE-REUSE-REVOKES',
    severity: 'SHOULD',
    clause: 'RFC 6749 §4.1.2 (SHOULD revoke (when possible) all tokens previously issued based on that authorization code), §10.5',
    url: SPEC.rfc(6749, '4.1.2'),
    rule: "after its code is presented again, the access token (at userinfo) and the refresh token (at the refresh grant) issued from it stop working: a 4xx where they worked before (their error codes are the userinfo and refresh checks' subject)",
  },
  PKCE_WRONG_VERIFIER: {
    id: 'TOKEN-PKCE-WRONG-VERIFIER',
    severity: 'MUST',
    clause: 'RFC 7636 §4.6 (if the values are not equal, an error response indicating invalid_grant MUST be returned)',
    ...PKCE,
    rule: 'a code whose authorization request carried an S256 code_challenge is refused with 400 invalid_grant when exchanged with another well-formed code_verifier (a code of the same client exchanged with its own verifier succeeded)',
  },
  PKCE_NO_VERIFIER: {
    id: 'TOKEN-PKCE-NO-VERIFIER',
    severity: 'MUST',
    clause: 'RFC 7636 §4.5 (code_verifier REQUIRED), §4.6; RFC 6749 §5.2',
    ...PKCE,
    rule: 'a code whose authorization request carried a code_challenge is refused with 400 (invalid_grant, or invalid_request for the missing parameter) when exchanged without code_verifier',
  },
  PKCE_PUBLIC_REQUIRED: {
    id: 'TOKEN-PKCE-PUBLIC-REQUIRED',
    severity: 'MUST',
    clause:
      'RFC 7636 §4.4.1 (if the server requires PKCE by a public client and the client does not send the code_challenge, the server MUST return the error response with error invalid_request)',
    url: SPEC.rfc(7636, '4.4.1'),
    request: 'GET /oauth2/auth',
    rule: "a public client's authorization request without code_challenge either completes (the server does not require PKCE) or comes back with error=invalid_request; the same request with an S256 challenge completes",
  },
  PKCE_PLAIN: {
    id: 'TOKEN-PKCE-PLAIN',
    severity: 'MUST',
    clause:
      'RFC 7636 §4.4.1 (a server that does not support the requested transformation MUST return invalid_request), §4.6; RFC 8414 §2 (code_challenge_methods_supported)',
    url: SPEC.rfc(7636, '4.4.1'),
    request: 'GET /oauth2/auth',
    rule: 'an authorization request with code_challenge_method=plain is refused with invalid_request where code_challenge_methods_supported does not list plain; a plain challenge the provider accepts is enforced (its code is refused with another code_verifier)',
  },
  NO_CLIENT_AUTH: {
    id: 'TOKEN-CODE-NO-CLIENT-AUTH',
    severity: 'MUST',
    clause: 'RFC 6749 §4.1.3 (the authorization server MUST require client authentication for confidential clients), §5.2 (invalid_client)',
    url: SPEC.rfc(6749, '4.1.3'),
    rule: "a confidential client's code exchanged with its client_id alone (no client authentication) is refused with invalid_client, and the exchange with its authentication still works",
  },
  OTHER_CLIENT: {
    id: 'TOKEN-CODE-OTHER-CLIENT',
    severity: 'MUST',
    ...CODE_BINDING,
    rule: 'a code presented by another client (its own valid credentials, the same redirect_uri and code_verifier) is refused with 400 invalid_grant, and the client it was issued to can still exchange it',
  },
  OTHER_REDIRECT_URI: {
    id: 'TOKEN-CODE-OTHER-REDIRECT-URI',
    severity: 'MUST',
    ...CODE_BINDING,
    rule: "a code exchanged with another of the client's registered redirect URIs than the authorization request's is refused with 400 invalid_grant, and the right one still works",
  },
  NO_REDIRECT_URI: {
    id: 'TOKEN-CODE-NO-REDIRECT-URI',
    severity: 'MUST',
    ...CODE_BINDING,
    rule: 'a code whose authorization request carried redirect_uri is refused with 400 (invalid_grant, or invalid_request for the missing parameter) when exchanged without it, and the exchange with it still works',
  },
});

// The refresh_token grant: bound to its client, and rotating as Ory's token endpoint does.
export const REFRESH = checksFor('oauth2TokenExchange', 'POST /oauth2/token (refresh_token)', {
  OTHER_CLIENT: {
    id: 'TOKEN-REFRESH-OTHER-CLIENT',
    severity: 'MUST',
    clause:
      'RFC 6749 §6 (the authorization server MUST ensure that the refresh token was issued to the authenticated client), §5.2; OpenID Connect Core 1.0 §12.1',
    url: SPEC.rfc(6749, '6'),
    rule: "another client's refresh token, presented with that client's own valid credentials, is refused with 400 invalid_grant, and it still works for the client it was issued to",
  },
  NO_CLIENT_AUTH: {
    id: 'TOKEN-REFRESH-NO-CLIENT-AUTH',
    severity: 'MUST',
    clause: 'RFC 6749 §6 (the authorization server MUST require client authentication for confidential clients), §5.2 (invalid_client)',
    url: SPEC.rfc(6749, '6'),
    rule: "a confidential client's refresh token presented with its client_id alone (no client authentication) is refused with invalid_client, and it still works with the client's authentication",
  },
  REUSE: {
    id: 'TOKEN-REFRESH-REUSE',
    severity: 'ORY',
    clause:
      'Ory\'s token endpoint rotates refresh tokens (fosite\'s refresh handler: "The refresh token was already used"); RFC 6749 §6 lets the server revoke the old token, §5.2 (invalid_grant); RFC 9700 §4.14.2',
    url: SPEC.ory('oauth2TokenExchange'),
    rule: 'a refresh answers a new refresh token, and the one it used is refused afterwards with 400 invalid_grant',
  },
  TAMPERED: {
    id: 'TOKEN-REFRESH-TAMPERED',
    severity: 'MUST',
    clause:
      'RFC 6749 §6 (the authorization server MUST validate the refresh token), §5.2 (invalid_grant); OpenID Connect Core 1.0 §12.1 (the Authorization Server MUST validate the Refresh Token)',
    url: SPEC.rfc(6749, '6'),
    rule: 'a refresh token with one character of its last part changed is refused with 400 invalid_grant, and the token as issued still works afterwards',
  },
  SCOPE: {
    id: 'TOKEN-REFRESH-SCOPE',
    severity: 'MUST',
    clause:
      'RFC 6749 §6 (the requested scope MUST NOT include any scope not originally granted; a new refresh token MUST have the scope of the one presented), §5.2 (invalid_scope)',
    url: SPEC.rfc(6749, '6'),
    rule: 'a refresh that asks for a scope the client may request but was not granted (profile) gets none of it: 400 invalid_scope, or a token whose scope is within the original grant; and the new refresh token refreshes to no more than the original grant',
  },
});

// RFC 7009 revocation, as the checks that present a revoked token need it.
export const REVOKE = checksFor('revokeOAuth2Token', 'POST /oauth2/revoke', {
  ACCESS_TOKEN: {
    id: 'TOKEN-REVOKE-ACCESS-TOKEN',
    severity: 'MUST',
    clause: 'RFC 7009 §2.2 (the authorization server responds with HTTP status code 200 if the token has been revoked successfully)',
    url: SPEC.rfc(7009, '2.2'),
    rule: 'a client that revokes its own access token (token_type_hint access_token, its registered client authentication) gets 200',
  },
  REFRESH_TOKEN: {
    id: 'TOKEN-REVOKE-REFRESH-TOKEN',
    severity: 'MUST',
    clause: 'RFC 7009 §2 (implementations MUST support the revocation of refresh tokens), §2.2; RFC 6749 §5.2 (invalid_grant)',
    url: SPEC.rfc(7009, '2'),
    rule: 'a client that revokes its own refresh token (a rotated one that had just worked) gets 200 (a 2xx other than 200 is left to TOKEN-REVOKE-ACCESS-TOKEN, which judges the status of every successful revocation), and the token is refused afterwards with 400 invalid_grant',
  },
  OTHER_CLIENT: {
    id: 'TOKEN-REVOKE-OTHER-CLIENT',
    severity: 'MUST',
    clause:
      'RFC 7009 §2.1 (the authorization server verifies whether the token was issued to the client making the revocation request; if this validation fails, the request is refused and the client is informed of the error), §2.2.1',
    url: SPEC.rfc(7009, '2.1'),
    rule: "another client's refresh token, revoked with that client's own valid credentials, still works for the client it was issued to, and the revocation is refused with a 4xx error",
  },
});

// The authorization endpoint as the sign-in uses it (OpenID Connect Core 1.0 §3.1.2.1): a request sent by form POST,
// and a remembered login that max_age (or a client's default_max_age) has outlived.
const REAUTH =
  'the provider asks the user to sign in again: the login step of a second authorization request in the same user agent is not skipped';

export const AUTHZ = checksFor('oauth2TokenExchange', 'GET /oauth2/auth', {
  POST: {
    id: 'TOKEN-AUTHZ-POST',
    severity: 'MUST',
    clause:
      'OpenID Connect Core 1.0 §3.1.2.1 (Authorization Servers MUST support the use of the HTTP GET and POST methods at the Authorization Endpoint); RFC 6749 §3.1',
    url: `${C}#AuthRequest`,
    request: 'POST /oauth2/auth',
    rule: 'the authorization request of the sign-in, sent as a form POST (Form Serialization), completes as the GET does: the user agent comes back with a code and the state sent, and the code exchanges for tokens',
  },
  ERROR_STATE: {
    id: 'TOKEN-AUTHZ-ERROR-STATE',
    severity: 'MUST',
    clause:
      'RFC 6749 §4.1.2.1 (error: REQUIRED; state: REQUIRED if a "state" parameter was present in the client authorization request: the exact value received); OpenID Connect Core 1.0 §3.1.2.6',
    url: SPEC.rfc(6749, '4.1.2.1'),
    rule: 'an authorization request the provider refuses with a redirect (prompt=none in a user agent without a session: login_required) says its error in error= and carries the state sent, unchanged',
  },
  UNKNOWN_PARAM: {
    id: 'TOKEN-AUTHZ-UNKNOWN-PARAM',
    severity: 'SHOULD',
    clause: 'OpenID Connect Core 1.0 §3.1.2.2 (Authorization Servers SHOULD ignore unrecognized request parameters); RFC 6749 §3.1',
    url: `${C}#AuthRequestValidation`,
    rule: "the sign-in with a request parameter no specification defines (the OpenID Foundation's oidcc-ensure-request-with-unknown-parameter-succeeds) completes as without it: a code and the state sent, and the code exchanges for tokens",
  },
  MAX_AGE: {
    id: 'TOKEN-AUTHZ-MAX-AGE',
    severity: 'MUST',
    clause:
      'OpenID Connect Core 1.0 §3.1.2.1 (max_age: if the elapsed time is greater than this value, the OP MUST attempt to actively re-authenticate the End-User)',
    url: `${C}#AuthRequest`,
    rule: `max_age=1, two seconds after a remembered sign-in: ${REAUTH} (the same request without max_age skips it)`,
  },
  DEFAULT_MAX_AGE: {
    id: 'TOKEN-AUTHZ-DEFAULT-MAX-AGE',
    severity: 'MUST',
    clause:
      'OpenID Connect Dynamic Client Registration 1.0 §2 (default_max_age: the End-User MUST be actively authenticated if authenticated longer ago than the specified number of seconds)',
    url: `${SPEC.dynreg}#ClientMetadata`,
    rule: `a client registered with default_max_age 1, two seconds after a remembered sign-in, without max_age: ${REAUTH} (another client's request skips it; a provider that does not keep default_max_age says so in the registration response)`,
  },
});

// Key rotation (the OpenID Foundation's oidcc-server-rotate-keys), made through Ory's admin API: a key created in
// hydra.openid.id-token. In the ory profile only (no standard says how to rotate); it runs after every other check.
const ROTATION = {
  clause: 'OpenID Connect Core 1.0 §10.1.1 (rotation of asymmetric signing keys: the signer publishes its keys at its jwks_uri)',
  url: `${C}#RotateSigKeys`,
  profiles: ['ory' as const],
};

export const KEYS_ADMIN = checksFor('createJsonWebKeySet', 'POST /admin/keys/{set}', {
  ROTATION: {
    id: 'TOKEN-KEYS-ROTATION',
    severity: 'ORY',
    clause: "Ory API reference: createJsonWebKeySet (hydra.openid.id-token), discoverJsonWebKeys; Hydra signs with the set's newest key",
    url: SPEC.ory('createJsonWebKeySet'),
    rule: 'a key created in hydra.openid.id-token through the admin API (201, its kid) is listed in the JWKS and signs the ID tokens issued after it',
  },
});

export const KEYS = checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
  ROTATED_ID_TOKEN: {
    id: 'TOKEN-KEYS-ROTATED-ID-TOKEN',
    severity: 'MUST',
    ...ROTATION,
    clause: `${ROTATION.clause}; §10.1 (a kid MUST be given when the JWK Set has several keys); §3.1.3.7 (6)`,
    rule: 'an ID token issued after a key rotation verifies with the JWKS read right after the rotation, before it was requested (a new key is published before anything is signed with it), and names its key by kid',
  },
  OLD_TOKEN: {
    id: 'TOKEN-KEYS-OLD-TOKEN',
    severity: 'ORY',
    ...ROTATION,
    clause: `${ROTATION.clause}; Ory: the keys of the set stay published until deleted`,
    rule: 'an ID token issued before a key rotation still verifies with the JWKS read after it: its key stays listed',
  },
});

export const KEYS_LOGOUT = checksFor('revokeOidcSession', 'POST {backchannel_logout_uri}', {
  ROTATED_LOGOUT_TOKEN: {
    id: 'TOKEN-KEYS-ROTATED-LOGOUT-TOKEN',
    severity: 'MUST',
    ...ROTATION,
    clause: `${ROTATION.clause}; Back-Channel Logout 1.0 §2.6 (step 3: validate the signature with the OP's keys)`,
    rule: 'a back-channel logout token sent after a key rotation verifies with the JWKS read before the logout',
  },
});
