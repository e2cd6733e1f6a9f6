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
