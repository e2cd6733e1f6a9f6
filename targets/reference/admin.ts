/** The admin API besides login/consent/logout requests: clients, introspection, login sessions, health, version. */
import type { ServerResponse } from 'node:http';
import type { Ctx } from './context.ts';
import { backChannelLogout } from './backchannel.ts';
import { renderClient } from './clients.ts';
import { oauthError, resourceNotFound } from './errors.ts';
import { JSON_FOSITE, sendEmpty, sendError, sendJson, splitSpaces, type Req } from './http.ts';
import { createClient, sendCreated } from './registration.ts';

/** POST /admin/clients: the admin may choose client_id and secret, and set metadata or skip_consent. */
export async function createAdminClient(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const { client, rat } = await createClient(ctx, req, false);
  sendCreated(ctx, res, client, rat, `/admin/clients/${encodeURIComponent(client.client_id)}`);
}

/** GET /admin/clients: a JSON array without secrets, filterable by client_name and owner. */
export function listClients(ctx: Ctx, req: Req, res: ServerResponse): void {
  const name = req.query.get('client_name');
  const owner = req.query.get('owner');
  const clients = [...ctx.store.clients.values()]
    .filter((c) => (!name || c.client_name === name) && (!owner || c.owner === owner))
    .sort((a, b) => (a.client_id < b.client_id ? -1 : a.client_id > b.client_id ? 1 : 0));
  sendJson(res, 200, clients.map((c) => renderClient(c, 'admin')));
}

function existingClient(ctx: Ctx, req: Req) {
  const client = ctx.store.clients.get(req.params['id'] ?? '');
  if (!client) throw resourceNotFound();
  return client;
}

export function getClient(ctx: Ctx, req: Req, res: ServerResponse): void {
  sendJson(res, 200, renderClient(existingClient(ctx, req), 'admin'));
}

export function deleteClient(ctx: Ctx, req: Req, res: ServerResponse): void {
  ctx.store.deleteClient(existingClient(ctx, req).client_id);
  sendEmpty(res, 204);
}

/** POST /admin/oauth2/introspect (fosite's writer): {active:false} for anything not active. */
export async function introspect(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const form = await req.postForm();
  if ([...form.keys()].length === 0) {
    sendError(res, oauthError('invalid_request', 'The POST body can not be empty.'), JSON_FOSITE);
    return;
  }
  const record = ctx.store.findToken(form.get('token') ?? '');
  const required = splitSpaces(form.get('scope'));
  if (!record || !record.active || record.expiresAt <= Date.now() || !required.every((s) => record.session.scopes.includes(s))) {
    sendJson(res, 200, { active: false }, JSON_FOSITE);
    return;
  }
  const { session } = record;
  sendJson(res, 200, {
    active: true,
    scope: session.scopes.join(' '),
    client_id: record.clientId,
    sub: session.subject,
    exp: Math.floor(record.expiresAt / 1000),
    iat: record.issuedAt,
    nbf: record.issuedAt,
    aud: session.audience,
    iss: ctx.urls.issuer,
    token_type: 'Bearer',
    token_use: record.kind === 'access' ? 'access_token' : 'refresh_token',
    ...(Object.keys(session.accessExt).length > 0 ? { ext: session.accessExt } : {}),
  }, JSON_FOSITE);
}

/**
 * DELETE /admin/oauth2/auth/sessions/login: by sid, the remembered session is ended with back-channel logout
 * (headless logout); by subject, all of its sessions are removed without any channel.
 */
export function revokeLoginSessions(ctx: Ctx, req: Req, res: ServerResponse): void {
  const sid = req.query.get('sid') ?? '';
  const subject = req.query.get('subject') ?? '';
  if (sid === '' && subject === '') throw oauthError('invalid_request', "Either 'subject' or 'sid' query parameters need to be defined.");
  if (sid !== '') {
    const session = ctx.store.rememberedSession(sid);
    if (session) {
      backChannelLogout(ctx, session);
      ctx.store.sessions.delete(sid);
    }
  } else {
    for (const [id, session] of ctx.store.sessions) if (session.subject === subject) ctx.store.sessions.delete(id);
  }
  sendEmpty(res, 204);
}

export function health(_ctx: Ctx, _req: Req, res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

export function version(ctx: Ctx, _req: Req, res: ServerResponse): void {
  sendJson(res, 200, { version: ctx.version });
}
