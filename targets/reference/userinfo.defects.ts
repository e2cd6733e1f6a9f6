// The defects of userinfo.ts: GET|POST /userinfo: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks — here, for the shape of a response.
import { defects, type Defect } from './defect.ts';
import type { Ctx } from './context.ts';
import { HttpError } from './errors.ts';
import type { Bearer } from './bearer.ts';
import type { ServerResponse } from 'node:http';
import { accessTokenFromRequest, type Req } from './http.ts';
// Core §5.4's scope table is a fact of the standard, not of the harness's judgement: the defects share it.
import { SCOPE_CLAIMS, type ClaimScope } from '../../checks/rules/scope-claims.ts';

type Scope = ClaimScope;

/** One defect per scope: its claims come from a user store that has none for the subject, not from the consent session. */
function scopeFromStore(): Record<`userinfo.${Scope}-claims-from-store`, Defect> {
  const defect = (scope: Scope): [string, Defect] => [
    `userinfo.${scope}-claims-from-store`,
    {
      catches: `UI-SCOPE-${scope.toUpperCase()}`,
      finding: `claims:${[...SCOPE_CLAIMS[scope]]
        .sort()
        .map((c) => `missing:${c}`)
        .join(',')}`,
      description: `For a token granted the ${scope} scope, userinfo takes that scope's claims from the provider's own user store, which has none for the subject, instead of from the consent session.`,
      suites: ['userinfo'],
    },
  ];
  return Object.fromEntries((Object.keys(SCOPE_CLAIMS) as Scope[]).map(defect)) as Record<`userinfo.${Scope}-claims-from-store`, Defect>;
}

export const USERINFO_DEFECTS = defects({
  'userinfo.accepts-refresh-token': {
    catches: 'UI-REFUSE-REFRESH-TOKEN',
    finding: 'accepted',
    description: 'Userinfo accepts a refresh token in place of the access token.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-revoked-token': {
    catches: 'UI-REFUSE-REVOKED-TOKEN',
    finding: 'accepted',
    description: 'Userinfo accepts an access token that was revoked.',
    suites: ['userinfo'],
    // The token checks see a revoked token through userinfo: a code used twice must leave its tokens revoked.
    alsoFails: ['TOKEN-CODE-REUSE-REVOKES'],
  },
  'userinfo.no-sub': {
    catches: 'UI-SCHEMA',
    finding: 'schema:/sub:required',
    description: 'Unsigned userinfo responses leave sub out.',
    suites: ['userinfo'],
  },
  'userinfo.null-claim': {
    catches: 'UI-SCHEMA',
    finding: 'schema:/name:type',
    description:
      'Unsigned userinfo responses give name as null when the token was not granted it, instead of leaving it out (Core §5.3.2).',
    suites: ['userinfo'],
  },
  'userinfo.sub-differs': {
    catches: 'UI-SUB-MATCHES-ID-TOKEN',
    finding: 'sub-differs',
    description: "Userinfo's sub differs from the ID token's sub.",
    suites: ['userinfo'],
  },
  'userinfo.drops-granted-claims': {
    catches: 'UI-GRANTED-CLAIMS',
    finding: 'claims:missing:email,missing:email_verified',
    description:
      "Userinfo filters the consent session's claims through Core §5.4's scope table: a claim the consent granted without the scope that names it (email, for a token granted openid and offline_access) is left out.",
    suites: ['userinfo'],
  },
  'userinfo.schema-aud-object': {
    catches: 'UI-SCHEMA',
    finding: 'schema:/aud:type',
    description:
      'The unsigned userinfo response marshals aud from the set it is kept in: a JSON object {"<client_id>": true} instead of a string or an array.',
    suites: ['userinfo'],
  },
  'userinfo.text-content-type': {
    catches: 'UI-CONTENT-TYPE-JSON',
    finding: 'content-type:text/plain',
    description: 'Unsigned userinfo responses are labelled text/plain.',
    suites: ['userinfo'],
  },
  'userinfo.post-bearer-ignored': {
    catches: 'UI-POST-BEARER',
    finding: 'status:401',
    description: 'POST /userinfo ignores the Authorization header (only a form-body token works).',
    suites: ['userinfo'],
  },
  'userinfo.post-form-ignored': {
    catches: 'UI-POST-FORM',
    finding: 'status:401',
    description: 'POST /userinfo ignores an access_token in the form body.',
    suites: ['userinfo'],
  },
  'userinfo.signed-as-json': {
    catches: 'UI-SIGNED-CONTENT-TYPE',
    finding: 'content-type:application/json',
    description: 'Signed userinfo responses are labelled application/json.',
    suites: ['userinfo'],
  },
  'userinfo.signed-foreign-key': {
    catches: 'UI-SIGNED-SIGNATURE',
    finding: 'kid-unknown',
    description: 'Signed userinfo responses are signed with a key the JWKS does not publish.',
    suites: ['userinfo'],
  },
  'userinfo.signed-wrong-iss': {
    catches: 'UI-SIGNED-ISS',
    finding: 'iss-differs',
    description: 'Signed userinfo responses name another issuer.',
    suites: ['userinfo'],
  },
  'userinfo.signed-no-client-aud': {
    catches: 'UI-SIGNED-AUD',
    finding: 'aud-without-client',
    description: "Signed userinfo responses have an aud without the client's id.",
    suites: ['userinfo'],
  },
  'userinfo.status-400': {
    catches: 'UI-REFUSE-STATUS-401',
    finding: 'status:400',
    description: 'Userinfo refusals answer 400 instead of 401.',
    suites: ['userinfo'],
  },
  'userinfo.challenge-without-params': {
    catches: 'UI-REFUSE-CHALLENGE-SYNTAX',
    finding: 'challenge-no-params',
    description: 'A refused token gets a bare WWW-Authenticate: Bearer, its error said only in the body.',
    suites: ['userinfo'],
  },
  'userinfo.challenge-error-repeated': {
    catches: 'UI-REFUSE-CHALLENGE-SYNTAX',
    finding: 'challenge-repeated:error',
    description:
      "A refused token's Bearer challenge names its error twice: the error attribute is prepended to a challenge that already has one.",
    suites: ['userinfo'],
  },
  'userinfo.challenge-description-quoted': {
    catches: 'UI-REFUSE-CHALLENGE-SYNTAX',
    finding: 'challenge-chars:error_description',
    description:
      'A refused token\'s error_description is put in the challenge in quotation marks of its own (escaped as \\"), characters RFC 6750 §3 does not allow there.',
    suites: ['userinfo'],
  },
  'userinfo.no-challenge': {
    catches: 'UI-REFUSE-CHALLENGE',
    finding: 'challenge-missing',
    description: 'Userinfo refusals carry no WWW-Authenticate header.',
    suites: ['userinfo'],
  },
  'userinfo.request-unauthorized-code': {
    catches: 'UI-REFUSE-INVALID-TOKEN-CODE',
    finding: 'challenge-error:request_unauthorized',
    description: 'Refused tokens get error="request_unauthorized" (fosite\'s code) in the challenge, though the body says invalid_token.',
    suites: ['userinfo'],
  },
  'userinfo.get-status-203': {
    catches: 'UI-GET-BEARER',
    finding: 'status:203',
    description: 'GET /userinfo answers the (unsigned) claims with 203 Non-Authoritative Information instead of 200.',
    suites: ['userinfo'],
  },
  'userinfo.anonymous-no-token': {
    catches: 'UI-REFUSE-NO-TOKEN',
    finding: 'accepted',
    description: 'A userinfo request without any access token is answered 200 with an empty claims object.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-tampered-token': {
    catches: 'UI-REFUSE-TAMPERED-TOKEN',
    finding: 'accepted',
    description:
      'An access token is looked up by its first part alone; the part after the "." (its signature) is never checked, so a tampered token is accepted.',
    suites: ['userinfo'],
  },
  'userinfo.accepts-any-scope': {
    catches: 'UI-REFUSE-NO-OPENID-SCOPE',
    finding: 'status:200',
    description: 'Userinfo answers any valid access token, also one issued without the openid scope (as real Hydra).',
    suites: ['userinfo'],
  },
  'userinfo.query-token-accepted': {
    catches: 'UI-QUERY-TOKEN-REFUSED',
    finding: 'accepted',
    description:
      "Started refusing access tokens in the URL query (as a FAPI deployment must), the provider still reads one at userinfo: fosite's AccessTokenFromRequest takes access_token from r.Form, the query included, as Hydra does.",
    suites: ['userinfo'],
    reference: { offers: ['no-query-token'] },
  },
  'userinfo.query-token-cacheable': {
    catches: 'UI-QUERY-TOKEN-PRIVATE',
    finding: 'not-private',
    description:
      'A GET /userinfo without an Authorization header (the token in the query) is answered with Cache-Control: public, max-age=300: the response is taken to carry no credentials, so shared caches may keep it.',
    suites: ['userinfo'],
  },
  'userinfo.refusal-request-unauthorized': {
    catches: 'UI-REFUSE-TAMPERED-TOKEN',
    finding: 'error:request_unauthorized',
    description:
      "An unknown or revoked access token is refused with fosite's request_unauthorized in the body and the challenge, as real Hydra answers, not RFC 6750's invalid_token.",
    suites: ['userinfo'],
    // The revoked token is the same answer by construction, and so is the challenge's error attribute.
    alsoFails: ['UI-REFUSE-REVOKED-TOKEN', 'UI-REFUSE-INVALID-TOKEN-CODE'],
  },
  ...scopeFromStore(),
  'userinfo.claims-without-scope': {
    catches: 'UI-SCOPE-NOT-GRANTED',
    finding: 'claims-not-granted:email,preferred_username',
    description:
      "Userinfo fills in preferred_username and email from the provider's own user record (the subject) when the consent session has none, whatever scopes the token was granted.",
    suites: ['userinfo'],
  },
  'userinfo.no-token-error-code': {
    catches: 'UI-REFUSE-NO-TOKEN-NO-CODE',
    finding: 'challenge-error:invalid_token',
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
    noQuery: ctx.offers('no-query-token') && !ctx.has('userinfo.query-token-accepted'),
    ignore:
      (ctx.has('userinfo.post-bearer-ignored') && req.method === 'POST' && hasHeader) ||
      (ctx.has('userinfo.post-form-ignored') && req.method === 'POST' && !hasHeader),
  };
}

export function userinfoClaims(ctx: Ctx, claims: Claims, idExtra: Claims, scopes: readonly string[]): Claims {
  if (ctx.has('userinfo.sub-differs')) claims['sub'] = `${String(claims['sub'])}-userinfo`;
  for (const scope of Object.keys(SCOPE_CLAIMS) as Scope[])
    if (scopes.includes(scope) && ctx.has(`userinfo.${scope}-claims-from-store`)) for (const c of SCOPE_CLAIMS[scope]) delete claims[c];
  if (ctx.has('userinfo.claims-without-scope')) {
    claims['preferred_username'] ??= claims['sub'];
    claims['email'] ??= `${String(claims['sub'])}@users.example.com`;
  }
  if (ctx.has('userinfo.drops-granted-claims')) {
    const asked = new Set((Object.keys(SCOPE_CLAIMS) as Scope[]).filter((s) => scopes.includes(s)).flatMap((s) => SCOPE_CLAIMS[s]));
    for (const k of Object.keys(idExtra)) if (k !== 'sid' && !asked.has(k)) delete claims[k];
  }
  return claims;
}

/** The body of an unsigned answer, as the defects change it. */
export function unsignedUserinfoBody(ctx: Ctx, claims: Claims): Claims {
  if (ctx.has('userinfo.no-sub')) delete claims['sub'];
  if (ctx.has('userinfo.null-claim')) claims['name'] ??= null;
  if (ctx.has('userinfo.schema-aud-object') && Array.isArray(claims['aud']))
    claims['aud'] = Object.fromEntries((claims['aud'] as string[]).map((a) => [a, true]));
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

/** The Bearer challenge of a refused token, as the defects of its syntax (RFC 6750 §3) change it. */
function challengeSyntax(ctx: Ctx, challenge: string, err: HttpError): string {
  if (ctx.has('userinfo.challenge-without-params')) return 'Bearer';
  if (ctx.has('userinfo.challenge-error-repeated')) return challenge.replace(/^Bearer /, `Bearer error="${err.error}", `);
  if (ctx.has('userinfo.challenge-description-quoted'))
    return challenge.replace(/error_description="([^"]*)"/, (_, d: string) => `error_description="\\"${d}\\""`);
  return challenge;
}

/** The 401 of a refused userinfo request, as the defects change it. */
export function userinfoRefusal(ctx: Ctx, err: HttpError, kind: Bearer['kind']): HttpError {
  let status = err.status;
  const headers: Record<string, string> = { ...err.headers };
  let error = err.error;
  const tokenSent = kind !== 'missing';
  const fositeCode = `Bearer error="request_unauthorized", error_description="${err.description}"`;
  if (ctx.has('userinfo.status-400')) status = 400;
  if (ctx.has('userinfo.request-unauthorized-code') && tokenSent) headers['WWW-Authenticate'] = fositeCode;
  if (ctx.has('userinfo.refusal-request-unauthorized') && kind === 'invalid') {
    error = 'request_unauthorized';
    headers['WWW-Authenticate'] = fositeCode;
  }
  if (ctx.has('userinfo.no-token-error-code') && !tokenSent) headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
  if (tokenSent && headers['WWW-Authenticate']) headers['WWW-Authenticate'] = challengeSyntax(ctx, headers['WWW-Authenticate'], err);
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
