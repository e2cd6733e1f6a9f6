// The defects of issue.ts and token.ts: the token response and its ID token; the foreign signing key the signed-token defects use: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks — here, for the shape of a response.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { defects } from './defect.ts';
import type { Ctx } from './context.ts';
import { createSigningKey, type SigningKey } from './keys.ts';

export const TOKENS_DEFECTS = defects({
  'tokens.id-token-foreign-key': {
    catches: 'TOKEN-ID-SIGNATURE',
    description: 'ID tokens are signed with an RS256 key that the JWKS does not publish.',
    suites: ['tokens'],
  },
  'tokens.id-token-no-at-hash': {
    catches: 'TOKEN-ID-AT-HASH-PRESENT',
    description: 'ID tokens carry no at_hash.',
    suites: ['tokens'],
  },
  'tokens.id-token-wrong-at-hash': {
    catches: 'TOKEN-ID-AT-HASH',
    description: "The ID token's at_hash is not the hash of the access token.",
    suites: ['tokens'],
  },
  'tokens.id-token-wrong-nonce': {
    catches: 'TOKEN-ID-NONCE',
    description: "The ID token's nonce is not the one of the authentication request.",
    suites: ['tokens'],
  },
  'tokens.id-token-expired': {
    catches: 'TOKEN-ID-EXP',
    description: 'ID tokens are issued already expired (exp = iat - 300 s).',
    suites: ['tokens'],
  },
  'tokens.id-token-no-exp': {
    catches: 'TOKEN-ID-CLAIMS',
    description: 'ID tokens have no exp.',
    suites: ['tokens'],
  },
  'tokens.id-token-iat-future': {
    catches: 'TOKEN-ID-IAT',
    description: "The ID token's iat is an hour in the future.",
    suites: ['tokens'],
  },
  'tokens.id-token-aud-other': {
    catches: 'TOKEN-ID-AUD',
    description: "The ID token's aud names another client.",
    suites: ['tokens'],
  },
  'tokens.id-token-iss-slash': {
    catches: 'TOKEN-ID-ISS',
    description: "The ID token's iss has a trailing '/' the issuer does not have.",
    suites: ['tokens'],
  },
  'tokens.id-token-no-sid': {
    catches: 'TOKEN-ID-SID',
    description: 'ID tokens carry no sid although logout session support is advertised.',
    suites: ['tokens'],
  },
  'tokens.no-cache-control': {
    catches: 'TOKEN-RESPONSE-NO-STORE',
    description: 'Token responses carry no Cache-Control header.',
    suites: ['tokens'],
  },
  'tokens.no-pragma': {
    catches: 'TOKEN-RESPONSE-PRAGMA',
    description: 'Token responses carry no Pragma header.',
    suites: ['tokens'],
  },
  'tokens.text-content-type': {
    catches: 'TOKEN-RESPONSE-JSON',
    description: 'Successful token responses are labelled text/plain.',
    suites: ['tokens'],
  },
  'tokens.pkce-hex-digest': {
    catches: 'TOKEN-CODE-FLOW',
    description:
      'The code exchange compares the S256 code_challenge with the hex (not base64url) SHA-256 of the code_verifier, so every code exchange with PKCE is refused.',
    suites: ['tokens'],
  },
  'tokens.id-token-no-auth-time': {
    catches: 'TOKEN-ID-AUTH-TIME',
    description:
      'auth_time is put in ID tokens only for clients that registered require_auth_time: an authentication request with max_age gets an ID token without it.',
    suites: ['tokens'],
  },
  'tokens.id-token-newest-key': {
    catches: 'TOKEN-ID-ALG-REGISTERED',
    description:
      'After a key rotation the JWKS publishes a new ES256 key beside the RS256 one, and ID tokens are signed with the newest key, whatever id_token_signed_response_alg the client has (RS256 by default).',
    suites: ['tokens'],
  },
  'tokens.id-token-aud-issuer': {
    catches: 'TOKEN-ID-AZP',
    description: 'ID tokens are addressed to the client and to the issuer itself (two audiences), with no azp naming the client.',
    suites: ['tokens'],
  },
  'tokens.refresh-id-token-aud-granted': {
    catches: 'TOKEN-ID-REFRESH',
    description:
      "A refreshed ID token's aud is the audience granted to the access token, not the client: it differs from the original ID token's.",
    suites: ['tokens'],
  },
  'tokens.code-exchange-server-error': {
    catches: 'TOKEN-CODE-FLOW',
    description:
      'As behind a load balancer with three broken instances of four: on each connection, three of every four code exchanges answer HTTP 500 (server_error), the fourth succeeds. A sign-in made again after a 5xx would pass.',
    suites: ['tokens'],
  },
  'tokens.token-type-mac': {
    catches: 'TOKEN-RESPONSE-SCHEMA',
    description: 'Token responses say token_type "mac" for bearer tokens.',
    suites: ['tokens'],
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

/** The key that signs ID tokens. */
export async function idTokenSigner(ctx: Ctx): Promise<{ sign(claims: Claims): Promise<string> }> {
  return ctx.has('tokens.id-token-newest-key') ? rotatedKey(ctx) : signerFor(ctx, 'tokens.id-token-foreign-key');
}

/** The keys the JWKS publishes: the signing key, and the rotated one with its defect. */
export async function publishedKeys(ctx: Ctx, keys: JWK[]): Promise<JWK[]> {
  return ctx.has('tokens.id-token-newest-key') ? [...keys, (await rotatedKey(ctx)).publicJwk] : keys;
}

/** The ID token's claims as the defects change them; `grant` and `grantedAudience` are the token request's. */
export function idTokenClaims(ctx: Ctx, claims: Claims, grant?: string, grantedAudience: readonly string[] = []): Claims {
  if (ctx.has('tokens.id-token-no-auth-time')) delete claims['auth_time'];
  if (ctx.has('tokens.id-token-aud-issuer')) claims['aud'] = [...(claims['aud'] as string[]), ctx.urls.issuer];
  if (ctx.has('tokens.refresh-id-token-aud-granted') && grant === 'refresh_token') claims['aud'] = [...grantedAudience];
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

export function tokenResponseBody(ctx: Ctx, body: Claims): Claims {
  if (ctx.has('tokens.token-type-mac')) body['token_type'] = 'mac';
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

export function tokenHeaders(ctx: Ctx, res: ServerResponse): void {
  if (ctx.has('tokens.no-cache-control')) res.removeHeader('Cache-Control');
  if (ctx.has('tokens.no-pragma')) res.removeHeader('Pragma');
}
