/**
 * GET|POST /userinfo: the ID-token claims of the access token's grant (without nonce, at_hash, c_hash, exp, sid,
 * jti), as JSON or, for clients with userinfo_signed_response_alg RS256, as a signed application/jwt.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { nowSeconds, type Ctx } from './context.ts';
import { expiredHint, insufficientScope, invalidToken, requestUnauthorized, resolveBearer, type Bearer } from './bearer.ts';
import { oauthError, type HttpError } from './errors.ts';
import { sortedKeys } from './go-json.ts';
import { send, sendJson, type Req } from './http.ts';
import {
  firstPartBearer,
  queryTokenCaching,
  signedUserinfoClaims,
  signedUserinfoType,
  unsignedUserinfoBody,
  unsignedUserinfoStatus,
  unsignedUserinfoType,
  userinfoBearerRules,
  userinfoClaims,
  userinfoRefusal,
} from './userinfo.defects.ts';
import { signerFor } from './tokens.defects.ts';

const REMOVED_CLAIMS = ['nonce', 'at_hash', 'c_hash', 'exp', 'sid', 'jti'];

/**
 * Deviation #3 (RFC 6750 §3, §3.1): invalid, revoked, refresh and expired tokens are `invalid_token` with a matching
 * WWW-Authenticate; without any token only `WWW-Authenticate: Bearer` (the body stays Hydra's).
 */
function userinfoError(bearer: Exclude<Bearer, { kind: 'access' }>): HttpError {
  const unauthorized = requestUnauthorized();
  if (bearer.kind === 'missing') return unauthorized.withHeaders({ 'WWW-Authenticate': 'Bearer' });
  if (bearer.kind === 'refresh') return invalidToken('Only access tokens are allowed in the authorization header.');
  return invalidToken(
    bearer.kind === 'expired' ? oauthError('invalid_token', expiredHint(bearer.expiresAt)).description : unauthorized.description,
  );
}

export async function userinfo(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const bearer = await firstPartBearer(ctx, req, await resolveBearer(ctx, req, userinfoBearerRules(ctx, req)));
  // Defect: a request without any token is answered as an anonymous user with no claims.
  if (bearer.kind === 'missing' && ctx.has('userinfo.anonymous-no-token')) return sendJson(res, 200, {});
  if (bearer.kind !== 'access') throw userinfoRefusal(ctx, userinfoError(bearer), bearer.kind);
  const { client, record } = bearer;
  // Deviation #9 (Core §5.3, RFC 6750 §3.1): a token without the openid scope is refused, where Hydra answers it.
  // Defect: the scopes the token was granted are never looked at.
  if (!record.session.scopes.includes('openid') && !ctx.has('userinfo.accepts-any-scope')) throw insufficientScope('openid');
  queryTokenCaching(ctx, req, res);
  const claims: Record<string, unknown> = { ...record.session.idExtra, ...record.session.idClaims };
  for (const name of REMOVED_CLAIMS) delete claims[name];
  userinfoClaims(ctx, claims, record.session.idExtra, record.session.scopes);
  const aud = Array.isArray(claims['aud']) ? [...(claims['aud'] as string[])] : [];
  if (!aud.includes(client.client_id)) aud.push(client.client_id);
  claims['aud'] = aud;

  const alg = client.userinfo_signed_response_alg;
  if (alg === 'RS256') {
    const jwt = await (
      await signerFor(ctx, 'userinfo.signed-foreign-key')
    ).sign(signedUserinfoClaims(ctx, { ...claims, jti: randomUUID(), iat: nowSeconds() }));
    send(res, 200, jwt, { 'Content-Type': signedUserinfoType(ctx) });
  } else if (alg === '' || alg === 'none') {
    sendJson(res, unsignedUserinfoStatus(ctx, req), sortedKeys(unsignedUserinfoBody(ctx, claims)), unsignedUserinfoType(ctx));
  } else {
    throw oauthError('server_error', `Unsupported userinfo signing algorithm '${alg}'.`);
  }
}
