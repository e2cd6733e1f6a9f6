/**
 * fosite's NewAuthorizeRequest (validation order matters: the redirect URI only counts as valid once it has been
 * checked, and errors before that go to the error page) and its authorize response/error writers.
 */
import type { ServerResponse } from 'node:http';
import { logUnexpected, type Ctx } from './context.ts';
import { allowsScope, responseTypesOf, type Client } from './clients.ts';
import { anyUriWithoutRegistered, laxRedirectMatch, responseTarget, staleAuthorizeClient } from './registration.defects.ts';
import { oauthError, toHttpError } from './errors.ts';
import { parseGoUrl } from './go-url.ts';
import { encodeSorted, escapeHtml, noStore, send, splitSpaces, type Req } from './http.ts';
import { forwardError } from './pages.ts';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

export interface AuthorizeRequest {
  form: URLSearchParams;
  state: string;
  client?: Client;
  /** Set only once validated; until then errors cannot be sent to the client. */
  redirectUri?: string;
  responseTypes: string[];
  responseMode: ResponseMode;
  scopes: string[];
  audience: string[];
}

const MIN_ENTROPY = 8;

/** The parameters of an authorization request the defect tokens.authorize-unknown-param-refused still takes. */
const KNOWN_PARAMETERS = new Set(
  (
    'client_id response_type redirect_uri scope state nonce prompt max_age code_challenge code_challenge_method response_mode ' +
    'display ui_locales id_token_hint login_hint acr_values claims audience login_verifier consent_verifier'
  ).split(' '),
);

export function newAuthorizeRequest(form: URLSearchParams): AuthorizeRequest {
  return { form, state: form.get('state') ?? '', responseTypes: [], responseMode: 'query', scopes: [], audience: [] };
}

function isLoopback(host: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/** MatchRedirectURIWithClientRedirectURIs: exact string match, any port for loopback, or the single registered one. */
function matchRedirectUri(ctx: Ctx, raw: string, client: Client, openid: boolean): string | undefined {
  const valid = (uri: string): boolean => {
    const u = parseGoUrl(uri);
    return !!u && u.scheme !== '' && u.fragment === '' && !uri.includes('#');
  };
  if (raw === '') {
    const only = client.redirect_uris.length === 1 ? client.redirect_uris[0] : undefined;
    // Defect: OpenID requests may leave redirect_uri out too (the check that requires it is skipped).
    if (openid && !ctx.has('redirect.defaulted-for-openid')) return undefined;
    return only !== undefined && valid(only) ? only : undefined;
  }
  const requested = parseGoUrl(raw);
  if (!requested) return undefined;
  if (client.redirect_uris.length === 0 && anyUriWithoutRegistered(ctx, client)) return valid(raw) ? raw : undefined;
  const matches = client.redirect_uris.some((registered) => {
    if (registered === raw) return true;
    const r = parseGoUrl(registered);
    return (
      !!r &&
      (laxRedirectMatch(ctx, r, requested) ||
        (requested.scheme === 'http' &&
          isLoopback(requested.hostname) &&
          r.hostname === requested.hostname &&
          r.path === requested.path &&
          r.rawQuery === requested.rawQuery))
    );
  });
  return matches && valid(raw) ? raw : undefined;
}

/** fosite.GetAudiences: one space-separated value, or repeated parameters. */
function audiences(form: URLSearchParams): string[] {
  const values = form.getAll('audience');
  return values.length === 1 ? splitSpaces(values[0]) : values.filter((v) => v !== '');
}

export function validateAuthorizeRequest(ctx: Ctx, ar: AuthorizeRequest): void {
  const { form } = ar;
  const client = ctx.store.clients.get(form.get('client_id') ?? '') ?? staleAuthorizeClient(ctx, form.get('client_id') ?? '');
  if (!client) throw oauthError('invalid_client', 'The requested OAuth 2.0 Client does not exist.');
  ar.client = client;

  const mode = form.get('response_mode') ?? '';
  if (mode !== '' && mode !== 'query' && mode !== 'fragment' && mode !== 'form_post') {
    throw oauthError('unsupported_response_mode', `Request with unsupported response_mode "${mode}".`);
  }
  ar.responseTypes = splitSpaces(form.get('response_type'));

  if (ar.state.length < MIN_ENTROPY) {
    throw oauthError(
      'invalid_state',
      `Request parameter 'state' must be at least be ${MIN_ENTROPY} characters long to ensure sufficient entropy.`,
    );
  }
  ar.scopes = splitSpaces(form.get('scope'));

  const rawRedirect = form.get('redirect_uri') ?? '';
  const openid = ar.scopes.includes('openid');
  if (rawRedirect === '' && openid && !ctx.has('redirect.defaulted-for-openid')) {
    throw oauthError('invalid_request', "The 'redirect_uri' parameter is required when using OpenID Connect 1.0.");
  }
  const redirectUri = matchRedirectUri(ctx, rawRedirect, client, openid);
  if (!redirectUri) {
    // Defect: the refusal is sent to the redirect URI the request named, registered or not.
    if (ctx.has('redirect.error-to-unregistered') && parseGoUrl(rawRedirect)?.scheme) ar.redirectUri = rawRedirect;
    throw oauthError(
      'invalid_request',
      "The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered redirect urls.",
    );
  }
  ar.redirectUri = redirectUri;
  // Defect: a parameter outside the request's known set is refused, where Core §3.1.2.2 asks that it be ignored.
  const unknown = ctx.has('tokens.authorize-unknown-param-refused') ? [...form.keys()].find((k) => !KNOWN_PARAMETERS.has(k)) : undefined;
  if (unknown !== undefined) throw oauthError('invalid_request', `The request parameter '${unknown}' is not recognized.`);
  ar.responseMode = mode === '' ? (ar.responseTypes.length === 1 && ar.responseTypes[0] === 'code' ? 'query' : 'fragment') : mode;

  for (const scope of ar.scopes) {
    if (!allowsScope(client, scope)) throw oauthError('invalid_scope', `The OAuth 2.0 Client is not allowed to request scope '${scope}'.`);
  }
  ar.audience = audiences(form);
  for (const aud of ar.audience) {
    if (!client.audience.includes(aud)) {
      throw oauthError('invalid_request', `Requested audience '${aud}' has not been whitelisted by the OAuth 2.0 Client.`);
    }
  }
  const requested = [...ar.responseTypes].sort().join(' ');
  if (!responseTypesOf(client).some((t) => splitSpaces(t).sort().join(' ') === requested)) {
    throw oauthError(
      'unsupported_response_type',
      `The client is not allowed to request response_type '${form.get('response_type') ?? ''}'.`,
    );
  }
  // The reference implements the authorization-code flow only (no implicit or hybrid responses).
  if (requested !== 'code') {
    throw oauthError('unsupported_response_type', "The reference target implements only response_type 'code'.");
  }
}

/** Delivers authorization response parameters in the request's response mode (fosite: 303, no-store). */
export function writeAuthorizeResponse(ctx: Ctx, res: ServerResponse, ar: AuthorizeRequest, params: URLSearchParams): void {
  const target = responseTarget(ctx, new URL(ar.redirectUri ?? ''));
  target.hash = '';
  noStore(res);
  if (ar.responseMode === 'form_post') {
    const inputs = [...params].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}"/>`).join('\n');
    const html = `<html>\n<head><title>Submit This Form</title></head>\n<body onload="javascript:document.forms[0].submit()">\n<form method="post" action="${escapeHtml(target.toString())}">\n${inputs}\n</form>\n</body>\n</html>\n`;
    send(res, 200, html, { 'Content-Type': 'text/html;charset=UTF-8' });
    return;
  }
  let location: string;
  if (ar.responseMode === 'fragment') {
    location = `${target.toString()}#${encodeSorted(params)}`;
  } else {
    for (const [k, v] of params) target.searchParams.set(k, v);
    target.search = encodeSorted(target.searchParams);
    location = target.toString();
  }
  send(res, 303, '', { Location: location });
}

/** writeAuthorizeError: to the client once its redirect URI is validated, else to the error page. */
export function writeAuthorizeError(ctx: Ctx, req: Req, res: ServerResponse, ar: AuthorizeRequest, e: unknown): void {
  logUnexpected(ctx, 'authorize', e);
  const err = toHttpError(e);
  if (!ar.redirectUri) {
    forwardError(ctx, req, res, err);
    return;
  }
  const params = err.values();
  if (!ctx.has('tokens.error-redirect-without-state')) params.set('state', ar.state);
  // Defect: the error is said only in error_description.
  if (ctx.has('tokens.error-redirect-without-error')) params.delete('error');
  writeAuthorizeResponse(ctx, res, ar, params);
}
