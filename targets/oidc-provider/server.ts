// oidc-provider (panva, a certified OpenID provider) as an independent target, in-process, on
// Ory's paths, with everything the harness's standards profile exercises switched on: dynamic
// registration and its management (RAT rotation), RP-initiated and back-channel logout,
// revocation, introspection, PKCE, signed userinfo, client_credentials, and its own login form.
// oidc-provider 9 has no front-channel logout (removed in v8), so none is advertised.
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Adapter, Configuration } from 'oidc-provider';
import { listen, startingServer } from '../../harness/http/starting-server.ts';
import { receiverTrustingAgent } from '../../harness/http/tls-identity.ts';
import { fetch as undiciFetch, type RequestInit as UndiciInit } from 'undici';
import { CLAIMS, findAccount } from './account.ts';
import { handleInteraction, interactionUrl } from './interactions.ts';
import { errorPage, logoutPage, signedOutPage } from './pages.ts';
import { muteProviderNotices } from './quiet.ts';

export const OIDC_PROVIDER_VERSION = '9.13.3';

export interface OidcProviderTarget {
  issuer: string;
  publicUrl: string;
  version: string;
  /** The development notices oidc-provider printed, muted (see quiet.ts). */
  notices: string[];
  /**
   * Delete a client from the provider's storage, as its operator would: oidc-provider offers no admin API, and it
   * revokes a registration access token presented for another client, after which RFC 7592 cannot delete it.
   * True when the client was there.
   */
  deleteClient(clientId: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  /** Loopback port (default: any free one). */
  port?: number;
  /** Called with server errors and failed back-channel deliveries (default: printed to stderr). */
  onProblem?: (line: string) => void;
}

async function signingKeys() {
  const keys = await Promise.all(
    (['RS256', 'ES256'] as const).map(async (alg) => {
      const { privateKey } = await generateKeyPair(alg, { extractable: true });
      return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `${alg.toLowerCase()}-${randomBytes(4).toString('hex')}` };
    }),
  );
  return { keys };
}

function configuration(jwks: Configuration['jwks']): Configuration {
  return {
    routes: {
      authorization: '/oauth2/auth',
      token: '/oauth2/token',
      revocation: '/oauth2/revoke',
      introspection: '/oauth2/introspect',
      registration: '/oauth2/register',
      end_session: '/oauth2/sessions/logout',
      userinfo: '/userinfo',
      jwks: '/.well-known/jwks.json',
      pushed_authorization_request: '/oauth2/par',
    },
    jwks,
    // The standards want GET and POST at the authorization and logout endpoints; oidc-provider
    // offers POST only with SameSite=None session cookies (see secureSameSiteNone).
    enableHttpPostMethods: true,
    cookies: { keys: [randomBytes(32).toString('base64url')], long: { httpOnly: true, sameSite: 'none' } },
    claims: CLAIMS as unknown as Configuration['claims'],
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    findAccount,
    interactions: { url: interactionUrl },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.host);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage(ctx.oidc.client?.clientName);
        },
      },
      backchannelLogout: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      clientCredentials: { enabled: true },
      jwtUserinfo: { enabled: true },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      IdToken: 3600,
      Interaction: 3600,
      RefreshToken: 86_400,
      Session: 86_400,
      Grant: 86_400,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    // v9 gives fetch an SSRF-guard dispatcher that refuses loopback, where the harness's
    // back-channel receiver listens; drop it (this target only ever runs on loopback). Over https (a
    // sector_identifier_uri the receiver serves) the deployment trusts the receiver's certificate.
    fetch: (url, init) => {
      const { dispatcher: _guard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
      const trusting = String(url).startsWith('https:') ? receiverTrustingAgent() : undefined;
      if (trusting) return undiciFetch(String(url), { ...(rest as UndiciInit), dispatcher: trusting }) as unknown as Promise<Response>;
      return globalThis.fetch(url, rest);
    },
  };
}

/**
 * Browsers keep a SameSite=None cookie only when it is Secure. Chromium counts loopback http as
 * secure, but koa refuses to mark a cookie Secure on a plain-http request, so it is marked here,
 * as it would be behind TLS.
 */
function secureSameSiteNone(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    setHeader(
      name,
      name.toLowerCase() !== 'set-cookie'
        ? value
        : [value].flat().map((c) => (/;\s*samesite=none/i.test(String(c)) && !/;\s*secure/i.test(String(c)) ? `${c}; secure` : String(c))),
    );
}

export async function startOidcProvider(o: OidcProviderOptions = {}): Promise<OidcProviderTarget> {
  const problem = o.onProblem ?? ((line: string) => process.stderr.write(`[oidc-provider] ${line}\n`));
  const muted = muteProviderNotices();
  // The issuer is built from the bound port, so the server listens first and answers 503 until the provider is in.
  const { server, open } = startingServer();
  const stop = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    muted.restore();
  };
  try {
    const [{ default: Provider }, jwks] = await Promise.all([import('oidc-provider'), signingKeys()]);
    const issuer = `http://127.0.0.1:${await listen(server, o.port ?? 0, '127.0.0.1')}`;
    const provider = new Provider(issuer, configuration(jwks));
    provider.on('server_error', (ctx, err) => problem(`server_error on ${ctx.method} ${ctx.path}: ${err.message}`));
    provider.on('backchannel.error', (_ctx, err, client) =>
      problem(`back-channel logout to ${client.backchannelLogoutUri} failed: ${err.message}`),
    );
    const callback = provider.callback();
    open((req, res) => {
      secureSameSiteNone(res);
      handleInteraction(provider, req, res).then(
        (handled) => {
          if (!handled) void callback(req, res);
        },
        (e) => problem(String(e)),
      );
    });
    // The client model's storage (oidc-provider's in-memory adapter); its typings leave the static member out.
    const clients = (provider.Client as unknown as { adapter: Adapter }).adapter;
    const deleteClient = async (clientId: string) => {
      if (!(await clients.find(clientId))) return false;
      await clients.destroy(clientId);
      return true;
    };
    return {
      issuer,
      publicUrl: issuer,
      version: `oidc-provider ${OIDC_PROVIDER_VERSION}`,
      notices: muted.lines,
      deleteClient,
      close: stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
