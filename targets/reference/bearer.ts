/** Resolves the access token of a userinfo or credentials request the way fosite's IntrospectToken classifies it. */
import type { Ctx } from './context.ts';
import type { Client } from './clients.ts';
import { HttpError, oauthError, rfcError } from './errors.ts';
import { accessTokenFromRequest, type Req } from './http.ts';
import type { TokenRecord } from './state.ts';

export type Bearer =
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'refresh' }
  | { kind: 'expired'; expiresAt: number }
  | { kind: 'access'; token: string; record: TokenRecord; client: Client };

/** Departures from fosite that only defects switch on (signed-in-defects.ts). */
export interface BearerRules {
  acceptRefresh?: boolean;
  acceptRevoked?: boolean;
  ignore?: boolean;
  /** Offer no-query-token (RFC 6750 §2.3 SHOULD NOT; FAPI 2.0 forbids it): a token only in the URL query is not read. */
  noQuery?: boolean;
}

/** The request presents its access token in the URL query alone (no Authorization header, none in a form body). */
async function queryOnly(req: Req): Promise<boolean> {
  return req.header('authorization') === undefined && req.query.has('access_token') && !(await req.postForm()).has('access_token');
}

export async function resolveBearer(ctx: Ctx, req: Req, rules: BearerRules = {}): Promise<Bearer> {
  const token = rules.ignore || (rules.noQuery && (await queryOnly(req))) ? '' : await accessTokenFromRequest(req);
  if (token === '') return { kind: 'missing' };
  const record = ctx.store.findToken(token);
  const client = record ? ctx.store.clients.get(record.clientId) : undefined;
  if (!record || (!record.active && !rules.acceptRevoked) || !client) return { kind: 'invalid' };
  if (record.kind === 'refresh' && !rules.acceptRefresh) return { kind: 'refresh' };
  if (record.expiresAt <= Date.now()) return { kind: 'expired', expiresAt: record.expiresAt };
  return { kind: 'access', token, record, client };
}

/** fosite's answer to a missing or unknown token. */
export function requestUnauthorized(): HttpError {
  return oauthError('request_unauthorized', 'Check that you provided valid credentials in the right format.');
}

/** RFC 6750 §3.1 invalid_token, said in the body and in the Bearer challenge (deviation #3). */
export function invalidToken(description: string): HttpError {
  return new HttpError(401, 'invalid_token', description, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });
}

/** fosite's expiry hint; the time as Go's time.Time.String() prints it in UTC. */
export function expiredHint(ms: number): string {
  return `Access token expired at '${new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000 UTC')}'.`;
}

/**
 * RFC 6750 §3.1 insufficient_scope: a valid access token that was not granted the scope the resource needs (403, with
 * the matching Bearer challenge). Deviations #9 (userinfo, openid) and #14 (/credentials, userinfo_credential_draft_00).
 */
export function insufficientScope(scope: string): HttpError {
  const err = rfcError(
    403,
    'insufficient_scope',
    'The request requires higher privileges than provided by the access token.',
    `The access token was not granted the ${scope} scope.`,
  );
  return err.withHeaders({ 'WWW-Authenticate': `Bearer error="insufficient_scope", error_description="${err.description}"` });
}
