/**
 * GET|POST /oauth2/sessions/logout: RP- or OP-initiated logout through the logout UI, then completion with the
 * logout verifier (front-channel page, back-channel calls). Errors go to urls.error.
 */
import { constants, createPublicKey, publicDecrypt, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { ServerResponse } from 'node:http';
import { TTL, isoSeconds, logUnexpected, nowSeconds, type Ctx } from './context.ts';
import { backChannelLogout } from './backchannel.ts';
import { lifespanOf } from './clients.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { flowNotFound, oauthError } from './errors.ts';
import { redirect, sendHtml, withQuery, type Req } from './http.ts';
import { forwardError, frontChannelPage } from './pages.ts';
import { cookieSession } from './session-cookie.ts';
import type { LogoutRequest } from './state.ts';
import { postLogoutTarget } from './logout.defects.ts';

export async function logout(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  try {
    const verifier = req.query.get('logout_verifier');
    if (verifier) completeLogout(ctx, req, res, verifier);
    else await initiateLogout(ctx, req, res);
  } catch (e) {
    logUnexpected(ctx, 'logout', e);
    forwardError(ctx, req, res, e);
  }
}

const invalid = (hint: string) => oauthError('invalid_request', hint);

/** Decodes and verifies the id_token_hint with our key; an expired hint is accepted, as in Hydra. */
async function hintClaims(ctx: Ctx, hint: string): Promise<Record<string, unknown>> {
  if (hint.split('.').length !== 3) throw invalid('go-jose/go-jose: compact JWS format must have three parts');
  if (ctx.has('logout.hint-alg-none-accepted') && decodeProtectedHeader(hint).alg === 'none') return decodeJwt(hint);
  if (ctx.has('logout.foreign-hint-accepted')) {
    const unverified = decodeJwt(hint);
    if (unverified.iss !== ctx.urls.issuer) return unverified;
  }
  let payload: unknown;
  try {
    payload = ctx.has('logout.hint-digest-unchecked') ? paddingOnly(ctx, hint) : await ctx.key.verifyPayload(hint);
  } catch {
    if (!ctx.has('logout.hint-claims-trusted') || !claimsOfIssuedIdToken(ctx, hint))
      throw invalid('go-jose/go-jose: error in cryptographic primitive');
    payload = decodeJwt(hint);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid('token claims are not a JSON object');
  const claims = payload as Record<string, unknown>;
  const now = nowSeconds();
  if (typeof claims['iat'] === 'number' && claims['iat'] > now) throw invalid('Token used before issued');
  if (typeof claims['nbf'] === 'number' && claims['nbf'] > now) throw invalid('Token is not valid yet');
  return claims;
}

/** DigestInfo of SHA-256 (RFC 8017 §9.2): what an RS256 signature block carries before the hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * Defect logout.hint-digest-unchecked: the RS256 signature is opened with the provider's public key and its
 * PKCS#1 v1.5 block (00 01 FF…FF 00 DigestInfo) is checked, but the hash in it is never compared with the token's.
 */
function paddingOnly(ctx: Ctx, hint: string): unknown {
  const key = createPublicKey({ key: { ...ctx.key.publicJwk } as import('node:crypto').JsonWebKey, format: 'jwk' });
  const block = publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.from(hint.split('.')[2] ?? '', 'base64url'));
  const sep = block.indexOf(0, 2);
  const wellFormed =
    block[0] === 0 &&
    block[1] === 1 &&
    sep >= 10 &&
    block.subarray(2, sep).every((b) => b === 0xff) &&
    block.subarray(sep + 1, sep + 1 + SHA256_DIGEST_INFO.length).equals(SHA256_DIGEST_INFO) &&
    block.length - sep - 1 === SHA256_DIGEST_INFO.length + 32;
  if (!wellFormed) throw new Error('not an RS256 signature block of this key');
  return decodeJwt(hint);
}

/**
 * Defect logout.hint-claims-trusted: a hint whose signature failed is taken when its claims look like an ID token
 * the provider issued: its kid and iss, a remembered session of its sub named by its sid, one of that session's
 * clients in its aud, and exp - iat the client's ID-token lifespan.
 */
function claimsOfIssuedIdToken(ctx: Ctx, hint: string): boolean {
  try {
    if (decodeProtectedHeader(hint).kid !== ctx.key.kid) return false;
    const c = decodeJwt(hint);
    const session = ctx.store.rememberedSession(typeof c.sid === 'string' ? c.sid : undefined);
    if (c.iss !== ctx.urls.issuer || !session || session.subject !== c.sub || typeof c.iat !== 'number' || typeof c.exp !== 'number')
      return false;
    const auds = Array.isArray(c.aud) ? c.aud : [c.aud];
    return auds.some((a) => {
      const client = typeof a === 'string' && session.clients.has(a) ? ctx.store.clients.get(a) : undefined;
      return (
        client !== undefined &&
        c.exp! - c.iat! === Math.floor(lifespanOf(client, 'authorization_code_grant_id_token_lifespan', TTL.idToken) / 1000)
      );
    });
  } catch {
    return false;
  }
}

function newLogoutRequest(
  ctx: Ctx,
  req: Req,
  fields: Pick<LogoutRequest, 'subject' | 'sid' | 'rpInitiated' | 'clientId' | 'postLogoutRedirectUri'>,
): LogoutRequest {
  const lr: LogoutRequest = {
    ...fields,
    challenge: randomUUID(),
    verifier: randomUUID(),
    requestUrl: req.url.pathname + req.url.search,
    // Hydra v2.2/v2.3 only fills these for OP-initiated requests.
    requestedAt: fields.rpInitiated ? null : isoSeconds(),
    expiresAt: fields.rpInitiated ? null : isoSeconds(Date.now() + TTL.flowRequest),
    accepted: false,
    rejected: false,
    used: false,
  };
  ctx.store.logoutRequests.set(lr.challenge, lr);
  return lr;
}

async function initiateLogout(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const form = ctx.has('logout.post-form-ignored') ? new URLSearchParams(req.query) : await req.form();
  const hint = form.get('id_token_hint') ?? '';
  const state = form.get('state') ?? '';
  const requested = (ctx.has('logout.get-redirect-uri-from-body') ? await req.postForm() : form).get('post_logout_redirect_uri') ?? '';
  const toLogoutUi = (lr: LogoutRequest): void => redirect(req, res, withQuery(ctx.urls.logout, { logout_challenge: lr.challenge }));

  if (hint === '') {
    const anyClientRegistered =
      requested !== '' && [...ctx.store.clients.values()].some((c) => c.post_logout_redirect_uris.includes(requested));
    if (ctx.has('logout.uri-without-hint-accepted') && anyClientRegistered) {
      const to = withQuery(requested, state !== '' ? { state } : {});
      const current = cookieSession(ctx, req);
      if (!current) return redirect(req, res, to);
      return toLogoutUi(
        newLogoutRequest(ctx, req, {
          subject: current.subject,
          sid: current.id,
          rpInitiated: false,
          clientId: '',
          postLogoutRedirectUri: to,
        }),
      );
    }
    if (state !== '' && !ctx.has('logout.state-without-hint-ignored'))
      throw invalid('Logout failed because query parameter state is set but id_token_hint is missing.');
    if (requested !== '')
      throw invalid('Logout failed because query parameter post_logout_redirect_uri is set but id_token_hint is missing.');
    const session = cookieSession(ctx, req);
    if (!session || ctx.has('logout.no-hint-keeps-session')) return redirect(req, res, ctx.urls.postLogout);
    return toLogoutUi(
      newLogoutRequest(ctx, req, {
        subject: session.subject,
        sid: session.id,
        rpInitiated: false,
        clientId: '',
        postLogoutRedirectUri: ctx.urls.postLogout,
      }),
    );
  }

  const claims = await hintClaims(ctx, hint);
  const iss = typeof claims['iss'] === 'string' ? claims['iss'] : '';
  if (iss !== ctx.urls.issuer && !ctx.has('logout.foreign-hint-accepted')) {
    throw invalid(
      `Logout failed because issuer claim value '${iss}' from query parameter id_token_hint does not match with issuer value from configuration '${ctx.urls.issuer}'.`,
    );
  }
  const now = nowSeconds();
  const iat = claims['iat'];
  if (typeof iat !== 'number' || iat > now) {
    throw invalid(
      `Logout failed because iat claim value '${typeof iat === 'number' ? iat.toFixed(0) : '0'}' from query parameter id_token_hint is before now ('${now}').`,
    );
  }
  const sid = typeof claims['sid'] === 'string' ? claims['sid'] : '';
  if (sid === '') throw invalid('Logout failed because query parameter id_token_hint is missing sid claim.');
  if (typeof claims['sub'] !== 'string' || claims['sub'] === '')
    throw invalid('Logout failed because query parameter id_token_hint is missing sub claim.');
  const auds = Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']];
  // Deviation #10 (RP-Initiated Logout 1.0 §2): a client_id sent with the hint must be one of the hint's audiences.
  const clientId = form.get('client_id') ?? '';
  if (clientId !== '' && !auds.includes(clientId) && !ctx.has('logout.client-id-ignored')) {
    throw invalid(`Logout failed because query parameter client_id '${clientId}' is not an audience of the id_token_hint.`);
  }
  const client = auds.map((a) => (typeof a === 'string' ? ctx.store.clients.get(a) : undefined)).find((c) => c !== undefined);
  if (!client) throw invalid('Logout failed because none of the listed audiences is a registered OAuth 2.0 Client.');

  // urlx.SetQuery: the registered URI's own query is kept, state is added when the RP sent one.
  const withState = (uri: string) =>
    withQuery(uri, ctx.has('logout.state-dropped') ? {} : state !== '' || ctx.has('logout.state-invented') ? { state } : {});
  let redirectTo = ctx.urls.postLogout;
  if (requested !== '') {
    const target = postLogoutTarget(ctx, client, requested);
    if (target === undefined) {
      throw invalid(
        'Logout failed because query parameter post_logout_redirect_uri is not a whitelisted as a post_logout_redirect_uri for the client.',
      );
    }
    redirectTo = withState(ctx.has('logout.post-logout-uri-query-dropped') ? target.split('?')[0]! : target);
  } else if (ctx.has('logout.default-to-registered-uri') && client.post_logout_redirect_uris[0]) {
    redirectTo = withState(client.post_logout_redirect_uris[0]);
  }
  // Without a remembered session for the hint's sid there is nothing to log out: straight to the final URI.
  const session = ctx.store.rememberedSession(sid);
  if (!session) return redirect(req, res, redirectTo);
  toLogoutUi(
    newLogoutRequest(ctx, req, {
      subject: session.subject,
      sid,
      rpInitiated: true,
      clientId: client.client_id,
      postLogoutRedirectUri: redirectTo,
    }),
  );
}

/** The verifier works once (v2.3's was_used); the session is deleted, its cookie cleared, the RPs notified. */
function completeLogout(ctx: Ctx, req: Req, res: ServerResponse, verifier: string): void {
  const lr = [...ctx.store.logoutRequests.values()].find((r) => r.verifier === verifier);
  if (!lr || !lr.accepted || lr.rejected || lr.used) throw flowNotFound();
  lr.used = true;
  if (!lr.rpInitiated) {
    // OP-initiated: only the browser that still holds the same user's session may complete it.
    const current = cookieSession(ctx, req);
    if (!current || current.subject !== lr.subject) return redirect(req, res, lr.postLogoutRedirectUri);
  }
  const survives = ctx.has('logout.session-survives');
  if (!survives) ctx.cookies.clear(res, SESSION_COOKIE);
  const session = ctx.store.sessions.get(lr.sid);
  const frontChannel: string[] = [];
  if (session && session.subject === lr.subject) {
    for (const clientId of session.clients) {
      const uri = ctx.store.clients.get(clientId)?.frontchannel_logout_uri;
      if (uri && (!ctx.has('logout.frontchannel-initiator-only') || clientId === lr.clientId))
        frontChannel.push(
          withQuery(ctx.has('logout.frontchannel-query-dropped') ? uri.replace(/\?.*$/, '') : uri, {
            iss: ctx.urls.issuer,
            ...(ctx.has('logout.frontchannel-without-sid') ? {} : { sid: session.id }),
          }),
        );
    }
    backChannelLogout(ctx, session);
    if (!survives) ctx.store.sessions.delete(session.id);
  }
  if (frontChannel.length === 0) return redirect(req, res, lr.postLogoutRedirectUri);
  sendHtml(res, 200, frontChannelPage(frontChannel, lr.postLogoutRedirectUri));
}
