/** The admin API besides login/consent/logout requests: clients, introspection, login sessions, health, version. */
import type { ServerResponse } from 'node:http';
import type { Ctx } from './context.ts';
import { backChannelLogout } from './backchannel.ts';
import { draftOf, renderClient, type Client, type ClientDraft } from './clients.ts';
import { validateClient } from './client-validation.ts';
import { isoSeconds } from './context.ts';
import { oauthError, resourceNotFound, unrecognizable } from './errors.ts';
import { GoJsonError } from './go-json.ts';
import { JSON_FOSITE, sendEmpty, sendError, sendJson, splitSpaces, type Req } from './http.ts';
import { JsonPatchError, applyJsonPatch } from './json-patch.ts';
import { createClient, decodeOrReject, sendCreated, toStored } from './registration.ts';

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
  sendJson(
    res,
    200,
    clients.map((c) => renderClient(c, 'admin')),
  );
}

function existingClient(ctx: Ctx, req: Req) {
  const client = ctx.store.clients.get(req.params['id'] ?? '');
  if (!client) throw resourceNotFound();
  return client;
}

export function getClient(ctx: Ctx, req: Req, res: ServerResponse): void {
  sendJson(res, 200, renderClient(existingClient(ctx, req), 'admin'));
}

/**
 * An admin update of a client, as Hydra's updateClient does it (client/handler.go#L266-L282): validated as an admin
 * client, 404 when the id names no client, the stored secret kept unless a new one is given (and echoed once).
 * Deviation #13 (Ory's contract; ory/hydra#4093): the client keeps its registration access token. Hydra keeps it on
 * PATCH (which starts from the stored client) but not on PUT, which stores a client decoded from the body, whose
 * RegistrationAccessTokenSignature (json:"-") is empty.
 */
async function updateClient(ctx: Ctx, res: ServerResponse, draft: ClientDraft, current: Client | undefined, put: boolean): Promise<void> {
  const chosen = draft.client_secret;
  await validateClient(draft, ctx.has);
  if (!current) throw resourceNotFound();
  draft.updated_at = isoSeconds();
  if (draft.created_at === '') draft.created_at = current.created_at;
  // Defect: the PUT stores the decoded client as it is, without the token.
  const ratHash = put && ctx.has('registration.admin-put-drops-rat') ? '' : current.ratHash;
  const updated = toStored({ ...draft, client_secret: chosen !== '' ? chosen : current.client_secret }, ratHash);
  ctx.store.clients.set(updated.client_id, updated);
  sendJson(res, 200, renderClient({ ...updated, client_secret: chosen }, 'created', { uri: draft.registrationClientUri }));
}

/** PUT /admin/clients/{id} (setOAuth2Client): a full replacement from the body; the id is the path's. */
export async function setClient(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const draft = decodeOrReject(await req.body(), (e) => `Unable to decode the request body: ${e}`);
  draft.client_id = req.params['id'] ?? '';
  await updateClient(ctx, res, draft, ctx.store.clients.get(draft.client_id), true);
}

/**
 * PATCH /admin/clients/{id} (patchOAuth2Client, client/handler.go#L421-L456): an RFC 6902 patch of the client as the
 * admin API shows it (without its secret), with jsonx.ApplyJSONPatch's rules (json-patch.ts). /id is denied, as in
 * Hydra, and so is /client_id (Hydra would look the new id up and answer 404). A patch that cannot be applied, or whose
 * result does not decode as a client, is a plain error in Hydra: 500 "The error is unrecognizable". Unlike Hydra, whose
 * json.Unmarshal into the stored client keeps every member the patched document lacks, a removed member is removed
 * (RFC 6902 §4.2).
 */
export async function patchClient(ctx: Ctx, req: Req, res: ServerResponse): Promise<void> {
  const patch = await req.body();
  const current = existingClient(ctx, req);
  let draft: ClientDraft;
  try {
    draft = draftOf(applyJsonPatch(renderClient(current, 'admin'), patch, ['/id', '/client_id']));
  } catch (e) {
    if (e instanceof JsonPatchError || e instanceof GoJsonError) throw unrecognizable();
    throw e;
  }
  draft.client_id = current.client_id;
  await updateClient(ctx, res, draft, current, false);
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
  sendJson(
    res,
    200,
    {
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
    },
    JSON_FOSITE,
  );
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
