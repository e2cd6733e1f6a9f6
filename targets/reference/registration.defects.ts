// The defects of registration.ts: dynamic client registration (create, read, replace, delete), and of the redirect URIs a
// registration gives a client as the authorization endpoint honours them (authorize-request.ts). Each names the check that
// must catch it (its operation is that check's) and the finding it must fail with, and is switched on by `ctx.has('<id>')`
// at the place of the behaviour it breaks — here, for the shape of a response or a comparison.
import { defects } from './defect.ts';
import { nowSeconds, type Ctx } from './context.ts';
import type { Client, ClientDraft } from './clients.ts';
import type { GoUrl } from './go-url.ts';

export const REGISTRATION_DEFECTS = defects({
  'registration.create-200': {
    catches: 'REG-CREATE-STATUS-201',
    description: 'POST /oauth2/register answers 200 instead of 201 Created.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-expires-at-missing': {
    catches: 'REG-CREATE-SCHEMA',
    description: 'The create response carries a client_secret but no client_secret_expires_at.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-null-audience': {
    catches: 'REG-CREATE-SCHEMA-ORY',
    description: 'The create response has "audience": null (as real Hydra does for unset arrays).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-secret-for-post': {
    catches: 'REG-CREATE-SECRET-ISSUED',
    description: 'A client registered for client_secret_post gets no client_secret in the response.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.secret-for-none': {
    catches: 'REG-CREATE-NO-SECRET-FOR-NONE',
    description: 'A public client (token_endpoint_auth_method none) is shown a client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.weak-secret': {
    catches: 'REG-CREATE-SECRET-STRENGTH',
    description: 'Generated client secrets are 8 characters long (about 48 bits).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-rat': {
    catches: 'REG-CREATE-RAT',
    description: 'The create response has no registration_access_token.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.no-client-uri': {
    catches: 'REG-CREATE-CLIENT-URI',
    description: 'The create response has no registration_client_uri.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.client-uri-trailing-slash': {
    catches: 'REG-CREATE-CLIENT-URI-ORY',
    description: 'registration_client_uri ends with an extra "/" (the route still works, the value is not Ory\'s).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-drops-post-logout': {
    catches: 'REG-CREATE-ECHO',
    description: 'post_logout_redirect_uris sent at registration are silently dropped.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.create-no-cache-headers': {
    catches: 'REG-CREATE-CACHE-HEADERS',
    description: 'The create response (secret and token) has no Cache-Control and no Pragma header.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.secret-chosen-accepted': {
    catches: 'REG-CREATE-SECRET-CHOSEN',
    description: 'A client_secret chosen by the client at registration is accepted and kept.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.client-id-honoured': {
    catches: 'REG-CREATE-CLIENT-ID-CHOSEN',
    description: 'A client_id chosen by the client at registration is honoured.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.forbidden-skip-consent': {
    catches: 'REG-CREATE-FORBIDDEN-FIELDS',
    description: 'skip_consent: true is accepted from self-service registration.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.fragment-redirect-accepted': {
    catches: 'REG-CREATE-REDIRECT-FRAGMENT',
    description: 'Redirect URIs with a fragment are accepted.',
    // The validator is the one a replace uses too (as Hydra's is), and the fuzz cases include fragments.
    alsoFails: ['REG-FUZZ-INVALID-REFUSED', 'REG-UPDATE-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.relative-redirect-accepted': {
    catches: 'REG-CREATE-REDIRECT-RELATIVE',
    description: 'Redirect URIs that do not parse as absolute URLs are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.post-logout-unchecked': {
    catches: 'REG-CREATE-POST-LOGOUT-MISMATCH',
    description: 'post_logout_redirect_uris on an origin of no redirect URI are accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.userinfo-alg-unchecked': {
    catches: 'REG-CREATE-USERINFO-ALG',
    description: 'Any userinfo_signed_response_alg is registered as sent.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.jwks-and-uri-accepted': {
    catches: 'REG-CREATE-JWKS-AND-URI',
    description: 'A body with both jwks and jwks_uri is accepted.',
    alsoFails: ['REG-FUZZ-INVALID-REFUSED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.500-on-cors-origins': {
    catches: 'REG-FUZZ-NO-5XX',
    description: 'A registration with allowed_cors_origins crashes with 500.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.fuzz-refuses-owner': {
    catches: 'REG-FUZZ-VALID-ACCEPTED',
    description: 'A valid body with an owner is refused with 400 invalid_client_metadata.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-drops-audience': {
    catches: 'REG-FUZZ-VALID-READ-BACK',
    description: 'A read shows audience as [] whatever was registered.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.subject-type-unchecked': {
    catches: 'REG-FUZZ-INVALID-REFUSED',
    description: 'An unsupported subject_type is registered as sent.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.decode-error-text': {
    catches: 'REG-FUZZ-ERROR-BODY',
    description: 'A registration body that does not decode (wrong JSON types) is refused with a text/plain body, not a JSON error.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-status-203': {
    catches: 'REG-READ-STATUS-200',
    description: 'GET /oauth2/register/{id} answers 203 instead of 200.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-schema-string-bool': {
    catches: 'REG-READ-SCHEMA-ORY',
    description: 'A read returns skip_consent as the string "false".',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-stale-post-logout': {
    catches: 'REG-READ-VALUES',
    description: 'A read shows post_logout_redirect_uris as [] although they are registered.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-returns-secret': {
    catches: 'REG-READ-NO-SECRET',
    description: 'A read returns the client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-returns-rat': {
    catches: 'REG-READ-NO-RAT',
    description: 'A read returns a registration_access_token member.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-status-201': {
    catches: 'REG-UPDATE-STATUS-200',
    description: 'PUT /oauth2/register/{id} answers 201 instead of 200.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-schema-number-date': {
    catches: 'REG-UPDATE-SCHEMA-ORY',
    description: 'The replace response has created_at as the number 0.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-ignores-contacts': {
    catches: 'REG-UPDATE-VALUES',
    description: 'A replace keeps the old contacts whatever is sent.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-same-rat': {
    catches: 'REG-UPDATE-RAT-ROTATED',
    description: 'A replace does not rotate the registration access token; the presented one is returned again.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-returns-secret': {
    catches: 'REG-UPDATE-NO-SECRET',
    description: 'The replace response includes the client_secret.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-overwrites-secret': {
    catches: 'REG-UPDATE-SECRET-KEPT',
    description: 'A replace that carries a client_secret is accepted and overwrites the secret.',
    alsoFails: ['REG-UPDATE-SECRET-CHOSEN'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-ignores-chosen-secret': {
    catches: 'REG-UPDATE-SECRET-CHOSEN',
    description: 'A replace that carries a client_secret is accepted (200); the secret itself is kept.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-partial-on-error': {
    catches: 'REG-UPDATE-FAILED-NO-CHANGE',
    description: 'A replace rotates the registration access token before validating, so a refused replace still invalidates the old token.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-200-body': {
    catches: 'REG-DELETE-STATUS-204',
    description: 'DELETE /oauth2/register/{id} answers 200 with a JSON body instead of 204.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-keeps-credentials': {
    catches: 'REG-DELETE-CREDENTIALS-REVOKED',
    description: 'A deleted client loses its registration access token, but its id and secret still work at the token endpoint.',
    suites: ['registration', 'token-endpoint-auth'],
    // The client stays, so the authorization endpoint still knows it too.
    alsoFails: ['REG-DELETE-AUTHZ-REFUSED'],
  },
  'registration.auth-missing-get': {
    catches: 'REG-AUTH-MISSING',
    description: 'GET /oauth2/register/{id} without any credentials returns the client.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-malformed-accepted': {
    catches: 'REG-AUTH-MALFORMED',
    description: 'Characters a bearer token cannot have are dropped before the token is compared.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-wrong-accepted': {
    catches: 'REG-AUTH-WRONG',
    description: 'Fail-open lookup: a well-formed token that no client holds is let through.',
    alsoFails: ['REG-AUTH-ROTATED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-any-client-rat': {
    catches: 'REG-AUTH-OTHER-CLIENT',
    description: "Any client's registration access token manages every client.",
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-deleted-tombstone': {
    catches: 'REG-AUTH-DELETED-CLIENT',
    description: "A deleted client's registration access token still reaches a tombstone of the client.",
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-rotated-still-valid': {
    catches: 'REG-AUTH-ROTATED',
    description: 'Registration access tokens rotated out by a replace keep working.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-unknown-404': {
    catches: 'REG-AUTH-UNKNOWN-CLIENT',
    description: 'An unknown client id answers 404 (a wrong token 401), so client ids can be probed.',
    alsoFails: ['REG-AUTH-DELETED-CLIENT'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.decode-error-404': {
    catches: 'REG-CREATE-ENABLED',
    description:
      "A registration body that does not parse as JSON is answered 404 Not Found (the decode error is mapped to herodot's ErrNotFound), so POST /oauth2/register looks unserved.",
    // The four gates share one probe of POST /oauth2/register (a body that is not JSON): what it finds fails them all.
    alsoFails: ['REG-READ-ENABLED', 'REG-UPDATE-ENABLED', 'REG-DELETE-ENABLED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.read-lookup-404': {
    catches: 'REG-READ-ENABLED',
    description:
      'GET /oauth2/register/{id} authenticates the token, then looks the client up under the wrong key and answers 404 Not Found.',
    // A read that answers 404 is not 200 either, and the rotated token is judged by a read.
    alsoFails: ['REG-READ-STATUS-200', 'REG-UPDATE-RAT-ROTATED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-no-row-404': {
    catches: 'REG-UPDATE-ENABLED',
    description:
      'PUT /oauth2/register/{id} validates the replace, then its update matches no row and it answers 404 Not Found; nothing changes.',
    // A replace that answers 404 is not 200 either.
    alsoFails: ['REG-UPDATE-STATUS-200'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-no-row-404': {
    catches: 'REG-DELETE-ENABLED',
    description:
      'DELETE /oauth2/register/{id} authenticates the token, then its delete matches no row and it answers 404 Not Found; the client stays.',
    // A delete that answers 404 is not 204 either.
    alsoFails: ['REG-DELETE-STATUS-204'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.refused-leaves-client': {
    catches: 'REG-CREATE-REFUSED-NOTHING-LEFT',
    description:
      'A self-service registration is inserted before it is validated, and a refusal (e.g. of a forbidden field) does not roll the insert back.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-fragment-accepted': {
    catches: 'REG-UPDATE-INVALID-REFUSED',
    description:
      'A replace validates its redirect URIs with the fragments cut off, and stores them as sent: a redirect URI with a fragment is accepted.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.auth-unknown-client-error': {
    catches: 'REG-AUTH-UNKNOWN-CLIENT-SAME-ERROR',
    request: 'GET /oauth2/register/{id}',
    description:
      'GET /oauth2/register/{id} of a client id that does not exist answers 401 invalid_client, where a wrong token gets 401 invalid_token, so client ids can be probed.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.frontchannel-origin-unchecked': {
    catches: 'REG-CREATE-FRONTCHANNEL-ORIGIN',
    description:
      'frontchannel_logout_uri is registered on any origin: only post_logout_redirect_uris are compared with the redirect URIs (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.backchannel-uri-unchecked': {
    catches: 'REG-CREATE-BACKCHANNEL-ABSOLUTE',
    description: 'backchannel_logout_uri is stored as sent, never parsed: a relative URI is registered (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.null-body-accepted': {
    catches: 'REG-CREATE-BODY-NOT-OBJECT',
    description:
      "A registration body of JSON null is decoded like an empty object (Go's json.Decode leaves the struct as it is) and registers a client with defaults (as real Hydra).",
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.unknown-members-refused': {
    catches: 'REG-CREATE-UNKNOWN-MEMBERS',
    description:
      'Self-service registration decodes its body with DisallowUnknownFields: a member the server does not know is refused with 400.',
    // Every generated valid body carries a member no server knows (RFC 7591 §3.1), so none of them is registered either.
    alsoFails: ['REG-FUZZ-VALID-ACCEPTED'],
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.empty-grant-types-any': {
    catches: 'REG-CREATE-DEFAULTS',
    description:
      'A client registered without grant_types may use any grant at the token endpoint (an empty list is read as "no restriction"), client_credentials included.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.update-merges-omitted': {
    catches: 'REG-UPDATE-OMITTED-REMOVED',
    description: 'PUT /oauth2/register/{id} is applied as a merge: members the body leaves out keep their stored values.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.delete-authorize-cache': {
    catches: 'REG-DELETE-AUTHZ-REFUSED',
    description:
      'The authorization endpoint reads clients through a cache that deleting a registration does not invalidate: authorization requests for a deleted client go on to the login.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'registration.constant-secret': {
    catches: 'REG-CREATE-SECRET-STRENGTH',
    finding: 'secret-reused',
    description: 'Every client is issued the same 26-character secret (strong-looking, and shared by all).',
    suites: ['registration'],
  },
  'registration.client-id-per-software': {
    catches: 'REG-CREATE-CLIENT-ID-UNIQUE',
    finding: 'client-id-reused',
    description:
      "A registration that names a software_id gets a client_id made from it: a second installation of the same software is given the first one's client_id and replaces its registration.",
    suites: ['registration'],
  },
  'registration.create-omits-logo-uri': {
    catches: 'REG-CREATE-METADATA-RETURNED',
    finding: 'missing:logo_uri',
    description: 'The create response leaves logo_uri out (it is registered: a read shows it).',
    suites: ['registration'],
  },
  'registration.secret-expired-at-issue': {
    catches: 'REG-CREATE-SECRET-MEMBERS',
    finding: 'expired-at-issue',
    description: 'client_secret_expires_at is the time of the registration: the secret is said to expire as it is issued.',
    suites: ['registration'],
  },
  'registration.sector-uri-exact-list': {
    catches: 'REG-CREATE-SECTOR-URI-ACCEPTED',
    finding: 'refused:invalid_client_metadata',
    description:
      "A sector_identifier_uri's document must list exactly the client's redirect URIs: a document that also lists another client's of the same sector is refused.",
    suites: ['registration'],
  },
  'registration.sector-uri-unchecked': {
    catches: 'REG-CREATE-SECTOR-URI-UNLISTED',
    finding: 'accepted',
    description: "A sector_identifier_uri's document is fetched but not compared with the redirect URIs: one that leaves a redirect URI out is accepted.",
    suites: ['registration'],
  },
  'registration.update-takes-body-client-id': {
    catches: 'REG-UPDATE-CLIENT-ID-KEPT',
    finding: 'renamed',
    description: 'A replace takes the client_id its body names: a body naming another id renames the client (its old id stops existing).',
    suites: ['registration'],
  },
  'registration.delete-authorize-500': {
    catches: 'REG-DELETE-AUTHZ-REFUSED',
    finding: 'status:500',
    description:
      'The authorization endpoint answers 500 for a client deleted since its cache entry was made (it dereferences the missing client), where it should refuse with an error page.',
    suites: ['registration'],
  },
  'registration.admin-put-drops-rat': {
    catches: 'REG-ADMIN-UPDATE-KEEPS-RAT',
    description:
      "PUT /admin/clients/{id} stores the client decoded from the body, whose registration access token is empty: the client's own token stops working (as real Hydra).",
    suites: ['registration', 'token-endpoint-auth'],
  },
  'redirect.path-prefix': {
    catches: 'REG-REDIRECT-EXACT',
    finding: 'accepted:longer-path,accepted:trailing-slash',
    description:
      'A redirect_uri matches a registered one when its path starts with the registered path (same origin and query): /cb/extra and /cb/ pass for /cb.',
    suites: ['redirect'],
  },
  'redirect.added-query-ignored': {
    catches: 'REG-REDIRECT-QUERY-ADDED',
    finding: 'accepted',
    description:
      'A registered redirect URI without a query matches a redirect_uri that adds one (the query is compared only when the registered URI has one).',
    suites: ['redirect'],
  },
  'redirect.query-names-only': {
    catches: 'REG-REDIRECT-QUERY-MISMATCH',
    finding: 'accepted',
    description: "A registered redirect URI's query is compared by its parameter names only: ?rp=other passes for ?rp=kept.",
    suites: ['redirect'],
  },
  'redirect.response-drops-query': {
    catches: 'REG-REDIRECT-QUERY-KEPT',
    finding: 'query-dropped:rp',
    description: "The authorization response replaces the redirect URI's own query with its parameters: ?rp=kept is lost.",
    suites: ['redirect'],
  },
  'redirect.defaulted-for-openid': {
    catches: 'REG-REDIRECT-REQUIRED',
    finding: 'accepted',
    description:
      'An OpenID request without redirect_uri goes on with the one registered URI (RFC 6749 allows that; OpenID Connect requires redirect_uri).',
    suites: ['redirect'],
  },
  'redirect.error-to-unregistered': {
    catches: 'REG-REDIRECT-ERROR-SHOWN',
    finding: 'redirected-to-unregistered',
    description:
      'The refusal of a redirect_uri that matches no registered one is redirected to that unregistered URI (with error=invalid_request) instead of the error page.',
    suites: ['redirect'],
  },
  'registration.auth-no-challenge': {
    catches: 'REG-AUTH-WWW-AUTHENTICATE',
    description: '401s of /oauth2/register/{id} carry no WWW-Authenticate header (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
});

type Body = Record<string, unknown>;

/** POST /oauth2/register: the created view as sent to the client. */
export function createdBody(ctx: Ctx, body: Body): Body {
  if (ctx.has('registration.create-expires-at-missing')) delete body['client_secret_expires_at'];
  if (ctx.has('registration.secret-expired-at-issue') && body['client_secret']) body['client_secret_expires_at'] = nowSeconds();
  if (ctx.has('registration.create-omits-logo-uri')) delete body['logo_uri'];
  if (ctx.has('registration.create-null-audience')) body['audience'] = null;
  if (ctx.has('registration.no-secret-for-post') && body['token_endpoint_auth_method'] === 'client_secret_post')
    delete body['client_secret'];
  if (ctx.has('registration.secret-for-none') && body['token_endpoint_auth_method'] === 'none')
    body['client_secret'] = 'issued-to-a-public-client-0123456789';
  if (ctx.has('registration.no-rat')) delete body['registration_access_token'];
  if (ctx.has('registration.no-client-uri')) delete body['registration_client_uri'];
  if (ctx.has('registration.client-uri-trailing-slash')) body['registration_client_uri'] = `${String(body['registration_client_uri'])}/`;
  return body;
}

/** GET /oauth2/register/{id}. */
export function readBody(ctx: Ctx, body: Body, client: Client): Body {
  if (ctx.has('registration.read-drops-audience')) body['audience'] = [];
  if (ctx.has('registration.read-schema-string-bool')) body['skip_consent'] = String(body['skip_consent']);
  if (ctx.has('registration.read-stale-post-logout')) body['post_logout_redirect_uris'] = [];
  if (ctx.has('registration.read-returns-secret')) body['client_secret'] = client.client_secret;
  if (ctx.has('registration.read-returns-rat')) body['registration_access_token'] = client.ratHash;
  return body;
}

/** PUT /oauth2/register/{id}. */
export function updatedBody(ctx: Ctx, body: Body, client: Client): Body {
  if (ctx.has('registration.update-schema-number-date')) body['created_at'] = 0;
  if (ctx.has('registration.update-returns-secret')) body['client_secret'] = client.client_secret;
  return body;
}

/** Members a merging replace (defect) keeps from the stored client when the body leaves them out. */
const NOT_MERGED = new Set(['client_id', 'client_secret', 'ratHash', 'created_at', 'updated_at', 'lifespans', 'jwks', 'metadata']);

/** Defect registration.update-merges-omitted: a replace keeps what its body leaves out. */
export function mergeOmitted(ctx: Ctx, draft: ClientDraft, current: Client): void {
  if (!ctx.has('registration.update-merges-omitted')) return;
  const fields = draft as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(current)) if (!NOT_MERGED.has(name) && !draft.present.has(name)) fields[name] = value;
}

/** Deleted clients and rotated-out token hashes, per reference instance. */
const memory = new WeakMap<
  object,
  { tombstones: Map<string, Client>; rotated: Map<string, Set<string>>; authorizeCache: Map<string, Client> }
>();
function of(ctx: Ctx) {
  let m = memory.get(ctx.store);
  if (!m) memory.set(ctx.store, (m = { tombstones: new Map(), rotated: new Map(), authorizeCache: new Map() }));
  return m;
}

export function rememberDeleted(ctx: Ctx, client: Client): void {
  if (ctx.has('registration.auth-deleted-tombstone')) of(ctx).tombstones.set(client.client_id, client);
  if (ctx.has('registration.delete-authorize-cache') || ctx.has('registration.delete-authorize-500'))
    of(ctx).authorizeCache.set(client.client_id, client);
}

/** Defect registration.delete-authorize-500: the authorization endpoint fails on a client deleted since it was cached. */
export function crashesOnDeleted(ctx: Ctx, id: string): boolean {
  return ctx.has('registration.delete-authorize-500') && of(ctx).authorizeCache.has(id);
}

/** Defect registration.delete-authorize-cache: the authorization endpoint still finds a deleted client. */
export function staleAuthorizeClient(ctx: Ctx, id: string): Client | undefined {
  return ctx.has('registration.delete-authorize-cache') ? of(ctx).authorizeCache.get(id) : undefined;
}

/** Defect registration.empty-grant-types-any: a client without grant_types may use any grant. */
export function anyGrantAllowed(ctx: Ctx, client: Client): boolean {
  return ctx.has('registration.empty-grant-types-any') && client.grant_types.length === 0;
}

export function rememberRotated(ctx: Ctx, client: Client): void {
  if (!ctx.has('registration.auth-rotated-still-valid')) return;
  const set = of(ctx).rotated.get(client.client_id) ?? new Set<string>();
  of(ctx).rotated.set(client.client_id, set.add(client.ratHash));
}

/** A client the RAT may still reach through a defect: a deleted one (tombstone), or through a rotated-out token. */
export function defectiveMatch(ctx: Ctx, id: string, key: string): Client | undefined {
  const m = of(ctx);
  const tomb = m.tombstones.get(id);
  if (tomb && tomb.ratHash === key) return tomb;
  const live = ctx.store.clients.get(id);
  if (live && m.rotated.get(id)?.has(key)) return live;
  if (live && ctx.has('registration.auth-any-client-rat') && [...ctx.store.clients.values()].some((c) => c.ratHash === key)) return live;
  // Fail-open lookup: a token no client holds is let through.
  if (live && ctx.has('registration.auth-wrong-accepted') && key !== '' && ![...ctx.store.clients.values()].some((c) => c.ratHash === key))
    return live;
  return undefined;
}

const sameEndpoint = (a: GoUrl, b: GoUrl) => a.scheme === b.scheme && a.host === b.host;
const queryNames = (q: string) => [...new URLSearchParams(q).keys()].sort().join('&');

/** Defects redirect.path-prefix, redirect.added-query-ignored, redirect.query-names-only: lax redirect URI matching. */
export function laxRedirectMatch(ctx: Ctx, registered: GoUrl, requested: GoUrl): boolean {
  if (!sameEndpoint(registered, requested)) return false;
  const samePath = registered.path === requested.path;
  if (ctx.has('redirect.path-prefix') && requested.path.startsWith(registered.path) && registered.rawQuery === requested.rawQuery)
    return true;
  if (ctx.has('redirect.added-query-ignored') && samePath && registered.rawQuery === '') return true;
  return (
    ctx.has('redirect.query-names-only') &&
    samePath &&
    registered.rawQuery !== '' &&
    queryNames(registered.rawQuery) === queryNames(requested.rawQuery)
  );
}

/** Defect redirect.response-drops-query: the authorization response replaces the redirect URI's own query. */
export function responseTarget(ctx: Ctx, target: URL): URL {
  if (ctx.has('redirect.response-drops-query')) target.search = '';
  return target;
}

/** Defect registration.constant-secret: one strong-looking secret for every client. */
export function constantSecret(ctx: Ctx): string | undefined {
  return ctx.has('registration.constant-secret') ? 'Kq7vT2mX9pL4wR8zN3cB6yH1dF' : undefined;
}

/**
 * Defect registration.client-id-per-software: a registration that names a software_id is stored under an id made from
 * it, replacing whatever client had that id (a second installation of the software takes the first one's place).
 */
export function softwareClientId(ctx: Ctx, body: string): string | undefined {
  if (!ctx.has('registration.client-id-per-software')) return undefined;
  try {
    const software = (JSON.parse(body) as Record<string, unknown>)['software_id'];
    return typeof software === 'string' && software !== '' ? `software-${software}` : undefined;
  } catch {
    return undefined;
  }
}

/** Defect registration.update-takes-body-client-id: a replace renames the client to the client_id its body names. */
export function renamedClientId(ctx: Ctx, draft: ClientDraft, current: Client): string {
  return ctx.has('registration.update-takes-body-client-id') && draft.client_id !== '' ? draft.client_id : current.client_id;
}
