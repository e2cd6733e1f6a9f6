// Logout: OpenID Connect RP-Initiated Logout 1.0 (§2–§4), Front-Channel Logout 1.0 (§2–§4) and
// Back-Channel Logout 1.0 (§2.1–§2.8).
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, outOfScope, proved, secondParty, section, unobservable, type Standard } from './types.ts';

const RP = SPEC.rpLogout;
const FC = SPEC.fcLogout;
const BC = SPEC.bcLogout;
const LOGOUT_UI = 'Hydra hands the question to its logout UI, a second party (LOGOUT-ORY-CHALLENGE shows the handover in the ory profile)';
const ENCRYPTION = 'Hydra does not encrypt ID Tokens or Logout Tokens (no JWE)';
const RP_SIDE = 'what the RP does on receipt; the harness is the RP and answers as one';

export const RP_LOGOUT: Standard = {
  key: 'rp-logout',
  short: 'RP-Initiated',
  name: 'OpenID Connect RP-Initiated Logout 1.0',
  url: RP,
  edition: 'final (September 2022)',
  sections: [
    section('§2', 'RP-Initiated Logout', `${RP}#RPLogout`, [
      MUST('with both client_id and id_token_hint, the OP MUST verify the client_id is the one the ID Token was issued to', [
        'LOGOUT-CLIENT-ID-MISMATCH',
      ]),
      MUST('post_logout_redirect_uri MUST have been registered with the OP', client("the RP registers it; the OP's side is §3")),
      MUST('the OP passes the state of the request back in the post-logout redirect, if the request included one (declarative)', [
        'LOGOUT-RP-STATE',
        'LOGOUT-RP-NO-STATE',
      ]),
      MUST('OPs MUST support HTTP GET and POST at the Logout Endpoint', ['LOGOUT-RP-GET', 'LOGOUT-RP-POST']),
      MUST('with an id_token_hint, the OP MUST validate that it was the issuer of the ID Token', [
        'LOGOUT-HINT-FOREIGN-ISSUER',
        'LOGOUT-HINT-TAMPERED',
        'LOGOUT-HINT-WRONG-KEY',
        'LOGOUT-HINT-ALG-NONE',
      ]),
      SHOULD(
        'the OP SHOULD accept an expired ID Token as hint when the RP has a current or recent session',
        gap(
          "needs a deployment whose ID token lifetime is below the run's wait bound (OIDC_WAIT_MS, 10 s): this one's, like Hydra's default (ttl.id_token, 1 hour), is longer, so no hint can expire during a run",
        ),
      ),
      SHOULD(
        'a hint whose sid matches no current or recent session SHOULD be treated as suspect',
        unobservable('treating it as suspect is internal: the OP MAY still act on it'),
      ),
      SHOULD('at the Logout Endpoint, the OP SHOULD ask the End-User whether to log out of the OP as well', secondParty(LOGOUT_UI)),
      MUST('the OP MUST ask when no id_token_hint was given or it does not match the current session', secondParty(LOGOUT_UI)),
      MUST(
        'if the End-User says yes, the OP MUST log out the End-User',
        proved(
          ['LOGOUT-SESSION-ENDED', 'LOGOUT-NO-PARAMS', 'LOGOUT-NO-REDIRECT-URI', 'LOGOUT-ONLY-STATE'],
          'logout.session-survives',
          'logout.no-hint-keeps-session',
        ),
      ),
      MUST('the OP notifies the RPs of the End-User by their registered logout mechanisms (declarative)', [
        'LOGOUT-FC-DELIVERED',
        'LOGOUT-BC-DELIVERED',
      ]),
    ]),
    section('§2.1', 'OpenID Provider Discovery Metadata', `${RP}#OPMetadata`, [
      MUST(
        'end_session_endpoint MUST be in the discovery response when RP-Initiated Logout and Discovery are supported',
        proved(['DISC-END-SESSION-CONSISTENT', 'LOGOUT-RP-GET'], 'discovery.logout-flags-without-end-session'),
      ),
      MUST('end_session_endpoint MUST use the https scheme', ['DISC-HTTPS-ENDPOINTS']),
    ]),
    section('§3', 'Redirection to RP After Logout', `${RP}#RedirectionAfterLogout`, [
      MUST('without an id_token_hint, the OP MUST NOT redirect to post_logout_redirect_uri unless it can confirm the target otherwise', [
        'LOGOUT-URI-WITHOUT-HINT',
      ]),
      MUST('the OP MUST NOT redirect when post_logout_redirect_uri does not exactly match one the client registered', [
        'LOGOUT-UNREGISTERED-URI',
        'LOGOUT-URI-EXACT',
        'LOGOUT-URI-OTHER-CLIENT',
      ]),
      MUST(
        'the OP redirects to the post_logout_redirect_uri the RP sent, exactly as registered (its query kept), adding only state (declarative)',
        ['LOGOUT-URI-QUERY', 'LOGOUT-RP-NO-STATE', 'LOGOUT-NO-REDIRECT-URI'],
      ),
      MUST(
        'the post-logout redirection is performed after the RPs have been notified (declarative)',
        gap(
          'the receiver would hold its answer to each back-channel request (e.g. 2 s) and the check compare when the user agent reaches post_logout_redirect_uri with when those answers went out; a defect cannot show it failing on this deployment: the reference, like Hydra (consent/strategy_default.go executeBackChannelLogout starts each request with `go execute(t)` and does not wait), redirects without waiting for its deliveries, so it would first have to await them (a deviation of its own) before a defect could undo that',
        ),
      ),
    ]),
    section('§3.1', 'Client Registration Metadata', `${RP}#ClientMetadata`, [
      SHOULD('post_logout_redirect_uris SHOULD use the https scheme', client()),
      SHOULD(
        "an OP that offers RP-initiated logout registers a client's post_logout_redirect_uris (it MAY refuse http ones: https SHOULD be used; graded SHOULD, as RFC 7591 lets a server refuse metadata)",
        ['LOGOUT-RP-REGISTER'],
      ),
    ]),
    section('§4', 'Validation and Error Handling', `${RP}#ValidationAndErrorHandling`, [
      MUST('on a failed validation, operations needing that information MUST be aborted and it MUST NOT be used', [
        'LOGOUT-HINT-TAMPERED',
        'LOGOUT-HINT-WRONG-KEY',
      ]),
      MUST('on errors in the request, the OP MUST NOT redirect to the RP', [
        'LOGOUT-HINT-TAMPERED',
        'LOGOUT-HINT-WRONG-KEY',
        'LOGOUT-HINT-FOREIGN-ISSUER',
        'LOGOUT-HINT-ALG-NONE',
        'LOGOUT-UNREGISTERED-URI',
        'LOGOUT-CLIENT-ID-MISMATCH',
      ]),
    ]),
  ],
};

export const FRONTCHANNEL: Standard = {
  key: 'frontchannel',
  short: 'Front-Channel',
  name: 'OpenID Connect Front-Channel Logout 1.0',
  url: FC,
  edition: 'final (September 2022)',
  sections: [
    section('§2', 'Relying Party Logout Functionality', `${FC}#RPLogout`, [
      MUST('the domain, port and scheme of the logout URI MUST be those of a registered redirect URI', ['REG-CREATE-FRONTCHANNEL-ORIGIN']),
      MUST('the logout URI MUST be an absolute URI', ['REG-CREATE-FRONTCHANNEL-ABSOLUTE']),
      MUST("the frontchannel_logout_uri's query component MUST be retained when iss and sid are added", ['LOGOUT-FC-QUERY-KEPT']),
      MUST('the logout URI MUST NOT include a fragment', ['REG-CREATE-FRONTCHANNEL-FRAGMENT']),
      MUST('if either iss or sid is added to the logout URI, both MUST be', ['LOGOUT-FC-ISS-SID']),
      SHOULD("the RP's response SHOULD carry Cache-Control: no-store", client(RP_SIDE)),
      SHOULD('frontchannel_logout_uri SHOULD use https; the RP SHOULD also register frontchannel_logout_session_required', client()),
    ]),
    section('§3', 'OpenID Provider Logout Functionality', `${FC}#OPLogout`, [
      MUST("the OP renders every logged-in RP's frontchannel_logout_uri in an iframe (declarative)", ['LOGOUT-FC-DELIVERED']),
      SHOULD(
        "an OP that advertises frontchannel_logout_supported takes a client's frontchannel_logout_uri at registration (declarative: the flag says it supports front-channel logout; graded SHOULD, as RFC 7591 lets a server refuse metadata)",
        ['LOGOUT-FC-REGISTER'],
      ),
      SHOULD(
        'an OP advertising frontchannel_logout_supported SHOULD also advertise frontchannel_logout_session_supported',
        proved(['DISC-LOGOUT-SESSION-SUPPORTED'], 'discovery.no-frontchannel-session-flag'),
      ),
      MUST('with frontchannel_logout_session_supported, the sid Claim is also included in ID Tokens (declarative)', ['TOKEN-ID-SID']),
    ]),
    section('§4', 'Implementation Considerations', `${FC}#ImplementationConsiderations`, [
      MUST('OPs implementing Front-Channel Logout MUST implement the features described with REQUIRED or MUST', [
        'LOGOUT-FC-DELIVERED',
        'LOGOUT-FC-ISS-SID',
      ]),
    ]),
  ],
};

export const BACKCHANNEL: Standard = {
  key: 'backchannel',
  short: 'Back-Channel',
  name: 'OpenID Connect Back-Channel Logout 1.0',
  url: BC,
  edition: 'incorporating errata set 1 (December 2023)',
  sections: [
    section('§2.1', 'Indicating OP Support for Back-Channel Logout', `${BC}#BCSupport`, [
      SHOULD(
        'an OP advertising backchannel_logout_supported SHOULD also advertise backchannel_logout_session_supported',
        proved(['DISC-LOGOUT-SESSION-SUPPORTED'], 'discovery.no-backchannel-session-flag'),
      ),
      MUST('with backchannel_logout_session_supported, the sid Claim is also included in ID Tokens (declarative)', ['TOKEN-ID-SID']),
      SHOULD(
        "an OP that advertises backchannel_logout_supported takes a client's backchannel_logout_uri at registration (declarative: the flag says it supports back-channel logout; graded SHOULD, as RFC 7591 lets a server refuse metadata)",
        ['LOGOUT-BC-REGISTER'],
      ),
    ]),
    section('§2.2', 'Indicating RP Support for Back-Channel Logout', `${BC}#BCRegistration`, [
      MUST('the back-channel logout URI MUST be an absolute URI', ['REG-CREATE-BACKCHANNEL-ABSOLUTE']),
      MUST("the backchannel_logout_uri's query component MUST be retained when parameters are added", ['LOGOUT-BC-QUERY-KEPT']),
      MUST('the back-channel logout URI MUST NOT include a fragment', ['REG-CREATE-BACKCHANNEL-FRAGMENT']),
      SHOULD('backchannel_logout_uri SHOULD use https; the RP SHOULD also register backchannel_logout_session_required', client()),
    ]),
    section('§2.3', 'Remembering Logged-In RPs', `${BC}#Tracking`, [
      MUST('the OP keeps track of the logged-in RPs so that it contacts each at its logout URI (declarative: "need to")', [
        'LOGOUT-BC-DELIVERED',
      ]),
    ]),
    section('§2.4', 'Logout Token', `${BC}#LogoutToken`, [
      MUST('iss is REQUIRED: the Issuer Identifier', ['LOGOUT-BC-ISS']),
      MUST('aud is REQUIRED', ['LOGOUT-BC-AUD']),
      MUST('iat is REQUIRED', ['LOGOUT-BC-IAT']),
      MUST('exp is REQUIRED', ['LOGOUT-BC-EXP']),
      MUST('jti is REQUIRED: a unique identifier for the token', ['LOGOUT-BC-JTI']),
      MUST('events is REQUIRED, with the member http://schemas.openid.net/event/backchannel-logout whose value MUST be a JSON object', [
        'LOGOUT-BC-EVENTS',
      ]),
      SHOULD('the value of the backchannel-logout event member SHOULD be the empty JSON object {}', ['LOGOUT-BC-EVENTS-EMPTY']),
      MUST('every Claim has the type the ID Token gives it (Core §2) (declarative)', ['LOGOUT-BC-CLAIM-TYPES']),
      MUST(
        "sid identifies the session: the sid of the session's ID Tokens, required by an RP that registered backchannel_logout_session_required (declarative)",
        ['LOGOUT-BC-SID'],
      ),
      MUST('a Logout Token MUST contain either a sub or a sid Claim', ['LOGOUT-BC-SID-OR-SUB']),
      MUST('a nonce Claim MUST NOT be present', ['LOGOUT-BC-NONCE']),
      MUST('Claims that are not understood MUST be ignored', client(RP_SIDE)),
      MUST('a Logout Token MUST be signed, with the keys used for ID Tokens', ['LOGOUT-BC-SIGNATURE', 'TOKEN-KEYS-ROTATED-LOGOUT-TOKEN']),
      SHOULD('an encrypted Logout Token SHOULD replicate iss in its header', outOfScope(ENCRYPTION)),
      SHOULD('it is RECOMMENDED that Logout Tokens be explicitly typed: typ logout+jwt', ['LOGOUT-BC-TYP']),
    ]),
    section('§2.5', 'Back-Channel Logout Request', `${BC}#BCRequest`, [
      MUST(
        'the OP POSTs to the registered back-channel logout URI an application/x-www-form-urlencoded body that "must" include logout_token (declarative)',
        ['LOGOUT-BC-DELIVERED', 'LOGOUT-BC-FORM'],
      ),
      SHOULD(
        'the OP SHOULD delay a retransmission, and SHOULD NOT retransmit in other cases',
        gap('count the deliveries per client at the receiver'),
      ),
    ]),
    section('§2.6', 'Logout Token Validation', `${BC}#Validation`, [
      MUST(
        'the RP MUST validate the Logout Token (signature, iss, aud, iat, exp, sub or sid, events, no nonce)',
        client('the harness validates as an RP would; the OP side is judged under §2.4'),
      ),
      MUST('alg none MUST NOT be used for Logout Tokens', proved(['LOGOUT-BC-SIGNATURE'], 'logout.not-a-logout-token')),
      SHOULD(
        'alg SHOULD be the id_token_signed_response_alg registered, else the default RS256',
        gap("LOGOUT-BC-SIGNATURE verifies any published key's alg"),
      ),
      SHOULD(
        'if ID Token encryption was negotiated and the Logout Token is not encrypted, the RP SHOULD reject it',
        outOfScope(ENCRYPTION),
      ),
    ]),
    section('§2.7', 'Back-Channel Logout Actions', `${BC}#BCActions`, [
      SHOULD(
        'refresh tokens issued without offline_access to a session being logged out SHOULD be revoked; those with it SHOULD NOT',
        client('§2.7 is what the RP does on receipt (an RP that is itself an OP revokes what it issued)'),
      ),
    ]),
    section('§2.8', 'Back-Channel Logout Response', `${BC}#BCResponse`, [
      MUST(
        'the RP MUST respond 200 OK when the logout succeeded, 400 Bad Request when the request was invalid or the logout failed',
        client(RP_SIDE),
      ),
      SHOULD("the RP's response SHOULD carry Cache-Control: no-store", client(RP_SIDE)),
    ]),
  ],
};
