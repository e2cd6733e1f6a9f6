// OpenID Connect Core 1.0: the ID Token (§2), the parts of the code flow the signed-in checks rest on
// (§3.1.2.1 max_age, nonce, prompt; §3.1.3.3–§3.1.3.8), UserInfo (§5.3), signing (§10.1), refresh (§12).
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, outOfScope, proved, secondParty, section, type Standard } from './types.ts';

const C = SPEC.core;
const ENCRYPTION = 'Hydra does not encrypt ID Tokens or UserInfo responses (no JWE)';
const LOGIN_APP = "the login app that accepts Hydra's login request sets it (a second party); Hydra passes it on";

export const CORE: Standard = {
  key: 'core',
  short: 'Core',
  name: 'OpenID Connect Core 1.0',
  url: C,
  edition: 'incorporating errata set 2 (December 2023)',
  sections: [
    section('§2', 'ID Token', `${C}#IDToken`, [
      MUST('iss is REQUIRED: a case-sensitive https URL with no query or fragment', ['TOKEN-ID-CLAIMS', 'TOKEN-ID-ISS']),
      MUST('sub is REQUIRED and MUST NOT exceed 255 ASCII characters', ['TOKEN-ID-CLAIMS']),
      MUST('aud is REQUIRED and MUST contain the client_id of the Relying Party', ['TOKEN-ID-CLAIMS', 'TOKEN-ID-AUD']),
      MUST('exp is REQUIRED: the time on or after which the ID Token MUST NOT be accepted', ['TOKEN-ID-CLAIMS', 'TOKEN-ID-EXP']),
      MUST('iat is REQUIRED: the time the JWT was issued', ['TOKEN-ID-CLAIMS', 'TOKEN-ID-IAT']),
      MUST('auth_time is REQUIRED when max_age is requested or auth_time is requested as an Essential Claim', ['TOKEN-ID-AUTH-TIME']),
      MUST('if nonce is in the Authentication Request, the ID Token MUST include it with the value sent', ['TOKEN-ID-NONCE']),
      SHOULD('Authorization Servers SHOULD perform no other processing on nonce values', ['TOKEN-ID-NONCE']),
      SHOULD('an absolute URI or an RFC 6711 registered name SHOULD be used as the acr value', secondParty(LOGIN_APP)),
      SHOULD('amr values SHOULD be registered in the IANA Authentication Method Reference Values registry', secondParty(LOGIN_APP)),
      MUST(
        'azp, if present, MUST contain the OAuth 2.0 Client ID of the authorized party',
        proved(['TOKEN-ID-AZP'], 'tokens.id-token-azp-other'),
      ),
      MUST('Claims in the ID Token that are not understood MUST be ignored', client()),
      MUST('ID Tokens MUST be signed using JWS', ['TOKEN-ID-SIGNATURE']),
      MUST('an encrypted ID Token MUST be signed then encrypted (a Nested JWT)', outOfScope(ENCRYPTION)),
      MUST(
        'ID Tokens MUST NOT use alg none unless no ID Token comes from the Authorization Endpoint and the Client registered none',
        proved(['TOKEN-ID-SIGNATURE'], 'tokens.id-token-alg-none'),
      ),
      SHOULD('ID Tokens SHOULD NOT use the x5u, x5c, jku or jwk header parameters', ['TOKEN-ID-HEADER-KEYS']),
    ]),
    section('§3.1.2.1', 'Authentication Request', `${C}#AuthRequest`, [
      MUST('Authorization Servers MUST support HTTP GET and POST at the Authorization Endpoint', ['TOKEN-AUTHZ-POST']),
      MUST('sufficient entropy MUST be present in nonce values', client('the RP makes the nonce; the harness uses random ones')),
      MUST(
        'prompt=none: the Authorization Server MUST NOT display any authentication or consent UI; it returns an error only when the End-User is not signed in',
        proved(['LOGOUT-SESSION-LIVE', 'LOGOUT-SESSION-ENDED'], 'logout.prompt-none-forgets-session'),
      ),
      MUST(
        'max_age: if more time has elapsed since the last authentication, the OP MUST attempt to actively re-authenticate the End-User',
        ['TOKEN-AUTHZ-MAX-AGE'],
      ),
      MUST('when max_age is used, the ID Token MUST include an auth_time Claim', ['TOKEN-ID-AUTH-TIME']),
      MUST('redirect_uri is REQUIRED', ['REG-REDIRECT-REQUIRED']),
      MUST('redirect_uri MUST exactly match one of the Redirection URIs the Client registered (simple string comparison)', [
        'REG-REDIRECT-EXACT',
        'REG-REDIRECT-QUERY-ADDED',
        'REG-REDIRECT-QUERY-MISMATCH',
      ]),
    ]),
    section('§3.1.2.2', 'Authentication Request Validation', `${C}#AuthRequestValidation`, [
      MUST('the Authorization Server MUST verify that all the REQUIRED parameters are present, and return an error response on any error', [
        'REG-REDIRECT-REQUIRED',
      ]),
      MUST(
        'if the sub Claim is requested with a specific value, the Authorization Server MUST only send a positive response for that End-User',
        outOfScope('the claims parameter is not used by the operations judged here'),
      ),
      SHOULD('Authorization Servers SHOULD ignore unrecognized request parameters', ['TOKEN-AUTHZ-UNKNOWN-PARAM']),
    ]),
    section('§3.1.3.3', 'Successful Token Response', `${C}#TokenResponse`, [
      MUST(
        'the response includes an ID Token and an Access Token: id_token MUST be included',
        proved(['TOKEN-RESPONSE-SCHEMA'], 'tokens.code-response-no-id-token'),
      ),
      MUST(
        'token_type MUST be Bearer unless another Token Type was negotiated',
        proved(['TOKEN-RESPONSE-SCHEMA'], 'tokens.token-type-mac'),
      ),
      SHOULD('servers SHOULD support the Bearer Token Type', proved(['TOKEN-RESPONSE-SCHEMA', 'UI-GET-BEARER'], 'tokens.token-type-mac')),
      MUST('token responses with tokens or secrets MUST carry Cache-Control: no-store and Pragma: no-cache', [
        'TOKEN-RESPONSE-NO-STORE',
        'TOKEN-RESPONSE-PRAGMA',
      ]),
      SHOULD('clients SHOULD ignore unrecognized response parameters', client()),
    ]),
    section('§3.1.3.5', 'Token Response Validation', `${C}#TokenResponseValidation`, [
      MUST(
        'the Client MUST validate the Token Response (RFC 6749 §5.1, §10.12; ID Token and Access Token rules)',
        client('the RP validates; the OP side is judged under §3.1.3.3 and §3.1.3.7'),
      ),
    ]),
    section('§3.1.3.6', 'ID Token', `${C}#CodeIDToken`, [
      MUST(
        "at_hash, when present, is the base64url of the left-most half of the hash of the access_token, with the hash of the ID Token's alg (declarative)",
        ['TOKEN-ID-AT-HASH'],
      ),
    ]),
    section('§3.1.3.7', 'ID Token Validation', `${C}#IDTokenValidation`, [
      SHOULD('if encryption was negotiated and the ID Token is not encrypted, the RP SHOULD reject it', outOfScope(ENCRYPTION)),
      MUST("the Issuer Identifier MUST exactly match the iss Claim (the OP's tokens must pass)", ['TOKEN-ID-ISS']),
      MUST("aud MUST contain the Client's client_id; a token without it, or with untrusted audiences, MUST be rejected", ['TOKEN-ID-AUD']),
      SHOULD(
        'an ID Token with several audiences SHOULD carry azp, which the Client verifies is its client_id',
        proved(['TOKEN-ID-AZP'], 'tokens.id-token-aud-issuer'),
      ),
      MUST(
        "the signature MUST validate per JWS with the header's alg, using the keys the Issuer provides",
        proved(['TOKEN-ID-SIGNATURE'], 'tokens.id-token-foreign-key'),
      ),
      SHOULD('alg SHOULD be the default RS256 or the id_token_signed_response_alg the Client registered', ['TOKEN-ID-ALG-REGISTERED']),
      MUST('the current time MUST be before exp', ['TOKEN-ID-EXP']),
      MUST('if a nonce was sent, a nonce Claim MUST be present with the same value', ['TOKEN-ID-NONCE']),
      SHOULD('the Client SHOULD check the nonce value for replay attacks', client()),
      SHOULD('if acr was requested, the Client SHOULD check the asserted value is appropriate', client()),
      SHOULD('if auth_time was requested, the Client SHOULD check it and re-authenticate when too much time has passed', client()),
    ]),
    section('§5.3', 'UserInfo Endpoint', `${C}#UserInfo`, [
      MUST('communication with the UserInfo Endpoint MUST utilize TLS', ['DISC-HTTPS-ENDPOINTS']),
      MUST(
        'the UserInfo Endpoint MUST support HTTP GET and HTTP POST',
        proved(['UI-GET-BEARER', 'UI-POST-BEARER'], 'userinfo.post-bearer-ignored'),
      ),
      MUST(
        'the UserInfo Endpoint MUST accept Access Tokens as RFC 6750 Bearer Tokens',
        proved(['UI-GET-BEARER', 'UI-POST-BEARER'], 'userinfo.post-bearer-ignored'),
      ),
      SHOULD(
        'the UserInfo Endpoint SHOULD support CORS',
        gap('CORS is a deployment setting of the provider; no check sends a preflight yet'),
      ),
    ]),
    section('§5.3.1', 'UserInfo Request', `${C}#UserInfoRequest`, [
      MUST('the Access Token MUST be sent as a Bearer Token (RFC 6750 §2)', client('the RP sends it; the OP side is §5.3')),
      SHOULD('it is RECOMMENDED that the request use GET with the token in the Authorization header', client()),
    ]),
    section('§5.3.2', 'Successful UserInfo Response', `${C}#UserInfoResponse`, [
      MUST(
        'the Claims MUST be returned as members of a JSON object, unless a signed or encrypted response was registered',
        proved(['UI-SCHEMA', 'UI-CONTENT-TYPE-JSON'], 'userinfo.schema-aud-object', 'userinfo.text-content-type'),
      ),
      SHOULD(
        'a Claim not returned SHOULD be omitted, and SHOULD NOT be present with a null or empty string value',
        proved(['UI-SCHEMA'], 'userinfo.null-claim'),
      ),
      MUST('the sub Claim MUST always be returned', proved(['UI-SCHEMA'], 'userinfo.no-sub')),
      MUST("the sub Claim MUST exactly match the ID Token's sub (the Client verifies it; the OP's answers must pass)", [
        'UI-SUB-MATCHES-ID-TOKEN',
      ]),
      MUST('the UserInfo Endpoint MUST return the JSON serialization unless another format was registered', ['UI-CONTENT-TYPE-JSON']),
      MUST('the UserInfo Endpoint MUST return a content-type header saying which format is returned', [
        'UI-CONTENT-TYPE-JSON',
        'UI-SIGNED-CONTENT-TYPE',
      ]),
      MUST('a JSON body MUST be application/json', ['UI-CONTENT-TYPE-JSON']),
      SHOULD('the JSON body SHOULD be encoded using UTF-8', gap('the charset is not judged')),
      MUST('a signed or encrypted response returns the Claims in a JWT, and its content-type MUST be application/jwt', [
        'UI-SIGNED-CONTENT-TYPE',
      ]),
      MUST('signed and encrypted responses MUST be signed then encrypted (a Nested JWT)', outOfScope(ENCRYPTION)),
      MUST("a signed response MUST contain iss, which MUST be the OP's Issuer Identifier", ['UI-SIGNED-ISS']),
      MUST("a signed response MUST contain aud, which MUST be or include the RP's Client ID", ['UI-SIGNED-AUD']),
    ]),
    section('§5.3.3', 'UserInfo Error Response', `${C}#UserInfoError`, [
      MUST('an error condition is answered with an RFC 6750 §3 error response (declarative)', [
        'UI-REFUSE-NO-TOKEN',
        'UI-REFUSE-TAMPERED-TOKEN',
        'UI-REFUSE-CHALLENGE',
        'UI-REFUSE-NO-OPENID-SCOPE',
      ]),
    ]),
    section('§5.3.4', 'UserInfo Response Validation', `${C}#UserInfoResponseValidation`, [
      MUST('the Client MUST validate the UserInfo Response (TLS server check; decryption when registered)', client()),
      SHOULD("a signed response SHOULD have its signature validated per JWS (the OP's signature must verify with its published keys)", [
        'UI-SIGNED-SIGNATURE',
      ]),
    ]),
    section('§5.4', 'Requesting Claims using Scope Values', `${C}#ScopeClaims`, [
      SHOULD(
        'the Claims the profile, email, address and phone scopes request are returned from the UserInfo Endpoint (declarative; the Claims are voluntary, so the harness grades it SHOULD)',
        ['UI-SCOPE-PROFILE', 'UI-SCOPE-EMAIL', 'UI-SCOPE-ADDRESS', 'UI-SCOPE-PHONE'],
      ),
      SHOULD(
        'the scope values granted determine the Claims available: those of a scope not granted are not returned (declarative, graded SHOULD)',
        ['UI-SCOPE-NOT-GRANTED'],
      ),
    ]),
    section('§9', 'Client Authentication', `${C}#ClientAuthentication`, [
      MUST(
        'a Client authenticates at the Token Endpoint with the method it registered: client_secret_basic, client_secret_post, client_secret_jwt (an HMAC JWT keyed with its secret) or private_key_jwt (a JWT signed with a key it registered) (declarative)',
        [
          'TOKEN-AUTH-BASIC-WORKS',
          'TOKEN-AUTH-POST-WORKS',
          'TOKEN-AUTH-CSJWT-WORKS',
          'TOKEN-AUTH-PKJWT-WORKS',
          'TOKEN-AUTH-PKJWT-JWKS-URI',
        ],
      ),
      MUST('the Authorization Server MUST verify that it is an intended audience of the client assertion', [
        'TOKEN-AUTH-PKJWT-WRONG-AUD',
        'TOKEN-AUTH-CSJWT-WRONG-AUD',
      ]),
      MUST(
        'client assertions MUST only be used once, unless the parties agreed otherwise (the server enforces it: graded SHOULD, since RFC 7523 §3 lets the server choose)',
        ['TOKEN-AUTH-PKJWT-JTI-REUSE', 'TOKEN-AUTH-CSJWT-JTI-REUSE'],
      ),
    ]),
    section('§10.1', 'Signing', `${C}#Signing`, [
      MUST('alg MUST be set to an appropriate algorithm as defined in JWA', proved(['TOKEN-ID-SIGNATURE'], 'tokens.id-token-alg-none')),
      MUST(
        'the signing key MUST be associated with a public key the signer publishes in its JWK Set',
        proved(
          [
            'DISC-JWKS-SIGNING-ALGS',
            'TOKEN-ID-SIGNATURE',
            'TOKEN-KEYS-ROTATED-ID-TOKEN',
            'TOKEN-KEYS-ROTATED-LOGOUT-TOKEN',
            'UI-SIGNED-SIGNATURE',
            'LOGOUT-BC-SIGNATURE',
          ],
          'tokens.id-token-foreign-key',
          'tokens.rotation-published-late',
          'tokens.rotation-logout-token-unpublished-key',
          'userinfo.signed-foreign-key',
          'logout.token-other-key',
        ),
      ),
      MUST(
        'if the JWK Set has several keys, a kid MUST be provided in the JOSE Header',
        proved(['TOKEN-KEYS-ROTATED-ID-TOKEN'], 'tokens.rotated-id-token-no-kid'),
      ),
      MUST(
        'the key usage of the respective keys MUST support signing',
        proved(['DISC-JWKS-SIGNING-ALGS'], 'discovery.signing-key-use-enc'),
      ),
      MUST(
        'symmetric signatures MUST NOT be used by public Clients',
        client('a rule for Clients that sign (request objects, client assertions), none of which the operations judged here use'),
      ),
    ]),
    section('§10.1.1', 'Rotation of Asymmetric Signing Keys', `${C}#RotateSigKeys`, [
      SHOULD('the JWK Set SHOULD retain recently decommissioned signing keys for a reasonable period', ['TOKEN-KEYS-OLD-TOKEN']),
    ]),
    section('§12.1', 'Refresh Request', `${C}#RefreshingAccessToken`, [
      MUST('the Client MUST authenticate to the Token Endpoint with the method registered for its client_id', client()),
      MUST('the Authorization Server MUST validate the Refresh Token', ['TOKEN-REFRESH-TAMPERED']),
      MUST('the Authorization Server MUST verify the Refresh Token was issued to the Client', ['TOKEN-REFRESH-OTHER-CLIENT']),
    ]),
    section('§12.2', 'Successful Refresh Response', `${C}#RefreshTokenResponse`, [
      MUST(
        "a refreshed ID Token's iss MUST be the same as in the original ID Token",
        proved(['TOKEN-ID-REFRESH'], 'tokens.refresh-id-token-iss-slash'),
      ),
      MUST(
        "a refreshed ID Token's sub MUST be the same as in the original ID Token",
        proved(['TOKEN-ID-REFRESH'], 'tokens.refresh-id-token-sub-client'),
      ),
      MUST(
        "a refreshed ID Token's iat MUST represent the time it is issued",
        proved(['TOKEN-ID-REFRESH'], 'tokens.refresh-id-token-iat-ahead'),
      ),
      MUST(
        "a refreshed ID Token's aud MUST be the same as in the original ID Token",
        proved(['TOKEN-ID-REFRESH'], 'tokens.refresh-id-token-aud-granted'),
      ),
      MUST(
        "a refreshed ID Token's auth_time, if present, MUST be the time of the original authentication",
        proved(['TOKEN-ID-REFRESH'], 'tokens.refresh-id-token-no-auth-time'),
      ),
      SHOULD('a refreshed ID Token SHOULD NOT have a nonce Claim', ['TOKEN-ID-REFRESH-NO-NONCE']),
      MUST(
        "a refreshed ID Token's nonce, if present, MUST be the same as in the original ID Token",
        proved(['TOKEN-ID-REFRESH'], 'tokens.refresh-id-token-other-nonce'),
      ),
    ]),
  ],
};
