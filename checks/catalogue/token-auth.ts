// Client authentication at the token endpoint for dynamically registered clients: the secret works,
// with the registered method only (oauth2TokenExchange, POST /oauth2/token, client_credentials).
import { checksFor } from './types.ts';
import { SPEC } from './specs.ts';

// A SHOULD of the standards; enforcing the registered method is Ory's documented contract (Hydra: invalid_client,
// "supports client authentication method X, but method Y was requested"), so in the `ory` profile it fails the run.
const BINDING = {
  clause: 'RFC 7591 §2 (token_endpoint_auth_method); OpenID Connect Core 1.0 §9; Ory: the registered method only',
  url: SPEC.rfc(7591, '2'),
};

export const TOKEN = checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
  BASIC_WORKS: {
    id: 'TOKEN-AUTH-BASIC-WORKS',
    severity: 'MUST',
    clause: 'RFC 6749 §2.3.1',
    url: SPEC.rfc(6749, '2.3.1'),
    rule: 'a client_secret_basic client gets a token with its id and secret in HTTP Basic',
  },
  POST_WORKS: {
    id: 'TOKEN-AUTH-POST-WORKS',
    severity: 'MUST',
    clause: 'RFC 6749 §2.3.1; RFC 7591 §2; Discovery 1.0 §3 (token_endpoint_auth_methods_supported)',
    url: SPEC.rfc(6749, '2.3.1'),
    rule: 'a client_secret_post client gets a token with client_id and client_secret in the form body (when the provider advertises client_secret_post)',
  },
  BASIC_REFUSES_POST: {
    id: 'TOKEN-AUTH-BASIC-REFUSES-POST',
    severity: 'SHOULD',
    orySeverity: 'ORY',
    ...BINDING,
    rule: 'a client_secret_basic client that sends its secret in the form body is refused with invalid_client',
  },
  POST_REFUSES_BASIC: {
    id: 'TOKEN-AUTH-POST-REFUSES-BASIC',
    severity: 'SHOULD',
    orySeverity: 'ORY',
    ...BINDING,
    rule: 'a client_secret_post client that sends its secret in HTTP Basic is refused with invalid_client',
  },
  NONE_SECRET: {
    id: 'TOKEN-AUTH-NONE-SECRET',
    severity: 'SHOULD',
    orySeverity: 'ORY',
    ...BINDING,
    rule: 'a public client (none) that presents a secret is refused with invalid_client',
  },
  NONE_CLIENT_CREDENTIALS: {
    id: 'TOKEN-AUTH-NONE-CLIENT-CREDENTIALS',
    severity: 'MUST',
    clause: 'RFC 6749 §4.4, §2.1',
    url: SPEC.rfc(6749, '4.4'),
    rule: 'a public client (none) gets no token from the client_credentials grant',
  },
  WRONG_SECRET: {
    id: 'TOKEN-AUTH-WRONG-SECRET',
    severity: 'MUST',
    clause: 'RFC 6749 §5.2 (invalid_client)',
    url: SPEC.rfc(6749, '5.2'),
    rule: 'a wrong secret is refused with invalid_client',
  },
  WWW_AUTHENTICATE: {
    id: 'TOKEN-AUTH-WWW-AUTHENTICATE',
    severity: 'MUST',
    clause: 'RFC 6749 §5.2',
    url: SPEC.rfc(6749, '5.2'),
    rule: 'a client that failed authentication with HTTP Basic gets 401 with a WWW-Authenticate header',
  },
});

// Ory's contract: what Hydra's token endpoint offers is advertised (in the ory profile a provider cannot declare it away).
export const ORY_TOKEN = checksFor('oauth2TokenExchange', 'GET /.well-known/openid-configuration', {
  OFFERS: {
    id: 'TOKEN-ORY-OFFERS',
    severity: 'ORY',
    clause: 'Ory API reference: oauth2TokenExchange (grant types and client authentication methods); discoverOidcConfiguration',
    url: SPEC.ory('oauth2TokenExchange'),
    rule: "discovery advertises what Ory's token endpoint offers: client_credentials in grant_types_supported; client_secret_basic, client_secret_post, private_key_jwt and none in token_endpoint_auth_methods_supported",
  },
});

/** The client assertion methods of RFC 7523 and OpenID Connect Core 1.0 §9. */
export type AssertionMethod = 'private_key_jwt' | 'client_secret_jwt';

const RFC7523 = (item: string) => ({
  clause: `RFC 7523 §3 (${item}), §3.2 (invalid_client); OpenID Connect Core 1.0 §9`,
  url: SPEC.rfc(7523, '3'),
});

/** The rules every advertised assertion method is held to (Hydra offers private_key_jwt only). */
function assertionChecks(method: AssertionMethod, short: 'PKJWT' | 'CSJWT') {
  const how = method === 'private_key_jwt' ? "signed with the client's registered key" : "signed (HMAC) with the client's secret";
  return checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
    WORKS: {
      id: `TOKEN-AUTH-${short}-WORKS`,
      severity: 'MUST',
      clause: 'RFC 7523 §2.2, §3; OpenID Connect Core 1.0 §9; Discovery 1.0 §3 (token_endpoint_auth_methods_supported)',
      url: `${SPEC.core}#ClientAuthentication`,
      rule: `a ${method} client gets a token (client_credentials) with a valid client assertion ${how} (iss and sub its client_id, aud the token endpoint, a fresh jti, exp in 5 minutes)`,
    },
    BAD_SIGNATURE: {
      id: `TOKEN-AUTH-${short}-BAD-SIGNATURE`,
      severity: 'MUST',
      ...RFC7523('item 9: the JWT MUST be digitally signed; the authorization server MUST reject JWTs with an invalid signature'),
      rule: `a ${method} assertion whose signature was changed is refused with invalid_client (the same assertion, unchanged, works)`,
    },
    WRONG_AUD: {
      id: `TOKEN-AUTH-${short}-WRONG-AUD`,
      severity: 'MUST',
      ...RFC7523('item 3: the authorization server MUST reject any JWT that does not contain its own identity as the intended audience'),
      rule: `a ${method} assertion whose aud is another server's token endpoint is refused with invalid_client`,
    },
    EXPIRED: {
      id: `TOKEN-AUTH-${short}-EXPIRED`,
      severity: 'MUST',
      ...RFC7523('item 4: the authorization server MUST reject any JWT with an expiration time that has passed'),
      rule: `a ${method} assertion whose exp passed ten minutes ago is refused with invalid_client`,
    },
    JTI_REUSE: {
      id: `TOKEN-AUTH-${short}-JTI-REUSE`,
      severity: 'SHOULD',
      orySeverity: 'ORY',
      ...RFC7523('item 7: the authorization server MAY ensure that JWTs are not replayed; Core §9: the tokens MUST only be used once'),
      rule: `a ${method} assertion presented a second time (the same jti) is refused with invalid_client; fosite refuses replays (its jti store)`,
    },
    NO_EXP: {
      id: `TOKEN-AUTH-${short}-NO-EXP`,
      severity: 'MUST',
      ...RFC7523(
        'item 4: the JWT MUST contain an exp claim; item 10: the authorization server MUST reject a JWT that is not valid in all other respects',
      ),
      rule: `a ${method} assertion without exp (otherwise valid) is refused with invalid_client`,
    },
    NOT_YET_VALID: {
      id: `TOKEN-AUTH-${short}-NOT-YET-VALID`,
      severity: 'MUST',
      ...RFC7523('item 5: a JWT with nbf MUST NOT be accepted before that time; item 10: reject a JWT not valid in all other respects'),
      rule: `a ${method} assertion whose nbf is ten minutes ahead is refused with invalid_client`,
    },
    NOT_CLIENT_ID: {
      id: `TOKEN-AUTH-${short}-NOT-CLIENT-ID`,
      severity: 'MUST',
      clause:
        'RFC 7523 §3 (items 1, 2.B: for client authentication iss and sub MUST be the client_id; the authorization server MUST validate the JWT by these criteria), §3.2 (invalid_client); RFC 6749 §5.2 (invalid_request: a request with the client_id of one client and an assertion of another carries two credentials); OpenID Connect Core 1.0 §9',
      url: SPEC.rfc(7523, '3'),
      rule: `a ${method} assertion whose iss, or whose sub, is another client's client_id (signed by the client itself, sent with its own client_id) is refused with invalid_client, or invalid_request`,
    },
    OTHER_ALG: {
      id: `TOKEN-AUTH-${short}-OTHER-ALG`,
      severity: 'MUST',
      clause:
        'OpenID Connect Dynamic Client Registration 1.0 §2 (token_endpoint_auth_signing_alg: all Token Requests using these authentication methods from this Client MUST be rejected if the JWT is not signed with this algorithm); RFC 7523 §3.2',
      url: `${SPEC.dynreg}#ClientMetadata`,
      rule: `a ${method} assertion signed with another algorithm of the same key (${method === 'private_key_jwt' ? 'RS384 for a client registered for RS256' : 'HS384 for a client registered for HS256'}) is refused with invalid_client`,
    },
    ALG_NONE: {
      id: `TOKEN-AUTH-${short}-ALG-NONE`,
      severity: 'MUST',
      ...RFC7523('item 9: the JWT MUST be digitally signed or have a MAC applied'),
      rule: `an unsigned ${method} assertion (alg none, the same claims) is refused with invalid_client`,
    },
    REFUSES_BASIC: {
      id: `TOKEN-AUTH-${short}-REFUSES-BASIC`,
      severity: 'SHOULD',
      orySeverity: 'ORY',
      clause: 'RFC 7591 §2 (token_endpoint_auth_method); OpenID Connect Core 1.0 §9; Ory: the registered method only',
      url: SPEC.rfc(7591, '2'),
      rule: `a ${method} client that presents its client_secret in HTTP Basic is refused with invalid_client`,
    },
    BASIC_REFUSES: {
      id: `TOKEN-AUTH-BASIC-REFUSES-${short}`,
      severity: 'SHOULD',
      orySeverity: 'ORY',
      clause: 'RFC 7591 §2 (token_endpoint_auth_method); OpenID Connect Core 1.0 §9; Ory: the registered method only',
      url: SPEC.rfc(7591, '2'),
      rule: `a client_secret_basic client that authenticates with a ${method} assertion (otherwise valid: ${how}) is refused with invalid_client`,
    },
  });
}

export const ASSERTION = {
  private_key_jwt: assertionChecks('private_key_jwt', 'PKJWT'),
  client_secret_jwt: assertionChecks('client_secret_jwt', 'CSJWT'),
};

export const JWKS_URI = checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
  PKJWT: {
    id: 'TOKEN-AUTH-PKJWT-JWKS-URI',
    severity: 'MUST',
    clause: 'OpenID Connect Dynamic Client Registration 1.0 §2 (jwks_uri); RFC 7591 §2; OpenID Connect Core 1.0 §9 (private_key_jwt)',
    url: `${SPEC.dynreg}#ClientMetadata`,
    rule: "a private_key_jwt client registered with a jwks_uri (the harness's receiver serves the key set) gets a token with an assertion signed by a key of that set",
  },
});
