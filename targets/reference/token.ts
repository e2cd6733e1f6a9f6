/**
 * POST /oauth2/token as fosite answers it: authorization_code (with PKCE), refresh_token (rotating) and
 * client_credentials. Success and error carry Cache-Control: no-store and Pragma: no-cache.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { logUnexpected, type Ctx } from './context.ts';
import { authenticateClient } from './client-auth.ts';
import { allowsScope, grantTypesOf, isPublic, type Client } from './clients.ts';
import { oauthError, toHttpError } from './errors.ts';
import { JSON_FOSITE, noStore, sendError, sendJson, splitSpaces, type Req } from './http.ts';
import { issueTokens, type Grant } from './issue.ts';
import { PREFIX, opaqueKey } from './opaque.ts';
import type { TokenSession } from './state.ts';
import {
  failsCodeExchange,
  redirectUriMatches,
  refreshRecord,
  refreshScopes,
  rotatedRefreshScope,
  skipsPkce,
  tokenHeaders,
} from './tokens.defects.ts';
import { anyGrantAllowed } from './registration.defects.ts';

type GrantHandler = (ctx: Ctx, form: URLSearchParams, client: Client) => Promise<Record<string, unknown>>;

export async function token(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  noStore(res);
  tokenHeaders(ctx, res);
  try {
    const form = await req.postForm();
    if ([...form.keys()].length === 0) throw oauthError('invalid_request', 'The POST body can not be empty.');
    const grantTypes = splitSpaces(form.get('grant_type'));
    if (grantTypes.length === 0) throw oauthError('invalid_request', "Request parameter 'grant_type' is missing");
    const auth = await authenticateClient(ctx, req, form);
    // fosite's handlers each accept exactly one grant type; with none matching the answer is a bare invalid_request.
    const handler = grantTypes.length === 1 ? GRANTS[grantTypes[0] as Grant] : undefined;
    if (!handler) throw oauthError('invalid_request');
    if (auth.error) throw auth.error;
    if (grantTypes[0] === 'authorization_code' && failsCodeExchange(ctx, req.raw.socket)) throw oauthError('server_error');
    sendJson(
      res,
      200,
      await handler(ctx, form, auth.client),
      ctx.has('tokens.text-content-type') ? 'text/plain; charset=utf-8' : JSON_FOSITE,
    );
  } catch (e) {
    logUnexpected(ctx, 'token', e);
    sendError(res, toHttpError(e), JSON_FOSITE);
  }
}

function requireGrantType(ctx: Ctx, client: Client, grant: Grant): void {
  if (!grantTypesOf(client).includes(grant) && !anyGrantAllowed(ctx, client)) {
    throw oauthError('unauthorized_client', `The OAuth 2.0 Client is not allowed to use authorization grant "${grant}".`);
  }
}

/** fosite's PKCE token handler: S256 (plain challenges exist only with the tokens.pkce-plain-unchecked defect, see authorize.ts). */
function verifyPkce(ctx: Ctx, challenge: string, method: string, verifier: string): void {
  if (challenge === '') {
    if (verifier !== '') throw oauthError('invalid_grant', 'Unable to find initial PKCE data tied to this request');
    return;
  }
  if (skipsPkce(ctx, method, verifier)) return;
  if (verifier.length < 43) throw oauthError('invalid_grant', 'The PKCE code verifier must be at least 43 characters.');
  if (verifier.length > 128) throw oauthError('invalid_grant', 'The PKCE code verifier can not be longer than 128 characters.');
  if (/[^A-Za-z0-9\-._~]/.test(verifier)) {
    throw oauthError('invalid_grant', "The PKCE code verifier must only contain [a-Z], [0-9], '-', '.', '_', '~'.");
  }
  const computed =
    method === 'S256'
      ? createHash('sha256')
          .update(verifier)
          .digest(ctx.has('tokens.pkce-hex-digest') ? 'hex' : 'base64url')
      : verifier;
  if (computed !== challenge && !ctx.has('tokens.pkce-verifier-unchecked')) {
    throw oauthError('invalid_grant', 'The PKCE code challenge did not match the code verifier.');
  }
}

const authorizationCode: GrantHandler = async (ctx, form, client) => {
  requireGrantType(ctx, client, 'authorization_code');
  const record = ctx.store.codes.get(opaqueKey(form.get('code') ?? '', PREFIX.code));
  if (!record) throw oauthError('invalid_grant');
  if (record.used && !ctx.has('tokens.code-reuse-accepted')) {
    // Code replay: revoke everything issued from this code (RFC 6749 §4.1.2).
    if (!ctx.has('tokens.code-reuse-keeps-tokens')) ctx.store.revokeGrant(record.grantId);
    throw oauthError('invalid_grant', 'The authorization code has already been used.');
  }
  if (record.expiresAt <= Date.now()) throw oauthError('invalid_grant', 'The authorization code has expired.');
  if (record.clientId !== client.client_id && !ctx.has('tokens.code-other-client')) {
    throw oauthError('invalid_grant', 'The OAuth 2.0 Client ID from this request does not match the one from the authorize request.');
  }
  if (record.redirectUri !== '' && !redirectUriMatches(ctx, record.redirectUri, form.get('redirect_uri') ?? '', client)) {
    throw oauthError('invalid_grant', 'The "redirect_uri" from this request does not match the one from the authorize request.');
  }
  // fosite deletes the PKCE session before comparing, so a failed attempt cannot be retried with PKCE (the defect that
  // never spends a code keeps its PKCE data too).
  const challenge = record.codeChallenge;
  if (!ctx.has('tokens.code-reuse-accepted')) record.codeChallenge = '';
  verifyPkce(ctx, challenge, record.codeChallengeMethod, form.get('code_verifier') ?? '');
  record.used = true;
  return issueTokens(ctx, client, record.grantId, 'authorization_code', record.session);
};

const refreshToken: GrantHandler = async (ctx, form, client) => {
  requireGrantType(ctx, client, 'refresh_token');
  const record = refreshRecord(ctx, form.get('refresh_token') ?? '');
  if (!record) throw oauthError('invalid_grant');
  if (!record.active) {
    // Refresh-token reuse: the whole grant is revoked (fosite v0.49's refresh handler; v0.44, in Hydra v2.2.0, said token_inactive).
    ctx.store.revokeGrant(record.grantId);
    throw oauthError('invalid_grant', 'The refresh token was already used.');
  }
  if (record.expiresAt <= Date.now()) throw oauthError('invalid_grant', 'The refresh token expired.');
  if (record.clientId !== client.client_id && !ctx.has('tokens.refresh-other-client')) {
    throw oauthError('invalid_grant', 'The OAuth 2.0 Client ID from this request does not match the ID during the initial token issuance.');
  }
  const original = record.session.scopes;
  for (const scope of original) {
    if (!allowsScope(client, scope)) throw oauthError('invalid_scope', `The OAuth 2.0 Client is not allowed to request scope '${scope}'.`);
  }
  // Rotation: the used refresh token and the access tokens of the grant are revoked.
  record.active = ctx.has('tokens.refresh-reuse-accepted');
  ctx.store.revokeGrant(record.grantId, 'access');
  // fosite grants the original scopes again: a scope parameter is not read (flow_refresh.go; Hydra's token handler
  // grants requested scopes to the client_credentials, jwt-bearer and password grants only).
  const requested = splitSpaces(form.get('scope')).filter((scope) => allowsScope(client, scope));
  const session: TokenSession = { ...record.session, scopes: refreshScopes(ctx, original, requested) };
  const body = await issueTokens(ctx, client, record.grantId, 'refresh_token', session);
  rotatedRefreshScope(ctx, body, original, requested);
  return body;
};

const clientCredentials: GrantHandler = async (ctx, form, client) => {
  const scopes = splitSpaces(form.get('scope'));
  for (const scope of scopes) {
    if (!allowsScope(client, scope)) throw oauthError('invalid_scope', `The OAuth 2.0 Client is not allowed to request scope '${scope}'.`);
  }
  const audience = form.getAll('audience').flatMap((a) => splitSpaces(a));
  for (const aud of audience) {
    if (!client.audience.includes(aud)) {
      throw oauthError('invalid_request', `Requested audience '${aud}' has not been whitelisted by the OAuth 2.0 Client.`);
    }
  }
  if (isPublic(client) && !ctx.has('token.none-client-credentials'))
    throw oauthError('invalid_grant', 'The client is public and thus not allowed to use grant type client_credentials.');
  requireGrantType(ctx, client, 'client_credentials');
  const session: TokenSession = {
    subject: client.client_id,
    sid: '',
    scopes,
    audience,
    idClaims: { iss: ctx.urls.issuer, iat: Math.floor(Date.now() / 1000) },
    idExtra: {},
    nonce: '',
    accessExt: {},
  };
  return issueTokens(ctx, client, randomUUID(), 'client_credentials', session);
};

const GRANTS: Readonly<Record<Grant, GrantHandler>> = {
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  client_credentials: clientCredentials,
};
