// The defects of logout.ts and backchannel.ts: RP-initiated, front- and back-channel logout: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks.
import { defects } from './defect.ts';
import type { Client } from './clients.ts';
import type { Ctx } from './context.ts';
import type { DefectId } from './defects.ts';

export const LOGOUT_DEFECTS = defects({
  'logout.token-without-events': {
    catches: 'LOGOUT-BC-EVENTS',
    finding: 'claim-missing:events',
    description: 'The back-channel logout token has no events claim.',
    suites: ['logout'],
  },
  'logout.token-with-nonce': {
    catches: 'LOGOUT-BC-NONCE',
    finding: 'claim-present:nonce',
    description: 'The back-channel logout token carries a nonce claim.',
    suites: ['logout'],
  },
  'logout.token-other-key': {
    catches: 'LOGOUT-BC-SIGNATURE',
    finding: 'kid-unknown',
    description: 'The back-channel logout token is signed by a key that the JWKS does not publish (with its own kid).',
    suites: ['logout'],
    // The logout tokens after a key rotation are signed by it too.
    alsoFails: ['TOKEN-KEYS-ROTATED-LOGOUT-TOKEN'],
  },
  'logout.token-without-exp': {
    catches: 'LOGOUT-BC-EXP',
    finding: 'claim-missing:exp',
    description: 'The back-channel logout token has no exp claim (as real Hydra).',
    suites: ['logout'],
  },
  'logout.token-without-sid': {
    catches: 'LOGOUT-BC-SID',
    finding: 'claim-missing:sid',
    description:
      'The back-channel logout token names the user (sub) but not the session: no sid, although the client registered backchannel_logout_session_required.',
    suites: ['logout'],
  },
  'logout.unregistered-post-logout-uri': {
    catches: 'LOGOUT-UNREGISTERED-URI',
    finding: 'redirected',
    description:
      "post_logout_redirect_uri is not compared with the client's registered post_logout_redirect_uris: any URI is redirected to.",
    suites: ['logout'],
    // A URI that is not compared at all is neither compared exactly (query included) nor with the hint's own client.
    alsoFails: ['LOGOUT-URI-EXACT', 'LOGOUT-URI-OTHER-CLIENT', 'LOGOUT-URI-QUERY'],
  },
  'logout.state-dropped': {
    catches: 'LOGOUT-RP-STATE',
    finding: 'state-missing',
    description: 'The post-logout redirect loses the state parameter.',
    suites: ['logout'],
    // The redirect to a registered URI with a query loses it too.
    alsoFails: ['LOGOUT-URI-QUERY'],
  },
  'logout.frontchannel-without-sid': {
    catches: 'LOGOUT-FC-ISS-SID',
    finding: 'param-missing:sid',
    description: 'Front-channel logout URLs carry iss but no sid.',
    suites: ['logout'],
  },
  'logout.frontchannel-query-dropped': {
    catches: 'LOGOUT-FC-QUERY-KEPT',
    finding: 'query-dropped',
    description:
      "Front-channel logout URLs are built from the frontchannel_logout_uri's scheme, host and path: its query is replaced by iss and sid.",
    suites: ['logout'],
  },
  'logout.backchannel-query-dropped': {
    catches: 'LOGOUT-BC-QUERY-KEPT',
    finding: 'query-dropped',
    description: "The back-channel logout request is POSTed to the backchannel_logout_uri without its query (the URL's query is cut off).",
    suites: ['logout'],
  },
  'logout.token-event-not-empty': {
    catches: 'LOGOUT-BC-EVENTS-EMPTY',
    finding: 'event-not-empty',
    description: 'The backchannel-logout event of the logout token says why the session ended: {"reason":"rp-initiated"} instead of {}.',
    suites: ['logout'],
  },
  'logout.no-backchannel': {
    catches: 'LOGOUT-BC-DELIVERED',
    finding: 'not-delivered',
    description: 'No back-channel logout request is sent at all.',
    suites: ['logout'],
  },
  'logout.session-survives': {
    catches: 'LOGOUT-SESSION-ENDED',
    finding: 'session-alive',
    description: 'Completing a logout notifies the clients but keeps the login session (and its cookie): prompt=none still succeeds.',
    suites: ['logout'],
    // Every completed logout keeps it, also those without a hint or a post_logout_redirect_uri.
    alsoFails: ['LOGOUT-NO-PARAMS', 'LOGOUT-NO-REDIRECT-URI'],
  },
  'logout.foreign-hint-accepted': {
    catches: 'LOGOUT-HINT-FOREIGN-ISSUER',
    finding: 'redirected',
    description: 'An id_token_hint whose iss is another issuer is taken as it is: neither its signature nor its issuer is checked.',
    suites: ['logout'],
  },
  'logout.token-exp-past': {
    catches: 'LOGOUT-BC-EXP',
    finding: 'claim-expired:exp',
    description: 'The back-channel logout token is issued already expired: its exp is iat - 60.',
    suites: ['logout-backchannel'],
  },
  'logout.token-form-text-plain': {
    catches: 'LOGOUT-BC-FORM',
    finding: 'content-type:text/plain',
    description:
      'The back-channel logout request sends its urlencoded body with Content-Type text/plain (the form passed as a plain string).',
    suites: ['logout-backchannel'],
  },
  'logout.token-aud-empty-member': {
    catches: 'LOGOUT-BC-CLAIM-TYPES',
    finding: 'schema:/aud/1:minLength,/aud:type',
    description: "The logout token's aud is the client's id plus its unset audience split on ',': an empty string.",
    suites: ['logout-backchannel'],
  },
  'logout.token-iss-slash': {
    catches: 'LOGOUT-BC-ISS',
    finding: 'mismatch:iss',
    description: "The logout token's iss differs from the issuer by a trailing '/'.",
    suites: ['logout-backchannel'],
  },
  'logout.token-aud-first-client': {
    catches: 'LOGOUT-BC-AUD',
    finding: 'aud-without-client',
    description:
      'Every logout token of a session is addressed (aud) to the client the session first signed in to, not to the client that receives it.',
    suites: ['logout-backchannel'],
  },
  'logout.token-iat-future': {
    catches: 'LOGOUT-BC-IAT',
    finding: 'claim-future:iat',
    description: "The logout token's iat (and so its exp) is an hour ahead: a local-time offset taken for UTC.",
    suites: ['logout-backchannel'],
  },
  'logout.token-jti-session': {
    catches: 'LOGOUT-BC-JTI',
    finding: 'jti-reused',
    description: "The logout token's jti is the session id, so the tokens one logout sends to different clients share it.",
    suites: ['logout-backchannel'],
  },
  'logout.token-without-sid-or-sub': {
    catches: 'LOGOUT-BC-SID-OR-SUB',
    finding: 'claim-missing:sid-and-sub',
    description:
      'The back-channel logout token names the session in a session_id claim instead of sid, and has no sub: it names nothing §2.4 knows.',
    alsoFails: ['LOGOUT-BC-SID'],
    suites: ['logout-backchannel'],
  },
  'logout.token-typ-jwt': {
    catches: 'LOGOUT-BC-TYP',
    finding: 'typ:JWT',
    description: 'The logout token header says typ JWT, not logout+jwt (as real Hydra).',
    suites: ['logout-backchannel'],
  },
  'logout.frontchannel-initiator-only': {
    catches: 'LOGOUT-FC-DELIVERED',
    finding: 'not-delivered',
    description:
      'The front-channel logout page frames only the frontchannel_logout_uri of the client that started the logout, not every client of the session.',
    suites: ['logout-frontchannel'],
  },
  'logout.hint-digest-unchecked': {
    catches: 'LOGOUT-HINT-TAMPERED',
    finding: 'redirected',
    description:
      "The id_token_hint's RS256 signature is checked only for a well-formed PKCS#1 v1.5 block under the provider's key; the digest in it is never compared with the hash of the token: an altered payload keeps a genuine signature.",
    suites: ['logout-refusals'],
  },
  'logout.hint-claims-trusted': {
    catches: 'LOGOUT-HINT-WRONG-KEY',
    finding: 'redirected',
    description:
      'An id_token_hint whose signature does not verify is still accepted when its claims match an ID token issued to a remembered session (iss, sub, sid, aud, lifetime): the claims are trusted instead of the signature.',
    suites: ['logout-refusals'],
    // A hint with the issued token's claims and kid but no signature at all (alg none) is trusted the same way.
    alsoFails: ['LOGOUT-HINT-ALG-NONE'],
  },
  'logout.challenge-not-rp-initiated': {
    catches: 'LOGOUT-ORY-CHALLENGE',
    finding: 'rp-initiated:false',
    description: 'The admin API describes every logout request with rp_initiated: false, RP-initiated ones included.',
    suites: ['logout-rp'],
  },
  'logout.state-without-hint-ignored': {
    catches: 'LOGOUT-ORY-STATE-WITHOUT-HINT',
    finding: 'error:none',
    description: 'A state sent without id_token_hint is ignored instead of refused: the logout goes on to the default post-logout page.',
    suites: ['logout-refusals'],
  },
  'logout.get-redirect-uri-from-body': {
    catches: 'LOGOUT-RP-GET',
    finding: 'not-redirected',
    description:
      'post_logout_redirect_uri is read from the POST form body only (r.PostFormValue): a GET logout ends at the default post-logout page.',
    suites: ['logout'],
    // Every GET logout to a post_logout_redirect_uri ends at the default page, with a query or without a state too.
    alsoFails: ['LOGOUT-URI-QUERY', 'LOGOUT-RP-NO-STATE'],
  },
  'logout.post-form-ignored': {
    catches: 'LOGOUT-RP-POST',
    finding: 'not-redirected',
    description:
      'The logout endpoint reads its parameters from the query string only: a form POST loses id_token_hint, post_logout_redirect_uri and state.',
    suites: ['logout-rp'],
  },
  'logout.client-id-ignored': {
    catches: 'LOGOUT-CLIENT-ID-MISMATCH',
    finding: 'mismatch-accepted',
    description: "A client_id sent with id_token_hint is ignored: it is never compared with the hint's audience (as real Hydra).",
    suites: ['logout-refusals'],
  },
  'logout.post-logout-uri-any-client': {
    catches: 'LOGOUT-URI-OTHER-CLIENT',
    finding: 'redirected',
    description: 'A post_logout_redirect_uri is accepted when any registered client lists it, not only the client the id_token_hint names.',
    suites: ['logout-refusals'],
  },
  'logout.post-logout-uri-prefix': {
    catches: 'LOGOUT-URI-EXACT',
    finding: 'honoured:longer-path,extra-query',
    description:
      'A post_logout_redirect_uri is accepted when it starts with one the client registered (a prefix match): a longer path or an added query is honoured.',
    suites: ['logout-refusals'],
    // A parameter added to a registered URI with a query is honoured too.
    alsoFails: ['LOGOUT-URI-QUERY'],
  },
  'logout.uri-without-hint-accepted': {
    catches: 'LOGOUT-URI-WITHOUT-HINT',
    finding: 'redirected',
    description:
      'Without id_token_hint, a post_logout_redirect_uri that any client registered is accepted (with its state) and redirected to.',
    suites: ['logout-refusals'],
  },
  'logout.register-refuses-http-post-logout-uri': {
    catches: 'LOGOUT-RP-REGISTER',
    finding: 'refused:400:invalid_client_metadata',
    description:
      'Dynamic registration refuses a post_logout_redirect_uri with the http scheme (https only), though Hydra takes any URI on the origin of a redirect URI.',
    suites: ['logout'],
  },
  'logout.register-refuses-http-frontchannel-uri': {
    catches: 'LOGOUT-FC-REGISTER',
    finding: 'refused:400:invalid_client_metadata',
    description:
      'Dynamic registration refuses a frontchannel_logout_uri with the http scheme (https only), though front-channel logout is advertised.',
    suites: ['logout', 'registration-fuzz'],
    // The generated valid registration bodies with an http frontchannel_logout_uri (on a loopback redirect URI's origin) are refused too.
    alsoFails: ['REG-FUZZ-VALID-ACCEPTED'],
  },
  'logout.register-refuses-http-backchannel-uri': {
    catches: 'LOGOUT-BC-REGISTER',
    finding: 'refused:400:invalid_client_metadata',
    description:
      'Dynamic registration refuses a backchannel_logout_uri with the http scheme (https only), though back-channel logout is advertised: every back-channel check is blocked by the refusal.',
    suites: ['logout'],
  },
  'logout.not-a-logout-token': {
    catches: 'LOGOUT-BC-SIGNATURE',
    finding: 'not-a-jws',
    description:
      "The logout token is signed once per session, for the client the session began with; every other client's back-channel request carries the bare claims (base64url JSON), not a JWS.",
    suites: ['logout-backchannel'],
  },
  'logout.prompt-none-forgets-session': {
    catches: 'LOGOUT-SESSION-LIVE',
    finding: 'error:login_required',
    description:
      "An authorization request with prompt=none never finds the browser's remembered login session: right after a remembered sign-in it is answered with login_required.",
    suites: ['logout'],
  },
  'logout.hint-alg-none-accepted': {
    catches: 'LOGOUT-HINT-ALG-NONE',
    finding: 'redirected',
    description: 'An id_token_hint with alg none (no signature) is taken as it is: its claims are used unverified.',
    suites: ['logout-refusals'],
  },
  'logout.post-logout-uri-query-dropped': {
    catches: 'LOGOUT-URI-QUERY',
    finding: 'query-lost',
    description:
      'The post-logout redirect is built from the origin and path of the registered post_logout_redirect_uri and the state: the query it was registered with is dropped.',
    suites: ['logout-refusals'],
  },
  'logout.unregistered-uri-falls-back': {
    catches: 'LOGOUT-UNREGISTERED-URI',
    finding: 'redirected-to-client',
    description:
      "A post_logout_redirect_uri the hint's client did not register is replaced by the first one it did: the logout goes on and the user agent is sent to the client.",
    suites: ['logout-refusals'],
    // Every URI that is not exactly registered falls back the same way.
    alsoFails: ['LOGOUT-URI-OTHER-CLIENT', 'LOGOUT-URI-EXACT', 'LOGOUT-URI-QUERY'],
  },
  'logout.state-invented': {
    catches: 'LOGOUT-RP-NO-STATE',
    finding: 'state-added',
    description:
      'The post-logout redirect always carries a state parameter, empty when the RP sent none (the value added without checking it).',
    suites: ['logout-params'],
  },
  'logout.no-hint-keeps-session': {
    catches: 'LOGOUT-NO-PARAMS',
    finding: 'session-alive',
    description:
      'A logout request without id_token_hint goes straight to the default post-logout page: no logout UI, and the login session is kept.',
    suites: ['logout-params'],
  },
  'logout.default-to-registered-uri': {
    catches: 'LOGOUT-NO-REDIRECT-URI',
    finding: 'redirected-to-client',
    description:
      "A logout request with id_token_hint but no post_logout_redirect_uri is sent on to the hint's client's first registered post_logout_redirect_uri (with the state), not to the provider's post-logout page.",
    suites: ['logout-params'],
  },
});

/**
 * Defects logout.register-refuses-*: why dynamic registration refuses a logout URI member (an https-only policy), or
 * undefined. Called by the client validation (client-validation.ts) with the registration's defect switch.
 */
export function refusedLogoutUri(
  c: Pick<Client, 'post_logout_redirect_uris' | 'frontchannel_logout_uri' | 'backchannel_logout_uri'>,
  has: (id: DefectId) => boolean,
): string | undefined {
  const http = (u: string) => u.startsWith('http:');
  if (has('logout.register-refuses-http-post-logout-uri') && c.post_logout_redirect_uris.some(http))
    return 'post_logout_redirect_uri must use the https scheme.';
  if (has('logout.register-refuses-http-frontchannel-uri') && http(c.frontchannel_logout_uri))
    return 'frontchannel_logout_uri must use the https scheme.';
  if (has('logout.register-refuses-http-backchannel-uri') && http(c.backchannel_logout_uri))
    return 'backchannel_logout_uri must use the https scheme.';
  return undefined;
}

/** Is `requested` a post_logout_redirect_uri of `client` (exactly, RP-Initiated Logout 1.0 §3), as the defects loosen it? */
function postLogoutUriRegistered(ctx: Ctx, client: Client, requested: string): boolean {
  if (client.post_logout_redirect_uris.includes(requested) || ctx.has('logout.unregistered-post-logout-uri')) return true;
  if (ctx.has('logout.post-logout-uri-prefix') && client.post_logout_redirect_uris.some((u) => requested.startsWith(u))) return true;
  return (
    ctx.has('logout.post-logout-uri-any-client') &&
    [...ctx.store.clients.values()].some((c) => c.post_logout_redirect_uris.includes(requested))
  );
}

/** Where a requested post_logout_redirect_uri leads: to itself when registered, else nowhere (undefined), as the defects change it. */
export function postLogoutTarget(ctx: Ctx, client: Client, requested: string): string | undefined {
  if (postLogoutUriRegistered(ctx, client, requested)) return requested;
  return ctx.has('logout.unregistered-uri-falls-back') ? client.post_logout_redirect_uris[0] : undefined;
}
