// The OpenID Foundation's OP test modules that touch the operations this harness serves, each mapped to the check
// ids that judge what it judges, or to the reason none does. Rendered to docs/oidf-modules.md by `npm run coverage`;
// checks/oidf/plans.ts makes each plan's check set (`--plan`) from it. Module names are the suite's
// `@PublishTestModule` testName, plans as its *TestPlan.java list them (SUITE says at which commit).
import type { PlanName } from './plans.ts';

export interface OidfModule {
  plans: PlanName[];
  /** What the module judges, in one line. */
  judges: string;
  /** The check ids that judge it (empty when none does: then `reason` says why). `--plan` runs these. */
  checks: string[];
  /** Where a check id judges several requests and only some bear on the module: those requests, by id. */
  requests?: Readonly<Record<string, readonly string[]>>;
  /** The defects that prove the module, when not every defect of its checks breaks what it tests. */
  defects?: string[];
  /** Checks of `checks` that judge part of the module but that no reference defect proves for it (`reason` says why). */
  unproved?: string[];
  /** Why no check judges it; or, beside checks, what of the module they do not judge (it is then partly covered). */
  reason?: string;
  /** The suite asks a person for a screenshot here: how the harness judges the same without one. */
  screenshot?: string;
}

/** Where the module lists were read. */
export const SUITE = {
  repository: 'openid-certification/conformance-suite',
  commit: '12f2a4dac6462f8a4e95968bc7e478e02881e1a7',
  where:
    'src/main/java/net/openid/conformance/openid/*TestPlan.java and vci10issuer/VCIIssuerTestPlan.java of the conformance suite at 12f2a4d (August 2026)',
  /** How many modules each plan lists there (the basic plan's 38 classes; a run picks about 35 by variant). */
  planSizes: {
    config: 1,
    basic: 38,
    dynamic: 23,
    'rp-initiated-logout': 11,
    'frontchannel-logout': 2,
    'backchannel-logout': 2,
    'vci-issuer': 21,
  } as Readonly<Record<PlanName, number>>,
};

// ---- reasons several modules share ----

const REQUEST_OBJECTS = 'request objects (request, request_uri) bear on none of the operations this harness serves; no check sends one';
const AUTHZ_PARAM = (param: string) =>
  `no sign-in of the harness sends ${param}; the authorization endpoint's handling of it is not judged (a check would ask that a request with it completes like one without)`;
const VCI_1_0 = (what: string) =>
  `${what}: OpenID4VCI 1.0 has it, Hydra's draft-00 /credentials dialect does not, so there is nothing of Hydra's to judge`;
const CLIENT_ATTESTATION = VCI_1_0(
  'attestation-based client authentication (OAuth 2.0 Attestation-Based Client Authentication at PAR or the token endpoint)',
);

const LOGOUT_PAGE =
  'judged from the browser the harness drives, without cookies where a session would hide the answer: the user agent must end on a page of the provider (an error page or a logout confirmation), at no URI of the client, and a prompt=none request afterwards shows whether the session survived';

const LOGOUT_DISCOVERY = (channel: 'frontchannel' | 'backchannel'): OidfModule => ({
  plans: [channel === 'frontchannel' ? 'frontchannel-logout' : 'backchannel-logout'],
  judges: `discovery advertises ${channel}_logout_supported, ${channel}_logout_session_supported and end_session_endpoint`,
  checks: ['DISC-END-SESSION-CONSISTENT', 'DISC-ORY-OPERATIONS', 'DISC-HTTPS-ENDPOINTS'],
  reason: `${channel}_logout_session_supported is required by no check (a SHOULD beside the support flag; TOKEN-ID-SID reads it to ask sid of the ID tokens)`,
});

export const MODULES: Readonly<Record<string, OidfModule>> = {
  // ---- config (and the dynamic plan's copy of it) ----
  'oidcc-discovery-endpoint-verification': {
    plans: ['config', 'dynamic'],
    judges:
      'the discovery document: 200, JSON, issuer, required members and their types, https endpoints, RS256 for ID tokens, openid in scopes_supported, code_challenge_methods_supported, the JWKS it points to',
    checks: [
      'DISC-STATUS-200',
      'DISC-CONTENT-TYPE-JSON',
      'DISC-SCHEMA',
      'DISC-REQUIRED-MEMBERS',
      'DISC-ISSUER-EXACT',
      'DISC-ISSUER-FORM',
      'DISC-HTTPS-ENDPOINTS',
      'DISC-USERINFO-ENDPOINT',
      'DISC-SCOPES-OPENID',
      'DISC-RESPONSE-TYPES-CODE',
      'DISC-DYNAMIC-RESPONSE-TYPES',
      'DISC-ID-TOKEN-RS256',
      'DISC-PKCE-S256',
      'DISC-NO-EMPTY-ARRAYS',
      'DISC-TOKEN-AUTH-SIGNING-NO-NONE',
      'DISC-JWKS-FETCH',
      'DISC-JWKS-KEYS-VALID',
      'DISC-JWKS-PUBLIC-ONLY',
      'DISC-JWKS-SIGNING-ALGS',
      'DISC-JWKS-USE-MIXED',
    ],
    unproved: ['DISC-JWKS-USE-MIXED'],
    reason:
      'the suite also checks the syntax of ui_locales_supported and claims_locales_supported (BCP 47), that grant_types_supported is consistent, and warns on members it does not know; no check judges those. DISC-JWKS-USE-MIXED judges a key set that mixes signing and encryption keys, which this deployment, like Hydra, never publishes: no defect can show it failing (selftest/jwk.spec.ts proves the rule on hand-made sets)',
  },

  // ---- basic ----
  'oidcc-server': {
    plans: ['basic', 'dynamic'],
    judges:
      'the happy code flow: (dynamic) registration, authorization with state and nonce, the code exchange (client_secret_basic in the basic plan, private_key_jwt in the dynamic one), the token response and every ID token rule, the client deleted at the end (204)',
    checks: [
      'TOKEN-CODE-FLOW',
      'TOKEN-AUTH-BASIC-WORKS',
      'TOKEN-AUTH-PKJWT-WORKS',
      'TOKEN-RESPONSE-JSON',
      'TOKEN-RESPONSE-SCHEMA',
      'TOKEN-RESPONSE-NO-STORE',
      'TOKEN-RESPONSE-PRAGMA',
      'TOKEN-ID-CLAIMS',
      'TOKEN-ID-SIGNATURE',
      'TOKEN-ID-ISS',
      'TOKEN-ID-AUD',
      'TOKEN-ID-EXP',
      'TOKEN-ID-IAT',
      'TOKEN-ID-NONCE',
      'TOKEN-ID-AT-HASH',
      'TOKEN-ID-AZP',
      'REG-CREATE-STATUS-201',
      'REG-CREATE-SCHEMA',
      'REG-CREATE-RAT',
      'REG-CREATE-CLIENT-URI',
      'REG-DELETE-STATUS-204',
    ],
  },
  'oidcc-response-type-missing': {
    plans: ['basic'],
    judges: 'an authorization request without response_type is refused (an error redirect, or an error page)',
    checks: [],
    reason:
      'no check sends an authorization request without response_type (a check would judge it as REG-REDIRECT-REQUIRED judges a missing redirect_uri)',
    screenshot: 'not judged: see the reason',
  },
  'oidcc-idtoken-signature': {
    plans: ['basic'],
    judges: 'an ID token requested without naming an algorithm is signed with RS256, by a key of the JWKS named by kid',
    checks: ['TOKEN-ID-SIGNATURE', 'TOKEN-ID-ALG-REGISTERED'],
  },
  'oidcc-idtoken-unsigned': {
    plans: ['basic', 'dynamic'],
    judges:
      'a client registered for unsigned ID tokens (id_token_signed_response_alg none) gets one from the token endpoint, or its registration is refused',
    checks: [],
    reason:
      'no check registers a client asking for unsigned ID tokens; the harness judges only that its clients never get alg none (TOKEN-ID-SIGNATURE)',
  },
  'oidcc-userinfo-get': {
    plans: ['basic'],
    judges: "userinfo by GET with a Bearer header: 200, JSON, the standard claims, sub the ID token's",
    checks: ['UI-GET-BEARER', 'UI-CONTENT-TYPE-JSON', 'UI-SCHEMA', 'UI-SUB-MATCHES-ID-TOKEN'],
  },
  'oidcc-userinfo-post-header': {
    plans: ['basic'],
    judges: 'userinfo by POST with a Bearer header: 200 and the claims validated as for GET',
    checks: ['UI-POST-BEARER'],
    reason:
      'UI-POST-BEARER judges the status of the POST answer; its claims are judged on the GET answer only (UI-SCHEMA, UI-SUB-MATCHES-ID-TOKEN)',
  },
  'oidcc-userinfo-post-body': {
    plans: ['basic'],
    judges: 'userinfo by POST with access_token in the form body (optional: the suite warns when refused)',
    checks: ['UI-POST-FORM'],
    reason: "UI-POST-FORM (Ory's contract: the form body is documented) judges the status of the answer, not its claims",
  },
  'oidcc-ensure-request-without-nonce-succeeds-for-code-flow': {
    plans: ['basic'],
    judges: 'a code flow authorization request without nonce is accepted',
    checks: [],
    reason: 'every sign-in of the harness sends a nonce; one without is not tried',
  },
  'oidcc-scope-profile': {
    plans: ['basic'],
    judges: "the profile scope's claims come from the userinfo endpoint",
    checks: ['UI-SCOPE-PROFILE'],
  },
  'oidcc-scope-email': {
    plans: ['basic'],
    judges: "the email scope's claims come from the userinfo endpoint",
    checks: ['UI-SCOPE-EMAIL'],
  },
  'oidcc-scope-address': {
    plans: ['basic'],
    judges: "the address scope's claim comes from the userinfo endpoint",
    checks: ['UI-SCOPE-ADDRESS'],
  },
  'oidcc-scope-phone': {
    plans: ['basic'],
    judges: "the phone scope's claims come from the userinfo endpoint",
    checks: ['UI-SCOPE-PHONE'],
  },
  'oidcc-scope-all': {
    plans: ['basic'],
    judges: 'the claims of the profile, email, address and phone scopes, asked together, come from the userinfo endpoint',
    checks: ['UI-SCOPE-PROFILE', 'UI-SCOPE-EMAIL', 'UI-SCOPE-ADDRESS', 'UI-SCOPE-PHONE'],
    reason: 'the harness asks each scope alone; a request of the four together is not made',
  },
  'oidcc-alternate-happy-flow': {
    plans: ['basic'],
    judges: 'the flow completes with the scope values and the query parameters in another order',
    checks: [],
    reason: 'the harness sends its parameters in one order; another order is not tried',
  },
  'oidcc-display-page': {
    plans: ['basic'],
    judges: 'display=page does not make the authorization request fail',
    checks: [],
    reason: AUTHZ_PARAM('display'),
  },
  'oidcc-display-popup': {
    plans: ['basic'],
    judges: 'display=popup does not make the authorization request fail',
    checks: [],
    reason: AUTHZ_PARAM('display'),
  },
  'oidcc-prompt-login': {
    plans: ['basic'],
    judges: 'prompt=login makes the user sign in again; the new auth_time is later',
    checks: [],
    reason:
      "no check sends prompt=login; in ory-admin mode a check could judge that the login request of such a flow does not offer skip (Hydra's login app, a second party, asks the user)",
    screenshot: 'not judged: see the reason',
  },
  'oidcc-prompt-none-not-logged-in': {
    plans: ['basic'],
    judges: 'prompt=none without a session is answered with an error redirect (login_required)',
    checks: ['LOGOUT-SESSION-ENDED'],
    unproved: ['LOGOUT-SESSION-ENDED'],
    reason:
      'LOGOUT-SESSION-ENDED asks prompt=none after a logout and needs login_required, but its defect (logout.session-survives) keeps the session: no reference defect makes prompt=none without a session answer anything else',
  },
  'oidcc-prompt-none-logged-in': {
    plans: ['basic'],
    judges: "prompt=none with a live session signs in without a UI; auth_time stays the first sign-in's",
    checks: ['LOGOUT-SESSION-LIVE'],
    reason:
      'LOGOUT-SESSION-LIVE needs the answer not to be login_required (a code, or consent_required); the second ID token and its auth_time are not read',
  },
  'oidcc-max-age-1': {
    plans: ['basic'],
    judges: 'max_age=1 makes the user sign in again, and the ID token carries auth_time',
    checks: ['TOKEN-ID-AUTH-TIME', 'TOKEN-AUTHZ-MAX-AGE'],
    screenshot:
      'judged without one: TOKEN-AUTHZ-MAX-AGE sends max_age=1 two seconds after a remembered sign-in and requires the flow to stop at the login step (ory-admin: a login request that does not offer skip; browser: the login form), where the same request without max_age goes past it; auth_time is judged from the ID token (TOKEN-ID-AUTH-TIME)',
  },
  'oidcc-max-age-10000': {
    plans: ['basic'],
    judges: 'a large max_age does not make the user sign in again, and auth_time is present and unchanged',
    checks: ['TOKEN-ID-AUTH-TIME'],
    reason: 'TOKEN-ID-AUTH-TIME judges auth_time on one sign-in; a second sign-in under the same session is not compared',
  },
  'oidcc-ensure-request-with-unknown-parameter-succeeds': {
    plans: ['basic'],
    judges: 'an authorization request with a parameter no specification defines completes',
    checks: ['TOKEN-AUTHZ-UNKNOWN-PARAM'],
  },
  'oidcc-id-token-hint': {
    plans: ['basic'],
    judges: 'prompt=none with the previous ID token as id_token_hint signs in without a UI',
    checks: [],
    reason: 'no authorization request of the harness carries id_token_hint (its logout requests do: LOGOUT-HINT-*)',
  },
  'oidcc-login-hint': {
    plans: ['basic'],
    judges: 'login_hint is accepted (and may prefill the login page)',
    checks: [],
    reason: "login_hint goes to the login app, a second party in Hydra's design; no sign-in of the harness sends it",
  },
  'oidcc-ui-locales': {
    plans: ['basic'],
    judges: 'ui_locales does not make the authorization request fail',
    checks: [],
    reason: AUTHZ_PARAM('ui_locales'),
  },
  'oidcc-claims-locales': {
    plans: ['basic'],
    judges: 'claims_locales does not make the authorization request fail',
    checks: [],
    reason: AUTHZ_PARAM('claims_locales'),
  },
  'oidcc-ensure-request-with-acr-values-succeeds': {
    plans: ['basic'],
    judges: 'acr_values does not make the authorization request fail',
    checks: [],
    reason: AUTHZ_PARAM('acr_values'),
  },
  'oidcc-codereuse': {
    plans: ['basic'],
    judges: 'an authorization code exchanged a second time is refused with invalid_grant',
    checks: ['TOKEN-CODE-REUSE'],
  },
  'oidcc-codereuse-30seconds': {
    plans: ['basic'],
    judges: 'a code exchanged again 30 s later is refused, and the access token issued from it should stop working',
    checks: ['TOKEN-CODE-REUSE', 'TOKEN-CODE-REUSE-REVOKES'],
    reason: 'the code is presented again at once, not 30 s later: a provider that forgets spent codes within 30 s would pass',
  },
  'oidcc-ensure-registered-redirect-uri': {
    plans: ['basic'],
    judges: 'an unregistered redirect_uri is refused with an error shown to the user, never redirected to',
    checks: ['REG-REDIRECT-EXACT', 'REG-REDIRECT-ERROR-SHOWN'],
    screenshot:
      'judged from the HTTP answer to the authorization request (REG-REDIRECT-ERROR-SHOWN): a 4xx page of the provider, or a redirect to its own error page with error=, and no Location at any URI of the client; the same request with the registered URI goes on to the login',
  },
  'oidcc-ensure-post-request-succeeds': {
    plans: ['basic'],
    judges: 'the authorization request sent as a form POST completes',
    checks: ['TOKEN-AUTHZ-POST'],
  },
  'oidcc-server-client-secret-post': {
    plans: ['basic'],
    judges: 'the happy flow with client_secret_post at the token endpoint',
    checks: ['TOKEN-AUTH-POST-WORKS'],
    reason:
      'TOKEN-AUTH-POST-WORKS authenticates client_secret_post on the client_credentials grant; the code exchange of the flow uses client_secret_basic',
  },
  'oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported': {
    plans: ['basic'],
    judges: 'an unsigned request object by reference (request_uri) is honoured, or refused with request_uri_not_supported',
    checks: [],
    reason: REQUEST_OBJECTS,
  },
  'oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported': {
    plans: ['basic'],
    judges: 'an unsigned request object by value is honoured, or refused with request_not_supported',
    checks: [],
    reason: REQUEST_OBJECTS,
  },
  'oidcc-claims-essential': {
    plans: ['basic'],
    judges: 'the claims parameter asking name as an essential userinfo claim',
    checks: [],
    reason: 'no sign-in of the harness sends the claims parameter',
  },
  'oidcc-ensure-request-object-with-redirect-uri': {
    plans: ['basic', 'dynamic'],
    judges: 'the redirect_uri inside a request object wins over the one outside it',
    checks: [],
    reason: REQUEST_OBJECTS,
    screenshot: 'not judged: see the reason',
  },
  'oidcc-refresh-token': {
    plans: ['basic', 'dynamic'],
    judges: 'a refresh token works, its ID token keeps the original claims, and it is bound to its client',
    checks: ['TOKEN-ID-REFRESH', 'TOKEN-REFRESH-OTHER-CLIENT'],
  },
  'oidcc-ensure-request-with-valid-pkce-succeeds': {
    plans: ['basic'],
    judges: 'a flow with a valid S256 PKCE challenge and verifier completes',
    checks: ['TOKEN-CODE-FLOW'],
    defects: ['tokens.pkce-hex-digest'],
  },

  // ---- dynamic ----
  'oidcc-idtoken-rs256': {
    plans: ['dynamic'],
    judges: 'a client registered for RS256 ID tokens gets them signed with RS256 by a published key',
    checks: ['TOKEN-ID-ALG-REGISTERED', 'TOKEN-ID-SIGNATURE'],
  },
  'oidcc-userinfo-rs256': {
    plans: ['dynamic'],
    judges: 'a client registered with userinfo_signed_response_alg RS256 gets a signed userinfo JWT with iss and aud',
    checks: ['UI-SIGNED-CONTENT-TYPE', 'UI-SIGNED-SIGNATURE', 'UI-SIGNED-ISS', 'UI-SIGNED-AUD'],
  },
  'oidcc-ensure-redirect-uri-in-authorization-request': {
    plans: ['dynamic'],
    judges: 'an authorization request without redirect_uri is refused with an error shown to the user',
    checks: ['REG-REDIRECT-REQUIRED'],
    screenshot:
      "judged from the HTTP answer (REG-REDIRECT-REQUIRED): a 4xx page or a redirect carrying error=, not sent to the registered URI or taken on to the login. The suite registers two redirect URIs; the harness one, where defaulting to it would be possible, so the refusal is the OP's own",
  },
  'oidcc-redirect-uri-query-OK': {
    plans: ['dynamic'],
    judges: 'a redirect URI registered with a query works, its query kept in the authorization response',
    checks: ['REG-REDIRECT-QUERY-KEPT'],
  },
  'oidcc-redirect-uri-query-mismatch': {
    plans: ['dynamic'],
    judges: 'a redirect_uri whose query differs from the registered one is refused',
    checks: ['REG-REDIRECT-QUERY-MISMATCH'],
    screenshot:
      'judged from the HTTP answer (REG-REDIRECT-QUERY-MISMATCH): a 4xx answer or a redirect carrying error=, never taken on to the login',
  },
  'oidcc-redirect-uri-query-added': {
    plans: ['dynamic'],
    judges: 'a redirect_uri that adds a query to a registered URI without one is refused',
    checks: ['REG-REDIRECT-QUERY-ADDED'],
    screenshot:
      'judged from the HTTP answer (REG-REDIRECT-QUERY-ADDED): a 4xx answer or a redirect carrying error=, never taken on to the login',
  },
  'oidcc-redirect-uri-regfrag': {
    plans: ['dynamic'],
    judges: 'registering a redirect URI with a fragment is refused',
    checks: ['REG-CREATE-REDIRECT-FRAGMENT'],
  },
  'oidcc-registration-logo-uri': {
    plans: ['dynamic'],
    judges: 'a client registered with logo_uri; the login page shows the logo',
    checks: ['REG-CREATE-METADATA-RETURNED'],
    defects: ['registration.create-omits-logo-uri'],
    screenshot:
      "judged from the registration response (REG-CREATE-METADATA-RETURNED): logo_uri is kept and returned as registered, the value Hydra hands its login and consent app through the admin API's login and consent requests; what that app shows is the app's (a second party)",
  },
  'oidcc-registration-policy-uri': {
    plans: ['dynamic'],
    judges: 'a client registered with policy_uri; the login page links to it',
    checks: ['REG-CREATE-METADATA-RETURNED'],
    defects: ['registration.create-omits-policy-uri'],
    screenshot: 'judged from the registration response (REG-CREATE-METADATA-RETURNED), as for logo_uri',
  },

  'oidcc-registration-tos-uri': {
    plans: ['dynamic'],
    judges: 'a client registered with tos_uri; the login page links to it',
    checks: ['REG-CREATE-METADATA-RETURNED'],
    defects: ['registration.create-omits-tos-uri'],
    screenshot: 'judged from the registration response (REG-CREATE-METADATA-RETURNED), as for logo_uri',
  },

  'oidcc-registration-jwks-uri': {
    plans: ['dynamic'],
    judges: 'a private_key_jwt client registered with a jwks_uri authenticates with a key of that set',
    checks: ['TOKEN-AUTH-PKJWT-JWKS-URI'],
  },
  'oidcc-registration-sector-uri': {
    plans: ['dynamic'],
    judges: 'a sector_identifier_uri whose document lists the redirect URI is accepted',
    checks: ['REG-CREATE-SECTOR-URI-ACCEPTED'],
  },
  'oidcc-registration-sector-bad': {
    plans: ['dynamic'],
    judges: 'a sector_identifier_uri whose document leaves the redirect URI out is refused',
    checks: ['REG-CREATE-SECTOR-URI-UNLISTED'],
  },
  'oidcc-server-rotate-keys': {
    plans: ['dynamic'],
    judges:
      "after the OP rotates its signing key the JWKS has the new key and should keep the old one (Hydra's CI rotates through the admin API)",
    checks: ['TOKEN-KEYS-ROTATION', 'TOKEN-KEYS-ROTATED-ID-TOKEN', 'TOKEN-KEYS-OLD-TOKEN'],
    defects: ['tokens.rotation-ignored', 'tokens.rotation-published-late', 'tokens.rotation-drops-old-key'],
  },
  'oidcc-refresh-token-rp-key-rotation': {
    plans: ['dynamic'],
    judges: 'a private_key_jwt client rotates the keys at its jwks_uri and refreshes with an assertion signed by the new one',
    checks: [],
    reason:
      'the receiver serves one key set per client; no check rotates it between two assertions (TOKEN-AUTH-PKJWT-JWKS-URI judges one key of it)',
  },
  'oidcc-request-uri-unsigned': {
    plans: ['dynamic'],
    judges: 'an unsigned request object by reference (request_uri) is honoured',
    checks: [],
    reason: REQUEST_OBJECTS,
  },
  'oidcc-request-uri-signed-rs256': {
    plans: ['dynamic'],
    judges: 'an RS256-signed request object by reference (request_uri) is honoured',
    checks: [],
    reason: REQUEST_OBJECTS,
  },
  'oidcc-ensure-client-assertion-with-iss-aud-succeeds': {
    plans: ['dynamic'],
    judges: 'a private_key_jwt assertion whose aud is the issuer (not the token endpoint) should be accepted (a warning if not)',
    checks: [],
    reason:
      "the harness's assertions name the token endpoint as aud (TOKEN-AUTH-PKJWT-WORKS) and refuse another server's (TOKEN-AUTH-PKJWT-WRONG-AUD); one naming the issuer is not sent",
  },

  // ---- RP-initiated logout ----
  'oidcc-rp-initiated-logout-discovery-endpoint-verification': {
    plans: ['rp-initiated-logout'],
    judges: 'discovery advertises an https end_session_endpoint',
    checks: ['DISC-END-SESSION-CONSISTENT', 'DISC-ORY-OPERATIONS', 'DISC-HTTPS-ENDPOINTS'],
  },
  'oidcc-rp-initiated-logout': {
    plans: ['rp-initiated-logout'],
    judges:
      'a logout with id_token_hint, a registered post_logout_redirect_uri and state ends at that URI with the state, and the session is over (prompt=none then fails)',
    checks: ['LOGOUT-RP-GET', 'LOGOUT-RP-STATE', 'LOGOUT-SESSION-ENDED', 'LOGOUT-RP-REGISTER'],
  },
  'oidcc-rp-initiated-logout-bad-post-logout-redirect-uri': {
    plans: ['rp-initiated-logout'],
    judges: 'a post_logout_redirect_uri that is not registered is not redirected to',
    checks: ['LOGOUT-UNREGISTERED-URI'],
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-modified-id-token-hint': {
    plans: ['rp-initiated-logout'],
    judges: 'an id_token_hint changed to alg none is refused: no redirect',
    checks: ['LOGOUT-HINT-ALG-NONE'],
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-no-id-token-hint': {
    plans: ['rp-initiated-logout'],
    judges: 'a post_logout_redirect_uri without id_token_hint is not redirected to',
    checks: ['LOGOUT-URI-WITHOUT-HINT'],
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-no-params': {
    plans: ['rp-initiated-logout'],
    judges: 'a logout request without parameters logs the user out (after asking)',
    checks: ['LOGOUT-NO-PARAMS'],
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-no-post-logout-redirect-uri': {
    plans: ['rp-initiated-logout'],
    judges: 'a logout with id_token_hint but no post_logout_redirect_uri logs the user out and stays at the OP',
    checks: ['LOGOUT-NO-REDIRECT-URI'],
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-no-state': {
    plans: ['rp-initiated-logout'],
    judges: 'a logout without state ends at the post_logout_redirect_uri without a state',
    checks: ['LOGOUT-RP-NO-STATE'],
  },
  'oidcc-rp-initiated-logout-only-state': {
    plans: ['rp-initiated-logout'],
    judges: 'a logout request with only a state logs the user out (after asking), at no URI of the client',
    checks: ['LOGOUT-ONLY-STATE', 'LOGOUT-ORY-STATE-WITHOUT-HINT'],
    unproved: ['LOGOUT-ONLY-STATE'],
    reason:
      "LOGOUT-ONLY-STATE judges the module's reading in the standards profile, and no defect proves it: the defect batch runs the ory profile, where Ory's contract refuses a state without id_token_hint instead (LOGOUT-ORY-STATE-WITHOUT-HINT, proved)",
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri': {
    plans: ['rp-initiated-logout'],
    judges: 'a registered post_logout_redirect_uri with a query added is not redirected to',
    checks: ['LOGOUT-URI-EXACT'],
    screenshot: LOGOUT_PAGE,
  },
  'oidcc-rp-initiated-logout-bad-id-token-hint': {
    plans: ['rp-initiated-logout'],
    judges: "an id_token_hint signed by another key (the suite's) is refused: no redirect",
    checks: ['LOGOUT-HINT-WRONG-KEY'],
    screenshot: LOGOUT_PAGE,
  },

  // ---- front-channel logout ----
  'oidcc-frontchannel-logout-discovery-endpoint-verification': LOGOUT_DISCOVERY('frontchannel'),
  'oidcc-frontchannel-rp-initiated-logout': {
    plans: ['frontchannel-logout'],
    judges:
      "an RP-initiated logout makes the user agent load the client's frontchannel_logout_uri with iss and sid (the ID token's), then ends at the post_logout_redirect_uri with the state; the session is over",
    checks: [
      'LOGOUT-FC-REGISTER',
      'TOKEN-ID-SID',
      'LOGOUT-FC-DELIVERED',
      'LOGOUT-FC-ISS-SID',
      'LOGOUT-RP-GET',
      'LOGOUT-RP-STATE',
      'LOGOUT-SESSION-ENDED',
    ],
  },

  // ---- back-channel logout ----
  'oidcc-backchannel-logout-discovery-endpoint-verification': LOGOUT_DISCOVERY('backchannel'),
  'oidcc-backchannel-rp-initiated-logout': {
    plans: ['backchannel-logout'],
    judges:
      "an RP-initiated logout POSTs a logout token to the client's backchannel_logout_uri (signed, iss, aud, iat, exp, jti, events, sid matching the ID token's, no nonce), then ends at the post_logout_redirect_uri; the session is over",
    checks: [
      'LOGOUT-BC-REGISTER',
      'TOKEN-ID-SID',
      'LOGOUT-BC-DELIVERED',
      'LOGOUT-BC-FORM',
      'LOGOUT-BC-SIGNATURE',
      'LOGOUT-BC-CLAIM-TYPES',
      'LOGOUT-BC-ISS',
      'LOGOUT-BC-AUD',
      'LOGOUT-BC-IAT',
      'LOGOUT-BC-EXP',
      'LOGOUT-BC-JTI',
      'LOGOUT-BC-EVENTS',
      'LOGOUT-BC-SID',
      'LOGOUT-BC-SID-OR-SUB',
      'LOGOUT-BC-NONCE',
      'LOGOUT-RP-GET',
      'LOGOUT-SESSION-ENDED',
    ],
    reason:
      "the suite also needs the event's value to be exactly {} (LOGOUT-BC-EVENTS accepts any object: a SHOULD gap) and the OP's connection to use TLS 1.2 or later (the receiver listens where the run says, often loopback http)",
  },

  // ---- OpenID4VCI issuer (judged on Hydra's draft-00 dialect where it has the feature) ----
  'oid4vci-1_0-issuer-metadata-test': {
    plans: ['vci-issuer'],
    judges: 'the credential issuer metadata (/.well-known/openid-credential-issuer): required members, https URLs',
    checks: ['DISC-ORY-CREDENTIALS'],
    reason:
      "Hydra publishes no credential issuer metadata document; DISC-ORY-CREDENTIALS judges what stands for it in Hydra's draft-00 dialect (credentials_endpoint_draft_00 and credentials_supported_draft_00 in the OpenID configuration)",
  },
  'oid4vci-1_0-issuer-metadata-test-signed': {
    plans: ['vci-issuer'],
    judges: 'signed credential issuer metadata (signed_metadata)',
    checks: [],
    reason: VCI_1_0('signed issuer metadata'),
  },
  'oid4vci-1_0-issuer-happy-flow': {
    plans: ['vci-issuer'],
    judges: 'a wallet obtains a credential: an access token for it, a c_nonce, a key proof, a signed credential bound to the holder key',
    checks: [
      'VC-NONCE-TOKEN',
      'VC-PRIMING-NONCE',
      'VC-ISSUE-ES256',
      'VC-RESPONSE-SCHEMA',
      'VC-CREDENTIAL-SIGNATURE',
      'VC-CREDENTIAL-ISS',
      'VC-CREDENTIAL-SUBJECT',
      'VC-CREDENTIAL-CONTEXT-TYPE',
      'VC-CREDENTIAL-VALIDITY',
      'VC-CREDENTIAL-USER',
    ],
  },
  'oid4vci-1_0-issuer-happy-flow-additional-requests': {
    plans: ['vci-issuer'],
    judges: 'further credential requests on the same access token, each with the c_nonce of the answer before',
    checks: [],
    reason:
      'each issuance of the harness primes its own c_nonce; a second request on one access token with the c_nonce the previous answer gave is not judged',
  },
  'oid4vci-1_0-issuer-happy-flow-multiple-clients': {
    plans: ['vci-issuer'],
    judges: 'credentials issued to wallets of two different clients',
    checks: [],
    reason:
      "the harness issues credentials to one client per run (VC-REFUSE-FOREIGN-NONCE judges that one token's c_nonce does not serve another)",
  },
  'oid4vci-1_0-issuer-happy-flow-skip-notification': {
    plans: ['vci-issuer'],
    judges: 'issuance without calling the notification endpoint',
    checks: [],
    reason: VCI_1_0('the notification endpoint'),
  },
  'oid4vci-1_0-issuer-batch-issuance': {
    plans: ['vci-issuer'],
    judges: 'several credentials in one request (batch_credential_issuance, one proof each)',
    checks: [],
    reason: VCI_1_0('batch issuance'),
  },
  'oid4vci-1_0-issuer-fail-invalid-nonce': {
    plans: ['vci-issuer'],
    judges: 'a proof with an invalid c_nonce is refused (invalid_nonce, or invalid_proof)',
    checks: ['VC-REFUSE-WRONG-NONCE', 'VC-REFUSE-FOREIGN-NONCE', 'VC-REFUSE-EXPIRED-NONCE'],
  },
  'oid4vci-1_0-issuer-fail-invalid-jwt-proof-signature': {
    plans: ['vci-issuer'],
    judges: 'a JWT proof whose signature was changed is refused with invalid_proof',
    checks: ['VC-REFUSE-WRONG-KEY'],
  },
  'oid4vci-1_0-issuer-fail-invalid-key-attestation-signature': {
    plans: ['vci-issuer'],
    judges: 'a key attestation with an invalid signature is refused with invalid_proof',
    checks: [],
    reason: VCI_1_0('key attestations'),
  },
  'oid4vci-1_0-issuer-fail-invalid-client-attestation-signature': {
    plans: ['vci-issuer'],
    judges: 'a client attestation with an invalid signature is refused with invalid_client',
    checks: [],
    reason: CLIENT_ATTESTATION,
  },
  'oid4vci-1_0-issuer-fail-invalid-client-attestation-pop-signature': {
    plans: ['vci-issuer'],
    judges: 'a client attestation PoP with an invalid signature is refused with invalid_client',
    checks: [],
    reason: CLIENT_ATTESTATION,
  },
  'oid4vci-1_0-issuer-fail-client-attestation-exp-in-past': {
    plans: ['vci-issuer'],
    judges: 'an expired client attestation is refused',
    checks: [],
    reason: CLIENT_ATTESTATION,
  },
  'oid4vci-1_0-issuer-fail-client-attestation-no-sub': {
    plans: ['vci-issuer'],
    judges: 'a client attestation without sub is refused',
    checks: [],
    reason: CLIENT_ATTESTATION,
  },
  'oid4vci-1_0-issuer-fail-client-attestation-pop-wrong-aud': {
    plans: ['vci-issuer'],
    judges: 'a client attestation PoP whose aud is not the authorization server is refused',
    checks: [],
    reason: CLIENT_ATTESTATION,
  },
  'oid4vci-1_0-issuer-fail-mismatched-client-attestation-pop-key': {
    plans: ['vci-issuer'],
    judges: 'a client attestation PoP signed by another key than the attested one is refused with invalid_client',
    checks: [],
    reason: CLIENT_ATTESTATION,
  },
  'oid4vci-1_0-issuer-fail-missing-proof': {
    plans: ['vci-issuer'],
    judges: 'a credential request without the proof the configuration requires is refused (invalid_proof)',
    checks: ['VC-REFUSE-MISSING-PROOF'],
  },
  'oid4vci-1_0-issuer-fail-unsupported-encryption-algorithm': {
    plans: ['vci-issuer'],
    judges: 'a credential request asking for an unsupported response encryption is refused (invalid_encryption_parameters)',
    checks: [],
    reason: VCI_1_0('encrypted credential responses'),
  },
  'oid4vci-1_0-issuer-fail-unknown-credential-configuration': {
    plans: ['vci-issuer'],
    judges: 'a request for a credential configuration the issuer does not offer is refused',
    checks: ['VC-REFUSE-UNKNOWN-TYPE', 'VC-REFUSE-FORMAT'],
  },
  'oid4vci-1_0-issuer-fail-unknown-credential-identifier': {
    plans: ['vci-issuer'],
    judges: 'a request for an unknown credential_identifier (from authorization_details) is refused',
    checks: [],
    reason: VCI_1_0('credential identifiers from authorization_details'),
  },
  'oid4vci-1_0-issuer-fail-on-access-token-in-query': {
    plans: ['vci-issuer'],
    judges: 'a credential request with the access token in the URL query is refused',
    checks: ['VC-QUERY-TOKEN-REFUSED'],
  },
};
