// OAuth 2.0 under the operations: RFC 6749 (client passwords, redirection endpoint, the code grant, token
// responses), RFC 6750 (bearer tokens at userinfo, the configuration endpoint and /credentials) and RFC 7636 (PKCE).
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, proved, secondParty, section, unobservable, type Standard } from './types.ts';

const R6749 = (s: string) => SPEC.rfc(6749, s);
const R6750 = (s: string) => SPEC.rfc(6750, s);
const R7636 = (s: string) => SPEC.rfc(7636, s);
const R7009 = (s: string) => SPEC.rfc(7009, s);
const R7523 = (s: string) => SPEC.rfc(7523, s);
/** RFC 6750 §3's challenge syntax, judged on the refusals of userinfo, /credentials and registration management. */
const CHALLENGE_SYNTAX_CHECKS = ['UI-REFUSE-CHALLENGE-SYNTAX', 'VC-CHALLENGE-SYNTAX', 'REG-AUTH-CHALLENGE-SYNTAX'];
const AUTHZ_PAGE = 'Hydra sends the user agent to its error page or the login/consent app (a second party), which tells the user';
/** A rule that needs a code (or token) past its lifetime: the run waits at most OIDC_WAIT_MS for anything. */
const LIFETIME = (what: string, hydra: string) =>
  `needs a deployment whose ${what} lifetime is below the run's wait bound (OIDC_WAIT_MS, 10 s): this one's, like Hydra's default (${hydra}), is longer, so a check would redeem one past its lifetime only on a deployment configured for it`;

export const RFC6749: Standard = {
  key: 'rfc6749',
  short: 'RFC 6749',
  name: 'RFC 6749: The OAuth 2.0 Authorization Framework',
  url: SPEC.rfc(6749),
  edition: 'RFC 6749 (October 2012)',
  sections: [
    section('§2.3.1', 'Client Password', R6749('2.3.1'), [
      MUST('the authorization server MUST support HTTP Basic for clients issued a client password', ['TOKEN-AUTH-BASIC-WORKS']),
      SHOULD('credentials in the request body are NOT RECOMMENDED and SHOULD be limited to clients unable to use HTTP Basic', [
        'TOKEN-AUTH-BASIC-REFUSES-POST',
      ]),
      MUST(
        'the client credentials MUST NOT be included in the request URI',
        client("the client sends them; REG-AUTH-DOCS-POST notes Ory's docs asking for a secret in a query"),
      ),
      MUST('the authorization server MUST require TLS for password authentication', ['DISC-HTTPS-ENDPOINTS']),
      MUST(
        'endpoints using password authentication MUST be protected against brute force attacks',
        unobservable(
          'rate limits and lockouts usually sit in front of the provider; a run cannot tell them apart without hammering the target',
        ),
      ),
    ]),
    section('§3.1.2', 'Redirection Endpoint', R6749('3.1.2'), [
      MUST('the redirection endpoint URI MUST be an absolute URI', ['REG-CREATE-REDIRECT-RELATIVE']),
      MUST("the redirection URI's query component MUST be retained when parameters are added", ['REG-REDIRECT-QUERY-KEPT']),
      MUST('the endpoint URI MUST NOT include a fragment component', ['REG-CREATE-REDIRECT-FRAGMENT', 'REG-UPDATE-INVALID-REFUSED']),
    ]),
    section('§3.1.2.1', 'Endpoint Request Confidentiality', R6749('3.1.2.1'), [
      SHOULD(
        'the redirection endpoint SHOULD require TLS for the code and token response types',
        client("the redirection endpoint is the client's"),
      ),
      SHOULD('without TLS, the authorization server SHOULD warn the resource owner before redirecting', secondParty(AUTHZ_PAGE)),
    ]),
    section('§3.1.2.2', 'Registration Requirements', R6749('3.1.2.2'), [
      MUST(
        'the authorization server MUST require public clients and implicit-grant confidential clients to register their redirection endpoint',
        ['REG-REDIRECT-URIS-REQUIRED-PUBLIC'],
      ),
      SHOULD('the authorization server SHOULD require all clients to register their redirection endpoint', [
        'REG-REDIRECT-URIS-REQUIRED-CONFIDENTIAL',
      ]),
      SHOULD('the authorization server SHOULD require the complete redirection URI', ['REG-REDIRECT-EXACT']),
    ]),
    section('§3.1.2.3', 'Dynamic Configuration', R6749('3.1.2.3'), [
      MUST('a redirect_uri in the request MUST be compared with the registered ones; full URIs by simple string comparison', [
        'REG-REDIRECT-EXACT',
        'REG-REDIRECT-QUERY-ADDED',
        'REG-REDIRECT-QUERY-MISMATCH',
      ]),
    ]),
    section('§3.1.2.4', 'Invalid Endpoint', R6749('3.1.2.4'), [
      SHOULD('on a missing, invalid or mismatching redirection URI, the server SHOULD inform the resource owner of the error', [
        'REG-REDIRECT-ERROR-SHOWN',
      ]),
      MUST('the server MUST NOT automatically redirect the user-agent to the invalid redirection URI', ['REG-REDIRECT-ERROR-SHOWN']),
    ]),
    section('§3.1.2.5', 'Endpoint Content', R6749('3.1.2.5'), [
      SHOULD('the client SHOULD NOT include third-party scripts in the redirection endpoint response', client()),
    ]),
    section('§4.1.1', 'Authorization Request', R6749('4.1.1'), [
      SHOULD(
        'state is RECOMMENDED and SHOULD be used against cross-site request forgery',
        client('the RP sends it; the harness does (TOKEN-CODE-FLOW)'),
      ),
    ]),
    section('§4.1.2', 'Authorization Response', R6749('4.1.2'), [
      MUST(
        'the authorization code MUST expire shortly after it is issued',
        gap(LIFETIME('authorization code', 'ttl.auth_code, 10 minutes')),
      ),
      SHOULD(
        'a maximum authorization code lifetime of 10 minutes is RECOMMENDED',
        gap(LIFETIME('authorization code', 'ttl.auth_code, 10 minutes')),
      ),
      MUST('a code used more than once MUST be refused', ['TOKEN-CODE-REUSE']),
      SHOULD('on a reused code, all tokens issued from it SHOULD be revoked', ['TOKEN-CODE-REUSE-REVOKES']),
      MUST(
        'state is REQUIRED in the response if it was in the request: the exact value received',
        proved(['TOKEN-CODE-FLOW', 'REG-REDIRECT-QUERY-KEPT'], 'tokens.authorize-state-cut'),
      ),
      SHOULD('the authorization server SHOULD document the size of any value it issues', unobservable('documentation, not behaviour')),
    ]),
    section('§4.1.2.1', 'Error Response', R6749('4.1.2.1'), [
      MUST(
        'on a missing or invalid client identifier the server MUST NOT redirect the user-agent',
        proved(['REG-DELETE-AUTHZ-REFUSED'], 'registration.delete-authorize-cache'),
      ),
      MUST('on a missing, invalid or mismatching redirection URI the server MUST NOT redirect to it', ['REG-REDIRECT-ERROR-SHOWN']),
      MUST('error is REQUIRED in an error redirect', proved(['TOKEN-AUTHZ-ERROR-STATE'], 'tokens.error-redirect-without-error')),
      MUST(
        'state is REQUIRED in an error redirect if it was in the request',
        proved(['TOKEN-AUTHZ-ERROR-STATE'], 'tokens.error-redirect-without-state'),
      ),
    ]),
    section('§4.1.3', 'Access Token Request', R6749('4.1.3'), [
      MUST('the server MUST require client authentication for confidential clients', ['TOKEN-CODE-NO-CLIENT-AUTH']),
      MUST('the server MUST authenticate the client if client authentication is included (judged on the client_credentials grant)', [
        'TOKEN-AUTH-WRONG-SECRET',
      ]),
      MUST('the server MUST ensure the code was issued to the authenticated client (or to the client_id of a public client)', [
        'TOKEN-CODE-OTHER-CLIENT',
      ]),
      MUST('the server MUST verify that the authorization code is valid (a spent code is not)', ['TOKEN-CODE-REUSE']),
      MUST('the server MUST ensure redirect_uri is present and identical when it was in the authorization request', [
        'TOKEN-CODE-OTHER-REDIRECT-URI',
        'TOKEN-CODE-NO-REDIRECT-URI',
      ]),
    ]),
    section('§4.1.4', 'Access Token Response', R6749('4.1.4'), [
      MUST(
        'a valid code exchange is answered with an access token as in §5.1 (declarative)',
        proved(['TOKEN-CODE-FLOW'], 'tokens.pkce-hex-digest', 'tokens.code-exchange-server-error'),
      ),
    ]),
    section('§4.4', 'Client Credentials Grant', R6749('4.4'), [
      MUST('the client credentials grant MUST only be used by confidential clients', ['TOKEN-AUTH-NONE-CLIENT-CREDENTIALS']),
    ]),
    section('§5.1', 'Successful Response', R6749('5.1'), [
      MUST('access_token and token_type are REQUIRED', proved(['TOKEN-RESPONSE-SCHEMA'], 'tokens.token-type-mac')),
      SHOULD('expires_in is RECOMMENDED', ['TOKEN-RESPONSE-EXPIRES-IN']),
      MUST('scope is REQUIRED when it differs from the scope requested', ['TOKEN-RESPONSE-SCOPE']),
      MUST('the parameters are in the body as application/json (declarative)', ['TOKEN-RESPONSE-JSON']),
      MUST('responses with tokens or credentials MUST carry Cache-Control: no-store', ['TOKEN-RESPONSE-NO-STORE']),
      MUST('such responses MUST also carry Pragma: no-cache', ['TOKEN-RESPONSE-PRAGMA']),
      MUST('the client MUST ignore unrecognized value names', client()),
    ]),
    section('§5.2', 'Error Response', R6749('5.2'), [
      MUST('an error is answered 400 (unless specified otherwise) with error REQUIRED, one of the codes given (declarative)', [
        'TOKEN-AUTH-WRONG-SECRET',
        'REG-DELETE-CREDENTIALS-REVOKED',
        'TOKEN-CODE-REUSE',
        'TOKEN-CODE-OTHER-CLIENT',
        'TOKEN-REFRESH-OTHER-CLIENT',
        'TOKEN-PKCE-WRONG-VERIFIER',
      ]),
      MUST(
        'a client that authenticated with the Authorization header and failed MUST get 401 with a WWW-Authenticate matching its scheme',
        ['TOKEN-AUTH-WWW-AUTHENTICATE'],
      ),
      MUST(
        'error, error_description and error_uri MUST NOT use characters outside the sets given (judged on registration errors, which RFC 7591 §3.2.2 builds on these)',
        proved(['REG-FUZZ-ERROR-BODY'], 'registration.decode-error-quoted'),
      ),
    ]),
    section('§6', 'Refreshing an Access Token', R6749('6'), [
      MUST('the server MUST require client authentication for confidential clients', ['TOKEN-REFRESH-NO-CLIENT-AUTH']),
      MUST('the server MUST authenticate the client and ensure the refresh token was issued to the authenticated client', [
        'TOKEN-REFRESH-OTHER-CLIENT',
      ]),
      MUST('the server MUST validate the refresh token', ['TOKEN-REFRESH-TAMPERED']),
      MUST('a new refresh token MUST have the scope of the one the client presented', ['TOKEN-REFRESH-SCOPE']),
    ]),
    section('§10.10', 'Credentials-Guessing Attacks', R6749('10.10'), [
      MUST('the probability of guessing generated credentials MUST be at most 2^-128', ['REG-CREATE-SECRET-STRENGTH']),
      SHOULD(
        'that probability SHOULD be at most 2^-160',
        gap('REG-CREATE-SECRET-STRENGTH holds secrets to 2^-128; a SHOULD check at 160 bits would warn'),
      ),
    ]),
  ],
};

export const RFC6750: Standard = {
  key: 'rfc6750',
  short: 'RFC 6750',
  name: 'RFC 6750: The OAuth 2.0 Authorization Framework: Bearer Token Usage',
  url: SPEC.rfc(6750),
  edition: 'RFC 6750 (October 2012)',
  sections: [
    section('§2.1', 'Authorization Request Header Field', R6750('2.1'), [
      MUST(
        'resource servers MUST support the Authorization: Bearer request header',
        proved(['UI-GET-BEARER', 'UI-POST-BEARER', 'REG-READ-STATUS-200'], 'userinfo.post-bearer-ignored'),
      ),
      MUST('the credentials are "Bearer" and a b64token (declarative syntax)', ['REG-AUTH-MALFORMED']),
      SHOULD('clients SHOULD make authenticated requests with the Authorization header', client()),
    ]),
    section('§2.2', 'Form-Encoded Body Parameter', R6750('2.2'), [
      MUST('the GET method MUST NOT be used with the form-encoded body method', client()),
      SHOULD(
        'clients SHOULD NOT use this method unless browsers cannot use the Authorization header',
        client("the client chooses; Ory documents the form method (UI-POST-FORM, under Ory's contract)"),
      ),
    ]),
    section('§2.3', 'URI Query Parameter', R6750('2.3'), [
      SHOULD('clients using the query method SHOULD send Cache-Control: no-store', client()),
      SHOULD('2XX responses to query-token requests SHOULD carry Cache-Control: private', ['UI-QUERY-TOKEN-PRIVATE']),
      SHOULD(
        'the query method SHOULD NOT be used unless the header and body are impossible (resource servers MAY support it; the harness reads it as a SHOULD of the server not to take the token there)',
        ['UI-QUERY-TOKEN-REFUSED', 'VC-QUERY-TOKEN-REFUSED'],
      ),
    ]),
    section('§3', 'The WWW-Authenticate Response Header Field', R6750('3'), [
      MUST('a request without credentials, or without a token that enables access, is refused and MUST get a WWW-Authenticate header', [
        'UI-REFUSE-NO-TOKEN',
        'UI-REFUSE-CHALLENGE',
        'REG-AUTH-MISSING',
        'REG-AUTH-WWW-AUTHENTICATE',
        'VC-CHALLENGE',
      ]),
      MUST('challenges MUST use the auth-scheme Bearer', ['UI-REFUSE-CHALLENGE', 'REG-AUTH-WWW-AUTHENTICATE', 'VC-CHALLENGE']),
      MUST(
        'the Bearer scheme MUST be followed by one or more auth-param values',
        proved(
          CHALLENGE_SYNTAX_CHECKS,
          'userinfo.challenge-without-params',
          'credentials.challenge-without-params',
          'registration.auth-challenge-without-params-get',
          'registration.auth-challenge-without-params-put',
          'registration.auth-challenge-without-params-delete',
        ),
      ),
      SHOULD('a request whose access token failed authentication SHOULD get the error attribute (invalid_token for an invalid token)', [
        'UI-REFUSE-INVALID-TOKEN-CODE',
      ]),
      MUST(
        'realm, scope, error, error_description and error_uri MUST NOT appear more than once',
        proved(CHALLENGE_SYNTAX_CHECKS, 'userinfo.challenge-error-repeated'),
      ),
      MUST(
        'scope, error, error_description and error_uri values MUST NOT use characters outside the sets given',
        proved(CHALLENGE_SYNTAX_CHECKS, 'userinfo.challenge-description-quoted'),
      ),
    ]),
    section('§3.1', 'Error Codes', R6750('3.1'), [
      MUST(
        'a failed request gets an error code: an expired, revoked, malformed or otherwise invalid token is invalid_token, and is refused (declarative)',
        [
          'UI-REFUSE-TAMPERED-TOKEN',
          'UI-REFUSE-REFRESH-TOKEN',
          'UI-REFUSE-REVOKED-TOKEN',
          'REG-AUTH-WRONG',
          'REG-AUTH-OTHER-CLIENT',
          'REG-AUTH-DELETED-CLIENT',
          'VC-REFUSE-INVALID-TOKEN',
          'VC-REFUSE-REVOKED-TOKEN',
        ],
      ),
      SHOULD(
        'invalid_request SHOULD be answered 400',
        gap(
          'a request that presents the token twice (header and body) must get 400 invalid_request; REG-AUTH-MALFORMED accepts 400 or 401',
        ),
      ),
      SHOULD(
        'invalid_token SHOULD be answered 401',
        proved(['UI-REFUSE-STATUS-401', 'REG-AUTH-WRONG', 'VC-REFUSE-INVALID-TOKEN'], 'userinfo.status-400'),
      ),
      MUST('a token without the scope the request needs is refused: insufficient_scope (declarative)', [
        'UI-REFUSE-NO-OPENID-SCOPE',
        'VC-REFUSE-NO-VC-SCOPE',
      ]),
      SHOULD(
        'insufficient_scope SHOULD be answered 403',
        gap(
          'UI-REFUSE-NO-OPENID-SCOPE accepts 401 or 403 (invalid_token is a fair answer too); a SHOULD check would ask 403 of an insufficient_scope answer',
        ),
      ),
      SHOULD('a request without any authentication information SHOULD NOT get an error code', ['UI-REFUSE-NO-TOKEN-NO-CODE']),
    ]),
  ],
};

export const RFC8414: Standard = {
  key: 'rfc8414',
  short: 'RFC 8414',
  name: 'RFC 8414: OAuth 2.0 Authorization Server Metadata',
  url: SPEC.rfc(8414),
  edition: 'RFC 8414 (June 2018); only what OpenID Connect Discovery 1.0 leaves open',
  sections: [
    section('§2', 'Authorization Server Metadata', SPEC.rfc(8414, '2'), [
      MUST('token_endpoint_auth_signing_alg_values_supported MUST be present if private_key_jwt or client_secret_jwt is advertised', [
        'DISC-TOKEN-AUTH-SIGNING-ALGS',
      ]),
      MUST('none MUST NOT be used in token_endpoint_auth_signing_alg_values_supported', ['DISC-TOKEN-AUTH-SIGNING-NO-NONE']),
    ]),
  ],
};

export const RFC7636: Standard = {
  key: 'rfc7636',
  short: 'RFC 7636',
  name: 'RFC 7636: Proof Key for Code Exchange (PKCE)',
  url: SPEC.rfc(7636),
  edition: 'RFC 7636 (September 2015)',
  sections: [
    section('§4.2', 'Client Creates the Code Challenge', R7636('4.2'), [
      MUST(
        'a client capable of S256 MUST use it: S256 is Mandatory To Implement on the server',
        proved(['DISC-PKCE-S256', 'TOKEN-CODE-FLOW'], 'discovery.pkce-plain-only', 'tokens.pkce-hex-digest'),
      ),
    ]),
    section('§4.4.1', 'Error Response', R7636('4.4.1'), [
      MUST('a server that requires PKCE of public clients MUST answer a request without code_challenge with invalid_request', [
        'TOKEN-PKCE-PUBLIC-REQUIRED',
      ]),
      MUST(
        'a server that does not support the requested transformation MUST answer invalid_request',
        proved(['TOKEN-PKCE-PLAIN'], 'tokens.pkce-plain-unadvertised'),
      ),
    ]),
    section('§4.5', 'Client Sends the Authorization Code and the Code Verifier to the Token Endpoint', R7636('4.5'), [
      MUST('code_verifier is REQUIRED in the token request of a code whose authorization request carried a challenge (declarative)', [
        'TOKEN-PKCE-NO-VERIFIER',
      ]),
    ]),
    section('§4.6', 'Server Verifies code_verifier before Returning the Tokens', R7636('4.6'), [
      MUST(
        'the token endpoint MUST verify code_verifier with the code_challenge_method bound to the code',
        proved(
          ['TOKEN-PKCE-WRONG-VERIFIER', 'TOKEN-PKCE-NO-VERIFIER', 'TOKEN-PKCE-PLAIN'],
          'tokens.pkce-verifier-unchecked',
          'tokens.pkce-verifier-optional',
          'tokens.pkce-plain-unchecked',
        ),
      ),
      MUST(
        'S256: BASE64URL(SHA256(code_verifier)) equal to code_challenge MUST continue as normal',
        proved(['TOKEN-CODE-FLOW'], 'tokens.pkce-hex-digest'),
      ),
      MUST('a code_verifier that does not match MUST get an invalid_grant error', ['TOKEN-PKCE-WRONG-VERIFIER']),
    ]),
  ],
};

export const RFC7009: Standard = {
  key: 'rfc7009',
  short: 'RFC 7009',
  name: 'RFC 7009: OAuth 2.0 Token Revocation',
  url: SPEC.rfc(7009),
  edition: 'RFC 7009 (August 2013); what the checks of tokens revoked before use rest on',
  sections: [
    section('§2', 'Token Revocation', R7009('2'), [
      MUST('implementations MUST support the revocation of refresh tokens', ['TOKEN-REVOKE-REFRESH-TOKEN']),
      SHOULD('implementations SHOULD support the revocation of access tokens', ['TOKEN-REVOKE-ACCESS-TOKEN', 'UI-REFUSE-REVOKED-TOKEN']),
    ]),
    section('§2.1', 'Revocation Request', R7009('2.1'), [
      MUST(
        'the server validates the client credentials and that the token was issued to the client, and refuses the request otherwise (declarative)',
        ['TOKEN-REVOKE-OTHER-CLIENT'],
      ),
      MUST('the server invalidates the token: it can no longer be used (declarative)', [
        'UI-REFUSE-REVOKED-TOKEN',
        'VC-REFUSE-REVOKED-TOKEN',
      ]),
    ]),
    section('§2.2', 'Revocation Response', R7009('2.2'), [
      MUST('the server responds with 200 if the token has been revoked successfully or was invalid (declarative)', [
        'TOKEN-REVOKE-ACCESS-TOKEN',
      ]),
    ]),
  ],
};

export const RFC7523: Standard = {
  key: 'rfc7523',
  short: 'RFC 7523',
  name: 'RFC 7523: JWT Profile for OAuth 2.0 Client Authentication and Authorization Grants',
  url: SPEC.rfc(7523),
  edition: 'RFC 7523 (May 2015); client authentication (private_key_jwt, client_secret_jwt) only',
  sections: [
    section('§2.2', 'Using JWTs for Client Authentication', R7523('2.2'), [
      MUST(
        'client_assertion_type MUST be urn:ietf:params:oauth:client-assertion-type:jwt-bearer and client_assertion MUST hold a single JWT',
        client('the client builds the request; the harness does'),
      ),
    ]),
    section('§3', 'JWT Format and Processing Requirements', R7523('3'), [
      MUST('for client authentication, iss and sub MUST be the client_id (and the server MUST validate the JWT by this)', [
        'TOKEN-AUTH-PKJWT-NOT-CLIENT-ID',
        'TOKEN-AUTH-CSJWT-NOT-CLIENT-ID',
      ]),
      MUST('the authorization server MUST reject any JWT that does not contain its own identity as the intended audience', [
        'TOKEN-AUTH-PKJWT-WRONG-AUD',
        'TOKEN-AUTH-CSJWT-WRONG-AUD',
      ]),
      MUST('the authorization server MUST reject any JWT with an expiration time that has passed', [
        'TOKEN-AUTH-PKJWT-EXPIRED',
        'TOKEN-AUTH-CSJWT-EXPIRED',
      ]),
      MUST('the JWT MUST be digitally signed or have a MAC applied; the server MUST reject JWTs with an invalid signature or MAC', [
        'TOKEN-AUTH-PKJWT-BAD-SIGNATURE',
        'TOKEN-AUTH-PKJWT-ALG-NONE',
        'TOKEN-AUTH-CSJWT-BAD-SIGNATURE',
        'TOKEN-AUTH-CSJWT-ALG-NONE',
      ]),
      MUST('the JWT MUST contain an exp claim', ['TOKEN-AUTH-PKJWT-NO-EXP', 'TOKEN-AUTH-CSJWT-NO-EXP']),
      MUST('the authorization server MUST NOT accept a JWT before the time in its nbf claim', [
        'TOKEN-AUTH-PKJWT-NOT-YET-VALID',
        'TOKEN-AUTH-CSJWT-NOT-YET-VALID',
      ]),
    ]),
    section('§3.2', 'Client Authentication Processing', R7523('3.2'), [
      MUST('an invalid client assertion MUST be answered with the invalid_client error', [
        'TOKEN-AUTH-PKJWT-BAD-SIGNATURE',
        'TOKEN-AUTH-PKJWT-WRONG-AUD',
        'TOKEN-AUTH-PKJWT-EXPIRED',
        'TOKEN-AUTH-PKJWT-ALG-NONE',
        'TOKEN-AUTH-CSJWT-BAD-SIGNATURE',
        'TOKEN-AUTH-CSJWT-WRONG-AUD',
        'TOKEN-AUTH-CSJWT-EXPIRED',
        'TOKEN-AUTH-CSJWT-ALG-NONE',
        'TOKEN-AUTH-PKJWT-NO-EXP',
        'TOKEN-AUTH-PKJWT-NOT-YET-VALID',
        'TOKEN-AUTH-PKJWT-NOT-CLIENT-ID',
        'TOKEN-AUTH-CSJWT-NO-EXP',
        'TOKEN-AUTH-CSJWT-NOT-YET-VALID',
        'TOKEN-AUTH-CSJWT-NOT-CLIENT-ID',
      ]),
    ]),
  ],
};

const R8705 = (s: string) => SPEC.rfc(8705, s);

export const RFC8705: Standard = {
  key: 'rfc8705',
  short: 'RFC 8705',
  name: 'RFC 8705: OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens',
  url: SPEC.rfc(8705),
  edition: 'RFC 8705 (February 2020); client authentication (§2) only, judged where the provider advertises the method',
  sections: [
    section('§2', 'Mutual TLS for OAuth Client Authentication', R8705('2'), [
      MUST('the authorization server MUST enforce the binding between the client and its certificate (§2.1 or §2.2)', [
        'TOKEN-MTLS-PKI-OTHER-SUBJECT',
        'TOKEN-MTLS-SELF-SIGNED-OTHER-KEY',
      ]),
      MUST("no certificate, or one that does not match the client's, is answered with the invalid_client error (declarative)", [
        'TOKEN-MTLS-PKI-NO-CERTIFICATE',
        'TOKEN-MTLS-PKI-OTHER-SUBJECT',
        'TOKEN-MTLS-SELF-SIGNED-OTHER-KEY',
      ]),
      MUST(
        'a client authenticating with mutual TLS MUST include client_id in its requests',
        client('the client builds the request; the harness does'),
      ),
    ]),
    section('§2.1', 'PKI Mutual-TLS Method', R8705('2.1'), [
      MUST(
        'a tls_client_auth client is authenticated when its certificate, valid under a trusted CA, matches the one subject value registered for it (declarative)',
        ['TOKEN-MTLS-PKI-WORKS', 'TOKEN-MTLS-PKI-OTHER-SUBJECT'],
      ),
    ]),
    section('§2.1.2', 'Client Registration Metadata', R8705('2.1.2'), [
      MUST(
        'a tls_client_auth client MUST use exactly one of the subject metadata parameters (the server refuses a registration with none, and keeps the one given)',
        ['REG-MTLS-PKI-NO-SUBJECT', 'REG-MTLS-PKI-REGISTERED'],
      ),
    ]),
    section('§2.2', 'Self-Signed Certificate Mutual-TLS Method', R8705('2.2'), [
      MUST(
        'a self_signed_tls_client_auth client is authenticated when the certificate it presents matches one it registered (declarative)',
        ['TOKEN-MTLS-SELF-SIGNED-WORKS', 'TOKEN-MTLS-SELF-SIGNED-OTHER-KEY'],
      ),
    ]),
    section('§2.2.2', 'Client Registration Metadata', R8705('2.2.2'), [
      MUST('the client registers its certificates as keys (x5c) in jwks or jwks_uri, and the server keeps them (declarative)', [
        'REG-MTLS-SELF-SIGNED-REGISTERED',
      ]),
    ]),
  ],
};
