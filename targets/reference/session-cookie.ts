/** The login-session cookie (ory_hydra_session_dev) and the remembered session it points at. */
import type { ServerResponse } from 'node:http';
import type { Ctx } from './context.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { splitSpaces, type Req } from './http.ts';
import type { LoginSession } from './state.ts';

/** The remembered login session of this browser, if any (Hydra's authenticationSession). */
export function cookieSession(ctx: Ctx, req: Req): LoginSession | undefined {
  // Defect logout.prompt-none-forgets-session: a prompt=none request is looked at as one from a browser without a session.
  if (ctx.has('logout.prompt-none-forgets-session') && splitSpaces(req.query.get('prompt')).includes('none')) return undefined;
  return ctx.store.rememberedSession(ctx.cookies.read(req, SESSION_COOKIE));
}

export function rememberSession(ctx: Ctx, res: ServerResponse, sid: string, rememberFor: number): void {
  ctx.cookies.set(res, SESSION_COOKIE, sid, rememberFor);
}

/** Clears the cookie; with `deleteSession` also deletes the session it pointed at (revokeAuthenticationSession). */
export function forgetSessionCookie(ctx: Ctx, req: Req, res: ServerResponse, deleteSession: boolean): void {
  const sid = ctx.cookies.read(req, SESSION_COOKIE);
  ctx.cookies.clear(res, SESSION_COOKIE);
  if (deleteSession && sid) ctx.store.sessions.delete(sid);
}
