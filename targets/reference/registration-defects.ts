/**
 * The registration defects that change a whole response body or need memory across requests (tombstones of deleted
 * clients, rotated-out tokens). Each is switched on by its id in defects.ts; registration.ts calls these at the
 * point of the behaviour they break.
 */
import type { Ctx } from './context.ts';
import type { Client } from './clients.ts';

type Body = Record<string, unknown>;

/** POST /oauth2/register: the created view as sent to the client. */
export function createdBody(ctx: Ctx, body: Body): Body {
  if (ctx.has('registration.create-expires-at-missing')) delete body['client_secret_expires_at'];
  if (ctx.has('registration.create-null-audience')) body['audience'] = null;
  if (ctx.has('registration.no-secret-for-post') && body['token_endpoint_auth_method'] === 'client_secret_post') delete body['client_secret'];
  if (ctx.has('registration.secret-for-none') && body['token_endpoint_auth_method'] === 'none') body['client_secret'] = 'issued-to-a-public-client-0123456789';
  if (ctx.has('registration.no-rat')) delete body['registration_access_token'];
  if (ctx.has('registration.no-client-uri')) delete body['registration_client_uri'];
  if (ctx.has('registration.client-uri-trailing-slash')) body['registration_client_uri'] = `${String(body['registration_client_uri'])}/`;
  return body;
}

/** GET /oauth2/register/{id}. */
export function readBody(ctx: Ctx, body: Body, client: Client): Body {
  if (ctx.has('registration.read-drops-audience')) body['audience'] = [];
  if (ctx.has('registration.read-schema-string-bool')) body['skip_consent'] = String(body['skip_consent']);
  if (ctx.has('registration.read-stale-post-logout')) body['post_logout_redirect_uris'] = [];
  if (ctx.has('registration.read-returns-secret')) body['client_secret'] = client.client_secret;
  if (ctx.has('registration.read-returns-rat')) body['registration_access_token'] = client.ratHash;
  return body;
}

/** PUT /oauth2/register/{id}. */
export function updatedBody(ctx: Ctx, body: Body, client: Client): Body {
  if (ctx.has('registration.update-schema-number-date')) body['created_at'] = 0;
  if (ctx.has('registration.update-returns-secret')) body['client_secret'] = client.client_secret;
  return body;
}

/** Deleted clients and rotated-out token hashes, per reference instance. */
const memory = new WeakMap<object, { tombstones: Map<string, Client>; rotated: Map<string, Set<string>> }>();
function of(ctx: Ctx) {
  let m = memory.get(ctx.store);
  if (!m) memory.set(ctx.store, (m = { tombstones: new Map(), rotated: new Map() }));
  return m;
}

export function rememberDeleted(ctx: Ctx, client: Client): void {
  if (ctx.has('registration.auth-deleted-tombstone')) of(ctx).tombstones.set(client.client_id, client);
}

export function rememberRotated(ctx: Ctx, client: Client): void {
  if (!ctx.has('registration.auth-rotated-still-valid')) return;
  const set = of(ctx).rotated.get(client.client_id) ?? new Set<string>();
  of(ctx).rotated.set(client.client_id, set.add(client.ratHash));
}

/** A client the RAT may still reach through a defect: a deleted one (tombstone), or through a rotated-out token. */
export function defectiveMatch(ctx: Ctx, id: string, key: string): Client | undefined {
  const m = of(ctx);
  const tomb = m.tombstones.get(id);
  if (tomb && tomb.ratHash === key) return tomb;
  const live = ctx.store.clients.get(id);
  if (live && m.rotated.get(id)?.has(key)) return live;
  if (live && ctx.has('registration.auth-any-client-rat') && [...ctx.store.clients.values()].some((c) => c.ratHash === key)) return live;
  // Fail-open lookup: a token no client holds is let through.
  if (live && ctx.has('registration.auth-wrong-accepted') && key !== '' && ![...ctx.store.clients.values()].some((c) => c.ratHash === key)) return live;
  return undefined;
}
