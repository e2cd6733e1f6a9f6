/**
 * The embedded reference target: an in-memory provider serving Ory Hydra v2.3.0's public (4444) and admin (4445)
 * HTTP APIs, except for the deviations listed in DEVIATIONS.md. This file holds the options, the two servers, the
 * route tables and the request pipeline shared by both (Hydra's middleware chain and httprouter).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import { listen, startingServer } from '../../harness/http/starting-server.ts';
import {
  acceptConsentRequest,
  acceptLoginRequest,
  acceptLogoutRequest,
  getConsentRequest,
  getLoginRequest,
  getLogoutRequest,
  rejectConsentRequest,
  rejectLoginRequest,
  rejectLogoutRequest,
} from './admin-flows.ts';
import {
  createAdminClient,
  deleteClient,
  getClient,
  health,
  introspect,
  listClients,
  patchClient,
  revokeLoginSessions,
  setClient,
  version,
} from './admin.ts';
import { createJsonWebKeySet, deleteJsonWebKey } from './admin-keys.ts';
import { authorize } from './authorize.ts';
import { OFFERS, type Offer } from './client-auth.ts';
import { join, logUnexpected, type Ctx } from './context.ts';
import { CookieJar } from './cookies.ts';
import { credentials } from './credentials.ts';
import { defectSwitch } from './defects.ts';
import { tracedSwitch, withRequestCheck, type DefectReach } from './defect-trace.ts';
import { recordIssuedSecrets, type IssuedSecretSink } from './issued-secrets.ts';
import { discover, jwks } from './discovery.ts';
import { defaultIssuer } from './discovery.defects.ts';
import { herodotError, toHttpError } from './errors.ts';
import { NO_CACHE_GET, Req, send, sendError } from './http.ts';
import { KeyRing, createSigningKey, type SigningKey } from './keys.ts';
import { logout } from './logout.ts';
import { errorPage, fallbackPage, postLogoutPage, stubUi } from './pages.ts';
import { deleteRegisteredClient, readRegisteredClient, registerClient, updateRegisteredClient } from './registration.ts';
import { revoke } from './revoke.ts';
import { Router } from './router.ts';
import { Store } from './state.ts';
import { token } from './token.ts';
import { userinfo } from './userinfo.ts';

export { DEFECTS } from './defects.ts';

export interface ReferenceOptions {
  /** Listen address, default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  publicPort?: number;
  adminPort?: number;
  /** External public base URL (behind a proxy); default http://host:publicPort. */
  publicUrl?: string;
  /** Default: publicUrl without trailing slash. */
  issuer?: string;
  /** External admin base URL; default http://host:adminPort. */
  adminUrl?: string;
  /** When set, the admin API requires `Authorization: Bearer <adminToken>` (like an Ory Network API key), else 401. */
  adminToken?: string;
  /** Default true; false makes every /oauth2/register route answer 404 as Hydra does when disabled. */
  registration?: boolean;
  /** Default = registration: advertise registration_endpoint=<public>/oauth2/register in discovery. */
  advertiseRegistration?: boolean;
  /** Ids from DEFECTS (defects.ts); an unknown id throws. */
  defects?: string[];
  /** Serve both APIs over HTTPS with this certificate and key (node:https options; a test makes its own CA). */
  tls?: HttpsServerOptions;
  /**
   * Features Hydra v2.3.0 does not offer, switched on (default none): 'client_secret_jwt' (advertised, and
   * client assertions signed with the client's secret accepted). A defect of such a feature runs with it on.
   */
  offers?: Offer[];
  /**
   * Lifetime of a VC c_nonce in seconds (Hydra's ttl.vc_nonce, 1 h by default there). The embedded target's default is
   * 2 s, short enough for VC-REFUSE-EXPIRED-NONCE to wait one out; the harness primes a fresh nonce before each proof.
   */
  vcNonceTtlSeconds?: number;
  /** The signing key; default a new one. A batch of instances shares one (targets/reference/mutation/batch.ts). */
  key?: Promise<SigningKey>;
  /** Told every secret the target hands out (targets/reference/issued-secrets.ts), for a leak scan of the reports. */
  issuedSecrets?: IssuedSecretSink;
  /** Record which suites reach which defect switch (targets/reference/defect-trace.ts); read from `defectReach`. */
  traceDefects?: boolean;
  /** Request log; default silent. */
  log?: (line: string) => void;
  /**
   * Called once both ports are bound, before the target serves (until then it answers 503); start-up
   * waits for what it returns. A seam for tests of what a client sees while the target starts.
   */
  whileStarting?: (ports: { publicPort: number; adminPort: number }) => void | Promise<void>;
}

export interface ReferenceTarget {
  publicUrl: string;
  adminUrl: string;
  issuer: string;
  version: string;
  /** Where the two servers listen (not publicUrl and adminUrl when those name a proxy in front). */
  listening: { publicUrl: string; adminUrl: string };
  /** With traceDefects: defect id → the suite files (or `*`) whose requests consulted its switch. */
  defectReach?: DefectReach;
  close(): Promise<void>;
}

export const VERSION = 'reference-0.1.0 (Ory Hydra v2.3.0 behaviour)';

function publicRoutes(): Router {
  return new Router()
    .on('GET', '/.well-known/openid-configuration', discover)
    .on('GET', '/.well-known/oauth-authorization-server', discover)
    .on('GET', '/.well-known/jwks.json', jwks)
    .on('POST', '/oauth2/register', registerClient)
    .on('GET', '/oauth2/register/{id}', readRegisteredClient)
    .on('PUT', '/oauth2/register/{id}', updateRegisteredClient)
    .on('DELETE', '/oauth2/register/{id}', deleteRegisteredClient)
    .on(['GET', 'POST'], '/oauth2/auth', authorize)
    .on('POST', '/oauth2/token', token)
    .on('POST', '/oauth2/revoke', revoke)
    .on(['GET', 'POST'], '/userinfo', userinfo)
    .on(['GET', 'POST'], '/oauth2/sessions/logout', logout)
    .on('POST', '/credentials', credentials)
    .on('GET', '/oauth2/fallbacks/login', fallbackPage('urls.login'))
    .on('GET', '/oauth2/fallbacks/consent', fallbackPage('urls.consent'))
    .on('GET', '/oauth2/fallbacks/logout', fallbackPage('urls.logout'))
    .on('GET', '/oauth2/fallbacks/logout/callback', postLogoutPage)
    .on('GET', '/oauth2/fallbacks/error', errorPage)
    .on('GET', '/ui/login', stubUi('login'))
    .on('GET', '/ui/consent', stubUi('consent'))
    .on('GET', '/ui/logout', stubUi('logout'))
    .on('GET', '/health/alive', health)
    .on('GET', '/health/ready', health);
}

/** Registered with the /admin prefix; requests without it get it added, as Hydra's admin middleware does. */
function adminRoutes(): Router {
  return new Router()
    .on('GET', '/admin/clients', listClients)
    .on('POST', '/admin/clients', createAdminClient)
    .on('GET', '/admin/clients/{id}', getClient)
    .on('PUT', '/admin/clients/{id}', setClient)
    .on('PATCH', '/admin/clients/{id}', patchClient)
    .on('DELETE', '/admin/clients/{id}', deleteClient)
    .on('GET', '/admin/oauth2/auth/requests/login', getLoginRequest)
    .on('PUT', '/admin/oauth2/auth/requests/login/accept', acceptLoginRequest)
    .on('PUT', '/admin/oauth2/auth/requests/login/reject', rejectLoginRequest)
    .on('GET', '/admin/oauth2/auth/requests/consent', getConsentRequest)
    .on('PUT', '/admin/oauth2/auth/requests/consent/accept', acceptConsentRequest)
    .on('PUT', '/admin/oauth2/auth/requests/consent/reject', rejectConsentRequest)
    .on('GET', '/admin/oauth2/auth/requests/logout', getLogoutRequest)
    .on('PUT', '/admin/oauth2/auth/requests/logout/accept', acceptLogoutRequest)
    .on('PUT', '/admin/oauth2/auth/requests/logout/reject', rejectLogoutRequest)
    .on('DELETE', '/admin/oauth2/auth/sessions/login', revokeLoginSessions)
    .on('POST', '/admin/oauth2/introspect', introspect)
    .on('POST', '/admin/keys/{set}', createJsonWebKeySet)
    .on('DELETE', '/admin/keys/{set}/{kid}', deleteJsonWebKey)
    .on('GET', '/admin/health/alive', health)
    .on('GET', '/admin/health/ready', health)
    .on('GET', '/admin/version', version);
}

const PLAIN_TEXT = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

interface Pipeline {
  router: Router;
  admin: boolean;
  adminToken?: string;
}

/** Hydra's middleware chain and httprouter: trailing slash trimmed, /admin added, no-cache headers, 404/405. */
async function handle(ctx: Ctx, pipeline: Pipeline, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.issued) recordIssuedSecrets(res, ctx.issued);
  const url = new URL(raw.url ?? '/', 'http://reference.invalid');
  let path = url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
  if (pipeline.admin && path !== '/admin' && !path.startsWith('/admin/')) path = `/admin${path}`;
  const method = raw.method ?? 'GET';
  // Every method, as Hydra v2.2/v2.3 do: ory/x's router wraps each handler in NoCacheHandle
  // (https://github.com/ory/x/blob/v0.0.675/httprouterx/router.go#L28-L54; observed in targets/hydra/NOTES-observed.md).
  res.setHeader('Cache-Control', NO_CACHE_GET);
  res.on('finish', () => ctx.log(`${pipeline.admin ? 'admin ' : 'public'} ${method} ${url.pathname} -> ${res.statusCode}`));
  const req = new Req(raw, url);
  try {
    if (
      pipeline.adminToken !== undefined &&
      !path.startsWith('/admin/health/') &&
      req.header('authorization') !== `Bearer ${pipeline.adminToken}`
    ) {
      throw herodotError('unauthorized', 'A valid admin API key must be sent as a Bearer token.').withHeaders({
        'WWW-Authenticate': 'Bearer',
      });
    }
    const match = pipeline.router.match(path);
    if (!match) return send(res, 404, '404 page not found\n', PLAIN_TEXT);
    const handler = match.methods.get(method);
    if (!handler) {
      const allow = [...match.methods.keys(), 'OPTIONS'].sort().join(', ');
      if (method === 'OPTIONS') return send(res, 200, '', { Allow: allow });
      return send(res, 405, 'Method Not Allowed\n', { ...PLAIN_TEXT, Allow: allow });
    }
    req.params = match.params;
    await handler(ctx, req, res);
  } catch (e) {
    logUnexpected(ctx, `${method} ${url.pathname}`, e);
    if (res.headersSent) res.destroy();
    else sendError(res, toHttpError(e));
  }
}

/** Both ports, each settled before a failure is thrown, so that a failed start can close both. */
async function bind(publicServer: Server, adminServer: Server, opts: ReferenceOptions, host: string): Promise<[number, number]> {
  const [pub, adm] = await Promise.allSettled([
    listen(publicServer, opts.publicPort ?? 0, host),
    listen(adminServer, opts.adminPort ?? 0, host),
  ]);
  if (pub.status === 'rejected') throw pub.reason;
  if (adm.status === 'rejected') throw adm.reason;
  await opts.whileStarting?.({ publicPort: pub.value, adminPort: adm.value });
  return [pub.value, adm.value];
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** URLs for the Location/redirect logic: an IPv6 listen address needs brackets. */
function origin(host: string, port: number, scheme = 'http'): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startReference(opts: ReferenceOptions = {}): Promise<ReferenceTarget> {
  const reach: DefectReach | undefined = opts.traceDefects ? new Map() : undefined;
  const has = reach ? tracedSwitch(defectSwitch(opts.defects), reach) : defectSwitch(opts.defects);
  for (const o of opts.offers ?? []) if (!OFFERS.includes(o)) throw new Error(`unknown offer: ${String(o)} (one of ${OFFERS.join(', ')})`);
  const host = opts.host ?? '127.0.0.1';
  const registration = opts.registration ?? true;
  // Listening first: the URLs are built from the bound ports. Until the handlers are in, both answer 503.
  const publicServer = startingServer(opts.tls);
  const adminServer = startingServer(opts.tls);
  const scheme = opts.tls ? 'https' : 'http';
  const closeBoth = () => Promise.all([close(publicServer.server), close(adminServer.server)]);
  const [key, [publicPort, adminPort]] = await Promise.all([
    opts.key ?? createSigningKey(),
    bind(publicServer.server, adminServer.server, opts, host),
  ]).catch(async (e: unknown) => {
    await closeBoth();
    throw e;
  });
  const publicUrl = (opts.publicUrl ?? origin(host, publicPort, scheme)).replace(/\/+$/, '');
  const adminUrl = (opts.adminUrl ?? origin(host, adminPort, scheme)).replace(/\/+$/, '');
  const issuer = opts.issuer ?? defaultIssuer(has, publicUrl);
  const secret = randomBytes(32);
  const ctx: Ctx = {
    urls: {
      public: publicUrl,
      admin: adminUrl,
      issuer,
      login: join(publicUrl, '/ui/login'),
      consent: join(publicUrl, '/ui/consent'),
      logout: join(publicUrl, '/ui/logout'),
      error: join(publicUrl, '/oauth2/fallbacks/error'),
      postLogout: join(publicUrl, '/oauth2/fallbacks/logout/callback'),
    },
    registration,
    advertiseRegistration: opts.advertiseRegistration ?? registration,
    version: VERSION,
    key: new KeyRing(key),
    store: new Store(),
    cookies: new CookieJar(secret),
    secret,
    vcNonceTtlMs: (opts.vcNonceTtlSeconds ?? 2) * 1000,
    has,
    ...(opts.issuedSecrets ? { issued: opts.issuedSecrets } : {}),
    offers: (feature) => opts.offers?.includes(feature) ?? false,
    log: opts.log ?? (() => undefined),
    outbound: new Set(),
  };
  const publicPipeline: Pipeline = { router: publicRoutes(), admin: false };
  const adminPipeline: Pipeline = {
    router: adminRoutes(),
    admin: true,
    ...(opts.adminToken !== undefined ? { adminToken: opts.adminToken } : {}),
  };
  publicServer.open((req, res) => void withRequestCheck(req, () => handle(ctx, publicPipeline, req, res)));
  adminServer.open((req, res) => void withRequestCheck(req, () => handle(ctx, adminPipeline, req, res)));
  return {
    publicUrl,
    adminUrl,
    issuer,
    version: VERSION,
    listening: { publicUrl: origin(host, publicPort, scheme), adminUrl: origin(host, adminPort, scheme) },
    ...(reach ? { defectReach: reach } : {}),
    close: async () => {
      for (const call of ctx.outbound) call.abort();
      await closeBoth();
    },
  };
}
