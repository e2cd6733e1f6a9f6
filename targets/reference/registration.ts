/**
 * OpenID Connect Dynamic Client Registration as Hydra v2.3 serves it: POST /oauth2/register and
 * GET|PUT|DELETE /oauth2/register/{id}, authenticated only by the registration access token (RAT).
 * Client creation itself is shared with the admin API (Hydra's CreateClient).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { isoSeconds, join, type Ctx } from './context.ts';
import { decodeClient, renderClient, type Client, type ClientDraft } from './clients.ts';
import { invalidMetadata, validateClient, validateDynamicClient } from './client-validation.ts';
import { HttpError, herodotError } from './errors.ts';
import { GoJsonError, goParse } from './go-json.ts';
import { accessTokenFromRequest, noStore, send, sendEmpty, sendJson, type Req } from './http.ts';
import { PREFIX, mintOpaque, opaqueKey, safeEqual } from './opaque.ts';
import type { Handler } from './router.ts';
import { mtlsMembers, mtlsRegistration, rememberMtls } from './mtls.ts';
import { authTimeMembers, authTimeRegistration, rememberAuthTime } from './auth-time-metadata.ts';
import { crashOnUnparsableBody } from './discovery.defects.ts';
import {
  constantSecret,
  createdBody,
  defectiveAuthError,
  defectiveMatch,
  mergeOmitted,
  readBody,
  rememberDeleted,
  rememberRotated,
  renamedClientId,
  softwareClientId,
  updatedBody,
  type ManageMethod,
} from './registration.defects.ts';

/** x.GenerateSecret's alphabet: 26 characters from [A-Za-z0-9_.~-]. */
const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~';

function generateSecret(length = 26): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return out;
}

export function decodeOrReject(body: string, reason: (goError: string) => string, disallowUnknown = false): ClientDraft {
  try {
    return decodeClient(body, disallowUnknown);
  } catch (e) {
    if (e instanceof GoJsonError) throw herodotError('badRequest', reason(e.message));
    throw e;
  }
}

/** BeforeSave: nil jwks and metadata are stored as {}. The draft-only fields are dropped. */
export function toStored(draft: ClientDraft, ratHash: string): Client {
  const { present: _present, registrationClientUri: _uri, ...client } = draft;
  return { ...client, jwks: client.jwks ?? {}, metadata: client.metadata ?? {}, ratHash };
}

function registrationClientUri(ctx: Ctx, id: string): string {
  return join(ctx.urls.public, `/oauth2/register/${encodeURIComponent(id)}`);
}

/**
 * Deviation #12 (RFC 7591 §3.1, §3.2.2): the client metadata of a registration is a JSON object; any other JSON value
 * (null, an array, a string, a number, a boolean) is invalid_client_metadata. Hydra registers a client with defaults for
 * null and answers herodot's 400 for the others. A body that is not JSON at all is left to the decoder.
 */
function refuseNonObject(ctx: Ctx, body: string): void {
  let parsed: unknown;
  try {
    parsed = goParse(body);
  } catch (e) {
    if (e instanceof GoJsonError) return;
    throw e;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return;
  // Defect: null is decoded like an empty object, as Go's json.Decode does.
  if (parsed === null && ctx.has('registration.null-body-accepted')) return;
  throw invalidMetadata(
    `The client metadata must be a JSON object, not ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`}.`,
  );
}

/** Hydra's CreateClient, shared by POST /oauth2/register (dynamic) and POST /admin/clients. */
export async function createClient(ctx: Ctx, req: Req, dynamic: boolean): Promise<{ client: Client; rat: string }> {
  const body = await req.body();
  if (dynamic) refuseNonObject(ctx, body);
  // Defect: self-service registration decodes with DisallowUnknownFields.
  const draft = decodeOrReject(
    body,
    (e) => `Unable to decode the request body: ${e}`,
    dynamic && ctx.has('registration.unknown-members-refused'),
  );
  if (dynamic) {
    if (draft.client_secret !== '' && !ctx.has('registration.secret-chosen-accepted'))
      throw herodotError('badRequest', 'It is not allowed to choose your own OAuth2 Client secret.');
    // a client-sent client_id is silently replaced
    if (!(ctx.has('registration.client-id-honoured') && draft.client_id !== '')) draft.client_id = randomUUID();
  }
  if (draft.client_secret === '') draft.client_secret = constantSecret(ctx) ?? generateSecret(ctx.has('registration.weak-secret') ? 8 : 26);
  try {
    await (dynamic ? validateDynamicClient(draft, ctx.has) : validateClient(draft, ctx.has));
  } catch (e) {
    // Defect: the client was inserted before validation, and the refusal does not roll the insert back.
    if (dynamic && ctx.has('registration.refused-leaves-client') && !ctx.store.clients.has(draft.client_id)) {
      ctx.store.clients.set(draft.client_id, toStored({ ...draft, created_at: isoSeconds(), updated_at: isoSeconds() }, ''));
    }
    throw e;
  }
  if (draft.client_id === '') draft.client_id = randomUUID();
  const software = dynamic ? softwareClientId(ctx, body) : undefined;
  if (software) {
    draft.client_id = software;
    ctx.store.deleteClient(software);
  }
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
  const raw = await accessTokenFromRequest(req);
  const m = req.method.toLowerCase() as ManageMethod;
  // Defect: a lenient parser that drops the characters a bearer token cannot have.
  const token = ctx.has(`registration.auth-malformed-accepted-${m}`) ? raw.replace(/[^A-Za-z0-9\-._~+/=]/g, '') : raw;
  const id = req.params['id'] ?? '';
  const client = ctx.store.clients.get(id);
  if (client && client.ratHash !== '' && token !== '' && safeEqual(client.ratHash, opaqueKey(token, PREFIX.access))) {
    return client;
  }
  if (ctx.has(`registration.auth-missing-${m}`) && token === '' && client) return client;
  const key = token !== '' && /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? opaqueKey(token, PREFIX.access) : undefined;
  const defective = key !== undefined ? defectiveMatch(ctx, m, id, key) : undefined;
  if (defective) return defective;
  if (ctx.has(`registration.auth-unknown-404-${m}`) && !client)
    throw herodotError('notFound', 'The requested OAuth 2.0 client does not exist.');
  const description = 'The requested OAuth 2.0 client does not exist or you provided incorrect credentials.';
  const error = defectiveAuthError(ctx, m, client !== undefined, key);
  if (error) throw new HttpError(401, error, `${description} (${error})`, { 'WWW-Authenticate': `Bearer error="${error}"` });
  if (ctx.has(`registration.auth-no-challenge-${m}`)) throw new HttpError(401, 'invalid_token', description);
  const bare = token === '' || ctx.has(`registration.auth-challenge-without-params-${m}`);
  throw new HttpError(401, 'invalid_token', description, { 'WWW-Authenticate': bare ? 'Bearer' : 'Bearer error="invalid_token"' });
}

/** 201 with the created view (secret, RAT, registration_client_uri) and a Location header. */
export function sendCreated(ctx: Ctx, res: ServerResponse, client: Client, rat: string, location: string, dynamic = false): void {
  res.setHeader('Location', location);
  const body = {
    ...renderClient(client, 'created', { rat, uri: registrationClientUri(ctx, client.client_id) }),
    ...mtlsMembers(ctx, client.client_id),
    ...authTimeMembers(ctx, client.client_id),
  };
  if (!dynamic) return sendJson(res, 201, body);
  if (ctx.has('registration.create-no-cache-headers')) ['Cache-Control', 'Pragma'].forEach((h) => res.removeHeader(h));
  sendJson(res, ctx.has('registration.create-200') ? 200 : 201, createdBody(ctx, body));
}

/** POST /oauth2/register. Location is Hydra's `/admin/clients/<id>` (a path on the admin API, as the real binaries send it). */
export const registerClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  await crashOnUnparsableBody(ctx, req);
  let created: Awaited<ReturnType<typeof createClient>>;
  const mtls = mtlsRegistration(ctx, await req.body()); // only when the reference offers mutual TLS (mtls.ts)
  const authTime = authTimeRegistration(ctx, await req.body()); // only when it offers default_max_age, require_auth_time
  try {
    created = await createClient(ctx, req, true);
  } catch (e) {
    if (!(e instanceof HttpError && e.description.startsWith('Unable to decode'))) throw e;
    // Defect: a body that cannot be decoded is refused without a JSON error object.
    if (ctx.has('registration.decode-error-text')) return send(res, 400, 'bad request\n', { 'Content-Type': 'text/plain' });
    // Defect: the decoder's message quotes the member it could not decode.
    if (ctx.has('registration.decode-error-quoted'))
      throw new HttpError(e.status, e.error, `${e.description} (member "redirect_uris")`, e.headers);
    // Defect: a body that does not parse is reported as not found.
    if (ctx.has('registration.decode-error-404')) throw herodotError('notFound', e.description);
    throw e;
  }
  const { client, rat } = created;
  rememberMtls(ctx, client.client_id, mtls);
  rememberAuthTime(ctx, client.client_id, authTime);
  if (ctx.has('registration.500-on-cors-origins') && client.allowed_cors_origins.length > 0) {
    ctx.store.deleteClient(client.client_id);
    throw new Error('origin index out of range');
  }
  sendCreated(ctx, res, client, rat, `/admin/clients/${encodeURIComponent(client.client_id)}`, true);
});

/** GET /oauth2/register/{id}: no secret, metadata, RAT or registration_client_uri. */
export const readRegisteredClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const client = await authenticate(ctx, req);
  // Defect: the authenticated client is looked up again under the wrong key.
  if (ctx.has('registration.read-lookup-404')) throw herodotError('notFound', 'The requested OAuth 2.0 client could not be found.');
  sendJson(res, ctx.has('registration.read-status-203') ? 203 : 200, readBody(ctx, renderClient(client, 'registration'), client));
});

/**
 * PUT /oauth2/register/{id}: a full replacement that keeps the secret and rotates the RAT. A chosen secret is 403;
 * a failed validation changes nothing (the old RAT stays valid).
 */
export const updateRegisteredClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const current = await authenticate(ctx, req);
  const draft = decodeOrReject(await req.body(), () => 'Unable to decode the request body. Is it valid JSON?');
  const chosen = draft.client_secret;
  const acceptChosen = ctx.has('registration.update-overwrites-secret') || ctx.has('registration.update-ignores-chosen-secret');
  if (chosen !== '' && !acceptChosen) throw herodotError('forbidden', 'It is not allowed to choose your own OAuth2 Client secret.');
  draft.client_id = renamedClientId(ctx, draft, current);
  if (ctx.has('registration.update-ignores-contacts')) draft.contacts = current.contacts;
  mergeOmitted(ctx, draft, current);
  // Defect: the token is rotated before validation, so a refused replace still costs the client its token.
  if (ctx.has('registration.update-partial-on-error')) current.ratHash = mintOpaque(PREFIX.access).key;
  if (ctx.has('registration.update-fragment-accepted')) {
    // Defect: the redirect URIs are validated with their fragments cut off, and stored as sent.
    const sent = draft.redirect_uris;
    draft.redirect_uris = sent.map((u) => u.split('#')[0] ?? u);
    await validateDynamicClient(draft, ctx.has);
    draft.redirect_uris = sent;
  } else {
    await validateDynamicClient(draft, ctx.has);
  }
  // Defect: the update is keyed by the wrong column and matches no row.
  if (ctx.has('registration.update-no-row-404')) throw herodotError('notFound', 'Unable to locate the resource');
  draft.updated_at = isoSeconds();
  if (draft.created_at === '') draft.created_at = draft.updated_at;
  // Defect: the token is not rotated; the presented one is returned again.
  const { token, key } = ctx.has('registration.update-same-rat')
    ? { token: await accessTokenFromRequest(req), key: current.ratHash }
    : mintOpaque(PREFIX.access);
  const secret = ctx.has('registration.update-overwrites-secret') && chosen !== '' ? chosen : current.client_secret;
  rememberRotated(ctx, current);
  const updated = toStored({ ...draft, client_secret: secret }, key);
  if (updated.client_id !== current.client_id) ctx.store.deleteClient(current.client_id);
  ctx.store.clients.set(updated.client_id, updated);
  const body = updatedBody(ctx, renderClient(updated, 'registration-updated', { rat: token, uri: draft.registrationClientUri }), updated);
  sendJson(res, ctx.has('registration.update-status-201') ? 201 : 200, body);
});

/** DELETE /oauth2/register/{id}: 204 with an empty body. */
export const deleteRegisteredClient = uncacheable(async (ctx, req, res) => {
  requireRegistration(ctx);
  const client = await authenticate(ctx, req);
  // Defect: the delete is keyed by the wrong column and matches no row.
  if (ctx.has('registration.delete-no-row-404')) throw herodotError('notFound', 'Unable to locate the resource');
  rememberDeleted(ctx, client);
  // Defect: the client is only unhooked from registration management; its credentials keep working.
  if (ctx.has('registration.delete-keeps-credentials')) client.ratHash = '';
  else ctx.store.deleteClient(client.client_id);
  if (ctx.has('registration.delete-200-body')) return sendJson(res, 200, { deleted: client.client_id });
  sendEmpty(res, 204);
});
