// The checks of GET|POST /oauth2/sessions/logout (revokeOidcSession): RP-initiated logout, what it
// must refuse, and what the provider tells the clients of the session (front- and back-channel).
import { checksFor } from './types.ts';
import { SPEC } from './specs.ts';

const RP = SPEC.rpLogout;
const FC = SPEC.fcLogout;
const BC = SPEC.bcLogout;
const GET = 'GET /oauth2/sessions/logout';
const POST = 'POST /oauth2/sessions/logout';
/** Back-channel rules judge what the provider POSTs to the client, after a logout started here. */
const BC_POST = 'POST {backchannel_logout_uri}';
const BC_TOKEN = 'POST {backchannel_logout_uri}';
/** The registration of a client whose logout URIs are at the harness's receiver: the logout suites' first step. */
const REGISTER = 'POST /oauth2/register';

export const LOGOUT = checksFor('revokeOidcSession', GET, {
  RP_GET: {
    id: 'LOGOUT-RP-GET',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2, §3',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a GET with id_token_hint, a registered post_logout_redirect_uri and state ends with the user agent at that URI',
  },
  RP_POST: {
    id: 'LOGOUT-RP-POST',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (the OP MUST support GET and POST)',
    url: `${RP}#RPLogout`,
    request: POST,
    rule: 'the same request as a form POST is understood: the user agent ends at the registered post_logout_redirect_uri',
  },
  RP_STATE: {
    id: 'LOGOUT-RP-STATE',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (state), §3',
    url: `${RP}#RPLogout`,
    rule: 'the state the RP sent comes back unchanged as the state parameter of the post-logout redirect',
  },
  ORY_CHALLENGE: {
    id: 'LOGOUT-ORY-CHALLENGE',
    severity: 'ORY',
    clause: "Ory API reference: revokeOidcSession; the logout UI's acceptOAuth2LogoutRequest",
    url: SPEC.ory('revokeOidcSession'),
    rule: 'with a remembered login, the user agent is sent to the logout UI with a logout_challenge that the admin API describes (rp_initiated, sid) and accepts with a redirect_to the logout verifier',
  },

  RP_REGISTER: {
    id: 'LOGOUT-RP-REGISTER',
    severity: 'SHOULD',
    orySeverity: 'ORY',
    clause:
      "RP-Initiated Logout 1.0 §2.1, §3.1 (post_logout_redirect_uris: http MAY be refused, https not); RFC 7591 §2 (a server MAY reject metadata); Ory API reference: createOidcDynamicClient (oAuth2Client's post_logout_redirect_uris)",
    url: `${RP}#ClientMetadata`,
    request: REGISTER,
    rule: "a provider that advertises an end_session_endpoint registers a client whose post_logout_redirect_uris are at the harness's receiver (every RP-initiated logout check rests on one); a refusal names what would make it run",
  },
  FC_REGISTER: {
    id: 'LOGOUT-FC-REGISTER',
    severity: 'SHOULD',
    orySeverity: 'ORY',
    clause:
      'Front-Channel Logout 1.0 §2 (frontchannel_logout_uri, frontchannel_logout_session_required), §3 (frontchannel_logout_supported: true indicates support); Ory API reference: createOidcDynamicClient',
    url: `${FC}#RPLogout`,
    request: REGISTER,
    rule: "a provider that advertises frontchannel_logout_supported registers a client whose frontchannel_logout_uri (session required) is at the harness's receiver (the front-channel checks rest on one)",
  },
  BC_REGISTER: {
    id: 'LOGOUT-BC-REGISTER',
    severity: 'SHOULD',
    orySeverity: 'ORY',
    clause:
      'Back-Channel Logout 1.0 §2.1 (backchannel_logout_supported: true indicates support), §2.2 (backchannel_logout_uri, backchannel_logout_session_required); Ory API reference: createOidcDynamicClient',
    url: `${BC}#BCRegistration`,
    request: REGISTER,
    rule: "a provider that advertises backchannel_logout_supported registers a client whose backchannel_logout_uri (session required) is at the harness's receiver (the logout-token checks rest on one)",
  },

  UNREGISTERED_URI: {
    id: 'LOGOUT-UNREGISTERED-URI',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a post_logout_redirect_uri that is not exactly one the client registered is never redirected to (no open redirect), even with a valid id_token_hint, nor replaced by a registered one: the user agent (without cookies) ends on a page of the provider (an error page or a logout confirmation), at no URI of the client; the same request with the registered URI reaches it',
  },
  URI_OTHER_CLIENT: {
    id: 'LOGOUT-URI-OTHER-CLIENT',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3 (a post_logout_redirect_uri registered for the client that the hint names)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a valid id_token_hint of one client with a post_logout_redirect_uri that only another client registered is never redirected to: the user agent ends on a page of the provider, at no URI of either client',
  },
  URI_EXACT: {
    id: 'LOGOUT-URI-EXACT',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3 (the value MUST have been previously registered); §2 (exact match)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a registered post_logout_redirect_uri with a longer path, an extra query parameter or another port is not honoured: the user agent reaches none of them, nor the registered URI',
  },
  CLIENT_ID_MISMATCH: {
    id: 'LOGOUT-CLIENT-ID-MISMATCH',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (if both client_id and id_token_hint are present, the OP MUST verify they match)',
    url: `${RP}#RPLogout`,
    rule: "a client_id that is not the hint's audience is refused: no redirect (the user agent ends on a page of the provider), the signed-in session survives (prompt=none); with the hint's own client_id the same request reaches the URI",
  },
  HINT_TAMPERED: {
    id: 'LOGOUT-HINT-TAMPERED',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (id_token_hint), §4',
    url: `${RP}#Validation`,
    rule: 'an id_token_hint whose payload was altered after signing is refused, judged from a user agent without cookies: it never reaches a URI of the client and ends on a page of the provider (an error page or a logout confirmation), the signed-in session survives (prompt=none), and the same request with the genuine hint does reach the URI',
  },
  HINT_WRONG_KEY: {
    id: 'LOGOUT-HINT-WRONG-KEY',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (id_token_hint), §4',
    url: `${RP}#Validation`,
    rule: "an id_token_hint with the provider's claims but signed by another key is refused, judged from a user agent without cookies: it never reaches a URI of the client and ends on a page of the provider (an error page or a logout confirmation), the signed-in session survives (prompt=none), and the same request with the genuine hint does reach the URI",
  },
  HINT_FOREIGN_ISSUER: {
    id: 'LOGOUT-HINT-FOREIGN-ISSUER',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (the OP MUST validate that it was the issuer of the ID Token)',
    url: `${RP}#RPLogout`,
    rule: 'an id_token_hint issued by another issuer is refused, judged from a user agent without cookies: it never reaches a URI of the client and ends on a page of the provider (an error page or a logout confirmation), the signed-in session survives (prompt=none), and the same request with the genuine hint does reach the URI',
  },
  HINT_ALG_NONE: {
    id: 'LOGOUT-HINT-ALG-NONE',
    severity: 'MUST',
    clause:
      'RP-Initiated Logout 1.0 §2 (the OP MUST validate that it was the issuer of the ID Token), §4; Core 1.0 §2 (ID Tokens MUST be signed)',
    url: `${RP}#RPLogout`,
    rule: "the signed-in user's own ID token as id_token_hint, re-encoded with alg none and no signature, is refused, judged from a user agent without cookies: it never reaches a URI of the client and ends on a page of the provider (an error page or a logout confirmation), the signed-in session survives (prompt=none), and the same request with the genuine hint does reach the URI",
  },
  URI_QUERY: {
    id: 'LOGOUT-URI-QUERY',
    severity: 'MUST',
    clause:
      'RP-Initiated Logout 1.0 §2 (post_logout_redirect_uri MAY contain query components; state is passed back), §3 (the redirection target is the post_logout_redirect_uri sent; exact match)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a post_logout_redirect_uri registered with a query is honoured exactly: the user agent reaches it with every parameter of its query kept and the state added; the same URI without its query, or with a parameter added, is not honoured',
  },
  RP_NO_STATE: {
    id: 'LOGOUT-RP-NO-STATE',
    severity: 'MUST',
    clause:
      'RP-Initiated Logout 1.0 §2 (state is passed back only if included), §3 (the redirection target is the post_logout_redirect_uri sent)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a logout request with id_token_hint and a registered post_logout_redirect_uri but no state reaches that URI as registered: no state and no other parameter added',
  },
  NO_PARAMS: {
    id: 'LOGOUT-NO-PARAMS',
    severity: 'MUST',
    clause:
      'RP-Initiated Logout 1.0 §2 (without id_token_hint the OP MUST ask the End-User; if the End-User says yes, the OP MUST log out the End-User), §3 (post-logout redirection only to a post_logout_redirect_uri sent)',
    url: `${RP}#RPLogout`,
    rule: 'a logout request with no parameters, from the signed-in user agent, logs the user out once the harness confirms (prompt=none then says login_required) and ends on a page of the provider (2xx, no error), at no URI of the client',
  },
  NO_REDIRECT_URI: {
    id: 'LOGOUT-NO-REDIRECT-URI',
    severity: 'MUST',
    clause:
      'RP-Initiated Logout 1.0 §3 (post-logout redirection is only done to the post_logout_redirect_uri the RP sent); §2 (if the End-User says yes, the OP MUST log out the End-User)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: "a logout request with id_token_hint and state but no post_logout_redirect_uri, from the signed-in user agent, logs the user out (prompt=none then says login_required) and ends on a page of the provider (2xx, no error), not at the client's registered post_logout_redirect_uri",
  },
  ONLY_STATE: {
    id: 'LOGOUT-ONLY-STATE',
    severity: 'MUST',
    profiles: ['standards'],
    clause:
      'RP-Initiated Logout 1.0 §2 (state OPTIONAL; without id_token_hint the OP MUST ask the End-User, and if the End-User says yes, MUST log out the End-User), §3',
    url: `${RP}#RPLogout`,
    rule: "a logout request with only a state, from the signed-in user agent, logs the user out once the harness confirms (prompt=none then says login_required) and ends on a page of the provider (2xx, no error), at no URI of the client (the ory profile judges Ory's contract instead: LOGOUT-ORY-STATE-WITHOUT-HINT)",
  },
  URI_WITHOUT_HINT: {
    id: 'LOGOUT-URI-WITHOUT-HINT',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a post_logout_redirect_uri sent without id_token_hint (and without client_id) is not redirected to, even when it is registered: the user agent (without cookies) ends on a page of the provider, at no URI of the client, and the signed-in session survives (prompt=none)',
  },
  ORY_STATE_WITHOUT_HINT: {
    id: 'LOGOUT-ORY-STATE-WITHOUT-HINT',
    severity: 'ORY',
    clause: 'Ory API reference: revokeOidcSession (state needs id_token_hint)',
    url: SPEC.ory('revokeOidcSession'),
    rule: "a state sent without id_token_hint is refused: the user agent ends at the provider's error URL (not at a client) with error=invalid_request",
  },

  SESSION_LIVE: {
    id: 'LOGOUT-SESSION-LIVE',
    severity: 'MUST',
    clause:
      'OpenID Connect Core 1.0 §3.1.2.1 (prompt=none: the OP MUST NOT display a UI; an error only when the End-User is not already authenticated), §3.1.2.6 (login_required)',
    url: `${SPEC.core}#AuthRequest`,
    rule: 'right after a remembered sign-in, an authorization request with prompt=none in the same user agent comes back to the redirect URI without error=login_required (a code, or consent_required): the control that lets the logout checks tell a live session from an ended one',
  },
  SESSION_ENDED: {
    id: 'LOGOUT-SESSION-ENDED',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2; Core 1.0 §3.1.2.6 (login_required)',
    url: `${SPEC.core}#AuthError`,
    rule: 'after logout, an authorization request with prompt=none in the same user agent is answered with error=login_required (before logout it was not)',
  },

  FC_DELIVERED: {
    id: 'LOGOUT-FC-DELIVERED',
    severity: 'MUST',
    clause: 'Front-Channel Logout 1.0 §4',
    url: `${FC}#OPLogout`,
    request: 'GET {frontchannel_logout_uri}',
    rule: "the logout page makes the user agent request every session client's frontchannel_logout_uri",
  },
  FC_ISS_SID: {
    id: 'LOGOUT-FC-ISS-SID',
    severity: 'MUST',
    clause: 'Front-Channel Logout 1.0 §2 (frontchannel_logout_session_required), §3',
    url: `${FC}#RPLogout`,
    request: 'GET {frontchannel_logout_uri}',
    rule: "each front-channel request carries iss (the issuer) and sid (the ID token's sid) as query parameters",
  },
  FC_QUERY_KEPT: {
    id: 'LOGOUT-FC-QUERY-KEPT',
    severity: 'MUST',
    clause: "Front-Channel Logout 1.0 §2 (the frontchannel_logout_uri's query component MUST be retained when iss and sid are added)",
    url: `${FC}#RPLogout`,
    request: 'GET {frontchannel_logout_uri}',
    rule: 'a frontchannel_logout_uri registered with a query is requested with that query kept beside iss and sid',
  },

  BC_DELIVERED: {
    id: 'LOGOUT-BC-DELIVERED',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.5',
    url: `${BC}#BCRequest`,
    request: BC_POST,
    rule: "every session client's backchannel_logout_uri receives a logout request within OIDC_WAIT_MS of the logout",
  },
  BC_FORM: {
    id: 'LOGOUT-BC-FORM',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.5',
    url: `${BC}#BCRequest`,
    request: BC_POST,
    rule: 'the logout request is a POST with Content-Type application/x-www-form-urlencoded and a logout_token parameter',
  },
  BC_SIGNATURE: {
    id: 'LOGOUT-BC-SIGNATURE',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4, §2.6 (steps 2 and 3)',
    url: `${BC}#Validation`,
    request: BC_TOKEN,
    rule: "the logout token is a JWS (not alg none) whose signature verifies with a key of the provider's jwks_uri",
  },
  BC_CLAIM_TYPES: {
    id: 'LOGOUT-BC-CLAIM-TYPES',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'every claim of the logout token that is present has the type §2.4 gives it',
  },
  BC_ISS: {
    id: 'LOGOUT-BC-ISS',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (iss), §2.6 (step 4)',
    url: `${BC}#Validation`,
    request: BC_TOKEN,
    rule: 'iss is the issuer',
  },
  BC_AUD: {
    id: 'LOGOUT-BC-AUD',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (aud), §2.6 (step 4)',
    url: `${BC}#Validation`,
    request: BC_TOKEN,
    rule: "aud contains the receiving client's client_id",
  },
  BC_IAT: {
    id: 'LOGOUT-BC-IAT',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (iat), §2.6 (step 4)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'iat is present and is the time of the logout: not after the token arrived, not before the logout started (60 s of clock skew allowed)',
  },
  BC_JTI: {
    id: 'LOGOUT-BC-JTI',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (jti)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'jti is present, and the logout tokens sent to the clients of one session have different jti values',
  },
  BC_EVENTS: {
    id: 'LOGOUT-BC-EVENTS',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (events), §2.6 (step 6)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'events is a JSON object with the member http://schemas.openid.net/event/backchannel-logout whose value is a JSON object',
  },
  BC_EVENTS_EMPTY: {
    id: 'LOGOUT-BC-EVENTS-EMPTY',
    severity: 'SHOULD',
    clause: 'Back-Channel Logout 1.0 §2.4 (the value of the backchannel-logout event member SHOULD be the empty JSON object)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'the value of the http://schemas.openid.net/event/backchannel-logout member of events is {}',
  },
  BC_QUERY_KEPT: {
    id: 'LOGOUT-BC-QUERY-KEPT',
    severity: 'MUST',
    clause: "Back-Channel Logout 1.0 §2.2 (the backchannel_logout_uri's query component MUST be retained when parameters are added)",
    url: `${BC}#BCRegistration`,
    request: BC_POST,
    rule: 'a backchannel_logout_uri registered with a query receives the logout request at that URI, its query kept',
  },
  BC_SID: {
    id: 'LOGOUT-BC-SID',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (sid, sub), §2.2 (backchannel_logout_session_required), §2.6 (step 5)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: "the token names the session: sid equal to the ID token's sid (required by the client's backchannel_logout_session_required), sub, when present, equal to the ID token's sub",
  },
  BC_SID_OR_SUB: {
    id: 'LOGOUT-BC-SID-OR-SUB',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (a Logout Token MUST contain either a sub or a sid Claim)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'the logout token names what it logs out: it has a sid or a sub claim (or both)',
  },
  BC_NONCE: {
    id: 'LOGOUT-BC-NONCE',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (a nonce Claim MUST NOT be present), §2.6 (step 7)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'the logout token has no nonce claim',
  },
  BC_EXP: {
    id: 'LOGOUT-BC-EXP',
    severity: 'MUST',
    clause: 'Back-Channel Logout 1.0 §2.4 (exp REQUIRED), §2.6 (step 4)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'exp is present, later than iat, and not passed when the token arrives',
  },
  BC_TYP: {
    id: 'LOGOUT-BC-TYP',
    severity: 'SHOULD',
    clause: 'Back-Channel Logout 1.0 §2.4 (explicit typing RECOMMENDED)',
    url: `${BC}#LogoutToken`,
    request: BC_TOKEN,
    rule: 'the logout token header says typ logout+jwt',
  },
});
