/**
 * Mints the token response of a grant as fosite's handlers populate it: access token, refresh token when an offline
 * scope was granted and the client may refresh, ID token when openid was granted, VC c_nonce when
 * userinfo_credential_draft_00 was granted. Go marshals the response map with sorted keys.
 */
import { createHash, randomUUID } from 'node:crypto';
import { TTL, nowSeconds, type Ctx } from './context.ts';
import { grantTypesOf, lifespanOf, type Client, type Lifespan } from './clients.ts';
import { sortedKeys } from './go-json.ts';
import { PREFIX, mintOpaque } from './opaque.ts';
import type { TokenSession } from './state.ts';
import { createNonce } from './vc-nonce.ts';
import { firstPartKey, idTokenClaims, idTokenSigner, tokenResponseBody } from './tokens.defects.ts';
import { rememberAccessToken } from './userinfo.defects.ts';

export type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials';

const LIFESPAN_FIELDS: Readonly<Record<Grant, { access: Lifespan; id?: Lifespan; refresh?: Lifespan }>> = {
  authorization_code: {
    access: 'authorization_code_grant_access_token_lifespan',
    id: 'authorization_code_grant_id_token_lifespan',
    refresh: 'authorization_code_grant_refresh_token_lifespan',
  },
  refresh_token: {
    access: 'refresh_token_grant_access_token_lifespan',
    id: 'refresh_token_grant_id_token_lifespan',
    refresh: 'refresh_token_grant_refresh_token_lifespan',
  },
  client_credentials: { access: 'client_credentials_grant_access_token_lifespan' },
};

/** fosite's GetRefreshTokenScopes in Hydra. */
const OFFLINE_SCOPES = ['offline', 'offline_access'];
const VC_SCOPE = 'userinfo_credential_draft_00';

/** at_hash: the left half of SHA-256 of the access token, base64url (RS256). */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

export async function issueTokens(
  ctx: Ctx,
  client: Client,
  grantId: string,
  grant: Grant,
  session: TokenSession,
): Promise<Record<string, unknown>> {
  const now = Date.now();
  const lifespans = LIFESPAN_FIELDS[grant];
  const common = { grantId, clientId: client.client_id, issuedAt: Math.floor(now / 1000), active: true, session };

  const access = mintOpaque(PREFIX.access);
  const accessExpiresAt = Math.round((now + lifespanOf(client, lifespans.access, TTL.accessToken)) / 1000) * 1000;
  ctx.store.saveToken(access.key, { ...common, kind: 'access', expiresAt: accessExpiresAt });
  rememberAccessToken(ctx, access.token);
  const body: Record<string, unknown> = {
    access_token: access.token,
    expires_in: Math.floor((accessExpiresAt - now) / 1000),
    scope: session.scopes.join(' '),
    token_type: 'bearer',
  };

  const scopes = new Set(session.scopes);
  if (grant !== 'client_credentials' && OFFLINE_SCOPES.some((s) => scopes.has(s)) && grantTypesOf(client).includes('refresh_token')) {
    const refresh = mintOpaque(PREFIX.refresh);
    const expiresAt = now + lifespanOf(client, lifespans.refresh, TTL.refreshToken);
    ctx.store.saveToken(refresh.key, { ...common, kind: 'refresh', expiresAt, firstPart: firstPartKey(refresh.token) });
    body['refresh_token'] = refresh.token;
  }

  if (grant !== 'client_credentials' && scopes.has('openid')) {
    const iat = nowSeconds();
    body['id_token'] = await (
      await idTokenSigner(ctx)
    ).sign(
      idTokenClaims(
        ctx,
        {
          ...session.idExtra,
          ...session.idClaims,
          aud: [client.client_id],
          iat,
          exp: iat + Math.floor(lifespanOf(client, lifespans.id, TTL.idToken) / 1000),
          jti: randomUUID(),
          at_hash: atHash(access.token),
          // A refreshed ID token keeps the nonce too: Hydra puts it in the session's ID token claims at the authorization
          // endpoint, and fosite's refresh handler reuses those claims (unless the reference offers no-refresh-nonce).
          ...(session.nonce !== '' ? { nonce: session.nonce } : {}),
        },
        grant,
        session,
      ),
    );
  }

  if (scopes.has(VC_SCOPE)) {
    body['c_nonce_draft_00'] = createNonce(ctx, access.token, now + ctx.vcNonceTtlMs);
    body['c_nonce_expires_in_draft_00'] = ctx.vcNonceTtlMs / 1000;
  }
  return sortedKeys(tokenResponseBody(ctx, body, grant));
}
