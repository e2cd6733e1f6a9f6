/**
 * fosite's AuthenticateClient for the token and revocation endpoints: each client must use exactly its registered
 * token_endpoint_auth_method. Deviation #7 (RFC 6749 §5.2): a failure after HTTP Basic carries WWW-Authenticate.
 */
import type { Ctx } from './context.ts';
import { isPublic, type Client } from './clients.ts';
import { oauthError, type HttpError } from './errors.ts';
import type { Req } from './http.ts';
import { safeEqual } from './opaque.ts';

export type ClientAuth = { client: Client; error?: undefined } | { client?: undefined; error: HttpError };

/** Go's r.BasicAuth(). */
function basicCredentials(header: string | undefined): { user: string; pass: string } | undefined {
  if (!header || header.slice(0, 6).toLowerCase() !== 'basic ') return undefined;
  const encoded = header.slice(6);
  if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** url.QueryUnescape; undefined where Go returns an error. */
function queryUnescape(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function methodMismatch(method: string, requested: string): HttpError {
  return oauthError(
    'invalid_client',
    `The OAuth 2.0 Client supports client authentication method '${method}', but method '${requested}' was requested. You must configure the OAuth 2.0 client's 'token_endpoint_auth_method' value to accept '${requested}'.`,
  );
}

export function authenticateClient(ctx: Ctx, req: Req, form: URLSearchParams): ClientAuth {
  const basic = basicCredentials(req.header('authorization'));
  const fail = (error: HttpError): ClientAuth => ({
    error:
      basic && error.status === 401 && !ctx.has('token.no-basic-challenge') ? error.withHeaders({ 'WWW-Authenticate': 'Basic' }) : error,
  });

  let id: string;
  let secret: string;
  if (basic) {
    const user = queryUnescape(basic.user);
    const pass = queryUnescape(basic.pass);
    if (user === undefined)
      return fail(
        oauthError(
          'invalid_request',
          "The client id in the HTTP authorization header could not be decoded from 'application/x-www-form-urlencoded'.",
        ),
      );
    if (pass === undefined)
      return fail(
        oauthError(
          'invalid_request',
          "The client secret in the HTTP authorization header could not be decoded from 'application/x-www-form-urlencoded'.",
        ),
      );
    [id, secret] = [user, pass];
  } else {
    id = form.get('client_id') ?? '';
    secret = form.get('client_secret') ?? '';
    if (id === '')
      return fail(
        oauthError('invalid_request', 'Client credentials missing or malformed in both HTTP Authorization header and HTTP POST body.'),
      );
  }

  if (form.get('client_assertion_type') || form.get('client_assertion')) {
    return fail(oauthError('invalid_client', 'The reference target does not implement private_key_jwt client authentication.'));
  }
  const client = ctx.store.clients.get(id);
  if (!client) return fail(oauthError('invalid_client'));

  const method = client.token_endpoint_auth_method || 'client_secret_basic';
  const lenient = (m: string) =>
    (m === 'client_secret_basic' && ctx.has('token.basic-client-accepts-post')) ||
    (m === 'client_secret_post' && ctx.has('token.post-client-accepts-basic')) ||
    (m === 'none' && ctx.has('token.none-accepts-secret'));
  if (
    (form.get('client_id') ?? '') !== '' &&
    (form.get('client_secret') ?? '') !== '' &&
    method !== 'client_secret_post' &&
    !lenient(method)
  ) {
    return fail(methodMismatch(method, 'client_secret_post'));
  }
  if (basic && basic.pass !== '' && method !== 'client_secret_basic' && !lenient(method))
    return fail(methodMismatch(method, 'client_secret_basic'));
  if (isPublic(client)) return { client };
  // Defects: the registered method itself is refused, or only a prefix of the secret is compared.
  if (
    (basic && method === 'client_secret_basic' && ctx.has('token.basic-refused')) ||
    (!basic && method === 'client_secret_post' && ctx.has('token.post-refused'))
  )
    return fail(oauthError('invalid_client'));
  if (ctx.has('token.wrong-secret-accepted') && secret.startsWith(client.client_secret)) return { client };
  if (!safeEqual(secret, client.client_secret)) return fail(oauthError('invalid_client'));
  return { client };
}
