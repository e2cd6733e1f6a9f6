// The defects of issue.ts and token.ts: the token response and its ID token; the foreign signing key the signed-token defects use: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks — here, for the shape of a response.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { defects } from './defect.ts';
import type { Ctx } from './context.ts';
import { KeyRing, createSigningKey, type SigningKey } from './keys.ts';
import { PREFIX, opaqueKey } from './opaque.ts';
import type { TokenRecord, TokenSession } from './state.ts';
import { oauthError } from './errors.ts';
import { authTimeMembers } from './auth-time-metadata.ts';

/** The RP-initiated logout checks that present a signed-in user's ID token as id_token_hint. */
const LOGOUT_WITH_HINT = [
  'LOGOUT-NO-REDIRECT-URI',
  'LOGOUT-ORY-CHALLENGE',
  'LOGOUT-RP-GET',
  'LOGOUT-RP-NO-STATE',
  'LOGOUT-RP-POST',
  'LOGOUT-URI-QUERY',
];

export const TOKENS_DEFECTS = defects({
  'tokens.id-token-foreign-key': {
    catches: 'TOKEN-ID-SIGNATURE',
    finding: 'kid-unknown',
    description: 'ID tokens are signed with an RS256 key that the JWKS does not publish.',
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is.
    alsoFails: LOGOUT_WITH_HINT,
  },
  'tokens.id-token-alg-none': {
    catches: 'TOKEN-ID-SIGNATURE',
    finding: 'alg:none',
    description: 'ID tokens are issued unsigned (alg none) to clients that registered no such thing, from the token endpoint.',
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is; and its alg is not
    // the client's id_token_signed_response_alg (RS256 by default).
    alsoFails: [...LOGOUT_WITH_HINT, 'TOKEN-ID-ALG-REGISTERED'],
  },
  'tokens.id-token-no-at-hash': {
    catches: 'TOKEN-ID-AT-HASH-PRESENT',
    finding: 'claim-missing:at_hash',
    description: 'ID tokens carry no at_hash.',
    suites: ['tokens'],
  },
  'tokens.id-token-wrong-at-hash': {
    catches: 'TOKEN-ID-AT-HASH',
    finding: 'claim-mismatch:at_hash',
    description: "The ID token's at_hash is not the hash of the access token.",
    suites: ['tokens'],
  },
  'tokens.id-token-wrong-nonce': {
    catches: 'TOKEN-ID-NONCE',
    finding: 'claim-mismatch:nonce',
    description: "The ID token's nonce is not the one of the authentication request.",
    suites: ['tokens'],
  },
  'tokens.id-token-expired': {
    catches: 'TOKEN-ID-EXP',
    finding: 'claim-expired:exp',
    description: 'ID tokens are issued already expired (exp = iat - 300 s).',
    suites: ['tokens'],
  },
  'tokens.id-token-no-exp': {
    catches: 'TOKEN-ID-CLAIMS',
    finding: 'schema:/exp:required',
    description: 'ID tokens have no exp.',
    suites: ['tokens'],
  },
  'tokens.id-token-iat-future': {
    catches: 'TOKEN-ID-IAT',
    finding: 'claim-future:iat',
    description: "The ID token's iat is an hour in the future.",
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is.
    alsoFails: LOGOUT_WITH_HINT,
  },
  'tokens.id-token-aud-other': {
    catches: 'TOKEN-ID-AUD',
    finding: 'claim-missing-client:aud',
    description: "The ID token's aud names another client.",
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is.
    alsoFails: LOGOUT_WITH_HINT,
  },
  'tokens.id-token-iss-slash': {
    catches: 'TOKEN-ID-ISS',
    finding: 'mismatch:iss',
    description: "The ID token's iss has a trailing '/' the issuer does not have.",
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is.
    alsoFails: LOGOUT_WITH_HINT,
  },
  'tokens.id-token-no-sid': {
    catches: 'TOKEN-ID-SID',
    finding: 'claim-missing:sid',
    description: 'ID tokens carry no sid although logout session support is advertised.',
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is.
    alsoFails: LOGOUT_WITH_HINT,
  },
  'tokens.no-cache-control': {
    catches: 'TOKEN-RESPONSE-NO-STORE',
    finding: 'header-missing:cache-control',
    description: 'Token responses carry no Cache-Control header.',
    suites: ['tokens'],
  },
  'tokens.no-pragma': {
    catches: 'TOKEN-RESPONSE-PRAGMA',
    finding: 'header-missing:pragma',
    description: 'Token responses carry no Pragma header.',
    suites: ['tokens'],
  },
  'tokens.text-content-type': {
    catches: 'TOKEN-RESPONSE-JSON',
    finding: 'content-type:text/plain',
    description: 'Successful token responses are labelled text/plain.',
    suites: ['tokens'],
  },
  'tokens.code-response-no-scope': {
    catches: 'TOKEN-RESPONSE-SCOPE',
    finding: 'scope-missing',
    description:
      'The response of a code exchange never carries scope, as if the grant were always what the client asked for: a client granted less cannot tell.',
    suites: ['token-code'],
  },
  'tokens.code-response-no-id-token': {
    catches: 'TOKEN-RESPONSE-SCHEMA',
    finding: 'schema:/id_token:required',
    description: 'The code exchange of a grant that includes the openid scope answers an access token without an id_token.',
    suites: ['tokens'],
  },
  'tokens.error-redirect-without-error': {
    catches: 'TOKEN-AUTHZ-ERROR-STATE',
    finding: 'error-missing',
    description: 'A refused authorization request is redirected to the client with error_description and state, but no error parameter.',
    suites: ['token-authorize'],
  },
  'tokens.authorize-unknown-param-refused': {
    catches: 'TOKEN-AUTHZ-UNKNOWN-PARAM',
    finding: 'unknown-param:authorization:invalid_request',
    description:
      'An authorization request with a parameter the provider does not know is refused (invalid_request), instead of the parameter being ignored.',
    suites: ['token-authorize'],
  },
  'tokens.no-expires-in': {
    catches: 'TOKEN-RESPONSE-EXPIRES-IN',
    finding: 'member-missing:expires_in',
    description: "The code exchange's token response leaves expires_in out.",
    suites: ['tokens'],
  },
  'tokens.id-token-header-jwk': {
    catches: 'TOKEN-ID-HEADER-KEYS',
    finding: 'header-members:jwk',
    description: "ID tokens carry the signing key's public part in their JOSE header (jwk), beside its kid.",
    suites: ['tokens'],
  },
  'tokens.authorize-state-cut': {
    catches: 'TOKEN-CODE-FLOW',
    finding: 'state-mismatch',
    description:
      'The authorization response carries the state cut to its first 8 characters (as a column too short for it would), not the exact value the request sent.',
    suites: ['tokens'],
    // The sign-in to a redirect URI with a query of its own compares the state too (it must come back beside that query).
    alsoFails: ['REG-REDIRECT-QUERY-KEPT'],
  },
  'tokens.pkce-hex-digest': {
    catches: 'TOKEN-CODE-FLOW',
    finding: 'exchange:invalid_grant',
    description:
      'The code exchange compares the S256 code_challenge with the hex (not base64url) SHA-256 of the code_verifier, so every code exchange with PKCE is refused.',
    suites: ['tokens'],
  },
  'tokens.id-token-no-auth-time': {
    catches: 'TOKEN-ID-AUTH-TIME',
    finding: 'claim-missing:auth_time',
    description:
      'auth_time is put in ID tokens only for clients that registered require_auth_time: an authentication request with max_age gets an ID token without it.',
    suites: ['tokens'],
  },
  'tokens.id-token-newest-key': {
    catches: 'TOKEN-ID-ALG-REGISTERED',
    finding: 'alg:ES256',
    description:
      'After a key rotation the JWKS publishes a new ES256 key beside the RS256 one, and ID tokens are signed with the newest key, whatever id_token_signed_response_alg the client has (RS256 by default).',
    suites: ['tokens'],
    // The ID token is the id_token_hint of RP-initiated logout, which the provider refuses as it is.
    alsoFails: LOGOUT_WITH_HINT,
  },
  'tokens.id-token-azp-other': {
    catches: 'TOKEN-ID-AZP',
    finding: 'claim-mismatch:azp',
    description: 'ID tokens carry an azp that names another client, not the one the token was issued to.',
    suites: ['tokens'],
  },
  'tokens.id-token-aud-issuer': {
    catches: 'TOKEN-ID-AZP',
    finding: 'claim-missing:azp',
    description: 'ID tokens are addressed to the client and to the issuer itself (two audiences), with no azp naming the client.',
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-aud-granted': {
    catches: 'TOKEN-ID-REFRESH',
    finding: 'claim-changed:aud',
    description:
      "A refreshed ID token's aud is the audience granted to the access token, not the client: it differs from the original ID token's.",
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-iss-slash': {
    catches: 'TOKEN-ID-REFRESH',
    finding: 'claim-changed:iss',
    description: "A refreshed ID token's iss has a trailing '/' that the original's (the issuer) does not have.",
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-sub-client': {
    catches: 'TOKEN-ID-REFRESH',
    finding: 'claim-changed:sub',
    description: "A refreshed ID token's sub is the client_id (as if the refresh were the client's own grant), not the user's.",
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-no-auth-time': {
    catches: 'TOKEN-ID-REFRESH',
    finding: 'claim-changed:auth_time',
    description: 'A refreshed ID token has no auth_time, though the original has one.',
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-iat-ahead': {
    catches: 'TOKEN-ID-REFRESH',
    finding: 'claim-stale:iat',
    description: "A refreshed ID token's iat is an hour after the time it is issued.",
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-other-nonce': {
    catches: 'TOKEN-ID-REFRESH',
    finding: 'claim-changed:nonce',
    description: 'A refreshed ID token carries a nonce of its own, not the one of the original ID token.',
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-keeps-nonce': {
    catches: 'TOKEN-ID-REFRESH-NO-NONCE',
    finding: 'claim-present:nonce',
    description:
      "Started to leave the nonce out of refreshed ID tokens (Hydra keeps it), the reference still copies the original's nonce into them (the same value, so the MUST holds).",
    suites: ['tokens'],
    reference: { offers: ['no-refresh-nonce'] },
  },
  'tokens.auth-time-only-with-max-age': {
    catches: 'TOKEN-ID-REQUIRE-AUTH-TIME',
    finding: 'claim-missing:auth_time',
    description:
      'require_auth_time is registered and echoed, but ignored: the ID tokens of such a client carry auth_time only when the authentication request carried max_age.',
    suites: ['tokens'],
    reference: { offers: ['require_auth_time'] },
  },
  'tokens.authorize-post-dropped': {
    catches: 'TOKEN-AUTHZ-POST',
    finding: 'post:incomplete',
    description:
      "An authorization request sent by POST goes to the login, but the flow keeps only the URL's query (none): the user agent comes back from the login without client_id and the request ends at the error page (Hydra's behaviour, deviation #21).",
    suites: ['token-authorize'],
  },
  'tokens.error-redirect-without-state': {
    catches: 'TOKEN-AUTHZ-ERROR-STATE',
    finding: 'state-missing',
    description: 'An error sent to the redirect URI (login_required, invalid_scope, …) carries no state, though the request had one.',
    suites: ['token-authorize'],
  },
  'tokens.pkce-missing-access-denied': {
    catches: 'TOKEN-PKCE-PUBLIC-REQUIRED',
    finding: 'error:access_denied',
    description:
      "PKCE is required of public clients, but a public client's authorization request without code_challenge is refused with access_denied, not invalid_request.",
    suites: ['token-code'],
    reference: { offers: ['pkce-enforced-for-public-clients'] },
  },
  'tokens.max-age-ignored': {
    catches: 'TOKEN-AUTHZ-MAX-AGE',
    finding: 'login-skipped',
    description:
      'max_age is not compared with the time of the remembered login: an authorization request with max_age=1 long after it still skips the login.',
    suites: ['token-authorize'],
  },
  'tokens.default-max-age-ignored': {
    catches: 'TOKEN-AUTHZ-DEFAULT-MAX-AGE',
    finding: 'login-skipped',
    description: "A client's default_max_age is registered and echoed, but an authorization request without max_age never uses it.",
    suites: ['token-authorize'],
    reference: { offers: ['default_max_age'] },
  },
  'tokens.code-exchange-server-error': {
    catches: 'TOKEN-CODE-FLOW',
    finding: 'exchange:server_error',
    description:
      'As behind a load balancer with three broken instances of four: on each connection, three of every four code exchanges answer HTTP 500 (server_error), the fourth succeeds. A sign-in made again after a 5xx would pass.',
    suites: ['tokens'],
  },
  'tokens.token-type-mac': {
    catches: 'TOKEN-RESPONSE-SCHEMA',
    finding: 'schema:/token_type:pattern',
    description: 'Token responses say token_type "mac" for bearer tokens.',
    suites: ['tokens'],
  },
  'tokens.code-reuse-accepted': {
    catches: 'TOKEN-CODE-REUSE',
    finding: 'accepted:reused-code',
    description: 'An authorization code that was already exchanged is exchanged again: the code is never marked as spent.',
    suites: ['token-code'],
  },
  'tokens.code-reuse-keeps-tokens': {
    catches: 'TOKEN-CODE-REUSE-REVOKES',
    finding: 'active:access-token',
    description: 'A code presented a second time is refused, but the tokens issued from its first exchange stay active.',
    suites: ['token-code'],
  },
  'tokens.pkce-verifier-unchecked': {
    catches: 'TOKEN-PKCE-WRONG-VERIFIER',
    finding: 'accepted:wrong-verifier',
    description: 'The code_verifier is checked for its form (43-128 unreserved characters) but never compared with the code_challenge.',
    suites: ['token-code'],
  },
  'tokens.pkce-verifier-optional': {
    catches: 'TOKEN-PKCE-NO-VERIFIER',
    finding: 'accepted:no-verifier',
    description: 'A code exchange without code_verifier skips PKCE, although the authorization request carried a code_challenge.',
    suites: ['token-code'],
  },
  'tokens.pkce-plain-unchecked': {
    catches: 'TOKEN-PKCE-PLAIN',
    finding: 'accepted:wrong-plain-verifier',
    description:
      'code_challenge_method=plain is accepted at the authorization endpoint (as discovery advertises), but a plain challenge is never verified at the token endpoint.',
    suites: ['token-code'],
  },
  'tokens.pkce-plain-unadvertised': {
    catches: 'TOKEN-PKCE-PLAIN',
    finding: 'accepted:plain',
    description:
      'code_challenge_methods_supported lists only S256, yet the authorization endpoint takes a plain challenge (and the token endpoint checks it as plain): a downgrade the client cannot see.',
    suites: ['token-code'],
  },
  'tokens.code-other-client': {
    catches: 'TOKEN-CODE-OTHER-CLIENT',
    finding: 'accepted:other-client',
    description: 'A code is exchanged for whichever client authenticates: the client it was issued to is not compared.',
    suites: ['token-code'],
  },
  'tokens.code-any-registered-redirect-uri': {
    catches: 'TOKEN-CODE-OTHER-REDIRECT-URI',
    finding: 'accepted:other-redirect-uri',
    description:
      "The redirect_uri of a code exchange is checked against the client's registered redirect URIs, not against the one of the authorization request.",
    suites: ['token-code'],
  },
  'tokens.code-redirect-uri-optional': {
    catches: 'TOKEN-CODE-NO-REDIRECT-URI',
    finding: 'accepted:no-redirect-uri',
    description: 'A code exchange without redirect_uri skips the comparison, although the authorization request carried one.',
    suites: ['token-code'],
  },
  'tokens.refresh-other-client': {
    catches: 'TOKEN-REFRESH-OTHER-CLIENT',
    finding: 'accepted:other-client',
    description: 'A refresh token is honoured for whichever client authenticates: the client it was issued to is not compared.',
    suites: ['token-refresh'],
  },
  'tokens.refresh-signature-unchecked': {
    catches: 'TOKEN-REFRESH-TAMPERED',
    finding: 'accepted:tampered-refresh-token',
    description: 'A refresh token is found by its first part alone: what follows the "." is never compared, so a tampered one is honoured.',
    suites: ['token-refresh'],
  },
  'tokens.refresh-scope-widened': {
    catches: 'TOKEN-REFRESH-SCOPE',
    finding: 'scope-exceeds:profile',
    description:
      'A refresh grants the scopes its request asks for that the client may request, beyond the scope originally granted (the new refresh token carries them too).',
    suites: ['token-refresh'],
  },
  'tokens.rotated-refresh-token-requested-scope': {
    catches: 'TOKEN-REFRESH-SCOPE',
    finding: 'rotated-scope-exceeds:profile',
    description:
      "A refresh answers the original scope, but the new refresh token is saved with the scopes the request asked for (those the client may request): the token's next refresh grants more than was granted.",
    suites: ['token-refresh'],
  },
  'tokens.refresh-reuse-accepted': {
    catches: 'TOKEN-REFRESH-REUSE',
    finding: 'accepted:used-refresh-token',
    description: 'A refresh answers a new refresh token, but the used one stays active and can be used again.',
    suites: ['token-refresh'],
  },
  'tokens.rotation-ignored': {
    catches: 'TOKEN-KEYS-ROTATION',
    finding: 'not-published:new-key',
    description:
      'POST /admin/keys/hydra.openid.id-token answers 201 with a new key, but the key is neither published nor used: ID tokens keep their old key.',
    suites: ['token-keys'],
  },
  'tokens.rotation-published-late': {
    catches: 'TOKEN-KEYS-ROTATED-ID-TOKEN',
    finding: 'kid-unknown',
    description:
      'A key created through the admin API signs at once, but the JWKS lists it only after it has signed something: a verifier that read the JWKS after the rotation cannot verify the next ID token.',
    suites: ['token-keys'],
  },
  'tokens.rotated-id-token-no-kid': {
    catches: 'TOKEN-KEYS-ROTATED-ID-TOKEN',
    finding: 'kid-missing',
    description: 'After a key rotation the JWKS lists two keys, but ID tokens name none: their header has no kid.',
    suites: ['token-keys'],
  },
  'tokens.rotation-drops-old-key': {
    catches: 'TOKEN-KEYS-OLD-TOKEN',
    finding: 'kid-unknown',
    description: 'After a key rotation the JWKS lists only the new key: ID tokens issued before it no longer verify.',
    suites: ['token-keys'],
  },
  'tokens.rotation-logout-token-unpublished-key': {
    catches: 'TOKEN-KEYS-ROTATED-LOGOUT-TOKEN',
    finding: 'kid-unknown',
    description:
      'After a key rotation, back-channel logout tokens are signed with a key the JWKS does not publish (ID tokens use the new key).',
    suites: ['token-keys'],
  },
  'tokens.revoke-refresh-keeps-refresh': {
    catches: 'TOKEN-REVOKE-REFRESH-TOKEN',
    finding: 'accepted:revoked-refresh-token',
    description: "Revoking a refresh token answers 200 and revokes its grant's access tokens, but the refresh token itself stays active.",
    suites: ['token-refresh'],
  },
  'tokens.revoke-any-client': {
    catches: 'TOKEN-REVOKE-OTHER-CLIENT',
    finding: 'revoked:other-client',
    description: 'The revocation endpoint revokes whichever token is presented: the client it was issued to is not compared.',
    suites: ['token-refresh'],
  },
  'tokens.revoke-other-client-200': {
    catches: 'TOKEN-REVOKE-OTHER-CLIENT',
    finding: 'status:200',
    description:
      "Another client's token is left alone, but its revocation answers 200 as if it had worked (what Hydra does: fosite's WriteRevocationResponse writes unauthorized_client as 200).",
    suites: ['token-refresh'],
  },
  'tokens.revoke-no-content': {
    catches: 'TOKEN-REVOKE-ACCESS-TOKEN',
    finding: 'status:204',
    description: 'A successful revocation answers 204 No Content instead of 200 (the token is revoked all the same).',
    suites: ['token-refresh', 'userinfo', 'credentials'],
  },
});

type Claims = Record<string, unknown>;

// A second RS256 key, never published in the JWKS: what "signed with another key" signs with.
const foreign = new WeakMap<Ctx, Promise<SigningKey>>();
function foreignKey(ctx: Ctx): Promise<SigningKey> {
  let key = foreign.get(ctx);
  if (!key) foreign.set(ctx, (key = createSigningKey()));
  return key;
}

/** The key that signs: the published one, or the foreign key when `defect` is on. */
export function signerFor(ctx: Ctx, defect: Parameters<Ctx['has']>[0]): Promise<SigningKey> | SigningKey {
  return ctx.has(defect) ? foreignKey(ctx) : ctx.key;
}

/** A second published key, ES256, as after a rotation: what the tokens.id-token-newest-key defect signs ID tokens with. */
interface RotatedKey {
  publicJwk: JWK;
  sign(claims: Claims): Promise<string>;
}
const rotated = new WeakMap<Ctx, Promise<RotatedKey>>();
function rotatedKey(ctx: Ctx): Promise<RotatedKey> {
  let key = rotated.get(ctx);
  if (!key) {
    key = generateKeyPair('ES256', { extractable: true }).then(async ({ publicKey, privateKey }) => {
      const kid = randomUUID();
      const publicJwk: JWK = { use: 'sig', ...(await exportJWK(publicKey)), kid, alg: 'ES256' };
      return {
        publicJwk,
        sign: (claims: Claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey),
      };
    });
    rotated.set(ctx, key);
  }
  return key;
}

/** The set's own RS256 key, signing under a JOSE header a defect shapes (no kid, a jwk carried beside it). */
async function signedWithHeader(ctx: Ctx, header: { kid?: string; jwk?: JWK }): Promise<{ sign(claims: Claims): Promise<string> }> {
  const key = await importJWK(ctx.key.privateJwk, 'RS256');
  return { sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).sign(key) };
}

/** The key that signs ID tokens (the defect's ES256 key is the newest until a key is created through the admin API). */
export async function idTokenSigner(ctx: Ctx): Promise<{ sign(claims: Claims): Promise<string> }> {
  if (ctx.has('tokens.id-token-alg-none')) return { sign: async (claims) => new UnsecuredJWT(claims).encode() };
  if (ctx.has('tokens.id-token-header-jwk')) return signedWithHeader(ctx, { kid: ctx.key.kid, jwk: ctx.key.publicJwk });
  const adminRotated = ctx.key instanceof KeyRing && ctx.key.keys.length > 1;
  if (adminRotated && ctx.has('tokens.rotated-id-token-no-kid')) return signedWithHeader(ctx, {});
  return ctx.has('tokens.id-token-newest-key') && !adminRotated ? rotatedKey(ctx) : signerFor(ctx, 'tokens.id-token-foreign-key');
}

/**
 * The keys the JWKS publishes: `keys` (the newest key of the set, as discovery.ts shapes it), the older keys of the set
 * (admin-keys.ts), and the ES256 key of the tokens.id-token-newest-key defect. The rotation defects hold some back.
 */
export async function publishedKeys(ctx: Ctx, keys: JWK[]): Promise<JWK[]> {
  const ring = ctx.key instanceof KeyRing ? ctx.key : undefined;
  const late = ring && ctx.has('tokens.rotation-published-late') && !ring.hasSigned(ring.kid);
  const older = ring && !ctx.has('tokens.rotation-drops-old-key') ? ring.keys.slice(1).map((k) => k.publicJwk) : [];
  const set = [...(late ? [] : keys), ...older];
  return ctx.has('tokens.id-token-newest-key') ? [...set, (await rotatedKey(ctx)).publicJwk] : set;
}

/** Whether a key created in hydra.openid.id-token joins the set (tokens.rotation-ignored: it does not). */
export function rotationTakesEffect(ctx: Ctx): boolean {
  return !ctx.has('tokens.rotation-ignored');
}

/** The key that signs back-channel logout tokens: the set's newest, or after a rotation the unpublished one of the defect. */
export function logoutTokenSigner(ctx: Ctx): Promise<SigningKey> | SigningKey {
  const rotated = ctx.key instanceof KeyRing && ctx.key.keys.length > 1;
  return rotated && ctx.has('tokens.rotation-logout-token-unpublished-key') ? foreignKey(ctx) : ctx.key;
}

/** The ID token's claims as the defects change them; `grant` is the token request's, `session` the grant's. */
export function idTokenClaims(ctx: Ctx, claims: Claims, grant: string, session: TokenSession): Claims {
  if (ctx.has('tokens.id-token-no-auth-time')) delete claims['auth_time'];
  if (requiresAuthTime(ctx, claims) && !session.maxAge && ctx.has('tokens.auth-time-only-with-max-age')) delete claims['auth_time'];
  if (ctx.has('tokens.id-token-aud-issuer')) claims['aud'] = [...(claims['aud'] as string[]), ctx.urls.issuer];
  if (ctx.has('tokens.id-token-azp-other')) claims['azp'] = 'another-client';
  if (grant === 'refresh_token') refreshedIdTokenClaims(ctx, claims, session);
  if (ctx.has('tokens.id-token-no-at-hash')) delete claims['at_hash'];
  if (ctx.has('tokens.id-token-wrong-at-hash')) claims['at_hash'] = 'AAAAAAAAAAAAAAAAAAAAAA';
  if (ctx.has('tokens.id-token-wrong-nonce') && claims['nonce'] !== undefined)
    claims['nonce'] = `${String(claims['nonce'])}-not-the-one-sent`;
  if (ctx.has('tokens.id-token-expired')) claims['exp'] = Number(claims['iat']) - 300;
  if (ctx.has('tokens.id-token-no-exp')) delete claims['exp'];
  if (ctx.has('tokens.id-token-iat-future')) claims['iat'] = Number(claims['iat']) + 3600;
  if (ctx.has('tokens.id-token-aud-other')) claims['aud'] = ['another-client'];
  if (ctx.has('tokens.id-token-iss-slash')) claims['iss'] = `${String(claims['iss'])}/`;
  if (ctx.has('tokens.id-token-no-sid')) delete claims['sid'];
  return claims;
}

/** The ID token's client (its first audience) registered require_auth_time (only kept when the reference offers it). */
const requiresAuthTime = (ctx: Ctx, claims: Claims): boolean =>
  authTimeMembers(ctx, String((claims['aud'] as string[] | undefined)?.[0] ?? '')).require_auth_time === true;

/**
 * A refreshed ID token: Hydra's keeps the original nonce (the offer no-refresh-nonce drops it, as Core §12.2 SHOULD);
 * the defects change aud, give it a nonce of its own, or keep the nonce despite the offer.
 */
function refreshedIdTokenClaims(ctx: Ctx, claims: Claims, session: TokenSession): void {
  if (ctx.has('tokens.refresh-id-token-aud-granted')) claims['aud'] = [...session.audience];
  if (ctx.has('tokens.refresh-id-token-iss-slash')) claims['iss'] = `${String(claims['iss'])}/`;
  if (ctx.has('tokens.refresh-id-token-sub-client')) claims['sub'] = (claims['aud'] as string[])[0];
  if (ctx.has('tokens.refresh-id-token-no-auth-time')) delete claims['auth_time'];
  if (ctx.has('tokens.refresh-id-token-iat-ahead')) claims['iat'] = Number(claims['iat']) + 3600;
  if (ctx.offers('no-refresh-nonce') && !ctx.has('tokens.refresh-id-token-keeps-nonce')) delete claims['nonce'];
  if (ctx.has('tokens.refresh-id-token-other-nonce')) claims['nonce'] = randomUUID();
}

export function tokenResponseBody(ctx: Ctx, body: Claims, grant: string): Claims {
  if (ctx.has('tokens.token-type-mac')) body['token_type'] = 'mac';
  if (grant === 'authorization_code' && ctx.has('tokens.code-response-no-scope')) delete body['scope'];
  if (grant === 'authorization_code' && ctx.has('tokens.code-response-no-id-token')) delete body['id_token'];
  if (grant === 'authorization_code' && ctx.has('tokens.no-expires-in')) delete body['expires_in'];
  if (ctx.has('credentials.no-token-nonce')) {
    delete body['c_nonce_draft_00'];
    delete body['c_nonce_expires_in_draft_00'];
  }
  return body;
}

const codeExchangesOn = new WeakMap<object, number>();

/** tokens.code-exchange-server-error: whether this code exchange, counted on its connection, fails (three of every four). */
export function failsCodeExchange(ctx: Ctx, connection: object): boolean {
  if (!ctx.has('tokens.code-exchange-server-error')) return false;
  const n = (codeExchangesOn.get(connection) ?? 0) + 1;
  codeExchangesOn.set(connection, n);
  return n % 4 !== 0;
}

/** The PKCE methods discovery lists (Hydra lists plain although it refuses it; the defect lists S256 alone and takes plain). */
export function pkceMethodsAdvertised(ctx: Ctx): string[] {
  return ctx.has('tokens.pkce-plain-unadvertised') ? ['S256'] : ['plain', 'S256'];
}

/** Whether the authorization endpoint takes a plain challenge (Hydra refuses it; two defects take it). */
export function acceptsPlainPkce(ctx: Ctx): boolean {
  return ctx.has('tokens.pkce-plain-unchecked') || ctx.has('tokens.pkce-plain-unadvertised');
}

/** tokens.pkce-plain-unchecked / tokens.pkce-verifier-optional: PKCE skipped for a plain challenge, or for a missing verifier. */
export function skipsPkce(ctx: Ctx, method: string, verifier: string): boolean {
  return (method === 'plain' && ctx.has('tokens.pkce-plain-unchecked')) || (verifier === '' && ctx.has('tokens.pkce-verifier-optional'));
}

/**
 * The query of the URL the login and consent steps send the user agent back to: a GET's own; a POST's form too
 * (deviation #21: Hydra keeps r.URL.RawQuery alone, so a POSTed request loses its parameters at the login step).
 */
export function requestQuery(ctx: Ctx, req: { method: string; url: URL }, form: URLSearchParams): string {
  if (req.method !== 'POST' || ctx.has('tokens.authorize-post-dropped')) return req.url.search;
  const query = form.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * A public client's authorization request without code_challenge: allowed, as by Hydra's default; with the offer
 * pkce-enforced-for-public-clients (Hydra's oauth2.pkce.enforced_for_public_clients) refused with fosite's
 * invalid_request, or (tokens.pkce-missing-access-denied) with access_denied.
 */
export function requirePkceOfPublic(ctx: Ctx, publicClient: boolean): void {
  if (!publicClient || !ctx.offers('pkce-enforced-for-public-clients')) return;
  if (ctx.has('tokens.pkce-missing-access-denied')) throw oauthError('access_denied', 'A code_challenge is required.');
  throw oauthError(
    'invalid_request',
    'This client must include a code_challenge when performing the authorize code flow, but it is missing.',
  );
}

/** tokens.max-age-ignored: a remembered login is skipped whatever max_age says. */
export const ignoresMaxAge = (ctx: Ctx): boolean => ctx.has('tokens.max-age-ignored');

/** The max_age of a request without one: the client's kept default_max_age (tokens.default-max-age-ignored: none). */
export function defaultMaxAge(ctx: Ctx, kept: number | boolean | undefined): string | null {
  return typeof kept === 'number' && !ctx.has('tokens.default-max-age-ignored') ? String(kept) : null;
}

/** fosite compares the exchange's redirect_uri with the authorization request's; the defects loosen that. */
export function redirectUriMatches(ctx: Ctx, requested: string, sent: string, client: { redirect_uris: string[] }): boolean {
  if (sent === '' && ctx.has('tokens.code-redirect-uri-optional')) return true;
  if (ctx.has('tokens.code-any-registered-redirect-uri')) return client.redirect_uris.includes(sent);
  return requested === sent;
}

/** The hash of a refresh token's first part (before the "."): what the tokens.refresh-signature-unchecked defect finds it by. */
export const firstPartKey = (token: string): string => opaqueKey(token.split('.')[0] ?? '', PREFIX.refresh);

/** The refresh token presented: by the whole token, or (tokens.refresh-signature-unchecked) by its first part alone. */
export function refreshRecord(ctx: Ctx, token: string): TokenRecord | undefined {
  const record = ctx.store.findToken(token, 'refresh');
  if (record || token === '' || !ctx.has('tokens.refresh-signature-unchecked')) return record;
  const part = firstPartKey(token);
  return [...ctx.store.tokens.values()].find((r) => r.kind === 'refresh' && r.firstPart === part);
}

/** The scopes a refresh grants: the original ones (fosite); the defect adds those the request asks for (`requested`, the client may ask them). */
export function refreshScopes(ctx: Ctx, original: string[], requested: string[]): string[] {
  return ctx.has('tokens.refresh-scope-widened') ? [...new Set([...original, ...requested])] : original;
}

/** tokens.rotated-refresh-token-requested-scope: the new refresh token of `body` is saved with the requested scopes too. */
export function rotatedRefreshScope(ctx: Ctx, body: Claims, original: string[], requested: string[]): void {
  if (!ctx.has('tokens.rotated-refresh-token-requested-scope')) return;
  const record = ctx.store.findToken(typeof body['refresh_token'] === 'string' ? body['refresh_token'] : '', 'refresh');
  if (record) record.session = { ...record.session, scopes: [...new Set([...original, ...requested])] };
}

export function tokenHeaders(ctx: Ctx, res: ServerResponse): void {
  if (ctx.has('tokens.no-cache-control')) res.removeHeader('Cache-Control');
  if (ctx.has('tokens.no-pragma')) res.removeHeader('Pragma');
}
