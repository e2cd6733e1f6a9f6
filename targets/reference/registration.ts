/**
 * OpenID Connect Dynamic Client Registration as Hydra v2.3 serves it: POST /oauth2/register and
 * GET|PUT|DELETE /oauth2/register/{id}, authenticated only by the registration access token (RAT).
 * Client creation itself is shared with the admin API (Hydra's CreateClient).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { isoSeconds, join, type Ctx } from './context.ts';
import { decodeClient, renderClient, type Client, type ClientDraft } from './clients.ts';
import { validateClient, validateDynamicClient } from './client-validation.ts';
import { HttpError, herodotError } from './errors.ts';
import { GoJsonError } from './go-json.ts';
import { accessTokenFromRequest, noStore, sendEmpty, sendJson, type Req } from './http.ts';
import { PREFIX, mintOpaque, opaqueKey, safeEqual } from './opaque.ts';
import type { Handler } from './router.ts';

/** x.GenerateSecret's alphabet: 26 characters from [A-Za-z0-9_.~-]. */
const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~';

function generateSecret(length = 26): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return out;
}

function decodeOrReject(body: string, reason: (goError: string) => string): ClientDraft {
  try {
    return decodeClient(body);
  } catch (e) {
    if (e instanceof GoJsonError) throw herodotError('badRequest', reason(e.message));
    throw e;
  }
}

/** BeforeSave: nil jwks and metadata are stored as {}. The draft-only fields are dropped. */
function toStored(draft: ClientDraft, ratHash: string): Client {
  const { present: _present, registrationClientUri: _uri, ...client } = draft;
  return { ...client, jwks: client.jwks ?? {}, metadata: client.metadata ?? {}, ratHash };
}

function registrationClientUri(ctx: Ctx, id: string): string {
  return join(ctx.urls.public, `/oauth2/register/${encodeURIComponent(id)}`);
}

/** Hydra's CreateClient, shared by POST /oauth2/register (dynamic) and POST /admin/clients. */
export async function createClient(ctx: Ctx, req: Req, dynamic: boolean): Promise<{ client: Client; rat: string }> {
  const draft = decodeOrReject(await req.body(), (e) => `Unable to decode the request body: ${e}`);
  if (dynamic) {
    if (draft.client_secret !== '') throw herodotError('badRequest', 'It is not allowed to choose your own OAuth2 Client secret.');
    draft.client_id = randomUUID(); // a client-sent client_id is silently replaced
  }
  if (draft.client_secret === '') draft.client_secret = generateSecret();
  await (dynamic ? validateDynamicClient(draft) : validateClient(draft));
  if (draft.client_id === '') draft.client_id = randomUUID();
  if (ctx.store.clients.has(draft.client_id)) {
    throw new HttpError(409, 'Unable to insert or update resource because a resource with that value exists already', '');
  }
  draft.created_at = isoSeconds();
  draft.updated_at = draft.created_at;
  const { token, key } = mintOpaque(PREFIX.access);
  const client = toStored(draft, key);
  ctx.store.clients.set(client.client_id, client);
  return { client, rat: token };
}

/** Deviation #1 (RFC 7591 §3.2.1, RFC 7592 §3): every registration response is marked uncacheable. */
function uncacheable(handler: Handler): Handler {
  return (ctx, req, res) => {
    noStore(res);
    return handler(ctx, req, res);
  };
}

/** oidc.dynamic_client_registration.enabled: checked before anything else, even a valid RAT. */
function requireRegistration(ctx: Ctx): void {
  if (!ctx.registration || ctx.has('discovery.registration-advertised-but-off')) {
    throw herodotError('notFound', 'Dynamic registration is not enabled.');
  }
}

/**
 * Only the client's RAT authenticates (Bearer header or access_token parameter, `ory_at_` optional). Unknown ids,
 * wrong, rotated or other clients' tokens all get the same 401. Deviation #2 (RFC 6750 §3, §3.1): invalid_token
 * with WWW-Authenticate, and no error attribute when no credential was sent.
 */
async function authenticate(ctx: Ctx, req: Req): Promise<Client> {
  const token = await accessTokenFromRequest(req);
  const client = ctx.store.clients.get(req.params['id'] ?? '');
  if (client && client.ratHash !== '' && token !== '' && safeEqual(client.ratHash, opaqueKey(token, PREFIX.access))) {
    return client;
  }
  throw new HttpError(401, 'invalid_token', 'The requested OAuth 2.0 client does not exist or you provided incorrect credentials.', {
    'WWW-Authenticate': token === '' ? 'Bearer' : 'Bearer error="invalid_token"',
  });
}

/** 201 with the created view (secret, RAT, registration_client_uri) and a Location header. */
export function sendCreated(ctx: Ctx, res: ServerResponse, client: Client, rat: string, location: string): void {
  res.setHeader('Location', location);
  sendJson(res, 201, renderClient(client, 'created', { rat, uri: registrationClientUri(ctx, client.client_id) }));
}

/** POST /oauth2/register. Location is Hydra's `/admin/clients/<id>` (a path on the admin API, as the real binaries send it). */
export const registerClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const { client, rat } = await createClient(ctx, req, true);
  sendCreated(ctx, res, client, rat, `/admin/clients/${encodeURIComponent(client.client_id)}`);
});

/** GET /oauth2/register/{id}: no secret, metadata, RAT or registration_client_uri. */
export const readRegisteredClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const client = await authenticate(ctx, req);
  sendJson(res, 200, renderClient(client, 'registration'));
});

/**
 * PUT /oauth2/register/{id}: a full replacement that keeps the secret and rotates the RAT. A chosen secret is 403;
 * a failed validation changes nothing (the old RAT stays valid).
 */
export const updateRegisteredClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const current = await authenticate(ctx, req);
  const draft = decodeOrReject(await req.body(), () => 'Unable to decode the request body. Is it valid JSON?');
  if (draft.client_secret !== '') throw herodotError('forbidden', 'It is not allowed to choose your own OAuth2 Client secret.');
  draft.client_id = current.client_id;
  await validateDynamicClient(draft);
  draft.updated_at = isoSeconds();
  if (draft.created_at === '') draft.created_at = draft.updated_at;
  const { token, key } = mintOpaque(PREFIX.access);
  const updated = toStored({ ...draft, client_secret: current.client_secret }, key);
  ctx.store.clients.set(updated.client_id, updated);
  sendJson(res, 200, renderClient(updated, 'registration-updated', { rat: token, uri: draft.registrationClientUri }));
});

/** DELETE /oauth2/register/{id}: 204 with an empty body. */
export const deleteRegisteredClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const client = await authenticate(ctx, req);
  ctx.store.deleteClient(client.client_id);
  sendEmpty(res, 204);
});
