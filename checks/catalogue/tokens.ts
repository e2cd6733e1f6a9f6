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
  ID_REFRESH: {
    id: 'TOKEN-ID-REFRESH',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §12.2 (refreshed ID token: same iss, sub, aud, auth_time, azp; iat the time of the new token)',
    url: `${C}#RefreshTokenResponse`,
    rule: 'an ID token from a refresh keeps iss, sub, aud (and auth_time, azp) of the original, and its iat is the time it was issued',
    request: 'POST /oauth2/token (refresh_token)',
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
