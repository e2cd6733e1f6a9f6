// The defects of userinfo.ts: GET|POST /userinfo: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks — here, for the shape of a response.
import { defects } from './defect.ts';
import type { Ctx } from './context.ts';
import { HttpError } from './errors.ts';
import type { Bearer } from './bearer.ts';
import type { ServerResponse } from 'node:http';
import { accessTokenFromRequest, type Req } from './http.ts';

export const USERINFO_DEFECTS = defects({
  'userinfo.accepts-refresh-token': {
    catches: 'UI-REFUSE-REFRESH-TOKEN',
    description: 'Userinfo accepts a refresh token in place of the access token.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-revoked-token': {
    catches: 'UI-REFUSE-REVOKED-TOKEN',
    description: 'Userinfo accepts an access token that was revoked.',
    suites: ['userinfo'],
  },
  'userinfo.sub-differs': {
    catches: 'UI-SUB-MATCHES-ID-TOKEN',
    description: "Userinfo's sub differs from the ID token's sub.",
    suites: ['userinfo'],
  },
  'userinfo.drops-granted-claims': {
    catches: 'UI-GRANTED-CLAIMS',
    description: 'Userinfo leaves out the claims granted at consent (session.id_token).',
    suites: ['userinfo'],
  },
  'userinfo.schema-updated-at-string': {
    catches: 'UI-SCHEMA',
    description: 'Userinfo adds updated_at as a string ("yesterday") instead of a number.',
    suites: ['userinfo'],
  },
  'userinfo.text-content-type': {
    catches: 'UI-CONTENT-TYPE-JSON',
    description: 'Unsigned userinfo responses are labelled text/plain.',
    suites: ['userinfo'],
  },
  'userinfo.post-bearer-ignored': {
    catches: 'UI-POST-BEARER',
    description: 'POST /userinfo ignores the Authorization header (only a form-body token works).',
    suites: ['userinfo'],
  },
  'userinfo.post-form-ignored': {
    catches: 'UI-POST-FORM',
    description: 'POST /userinfo ignores an access_token in the form body.',
    suites: ['userinfo'],
  },
  'userinfo.signed-as-json': {
    catches: 'UI-SIGNED-CONTENT-TYPE',
    description: 'Signed userinfo responses are labelled application/json.',
    suites: ['userinfo'],
  },
  'userinfo.signed-foreign-key': {
    catches: 'UI-SIGNED-SIGNATURE',
    description: 'Signed userinfo responses are signed with a key the JWKS does not publish.',
    suites: ['userinfo'],
  },
  'userinfo.signed-wrong-iss': {
    catches: 'UI-SIGNED-ISS',
    description: 'Signed userinfo responses name another issuer.',
    suites: ['userinfo'],
  },
  'userinfo.signed-no-client-aud': {
    catches: 'UI-SIGNED-AUD',
    description: "Signed userinfo responses have an aud without the client's id.",
    suites: ['userinfo'],
  },
  'userinfo.status-400': {
    catches: 'UI-REFUSE-STATUS-401',
    description: 'Userinfo refusals answer 400 instead of 401.',
    suites: ['userinfo'],
  },
  'userinfo.no-challenge': {
    catches: 'UI-REFUSE-CHALLENGE',
    description: 'Userinfo refusals carry no WWW-Authenticate header.',
    suites: ['userinfo'],
  },
  'userinfo.request-unauthorized-code': {
    catches: 'UI-REFUSE-INVALID-TOKEN-CODE',
    description: 'Refused tokens get error="request_unauthorized" in the challenge, as real Hydra sends.',
    suites: ['userinfo'],
  },
  'userinfo.get-status-203': {
    catches: 'UI-GET-BEARER',
    description: 'GET /userinfo answers the (unsigned) claims with 203 Non-Authoritative Information instead of 200.',
    suites: ['userinfo'],
  },
  'userinfo.anonymous-no-token': {
    catches: 'UI-REFUSE-NO-TOKEN',
    description: 'A userinfo request without any access token is answered 200 with an empty claims object.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-tampered-token': {
    catches: 'UI-REFUSE-TAMPERED-TOKEN',
    description:
      'An access token is looked up by its first part alone; the part after the "." (its signature) is never checked, so a tampered token is accepted.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-any-scope': {
    catches: 'UI-REFUSE-NO-OPENID-SCOPE',
    description: 'Userinfo answers any valid access token, also one issued without the openid scope (as real Hydra).',
    suites: ['userinfo'],
  },
  'userinfo.query-token-cacheable': {
    catches: 'UI-QUERY-TOKEN-PRIVATE',
    description:
      'A GET /userinfo without an Authorization header (the token in the query) is answered with Cache-Control: public, max-age=300: the response is taken to carry no credentials, so shared caches may keep it.',
    suites: ['userinfo'],
  },
  'userinfo.no-token-error-code': {
    catches: 'UI-REFUSE-NO-TOKEN-NO-CODE',
    description: 'A request without any token gets error="invalid_token" in the challenge.',
    suites: ['userinfo'],
  },
});

type Claims = Record<string, unknown>;

/** How the bearer token is read: the defects that accept what must be refused, or ignore a way to present it. */
export function userinfoBearerRules(ctx: Ctx, req: { method: string; header(name: string): string | undefined }) {
  const hasHeader = req.header('authorization') !== undefined;
  return {
    acceptRefresh: ctx.has('userinfo.accepts-refresh-token'),
    acceptRevoked: ctx.has('userinfo.accepts-revoked-token'),
    ignore:
      (ctx.has('userinfo.post-bearer-ignored') && req.method === 'POST' && hasHeader) ||
      (ctx.has('userinfo.post-form-ignored') && req.method === 'POST' && !hasHeader),
  };
}

export function userinfoClaims(ctx: Ctx, claims: Claims, idExtra: Claims): Claims {
  if (ctx.has('userinfo.sub-differs')) claims['sub'] = `${String(claims['sub'])}-userinfo`;
  if (ctx.has('userinfo.drops-granted-claims')) for (const k of Object.keys(idExtra)) if (k !== 'sid') delete claims[k];
  if (ctx.has('userinfo.schema-updated-at-string')) claims['updated_at'] = 'yesterday';
  return claims;
}

export function signedUserinfoClaims(ctx: Ctx, claims: Claims): Claims {
  if (ctx.has('userinfo.signed-wrong-iss')) claims['iss'] = 'https://issuer.invalid';
  if (ctx.has('userinfo.signed-no-client-aud')) claims['aud'] = ['another-client'];
  return claims;
}

export function signedUserinfoType(ctx: Ctx): string {
  return ctx.has('userinfo.signed-as-json') ? 'application/json' : 'application/jwt';
}

export function unsignedUserinfoType(ctx: Ctx): string | undefined {
  return ctx.has('userinfo.text-content-type') ? 'text/plain; charset=utf-8' : undefined;
}

/** The 401 of a refused userinfo request, as the defects change it. */
export function userinfoRefusal(ctx: Ctx, err: HttpError, tokenSent: boolean): HttpError {
  let status = err.status;
  const headers: Record<string, string> = { ...err.headers };
  let error = err.error;
  if (ctx.has('userinfo.status-400')) status = 400;
  if (ctx.has('userinfo.request-unauthorized-code') && tokenSent) {
    error = 'request_unauthorized';
    headers['WWW-Authenticate'] = `Bearer error="request_unauthorized", error_description="${err.description}"`;
  }
  if (ctx.has('userinfo.no-token-error-code') && !tokenSent) headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
  if (ctx.has('userinfo.no-challenge')) delete headers['WWW-Authenticate'];
  return new HttpError(status, error, err.description, headers);
}

/** Access tokens by their first part: kept only with the defects that look a token up by it (userinfo's and /credentials'). */
const byFirstPart = new WeakMap<object, Map<string, string>>();
const firstPart = (token: string) => token.replace(/^ory_at_/, '').split('.')[0] ?? '';
type FirstPartDefect = 'userinfo.accepts-tampered-token' | 'credentials.accepts-tampered-token';

export function rememberAccessToken(ctx: Ctx, token: string): void {
  if (!ctx.has('userinfo.accepts-tampered-token') && !ctx.has('credentials.accepts-tampered-token')) return;
  let tokens = byFirstPart.get(ctx.store);
  if (!tokens) byFirstPart.set(ctx.store, (tokens = new Map()));
  tokens.set(firstPart(token), token);
}

/** With the defect, a token that matches no record is found by its first part alone: what follows the "." is never checked. */
export async function firstPartBearer(
  ctx: Ctx,
  req: Req,
  bearer: Bearer,
  defect: FirstPartDefect = 'userinfo.accepts-tampered-token',
): Promise<Bearer> {
  if (bearer.kind !== 'invalid' || !ctx.has(defect)) return bearer;
  const issued = byFirstPart.get(ctx.store)?.get(firstPart(await accessTokenFromRequest(req)));
  const record = issued ? ctx.store.findToken(issued, 'access') : undefined;
  const client = record ? ctx.store.clients.get(record.clientId) : undefined;
  if (!issued || !record || !client || !record.active || record.expiresAt <= Date.now()) return bearer;
  return { kind: 'access', token: issued, record, client };
}

/** The status of a successful unsigned answer: 200, or (defect) 203 to a GET. */
export function unsignedUserinfoStatus(ctx: Ctx, req: { method: string }): number {
  return ctx.has('userinfo.get-status-203') && req.method === 'GET' ? 203 : 200;
}

/** Defect userinfo.query-token-cacheable: a GET without an Authorization header is marked cacheable by shared caches. */
export function queryTokenCaching(ctx: Ctx, req: Req, res: ServerResponse): void {
  if (ctx.has('userinfo.query-token-cacheable') && req.method === 'GET' && req.header('authorization') === undefined)
    res.setHeader('Cache-Control', 'public, max-age=300');
}
