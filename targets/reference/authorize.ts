/**
 * GET|POST /oauth2/auth: Hydra's consent strategy on top of fosite's request validation. The browser goes
 * /oauth2/auth → login UI → (login_verifier) /oauth2/auth → consent UI → (consent_verifier) /oauth2/auth → client.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { TTL, join, nowSeconds, type Ctx } from './context.ts';
import { isPublic, matchesScope } from './clients.ts';
import { csrfCookieName } from './cookies.ts';
import { oauthError, rfcError, unrecognizable, type HttpError } from './errors.ts';
import { parseGoUrl } from './go-url.ts';
import { redirect, send, splitSpaces, withQuery, type Req } from './http.ts';
import { crashesOnDeleted } from './registration.defects.ts';
import { PREFIX, mintOpaque, randomId } from './opaque.ts';
import { acceptsPlainPkce, defaultMaxAge, ignoresMaxAge, requestQuery, requirePkceOfPublic } from './tokens.defects.ts';
import { authTimeMembers } from './auth-time-metadata.ts';
import { cookieSession, forgetSessionCookie, rememberSession } from './session-cookie.ts';
import type { AuthFlow, DeniedError, LoginSession, TokenSession } from './state.ts';
import {
  newAuthorizeRequest,
  validateAuthorizeRequest,
  writeAuthorizeError,
  writeAuthorizeResponse,
  type AuthorizeRequest,
} from './authorize-request.ts';

type ConsentStep = NonNullable<AuthFlow['consent']>;

export async function authorize(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const ar = newAuthorizeRequest(await req.form());
  if (crashesOnDeleted(ctx, ar.form.get('client_id') ?? ''))
    return send(res, 500, 'Internal Server Error\n', { 'Content-Type': 'text/plain' });
  try {
    validateAuthorizeRequest(ctx, ar);
    const loginVerifier = (ar.form.get('login_verifier') ?? '').trim();
    const consentVerifier = (ar.form.get('consent_verifier') ?? '').trim();
    if (loginVerifier === '' && consentVerifier === '') return requestAuthentication(ctx, req, res, ar);
    if (loginVerifier !== '') return requestConsent(ctx, req, res, ar, verifyAuthentication(ctx, req, res, ar, loginVerifier));
    const flow = verifyConsent(ctx, req, ar, consentVerifier);
    issueCode(ctx, res, ar, flow);
  } catch (e) {
    writeAuthorizeError(ctx, req, res, ar, e);
  }
}

function deniedToError(denied: DeniedError): HttpError {
  return rfcError(denied.status, denied.error, denied.description, denied.hint);
}

function checkCsrf(ctx: Ctx, req: Req, kind: 'login' | 'consent', clientId: string, expected: string): void {
  const value = ctx.cookies.read(req, csrfCookieName(kind, clientId));
  if (value === undefined) throw oauthError('request_forbidden', 'No CSRF value available in the session cookie.');
  if (value !== expected)
    throw oauthError('request_forbidden', 'The CSRF value from the token does not match the CSRF value from the data store.');
}

function expired(flow: AuthFlow): boolean {
  return flow.requestedAt * 1000 + TTL.flowRequest < Date.now();
}

/** Step 1: find a remembered session (unless prompt=login), honour max_age and prompt=none, go to the login UI. */
function requestAuthentication(ctx: Ctx, req: Req, res: ServerResponse, ar: AuthorizeRequest): void {
  const prompt = splitSpaces(ar.form.get('prompt'));
  let session: LoginSession | undefined = prompt.includes('login') ? undefined : cookieSession(ctx, req);
  const maxAgeParam = ar.form.get('max_age') ?? defaultMaxAge(ctx, authTimeMembers(ctx, ar.client?.client_id ?? '').default_max_age);
  if (session && maxAgeParam && !ignoresMaxAge(ctx)) {
    const maxAge = Number(maxAgeParam);
    if (!/^[+-]?\d+$/.test(maxAgeParam)) throw unrecognizable();
    if (maxAge > -1 && session.authenticatedAt + maxAge < nowSeconds()) {
      if (prompt.includes('none')) {
        throw oauthError('login_required', "Request failed because prompt is set to 'none' and authentication time reached 'max_age'.");
      }
      session = undefined;
    }
  }
  if (prompt.includes('none') && !session) {
    throw oauthError('login_required', "Prompt 'none' was requested, but no existing login session was found.");
  }
  const clientId = ar.client?.client_id ?? '';
  const oidcContext: Record<string, unknown> = {};
  for (const [key, param] of [
    ['acr_values', 'acr_values'],
    ['ui_locales', 'ui_locales'],
  ] as const) {
    const values = splitSpaces(ar.form.get(param));
    if (values.length > 0) oidcContext[key] = values;
  }
  for (const key of ['display', 'login_hint'] as const) {
    const value = ar.form.get(key);
    if (value) oidcContext[key] = value;
  }
  const flow: AuthFlow = {
    clientId,
    requestUrl: join(ctx.urls.public, '/oauth2/auth') + requestQuery(ctx, req, ar.form),
    requestedAt: nowSeconds(),
    requestedScope: ar.scopes,
    requestedAudience: ar.audience,
    oidcContext,
    skip: session !== undefined,
    subject: session?.subject ?? '',
    sessionId: session?.id ?? randomUUID(),
    authenticatedAt: session?.authenticatedAt ?? 0,
    login: { challenge: randomId(), verifier: randomId(), csrf: randomId(), used: false },
  };
  ctx.store.indexFlow('login-challenge', flow.login.challenge, flow);
  ctx.store.indexFlow('login-verifier', flow.login.verifier, flow);
  ctx.cookies.setCsrf(res, csrfCookieName('login', clientId), flow.login.csrf);
  redirect(req, res, withQuery(ctx.urls.login, { login_challenge: flow.login.challenge }));
}

/** Step 2: the login verifier: single use, CSRF-checked; confirms the login session and sets or clears its cookie. */
function verifyAuthentication(ctx: Ctx, req: Req, res: ServerResponse, ar: AuthorizeRequest, verifier: string): AuthFlow {
  const flow = ctx.store.flow('login-verifier', verifier);
  if (!flow) throw oauthError('access_denied', 'The login verifier has already been used, has not been granted, or is invalid.');
  if (flow.login.used || (!flow.login.result && !flow.login.error)) throw oauthError('invalid_request');
  flow.login.used = true;
  if (flow.login.error) throw deniedToError(flow.login.error);
  if (expired(flow)) throw oauthError('request_unauthorized', 'The login request has expired. Please try again.');
  checkCsrf(ctx, req, 'login', flow.clientId, flow.login.csrf);
  const result = flow.login.result;
  if (!result) throw oauthError('invalid_request');
  if (flow.skip && result.subject !== flow.subject) {
    forgetSessionCookie(ctx, req, res, true);
    throw oauthError(
      'server_error',
      'The login request is marked as remember, but the subject from the login confirmation does not match the original subject from the cookie.',
    );
  }
  if (!flow.skip) {
    ctx.store.sessions.set(flow.sessionId, {
      id: flow.sessionId,
      subject: result.subject,
      authenticatedAt: result.authenticatedAt,
      remember: result.remember,
      clients: new Set(),
    });
    if (!result.remember) forgetSessionCookie(ctx, req, res, true);
  }
  ctx.store.sessions.get(flow.sessionId)?.clients.add(ar.client?.client_id ?? flow.clientId);
  if (result.remember && (!flow.skip || result.extendSessionLifespan)) rememberSession(ctx, res, flow.sessionId, result.rememberFor);
  return flow;
}

/** fosite.IsLocalhost, used to decide whether a public client may skip consent. */
function mayReuseConsent(ar: AuthorizeRequest): boolean {
  if (!ar.client || !isPublic(ar.client)) return true;
  const u = parseGoUrl(ar.redirectUri ?? '');
  const host = u?.hostname ?? '';
  const local = host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '::1';
  return u?.scheme === 'https' || (u?.scheme === 'http' && local);
}

/** Step 3: look for a remembered consent covering the requested scopes, then go to the consent UI. */
function requestConsent(ctx: Ctx, req: Req, res: ServerResponse, ar: AuthorizeRequest, flow: AuthFlow): void {
  const prompt = splitSpaces(ar.form.get('prompt'));
  const subject = flow.login.result?.subject ?? '';
  const previous =
    prompt.includes('consent') || !mayReuseConsent(ar)
      ? undefined
      : [...ctx.store.consents]
          .reverse()
          .find(
            (c) =>
              c.clientId === flow.clientId &&
              c.subject === subject &&
              (c.result.rememberFor <= 0 || c.handledAt + c.result.rememberFor > nowSeconds()) &&
              ar.scopes.every((s) => matchesScope(c.result.grantScope, s)),
          );
  if (prompt.includes('none') && !previous) {
    throw oauthError('consent_required', "Prompt 'none' was requested, but no previous consent was found.");
  }
  const consent: ConsentStep = { challenge: randomId(), verifier: randomId(), csrf: randomId(), used: false, skip: previous !== undefined };
  flow.consent = consent;
  ctx.store.indexFlow('consent-challenge', consent.challenge, flow);
  ctx.store.indexFlow('consent-verifier', consent.verifier, flow);
  ctx.cookies.setCsrf(res, csrfCookieName('consent', flow.clientId), consent.csrf);
  redirect(req, res, withQuery(ctx.urls.consent, { consent_challenge: consent.challenge }));
}

/** Step 4: the consent verifier: single use, same client, CSRF-checked; remembers the consent when asked to. */
function verifyConsent(ctx: Ctx, req: Req, ar: AuthorizeRequest, verifier: string): AuthFlow {
  const flow = ctx.store.flow('consent-verifier', verifier);
  const consent = flow?.consent;
  if (!flow || !consent)
    throw oauthError('access_denied', 'The consent verifier has already been used, has not been granted, or is invalid.');
  if (flow.clientId !== (ar.form.get('client_id') ?? '')) {
    throw oauthError('invalid_client', 'The flow client id does not match the authorize request client id.');
  }
  if (consent.used) throw oauthError('access_denied', 'The consent verifier has already been used.');
  if (!consent.result && !consent.error) {
    throw oauthError('access_denied', 'The consent verifier has already been used, has not been granted, or is invalid.');
  }
  consent.used = true;
  if (expired(flow)) throw oauthError('request_unauthorized', 'The consent request has expired, please try again.');
  if (consent.error) throw deniedToError(consent.error);
  checkCsrf(ctx, req, 'consent', flow.clientId, consent.csrf);
  if (consent.result?.remember && !consent.skip) {
    ctx.store.consents.push({
      clientId: flow.clientId,
      subject: flow.login.result?.subject ?? '',
      result: consent.result,
      handledAt: nowSeconds(),
    });
  }
  return flow;
}

/** fosite's PKCE authorize handler with Hydra's configuration: plain (or no method) is refused, only S256 passes. */
function validatePkce(ctx: Ctx, form: URLSearchParams, client: AuthorizeRequest['client']): void {
  const challenge = form.get('code_challenge') ?? '';
  if (challenge === '') return requirePkceOfPublic(ctx, client !== undefined && isPublic(client));
  const method = form.get('code_challenge_method') ?? '';
  if (method === 'S256' || (method === 'plain' && acceptsPlainPkce(ctx))) return;
  if (method === 'plain' || method === '') {
    throw oauthError('invalid_request', 'Clients must use code_challenge_method=S256, plain is not allowed.');
  }
  throw oauthError('invalid_request', 'The code_challenge_method is not supported, use S256 instead.');
}

/** Step 5: issue the authorization code with everything its tokens will carry, and send the browser to the client. */
function issueCode(ctx: Ctx, res: ServerResponse, ar: AuthorizeRequest, flow: AuthFlow): void {
  validatePkce(ctx, ar.form, ar.client);
  const login = flow.login.result;
  const consent = flow.consent?.result;
  if (!login || !consent) throw oauthError('server_error');
  const clientId = flow.clientId;
  const session: TokenSession = {
    subject: login.subject,
    sid: flow.sessionId,
    scopes: consent.grantScope,
    audience: consent.grantAudience,
    idClaims: {
      iss: ctx.urls.issuer,
      sub: login.subject,
      aud: [clientId],
      iat: nowSeconds(),
      rat: flow.requestedAt,
      auth_time: login.authenticatedAt,
      ...(login.acr ? { acr: login.acr } : {}),
      ...(login.amr.length > 0 ? { amr: login.amr } : {}),
    },
    idExtra: { ...consent.idToken, sid: flow.sessionId },
    nonce: ar.form.get('nonce') ?? '',
    ...(ar.form.get('max_age') ? { maxAge: ar.form.get('max_age')! } : {}),
    accessExt: consent.accessToken,
  };
  const { token, key } = mintOpaque(PREFIX.code);
  ctx.store.codes.set(key, {
    grantId: randomUUID(),
    clientId,
    redirectUri: ar.form.get('redirect_uri') ?? '',
    codeChallenge: ar.form.get('code_challenge') ?? '',
    codeChallengeMethod: ar.form.get('code_challenge_method') ?? '',
    expiresAt: Date.now() + TTL.authorizeCode,
    used: false,
    session,
  });
  // Defect: the state comes back cut to its first 8 characters.
  const state = ctx.has('tokens.authorize-state-cut') ? ar.state.slice(0, 8) : ar.state;
  writeAuthorizeResponse(ctx, res, ar, new URLSearchParams({ code: token, scope: consent.grantScope.join(' '), state }));
}
