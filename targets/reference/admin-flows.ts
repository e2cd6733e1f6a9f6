/**
 * The admin side of login, consent and logout: GET the request, PUT accept, PUT reject (consent/handler.go).
 * Logout requests are DB-backed as in Hydra v2.2/v2.3: reject hides them (later GET is 404), and the verifier
 * works once.
 */
import type { ServerResponse } from 'node:http';
import { join, nowSeconds, type Ctx } from './context.ts';
import { renderClient } from './clients.ts';
import { flowNotFound, oauthError, resourceNotFound, rfcError, unrecognizable, type HttpError } from './errors.ts';
import { GoJsonError, goDecodeStruct, goField, goParse, type FieldDecoder } from './go-json.ts';
import { sendEmpty, sendJson, withQuery, type Req } from './http.ts';
import type { AuthFlow, DeniedError, LogoutRequest } from './state.ts';

function challengeOf(req: Req, name: string): string {
  const challenge = req.query.get(name) || req.query.get('challenge') || '';
  if (challenge === '') throw oauthError('invalid_request', "Query parameter 'challenge' is not defined but should have been.");
  return challenge;
}

function conflict(hint: string): HttpError {
  return rfcError(
    409,
    'Conflict',
    'Unable to process the requested resource because of conflict in the current state of the resource.',
    hint,
  );
}

/** Decodes a body with DisallowUnknownFields; `onError` maps Go's decode error to Hydra's response. */
async function decodeBody(
  req: Req,
  typeName: string,
  fields: Readonly<Record<string, FieldDecoder>>,
  onError: (goError: string) => HttpError,
): Promise<Record<string, unknown>> {
  try {
    return goDecodeStruct(goParse(await req.body()), typeName, fields, true).values;
  } catch (e) {
    if (e instanceof GoJsonError) throw onError(e.message);
    throw e;
  }
}

const DENIED_FIELDS = {
  error: goField.string,
  error_description: goField.string,
  error_hint: goField.string,
  status_code: goField.int,
  error_debug: goField.string,
};

/** flow.RequestDeniedError with SetDefaults. */
function deniedError(body: Record<string, unknown>, defaultName: string): DeniedError {
  return {
    error: (body['error'] as string | undefined) || defaultName,
    description: (body['error_description'] as string | undefined) ?? '',
    hint: (body['error_hint'] as string | undefined) ?? '',
    status: (body['status_code'] as number | undefined) || 400,
  };
}

function clientJson(ctx: Ctx, id: string): unknown {
  const client = ctx.store.clients.get(id);
  return client ? renderClient(client, 'admin') : null;
}

// ---- login ----

function loginFlow(ctx: Ctx, req: Req): AuthFlow {
  const flow = ctx.store.flow('login-challenge', challengeOf(req, 'login_challenge'));
  if (!flow) throw flowNotFound();
  return flow;
}

export function getLoginRequest(ctx: Ctx, req: Req, res: ServerResponse): void {
  const flow = loginFlow(ctx, req);
  if (flow.login.used) return sendJson(res, 410, { redirect_to: flow.requestUrl });
  sendJson(res, 200, {
    challenge: flow.login.challenge,
    requested_scope: flow.requestedScope,
    requested_access_token_audience: flow.requestedAudience,
    skip: flow.skip,
    subject: flow.subject,
    oidc_context: flow.oidcContext,
    client: clientJson(ctx, flow.clientId),
    request_url: flow.requestUrl,
    session_id: flow.sessionId,
  });
}

const LOGIN_ACCEPT_FIELDS = {
  remember: goField.bool,
  remember_for: goField.int,
  extend_session_lifespan: goField.bool,
  acr: goField.string,
  amr: goField.strings,
  subject: goField.string,
  identity_provider_session_id: goField.string,
  force_subject_identifier: goField.string,
  context: goField.any,
};

const loginDecodeError = (e: string): HttpError => oauthError('invalid_request', `Unable to decode body because: ${e}`);

export async function acceptLoginRequest(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const challenge = challengeOf(req, 'login_challenge');
  const body = await decodeBody(req, 'flow.HandledLoginRequest', LOGIN_ACCEPT_FIELDS, loginDecodeError);
  const subject = (body['subject'] as string | undefined) ?? '';
  if (subject === '') throw oauthError('invalid_request', "Field 'subject' must not be empty.");
  const flow = ctx.store.flow('login-challenge', challenge);
  if (!flow) throw flowNotFound();
  if (flow.subject !== '' && subject !== flow.subject) {
    // The remembered subject differs: Hydra sends the browser back to log in again.
    return sendJson(res, 200, { redirect_to: withQuery(flow.requestUrl, { prompt: 'login' }) });
  }
  if (flow.login.used) throw conflict('The login request was already used and can no longer be changed.');
  flow.login.error = undefined;
  flow.login.result = {
    subject,
    remember: flow.skip || body['remember'] === true,
    rememberFor: (body['remember_for'] as number | undefined) ?? 0,
    extendSessionLifespan: body['extend_session_lifespan'] === true,
    acr: (body['acr'] as string | undefined) ?? '',
    amr: (body['amr'] as string[] | undefined) ?? [],
    context: body['context'] ?? {},
    authenticatedAt: flow.skip ? flow.authenticatedAt : nowSeconds(),
  };
  sendJson(res, 200, { redirect_to: withQuery(flow.requestUrl, { login_verifier: flow.login.verifier }) });
}

export async function rejectLoginRequest(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const challenge = challengeOf(req, 'login_challenge');
  const body = await decodeBody(req, 'flow.RequestDeniedError', DENIED_FIELDS, loginDecodeError);
  const flow = ctx.store.flow('login-challenge', challenge);
  if (!flow) throw flowNotFound();
  if (flow.login.used) throw conflict('The login request was already used and can no longer be changed.');
  flow.login.result = undefined;
  flow.login.error = deniedError(body, 'login request denied');
  sendJson(res, 200, { redirect_to: withQuery(flow.requestUrl, { login_verifier: flow.login.verifier }) });
}

// ---- consent ----

function consentFlow(ctx: Ctx, challenge: string): AuthFlow & { consent: NonNullable<AuthFlow['consent']> } {
  const flow = ctx.store.flow('consent-challenge', challenge);
  if (!flow?.consent) throw flowNotFound();
  return flow as AuthFlow & { consent: NonNullable<AuthFlow['consent']> };
}

export function getConsentRequest(ctx: Ctx, req: Req, res: ServerResponse): void {
  const flow = consentFlow(ctx, challengeOf(req, 'consent_challenge'));
  if (flow.consent.used) return sendJson(res, 410, { redirect_to: flow.requestUrl });
  const login = flow.login.result;
  sendJson(res, 200, {
    challenge: flow.consent.challenge,
    requested_scope: flow.requestedScope,
    requested_access_token_audience: flow.requestedAudience,
    skip: flow.consent.skip,
    subject: login?.subject ?? '',
    oidc_context: flow.oidcContext,
    client: clientJson(ctx, flow.clientId),
    request_url: flow.requestUrl,
    login_challenge: flow.login.challenge,
    login_session_id: flow.sessionId,
    acr: login?.acr ?? '',
    amr: login?.amr ?? [],
    context: login?.context ?? {},
  });
}

const claimsMap: FieldDecoder = (v, where) => goField.object(v, where);
const CONSENT_SESSION_FIELDS = { access_token: claimsMap, id_token: claimsMap };
const CONSENT_ACCEPT_FIELDS = {
  grant_scope: goField.strings,
  grant_access_token_audience: goField.strings,
  session: ((v) => goDecodeStruct(v, 'flow.AcceptOAuth2ConsentRequestSession', CONSENT_SESSION_FIELDS, true).values) as FieldDecoder,
  remember: goField.bool,
  remember_for: goField.int,
  handled_at: goField.any,
  context: goField.any,
};

/** Consent decode errors are written with WriteErrorCode(400) from a plain Go error. */
const consentDecodeError = (): HttpError => unrecognizable(400);

export async function acceptConsentRequest(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const challenge = challengeOf(req, 'consent_challenge');
  const body = await decodeBody(req, 'flow.AcceptOAuth2ConsentRequest', CONSENT_ACCEPT_FIELDS, consentDecodeError);
  const flow = consentFlow(ctx, challenge);
  if (flow.consent.used) throw conflict('The consent request was already used and can no longer be changed.');
  const session = (body['session'] as Record<string, Record<string, unknown>> | undefined) ?? {};
  flow.consent.error = undefined;
  flow.consent.result = {
    grantScope: (body['grant_scope'] as string[] | undefined) ?? [],
    grantAudience: (body['grant_access_token_audience'] as string[] | undefined) ?? [],
    remember: body['remember'] === true,
    rememberFor: (body['remember_for'] as number | undefined) ?? 0,
    idToken: session['id_token'] ?? {},
    accessToken: session['access_token'] ?? {},
  };
  sendJson(res, 200, { redirect_to: withQuery(flow.requestUrl, { consent_verifier: flow.consent.verifier }) });
}

export async function rejectConsentRequest(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const challenge = challengeOf(req, 'consent_challenge');
  const body = await decodeBody(req, 'flow.RequestDeniedError', DENIED_FIELDS, consentDecodeError);
  const flow = consentFlow(ctx, challenge);
  if (flow.consent.used) throw conflict('The consent request was already used and can no longer be changed.');
  flow.consent.result = undefined;
  flow.consent.error = deniedError(body, 'consent request denied');
  sendJson(res, 200, { redirect_to: withQuery(flow.requestUrl, { consent_verifier: flow.consent.verifier }) });
}

// ---- logout ----

/** A logout request that exists and was not rejected (WHERE challenge = ? AND rejected = FALSE). */
function logoutRequest(ctx: Ctx, req: Req, includeRejected = false): LogoutRequest {
  const challenge = req.query.get('logout_challenge') || req.query.get('challenge') || '';
  const lr = ctx.store.logoutRequests.get(challenge);
  if (!lr || (lr.rejected && !includeRejected)) throw resourceNotFound();
  return lr;
}

export function getLogoutRequest(ctx: Ctx, req: Req, res: ServerResponse): void {
  const lr = logoutRequest(ctx, req);
  if (lr.used) return sendJson(res, 410, { redirect_to: lr.requestUrl });
  sendJson(res, 200, {
    challenge: lr.challenge,
    subject: lr.subject,
    sid: lr.sid,
    request_url: lr.requestUrl,
    rp_initiated: lr.rpInitiated && !ctx.has('logout.challenge-not-rp-initiated'),
    expires_at: lr.expiresAt,
    requested_at: lr.requestedAt,
    client: lr.clientId ? clientJson(ctx, lr.clientId) : null,
  });
}

/** Accepting sets accepted=true, rejected=false (so it revives a rejected request), then reads it back. */
export function acceptLogoutRequest(ctx: Ctx, req: Req, res: ServerResponse): void {
  const lr = logoutRequest(ctx, req, true);
  lr.accepted = true;
  lr.rejected = false;
  sendJson(res, 200, {
    redirect_to: withQuery(join(ctx.urls.public, '/oauth2/sessions/logout'), { logout_verifier: lr.verifier }),
  });
}

export function rejectLogoutRequest(ctx: Ctx, req: Req, res: ServerResponse): void {
  const lr = logoutRequest(ctx, req, true);
  lr.rejected = true;
  lr.accepted = false;
  sendEmpty(res, 204);
}
