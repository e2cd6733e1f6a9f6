/**
 * fosite's AuthenticateClient for the token and revocation endpoints: each client must use exactly its registered
 * token_endpoint_auth_method. Deviation #7 (RFC 6749 §5.2): a failure after HTTP Basic carries WWW-Authenticate.
 * Client assertions (RFC 7523, OpenID Connect Core 1.0 §9) as fosite v0.49.0's DefaultClientAuthenticationStrategy
 * checks them: private_key_jwt with the client's jwks or jwks_uri, and, only when the reference is started offering it
 * (Hydra does not: fosite answers "This authorization server does not support client authentication method
 * 'client_secret_jwt'"), client_secret_jwt with the client's secret. Deviation #17 (RFC 7523 §3.2): a replayed jti is
 * invalid_client, where fosite says jti_known.
 */
import { request } from 'undici';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { join, nowSeconds, type Ctx } from './context.ts';
import { isPublic, type Client } from './clients.ts';
import { HttpError, oauthError } from './errors.ts';
import type { Req } from './http.ts';
import { safeEqual } from './opaque.ts';
import { mtlsAuthentication, mtlsMethods } from './mtls.ts';
import { acceptsAssertionOf, actsAsPublic, assertionChecks, lenientMethod, refusesOwnMethod } from './client-auth.defects.ts';

export type ClientAuth = { client: Client; error?: undefined } | { client?: undefined; error: HttpError };

/** Features the reference can be started offering although Hydra v2.3.0 does not (ReferenceOptions.offers). */
export const OFFERS = [
  'client_secret_jwt',
  'no-query-token',
  'latest-c-nonce',
  'tls_client_auth',
  'self_signed_tls_client_auth',
  'default_max_age',
  'require_auth_time',
  'no-refresh-nonce',
  'pkce-enforced-for-public-clients',
] as const;
export type Offer = (typeof OFFERS)[number];

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The methods discovery advertises: Hydra's four, and client_secret_jwt when the reference offers it. */
export function authMethodsSupported(ctx: Ctx): string[] {
  return [
    'client_secret_post',
    'client_secret_basic',
    'private_key_jwt',
    'none',
    ...(ctx.offers('client_secret_jwt') ? ['client_secret_jwt'] : []),
    ...mtlsMethods(ctx),
  ];
}

/** The algorithms of token_endpoint_auth_signing_alg_values_supported: with client_secret_jwt offered, its HMAC ones too. */
export function withSecretJwtAlgs(ctx: Ctx, algs: string[] | undefined): string[] | undefined {
  return algs && ctx.offers('client_secret_jwt') ? [...algs, 'HS256', 'HS384', 'HS512'] : algs;
}

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

export async function authenticateClient(ctx: Ctx, req: Req, form: URLSearchParams): Promise<ClientAuth> {
  const basic = basicCredentials(req.header('authorization'));
  const fail = (error: HttpError): ClientAuth => ({
    error:
      basic && error.status === 401 && !ctx.has('token.no-basic-challenge') ? error.withHeaders({ 'WWW-Authenticate': 'Basic' }) : error,
  });

  const assertionType = form.get('client_assertion_type') ?? '';
  if (assertionType === JWT_BEARER) {
    try {
      return { client: await assertedClient(ctx, form) };
    } catch (e) {
      if (e instanceof HttpError) return fail(e);
      throw e;
    }
  }
  if (assertionType !== '') return fail(oauthError('invalid_request', `Unknown client_assertion_type '${assertionType}'.`));

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

  const client = ctx.store.clients.get(id);
  if (!client) return fail(oauthError('invalid_client'));

  const method = client.token_endpoint_auth_method || 'client_secret_basic';
  const byCertificate = mtlsAuthentication(ctx, req, client); // only when the reference offers mutual TLS (mtls.ts)
  if (byCertificate) return byCertificate.error ? fail(byCertificate.error) : { client };
  if (
    (form.get('client_id') ?? '') !== '' &&
    (form.get('client_secret') ?? '') !== '' &&
    method !== 'client_secret_post' &&
    !lenientMethod(ctx, method)
  ) {
    return fail(methodMismatch(method, 'client_secret_post'));
  }
  if (basic && basic.pass !== '' && method !== 'client_secret_basic' && !lenientMethod(ctx, method))
    return fail(methodMismatch(method, 'client_secret_basic'));
  if (isPublic(client) || actsAsPublic(ctx, form, basic !== undefined || secret !== '')) return { client };
  if (refusesOwnMethod(ctx, method, basic !== undefined)) return fail(oauthError('invalid_client'));
  if (ctx.has('token.wrong-secret-accepted') && secret.startsWith(client.client_secret)) return { client };
  if (!safeEqual(secret, client.client_secret)) return fail(oauthError('invalid_client'));
  return { client };
}

// ---- client assertions (fosite's client_authentication.go at v0.49.0) ----

const invalidClient = (hint: string) => oauthError('invalid_client', hint);
const UNVERIFIED = "Unable to verify the integrity of the 'client_assertion' value.";

/** The jti values seen, until their assertion expires (fosite's SetClientAssertionJWT). */
const seenJtis = new WeakMap<Ctx, Map<string, number>>();

function jtiStore(ctx: Ctx): Map<string, number> {
  let store = seenJtis.get(ctx);
  if (!store) seenJtis.set(ctx, (store = new Map()));
  const now = nowSeconds();
  for (const [jti, exp] of store) if (exp < now) store.delete(jti);
  return store;
}

function decodeAssertion(assertion: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  try {
    const claims: unknown = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new Error('not a claims set');
    return { header: decodeProtectedHeader(assertion) as Record<string, unknown>, claims: claims as Record<string, unknown> };
  } catch {
    throw invalidClient(UNVERIFIED);
  }
}

/** The method the assertion is checked as, after fosite's switch over the client's registered method. */
function assertionMethod(ctx: Ctx, client: Client): 'private_key_jwt' | 'client_secret_jwt' {
  const method = client.token_endpoint_auth_method || 'client_secret_basic';
  const accepted = acceptsAssertionOf(ctx, method);
  if (accepted) return accepted;
  if (method === 'private_key_jwt') return method;
  if (method === 'client_secret_jwt' && ctx.offers('client_secret_jwt')) return method;
  if (method === 'none')
    throw invalidClient(
      "This requested OAuth 2.0 client does not support client authentication, however 'client_assertion' was provided in the request.",
    );
  if (method === 'client_secret_post' || method === 'client_secret_basic')
    throw invalidClient(
      `This requested OAuth 2.0 client only supports client authentication method '${method}', however 'client_assertion' was provided in the request.`,
    );
  throw invalidClient(
    `This requested OAuth 2.0 client only supports client authentication method '${method}', however that method is not supported by this server.`,
  );
}

/** The client's registered keys, or those at its jwks_uri (fetched, bounded): fosite's findClientPublicJWK. */
async function clientKeys(client: Client, fetchUri: boolean): Promise<JWK[]> {
  const registered = client.jwks?.['keys'];
  if (Array.isArray(registered)) return registered as JWK[];
  if (client.jwks_uri === '' || !fetchUri)
    throw invalidClient('The OAuth 2.0 Client has no JSON Web Keys set registered, but they are needed to complete the request.');
  try {
    const res = await request(client.jwks_uri, { headersTimeout: 5000, bodyTimeout: 5000 });
    const body = (await res.body.json()) as { keys?: unknown };
    if (res.statusCode >= 400 || !Array.isArray(body.keys)) throw new Error(`HTTP ${res.statusCode}`);
    return body.keys as JWK[];
  } catch (e) {
    throw oauthError('server_error', `Unable to fetch JSON Web Keys from location '${client.jwks_uri}': ${(e as Error).message}`);
  }
}

/** fosite's findPublicKey: by kid when the header has one, and only keys with use "sig". */
async function verificationKey(
  client: Client,
  header: Record<string, unknown>,
  alg: string,
  fetchUri: boolean,
): Promise<Parameters<typeof compactVerify>[1]> {
  let keys = await clientKeys(client, fetchUri);
  if (keys.length === 0) throw oauthError('invalid_request', 'The retrieved JSON Web Key Set does not contain any key.');
  const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
  if (kid !== undefined) keys = keys.filter((k) => k.kid === kid);
  if (keys.length === 0)
    throw oauthError('invalid_request', `The JSON Web Token uses signing key with kid '${kid}', which could not be found.`);
  const kty = alg.startsWith('ES') ? 'EC' : 'RSA';
  const key = keys.find((k) => k.use === 'sig' && k.kty === kty);
  if (!key)
    throw oauthError(
      'invalid_request',
      `Unable to find ${kty === 'EC' ? 'ECDSA' : 'RSA'} public key with use='sig' for kid '${kid ?? ''}' in JSON Web Key Set.`,
    );
  try {
    return await importJWK(key, alg);
  } catch {
    throw invalidClient(UNVERIFIED);
  }
}

/** The key that checks the signature, by the algorithm of the header (fosite's switch over t.Method). */
async function assertionKey(client: Client, method: string, header: Record<string, unknown>, alg: string, fetchUri: boolean) {
  if (/^(RS|ES|PS)(256|384|512)$/.test(alg)) return verificationKey(client, header, alg, fetchUri);
  if (/^HS(256|384|512)$/.test(alg) && method === 'client_secret_jwt') return new TextEncoder().encode(client.client_secret);
  if (/^HS(256|384|512)$/.test(alg))
    throw invalidClient("This authorization server does not support client authentication method 'client_secret_jwt'.");
  throw invalidClient(`The 'client_assertion' request parameter uses unsupported signing algorithm '${alg}'.`);
}

/** A client assertion, checked in fosite's order; the client it authenticates, or the error (thrown). */
async function assertedClient(ctx: Ctx, form: URLSearchParams): Promise<Client> {
  const assertion = form.get('client_assertion') ?? '';
  if (assertion === '')
    throw oauthError(
      'invalid_request',
      `The client_assertion request parameter must be set when using client_assertion_type of '${JWT_BEARER}'.`,
    );
  const { header, claims } = decodeAssertion(assertion);
  let clientId = form.get('client_id') ?? '';
  if (clientId === '') {
    if (typeof claims['sub'] !== 'string') throw invalidClient("The claim 'sub' from the client_assertion JSON Web Token is undefined.");
    clientId = claims['sub'];
  }
  const client = ctx.store.clients.get(clientId);
  if (!client) throw invalidClient('');
  const method = assertionMethod(ctx, client);
  const checks = assertionChecks(ctx, method);
  const alg = String(header['alg']);
  const enforced = client.token_endpoint_auth_signing_alg || (method === 'client_secret_jwt' ? 'HS256' : 'RS256');
  if (alg === 'none' && checks.acceptsNone) {
    // Defect: an unsigned assertion is taken at its word.
  } else {
    if (alg !== enforced && checks.alg)
      throw invalidClient(
        `The 'client_assertion' uses signing algorithm '${alg}' but the requested OAuth 2.0 Client enforces signing algorithm '${enforced}'.`,
      );
    const key = await assertionKey(client, method, header, alg, checks.jwksUri);
    try {
      await compactVerify(assertion, key, { algorithms: [alg] });
    } catch {
      if (checks.signature) throw invalidClient(UNVERIFIED);
    }
  }
  if (checks.refused) throw invalidClient(UNVERIFIED);
  const now = nowSeconds();
  const num = (name: string) => (typeof claims[name] === 'number' ? (claims[name] as number) : undefined);
  if (checks.exp && (num('exp') ?? Infinity) < now)
    throw invalidClient(
      'Unable to verify the request object because its claims could not be validated, check if the expiry time is set correctly.',
    );
  if ((num('iat') ?? 0) > now || (checks.nbf && (num('nbf') ?? 0) > now))
    throw invalidClient(
      'Unable to verify the request object because its claims could not be validated, check if the expiry time is set correctly.',
    );
  if (claims['iss'] !== clientId && checks.iss)
    throw invalidClient("Claim 'iss' from 'client_assertion' must match the 'client_id' of the OAuth 2.0 Client.");
  if (claims['sub'] !== clientId && checks.sub)
    throw invalidClient("Claim 'sub' from 'client_assertion' must match the 'client_id' of the OAuth 2.0 Client.");
  const jti = claims['jti'];
  if (typeof jti !== 'string' || jti === '') throw invalidClient("Claim 'jti' from 'client_assertion' must be set but is not.");
  const seen = jtiStore(ctx);
  if (seen.has(jti) && checks.jti) throw invalidClient("Claim 'jti' from 'client_assertion' MUST only be used once.");
  const exp = num('exp') ?? (checks.expRequired ? undefined : now + 3600);
  if (exp === undefined)
    throw invalidClient(
      'Unable to type assert the expiry time from claims. This should not happen as we validate the expiry time already earlier with token.Claims.Valid()',
    );
  seen.set(jti, exp);
  const tokenUrl = join(ctx.urls.public, '/oauth2/token');
  const aud = claims['aud'];
  if (checks.aud && !(Array.isArray(aud) ? aud.includes(tokenUrl) : aud === tokenUrl))
    throw invalidClient(`Claim 'audience' from 'client_assertion' must match the authorization server's token endpoint '${tokenUrl}'.`);
  return client;
}
