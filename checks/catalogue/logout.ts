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

  UNREGISTERED_URI: {
    id: 'LOGOUT-UNREGISTERED-URI',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a post_logout_redirect_uri that is not exactly one the client registered is never redirected to (no open redirect), even with a valid id_token_hint',
  },
  URI_OTHER_CLIENT: {
    id: 'LOGOUT-URI-OTHER-CLIENT',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3 (a post_logout_redirect_uri registered for the client that the hint names)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a valid id_token_hint of one client with a post_logout_redirect_uri that only another client registered is never redirected to',
  },
  URI_EXACT: {
    id: 'LOGOUT-URI-EXACT',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3 (the value MUST have been previously registered); §2 (exact match)',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a registered post_logout_redirect_uri with a longer path, an extra query parameter or another port is not honoured',
  },
  CLIENT_ID_MISMATCH: {
    id: 'LOGOUT-CLIENT-ID-MISMATCH',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (if both client_id and id_token_hint are present, the OP MUST verify they match)',
    url: `${RP}#RPLogout`,
    rule: "a client_id that is not the hint's audience is refused: no logout, no redirect",
  },
  HINT_TAMPERED: {
    id: 'LOGOUT-HINT-TAMPERED',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (id_token_hint), §4',
    url: `${RP}#Validation`,
    rule: 'an id_token_hint whose payload was altered after signing is refused: no logout, no redirect to the requested URI',
  },
  HINT_WRONG_KEY: {
    id: 'LOGOUT-HINT-WRONG-KEY',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (id_token_hint), §4',
    url: `${RP}#Validation`,
    rule: "an id_token_hint with the provider's claims but signed by another key is refused: no logout, no redirect to the requested URI",
  },
  HINT_FOREIGN_ISSUER: {
    id: 'LOGOUT-HINT-FOREIGN-ISSUER',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §2 (the OP MUST validate that it was the issuer of the ID Token)',
    url: `${RP}#RPLogout`,
    rule: 'an id_token_hint issued by another issuer is refused: no logout, no redirect to the requested URI',
  },
  URI_WITHOUT_HINT: {
    id: 'LOGOUT-URI-WITHOUT-HINT',
    severity: 'MUST',
    clause: 'RP-Initiated Logout 1.0 §3',
    url: `${RP}#RedirectionAfterLogout`,
    rule: 'a post_logout_redirect_uri sent without id_token_hint (and without client_id) is not redirected to, even when it is registered',
  },
  ORY_STATE_WITHOUT_HINT: {
    id: 'LOGOUT-ORY-STATE-WITHOUT-HINT',
    severity: 'ORY',
    clause: 'Ory API reference: revokeOidcSession (state needs id_token_hint)',
    url: SPEC.ory('revokeOidcSession'),
    rule: "a state sent without id_token_hint is refused: the user agent ends at the provider's error URL (not at a client) with error=invalid_request",
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
