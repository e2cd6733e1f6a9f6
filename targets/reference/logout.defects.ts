// The defects of logout.ts and backchannel.ts: RP-initiated, front- and back-channel logout: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks.
import { defects } from './defect.ts';
import type { Client } from './clients.ts';
import type { Ctx } from './context.ts';

export const LOGOUT_DEFECTS = defects({
  'logout.token-without-events': {
    catches: 'LOGOUT-BC-EVENTS',
    description: 'The back-channel logout token has no events claim.',
    suites: ['logout'],
  },
  'logout.token-with-nonce': {
    catches: 'LOGOUT-BC-NONCE',
    description: 'The back-channel logout token carries a nonce claim.',
    suites: ['logout'],
  },
  'logout.token-other-key': {
    catches: 'LOGOUT-BC-SIGNATURE',
    description: 'The back-channel logout token is signed by a key that the JWKS does not publish (with its own kid).',
    suites: ['logout'],
  },
  'logout.token-without-exp': {
    catches: 'LOGOUT-BC-EXP',
    description: 'The back-channel logout token has no exp claim (as real Hydra).',
    suites: ['logout'],
  },
  'logout.token-without-sid': {
    catches: 'LOGOUT-BC-SID',
    description:
      'The back-channel logout token names the user (sub) but not the session: no sid, although the client registered backchannel_logout_session_required.',
    suites: ['logout'],
  },
  'logout.unregistered-post-logout-uri': {
    catches: 'LOGOUT-UNREGISTERED-URI',
    description:
      "post_logout_redirect_uri is not compared with the client's registered post_logout_redirect_uris: any URI is redirected to.",
    suites: ['logout'],
    // A URI that is not compared at all is neither compared exactly nor with the hint's own client.
    alsoFails: ['LOGOUT-URI-EXACT', 'LOGOUT-URI-OTHER-CLIENT'],
  },
  'logout.state-dropped': {
    catches: 'LOGOUT-RP-STATE',
    description: 'The post-logout redirect loses the state parameter.',
    suites: ['logout'],
  },
  'logout.frontchannel-without-sid': {
    catches: 'LOGOUT-FC-ISS-SID',
    description: 'Front-channel logout URLs carry iss but no sid.',
    suites: ['logout'],
  },
  'logout.no-backchannel': {
    catches: 'LOGOUT-BC-DELIVERED',
    description: 'No back-channel logout request is sent at all.',
    suites: ['logout'],
  },
  'logout.session-survives': {
    catches: 'LOGOUT-SESSION-ENDED',
    description: 'Completing a logout notifies the clients but keeps the login session (and its cookie): prompt=none still succeeds.',
    suites: ['logout'],
  },
  'logout.foreign-hint-accepted': {
    catches: 'LOGOUT-HINT-FOREIGN-ISSUER',
    description: 'An id_token_hint whose iss is another issuer is taken as it is: neither its signature nor its issuer is checked.',
    suites: ['logout'],
  },
  'logout.token-exp-past': {
    catches: 'LOGOUT-BC-EXP',
    description: 'The back-channel logout token is issued already expired: its exp is iat - 60.',
    suites: ['logout-backchannel'],
  },
  'logout.token-form-text-plain': {
    catches: 'LOGOUT-BC-FORM',
    description:
      'The back-channel logout request sends its urlencoded body with Content-Type text/plain (the form passed as a plain string).',
    suites: ['logout-backchannel'],
  },
  'logout.token-aud-empty-member': {
    catches: 'LOGOUT-BC-CLAIM-TYPES',
    description: "The logout token's aud is the client's id plus its unset audience split on ',': an empty string.",
    suites: ['logout-backchannel'],
  },
  'logout.token-iss-slash': {
    catches: 'LOGOUT-BC-ISS',
    description: "The logout token's iss differs from the issuer by a trailing '/'.",
    suites: ['logout-backchannel'],
  },
  'logout.token-aud-first-client': {
    catches: 'LOGOUT-BC-AUD',
    description:
      'Every logout token of a session is addressed (aud) to the client the session first signed in to, not to the client that receives it.',
    suites: ['logout-backchannel'],
  },
  'logout.token-iat-future': {
    catches: 'LOGOUT-BC-IAT',
    description: "The logout token's iat (and so its exp) is an hour ahead: a local-time offset taken for UTC.",
    suites: ['logout-backchannel'],
  },
  'logout.token-jti-session': {
    catches: 'LOGOUT-BC-JTI',
    description: "The logout token's jti is the session id, so the tokens one logout sends to different clients share it.",
    suites: ['logout-backchannel'],
  },
  'logout.token-without-sid-or-sub': {
    catches: 'LOGOUT-BC-SID-OR-SUB',
    description:
      'The back-channel logout token names the session in a session_id claim instead of sid, and has no sub: it names nothing §2.4 knows.',
    alsoFails: ['LOGOUT-BC-SID'],
    suites: ['logout-backchannel'],
  },
  'logout.token-typ-jwt': {
    catches: 'LOGOUT-BC-TYP',
    description: 'The logout token header says typ JWT, not logout+jwt (as real Hydra).',
    suites: ['logout-backchannel'],
  },
  'logout.frontchannel-initiator-only': {
    catches: 'LOGOUT-FC-DELIVERED',
    description:
      'The front-channel logout page frames only the frontchannel_logout_uri of the client that started the logout, not every client of the session.',
    suites: ['logout-frontchannel'],
  },
  'logout.hint-digest-unchecked': {
    catches: 'LOGOUT-HINT-TAMPERED',
    description:
      "The id_token_hint's RS256 signature is checked only for a well-formed PKCS#1 v1.5 block under the provider's key; the digest in it is never compared with the hash of the token: an altered payload keeps a genuine signature.",
    suites: ['logout-refusals'],
  },
  'logout.hint-claims-trusted': {
    catches: 'LOGOUT-HINT-WRONG-KEY',
    description:
      'An id_token_hint whose signature does not verify is still accepted when its claims match an ID token issued to a remembered session (iss, sub, sid, aud, lifetime): the claims are trusted instead of the signature.',
    suites: ['logout-refusals'],
  },
  'logout.challenge-not-rp-initiated': {
    catches: 'LOGOUT-ORY-CHALLENGE',
    description: 'The admin API describes every logout request with rp_initiated: false, RP-initiated ones included.',
    suites: ['logout-rp'],
  },
  'logout.state-without-hint-ignored': {
    catches: 'LOGOUT-ORY-STATE-WITHOUT-HINT',
    description: 'A state sent without id_token_hint is ignored instead of refused: the logout goes on to the default post-logout page.',
    suites: ['logout-refusals'],
  },
  'logout.get-redirect-uri-from-body': {
    catches: 'LOGOUT-RP-GET',
    description:
      'post_logout_redirect_uri is read from the POST form body only (r.PostFormValue): a GET logout ends at the default post-logout page.',
    suites: ['logout-rp'],
  },
  'logout.post-form-ignored': {
    catches: 'LOGOUT-RP-POST',
    description:
      'The logout endpoint reads its parameters from the query string only: a form POST loses id_token_hint, post_logout_redirect_uri and state.',
    suites: ['logout-rp'],
  },
  'logout.client-id-ignored': {
    catches: 'LOGOUT-CLIENT-ID-MISMATCH',
    description: "A client_id sent with id_token_hint is ignored: it is never compared with the hint's audience (as real Hydra).",
    suites: ['logout-refusals'],
  },
  'logout.post-logout-uri-any-client': {
    catches: 'LOGOUT-URI-OTHER-CLIENT',
    description: 'A post_logout_redirect_uri is accepted when any registered client lists it, not only the client the id_token_hint names.',
    suites: ['logout-refusals'],
  },
  'logout.post-logout-uri-prefix': {
    catches: 'LOGOUT-URI-EXACT',
    description:
      'A post_logout_redirect_uri is accepted when it starts with one the client registered (a prefix match): a longer path or an added query is honoured.',
    suites: ['logout-refusals'],
  },
  'logout.uri-without-hint-accepted': {
    catches: 'LOGOUT-URI-WITHOUT-HINT',
    description:
      'Without id_token_hint, a post_logout_redirect_uri that any client registered is accepted (with its state) and redirected to.',
    suites: ['logout-refusals'],
  },
});

/** Is `requested` a post_logout_redirect_uri of `client` (exactly, RP-Initiated Logout 1.0 §3), as the defects loosen it? */
export function postLogoutUriRegistered(ctx: Ctx, client: Client, requested: string): boolean {
  if (client.post_logout_redirect_uris.includes(requested)) return true;
  if (ctx.has('logout.post-logout-uri-prefix') && client.post_logout_redirect_uris.some((u) => requested.startsWith(u))) return true;
  return (
    ctx.has('logout.post-logout-uri-any-client') &&
    [...ctx.store.clients.values()].some((c) => c.post_logout_redirect_uris.includes(requested))
  );
}
