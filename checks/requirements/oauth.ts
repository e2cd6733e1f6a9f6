// OAuth 2.0 under the operations: RFC 6749 (client passwords, redirection endpoint, the code grant, token
// responses), RFC 6750 (bearer tokens at userinfo, the configuration endpoint and /credentials) and RFC 7636 (PKCE).
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, secondParty, section, unobservable, type Standard } from './types.ts';

const R6749 = (s: string) => SPEC.rfc(6749, s);
const R6750 = (s: string) => SPEC.rfc(6750, s);
const R7636 = (s: string) => SPEC.rfc(7636, s);
const REDIRECT =
  'an authorization request with a redirect_uri that is not the registered one (another path, an added query) must be refused without a redirect';
const AUTHZ_PAGE = 'Hydra sends the user agent to its error page or the login/consent app (a second party), which tells the user';
const CODE_GRANT = 'the harness redeems its own codes once, correctly; the misuses are not tried';

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
      MUST(
        "the redirection URI's query component MUST be retained when parameters are added",
        gap('register a redirect URI with a query and check that the code response keeps it'),
      ),
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
        gap('a public client registered without redirect_uris must be refused, or unable to use the authorization endpoint'),
      ),
      SHOULD(
        'the authorization server SHOULD require all clients to register their redirection endpoint',
        gap('a confidential client registered without redirect_uris must be refused, or unable to use the authorization endpoint'),
      ),
      SHOULD('the authorization server SHOULD require the complete redirection URI', gap(REDIRECT)),
    ]),
    section('§3.1.2.3', 'Dynamic Configuration', R6749('3.1.2.3'), [
      MUST('a redirect_uri in the request MUST be compared with the registered ones; full URIs by simple string comparison', gap(REDIRECT)),
    ]),
    section('§3.1.2.4', 'Invalid Endpoint', R6749('3.1.2.4'), [
      SHOULD(
        'on a missing, invalid or mismatching redirection URI, the server SHOULD inform the resource owner of the error',
        secondParty(AUTHZ_PAGE),
      ),
      MUST('the server MUST NOT automatically redirect the user-agent to the invalid redirection URI', gap(REDIRECT)),
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
        gap("like VC-REFUSE-EXPIRED-NONCE: judge when the provider's code lifetime is below OIDC_WAIT_MS"),
      ),
      SHOULD(
        'a maximum authorization code lifetime of 10 minutes is RECOMMENDED',
        gap("judge, when the provider's code lifetime is below OIDC_WAIT_MS, that it is at most 10 minutes"),
      ),
      MUST('a code used more than once MUST be refused', gap('redeem the same code twice: the second must get invalid_grant')),
      SHOULD(
        'on a reused code, all tokens issued from it SHOULD be revoked',
        gap('after the replay, the first access token must stop working'),
      ),
      MUST('state is REQUIRED in the response if it was in the request: the exact value received', ['TOKEN-CODE-FLOW']),
      SHOULD('the authorization server SHOULD document the size of any value it issues', unobservable('documentation, not behaviour')),
    ]),
    section('§4.1.2.1', 'Error Response', R6749('4.1.2.1'), [
      MUST('on a missing or invalid client identifier the server MUST NOT redirect the user-agent', ['REG-DELETE-AUTHZ-REFUSED']),
      MUST('on a missing, invalid or mismatching redirection URI the server MUST NOT redirect to it', gap(REDIRECT)),
      MUST('error is REQUIRED in an error redirect', ['LOGOUT-SESSION-ENDED']),
      MUST(
        'state is REQUIRED in an error redirect if it was in the request',
        gap('LOGOUT-SESSION-ENDED reads the error of a prompt=none redirect, not its state'),
      ),
    ]),
    section('§4.1.3', 'Access Token Request', R6749('4.1.3'), [
      MUST('the server MUST require client authentication for confidential clients', gap(CODE_GRANT)),
      MUST('the server MUST authenticate the client if client authentication is included (judged on the client_credentials grant)', [
        'TOKEN-AUTH-WRONG-SECRET',
      ]),
      MUST(
        'the server MUST ensure the code was issued to the authenticated client (or to the client_id of a public client)',
        gap(CODE_GRANT),
      ),
      MUST('the server MUST verify that the authorization code is valid', gap(CODE_GRANT)),
      MUST('the server MUST ensure redirect_uri is present and identical when it was in the authorization request', gap(CODE_GRANT)),
    ]),
    section('§4.1.4', 'Access Token Response', R6749('4.1.4'), [
      MUST('a valid code exchange is answered with an access token as in §5.1 (declarative)', ['TOKEN-CODE-FLOW']),
    ]),
    section('§4.4', 'Client Credentials Grant', R6749('4.4'), [
      MUST('the client credentials grant MUST only be used by confidential clients', ['TOKEN-AUTH-NONE-CLIENT-CREDENTIALS']),
    ]),
    section('§5.1', 'Successful Response', R6749('5.1'), [
      MUST('access_token and token_type are REQUIRED', ['TOKEN-RESPONSE-SCHEMA']),
      SHOULD('expires_in is RECOMMENDED', gap('the token response schema allows it to be left out; a SHOULD check would warn')),
      MUST('scope is REQUIRED when it differs from the scope requested', gap('compare the granted scope with the requested one')),
      MUST('the parameters are in the body as application/json (declarative)', ['TOKEN-RESPONSE-JSON']),
      MUST('responses with tokens or credentials MUST carry Cache-Control: no-store', ['TOKEN-RESPONSE-NO-STORE']),
      MUST('such responses MUST also carry Pragma: no-cache', ['TOKEN-RESPONSE-PRAGMA']),
      MUST('the client MUST ignore unrecognized value names', client()),
    ]),
    section('§5.2', 'Error Response', R6749('5.2'), [
      MUST('an error is answered 400 (unless specified otherwise) with error REQUIRED, one of the codes given (declarative)', [
        'TOKEN-AUTH-WRONG-SECRET',
        'REG-DELETE-CREDENTIALS-REVOKED',
      ]),
      MUST(
        'a client that authenticated with the Authorization header and failed MUST get 401 with a WWW-Authenticate matching its scheme',
        ['TOKEN-AUTH-WWW-AUTHENTICATE'],
      ),
      MUST(
        'error, error_description and error_uri MUST NOT use characters outside the sets given (judged on registration errors, which RFC 7591 §3.2.2 builds on these)',
        ['REG-FUZZ-ERROR-BODY'],
      ),
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
      MUST('resource servers MUST support the Authorization: Bearer request header', [
        'UI-GET-BEARER',
        'UI-POST-BEARER',
        'REG-READ-STATUS-200',
      ]),
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
      SHOULD('the query method SHOULD NOT be used unless the header and body are impossible; resource servers MAY support it', [
        'UI-QUERY-TOKEN-REFUSED',
      ]),
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
      MUST('the Bearer scheme MUST be followed by one or more auth-param values', gap('the challenge checks accept a bare "Bearer"')),
      SHOULD('a request whose access token failed authentication SHOULD get the error attribute (invalid_token for an invalid token)', [
        'UI-REFUSE-INVALID-TOKEN-CODE',
      ]),
      MUST(
        'realm, scope, error, error_description and error_uri MUST NOT appear more than once',
        gap('parse every challenge attribute and count it'),
      ),
      MUST(
        'scope, error, error_description and error_uri values MUST NOT use characters outside the sets given',
        gap('parse every challenge attribute and check its characters'),
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
      SHOULD('invalid_token SHOULD be answered 401', ['UI-REFUSE-STATUS-401', 'REG-AUTH-WRONG', 'VC-REFUSE-INVALID-TOKEN']),
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
      MUST('a client capable of S256 MUST use it: S256 is Mandatory To Implement on the server', ['DISC-PKCE-S256', 'TOKEN-CODE-FLOW']),
    ]),
    section('§4.6', 'Server Verifies code_verifier before Returning the Tokens', R7636('4.6'), [
      MUST('the token endpoint MUST verify code_verifier with the code_challenge_method bound to the code', ['TOKEN-CODE-FLOW']),
      MUST('S256: BASE64URL(SHA256(code_verifier)) equal to code_challenge MUST continue as normal', ['TOKEN-CODE-FLOW']),
      MUST(
        'a code_verifier that does not match MUST get an invalid_grant error',
        gap('redeem a code with a wrong code_verifier: it must get invalid_grant (and the right one must still work)'),
      ),
    ]),
  ],
};
