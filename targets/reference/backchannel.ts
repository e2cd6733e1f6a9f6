/**
 * OpenID Connect Back-Channel Logout: one asynchronous POST per affected client, never awaited by the logout
 * response. Deviation #4 (Back-Channel Logout 1.0 §2.4): the logout token is typed `logout+jwt` and carries `exp`.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { nowSeconds, type Ctx } from './context.ts';
import { createSigningKey } from './keys.ts';
import { logoutTokenSigner } from './tokens.defects.ts';
import type { LoginSession } from './state.ts';

const TIMEOUT_MS = 10_000;
const LOGOUT_TOKEN_TTL_S = 120;

export function backChannelLogout(ctx: Ctx, session: LoginSession): void {
  if (ctx.has('logout.no-backchannel')) return;
  const first = [...session.clients][0]!;
  for (const clientId of session.clients) {
    const uri = ctx.store.clients.get(clientId)?.backchannel_logout_uri;
    if (uri) void notify(ctx, clientId, uri, session, ctx.has('logout.token-aud-first-client') ? first : clientId);
  }
}

const HOUR_S = 3600;

async function notify(ctx: Ctx, clientId: string, uri: string, session: LoginSession, audience: string): Promise<void> {
  const sid = session.id;
  const abort = new AbortController();
  ctx.outbound.add(abort);
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  timer.unref();
  try {
    const iat = nowSeconds() + (ctx.has('logout.token-iat-future') ? HOUR_S : 0);
    const issuer = ctx.urls.issuer;
    const claims: Record<string, unknown> = {
      iss: ctx.has('logout.token-iss-slash') ? (issuer.endsWith('/') ? issuer.slice(0, -1) : `${issuer}/`) : issuer,
      aud: ctx.has('logout.token-aud-empty-member') ? [audience, ...''.split(',')] : [audience],
      iat,
      exp: ctx.has('logout.token-exp-past') ? iat - 60 : iat + LOGOUT_TOKEN_TTL_S,
      jti: ctx.has('logout.token-jti-session') ? sid : randomUUID(),
      events: {
        'http://schemas.openid.net/event/backchannel-logout': ctx.has('logout.token-event-not-empty') ? { reason: 'rp-initiated' } : {},
      },
      sid,
    };
    if (ctx.has('logout.token-without-events')) delete claims['events'];
    if (ctx.has('logout.token-with-nonce')) claims['nonce'] = randomUUID();
    if (ctx.has('logout.token-without-exp')) delete claims['exp'];
    if (ctx.has('logout.token-without-sid')) {
      delete claims['sid'];
      claims['sub'] = session.subject;
    }
    if (ctx.has('logout.token-without-sid-or-sub')) {
      delete claims['sid'];
      claims['session_id'] = sid;
    }
    const signer = ctx.has('logout.token-other-key') ? await createSigningKey() : await logoutTokenSigner(ctx);
    const token =
      ctx.has('logout.not-a-logout-token') && clientId !== [...session.clients][0]
        ? Buffer.from(JSON.stringify(claims)).toString('base64url')
        : await signer.sign(claims, ctx.has('logout.token-typ-jwt') ? 'JWT' : 'logout+jwt');
    ctx.issued?.('logout_token', token);
    const res = await request(ctx.has('logout.backchannel-query-dropped') ? uri.replace(/\?.*$/, '') : uri, {
      method: 'POST',
      headers: {
        'content-type': ctx.has('logout.token-form-text-plain') ? 'text/plain;charset=UTF-8' : 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ logout_token: token }).toString(),
      signal: abort.signal,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    await res.body.dump();
    if (res.statusCode !== 200 && res.statusCode !== 204) {
      ctx.log(`back-channel logout to ${uri} for client ${clientId}: HTTP ${res.statusCode}, expected 200 or 204`);
    }
  } catch (e) {
    ctx.log(`back-channel logout to ${uri} for client ${clientId} failed: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
    ctx.outbound.delete(abort);
  }
}
