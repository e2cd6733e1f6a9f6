// Mutual-TLS client authentication (RFC 8705 §2) where the provider advertises it: registration of tls_client_auth and
// self_signed_tls_client_auth clients, and the token endpoint (client_credentials) authenticating them by the
// certificate the harness presents (OIDC_CLIENT_CERT_FILE / OIDC_CLIENT_KEY_FILE), with it, without it, and with a
// registration that names another subject or another key. At the mTLS alias of the token endpoint when there is one.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { MTLS_REGISTRATION, MTLS_TOKEN } from '../checks/catalogue/token-mtls.ts';
import { blocked, must, notApplicable } from '../checks/rules/verdict.ts';
import { mustBeRefusedWith } from '../checks/rules/refusal.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import {
  mustIssueToken,
  mustRefuseClient,
  requireAuthMethod,
  requireClientCredentials,
  tokenEndpoint,
} from '../scenarios/token-endpoint.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import type { RegisteredClient } from '../fixtures/clients.ts';
import type { HttpResponse } from '../harness/http/client.ts';
import type { Settings } from '../harness/config/settings.ts';

type Fixtures = Pick<CheckFixtures, 'clients' | 'discovery' | 'settings' | 'http'>;
type Method = 'tls_client_auth' | 'self_signed_tls_client_auth';

/** The certificate the harness presents; without one, a method the provider offers cannot be judged here. */
function certificate(settings: Settings): X509Certificate {
  const c = settings.network.clientCert;
  if (!c)
    notApplicable(
      'no client certificate is configured: set OIDC_CLIENT_CERT_FILE and OIDC_CLIENT_KEY_FILE (a certificate of a CA the provider trusts, for tls_client_auth)',
    );
  return new X509Certificate(c.cert);
}

/** The certificate's subject as RFC 4514 writes a distinguished name (the last RDN first). */
function subjectDn(cert: X509Certificate): string {
  return cert.subject.split('\n').reverse().join(',');
}

/** The certificate as a JWK (RFC 7517 §4.7 x5c): what a self_signed_tls_client_auth client registers. */
function certificateJwks(cert: X509Certificate): Record<string, unknown> {
  return { keys: [{ ...cert.publicKey.export({ format: 'jwk' }), x5c: [cert.raw.toString('base64')] }] };
}

function otherKeyJwks(): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { keys: [publicKey.export({ format: 'jwk' })] };
}

const metadata = (method: Method, extra: Record<string, unknown>) =>
  sampleMetadata(`mtls ${method}`, { token_endpoint_auth_method: method, grant_types: ['client_credentials'], ...extra });

/** RFC 8705 §5: a provider may serve mutual TLS at other endpoints (mtls_endpoint_aliases); the client uses them. */
function mtlsTokenEndpoint(fx: Fixtures): string {
  const alias = fx.discovery.doc?.mtls_endpoint_aliases?.token_endpoint;
  return typeof alias === 'string' ? alias : tokenEndpoint(fx.discovery);
}

/** client_credentials for the client's id alone: it authenticates by the certificate (or, `bare`, by nothing). */
function tokenFor(fx: Fixtures, client: RegisteredClient, bare = false): Promise<HttpResponse> {
  return fx.http.send({
    url: mtlsTokenEndpoint(fx),
    form: { grant_type: 'client_credentials', client_id: client.clientId },
    ...(bare ? { clientCertificate: false as const } : {}),
  });
}

const REGISTERED: Record<Method, string> = {
  tls_client_auth: MTLS_REGISTRATION.PKI_REGISTERED.id,
  self_signed_tls_client_auth: MTLS_REGISTRATION.SELF_SIGNED_REGISTERED.id,
};

/** A client of `method` for the harness's certificate; `extra` replaces what it registers. */
async function mtlsClient(fx: Fixtures, method: Method, extra?: Record<string, unknown>): Promise<RegisteredClient> {
  requireClientCredentials(fx.discovery);
  requireAuthMethod(fx.discovery, method);
  const cert = certificate(fx.settings);
  const own = method === 'tls_client_auth' ? { tls_client_auth_subject_dn: subjectDn(cert) } : { jwks: certificateJwks(cert) };
  const { res, client } = await fx.clients.register(metadata(method, extra ?? own));
  if (!client) blocked(`registering a ${method} client answered HTTP ${res.status}`, REGISTERED[method]);
  return client;
}

/** RFC 7591 §3.2.1: the registration response says the member as it was registered. */
function mustEcho(res: HttpResponse, member: string, sent: string): void {
  const got: unknown = res.json?.[member];
  must(got === sent, `the registration response's ${member} is ${JSON.stringify(got)}, not the registered ${JSON.stringify(sent)}`, {
    finding: `${got === undefined ? 'member-missing' : 'member-changed'}:${member}`,
    expected: sent,
    actual: got ?? null,
  });
}

const WORKS: Record<Method, string> = {
  tls_client_auth: MTLS_TOKEN.PKI_WORKS.id,
  self_signed_tls_client_auth: MTLS_TOKEN.SELF_SIGNED_WORKS.id,
};

/** The positive control of a refusal: a client registered for the certificate gets a token with it. */
async function working(fx: Fixtures, method: Method): Promise<RegisteredClient> {
  const client = await mtlsClient(fx, method);
  const res = await tokenFor(fx, client);
  if (res.status !== 200) blocked(`a ${method} client presenting its certificate answered HTTP ${res.status}`, WORKS[method]);
  return client;
}

test.describe('createOidcDynamicClient: POST /oauth2/register (mutual-TLS clients)', () => {
  check(MTLS_REGISTRATION.PKI_REGISTERED, async (fx) => {
    requireAuthMethod(fx.discovery, 'tls_client_auth');
    const dn = subjectDn(certificate(fx.settings));
    const { res, client } = await fx.clients.register(metadata('tls_client_auth', { tls_client_auth_subject_dn: dn }));
    must(client, `a tls_client_auth client was not registered: HTTP ${res.status}${res.json?.error ? ` (${res.json.error})` : ''}`, {
      finding: `status:${res.status}`,
      expected: 201,
      actual: res.status,
    });
    mustEcho(res, 'token_endpoint_auth_method', 'tls_client_auth');
    mustEcho(res, 'tls_client_auth_subject_dn', dn);
  });

  check(MTLS_REGISTRATION.PKI_NO_SUBJECT, async (fx) => {
    requireAuthMethod(fx.discovery, 'tls_client_auth');
    const control = await fx.clients.register(metadata('tls_client_auth', { tls_client_auth_subject_dn: 'CN=oidc-harness control' }));
    if (!control.client)
      blocked(`a tls_client_auth client with a subject answered HTTP ${control.res.status}`, MTLS_REGISTRATION.PKI_REGISTERED.id);
    const { res } = await fx.clients.register(metadata('tls_client_auth', {}));
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'a tls_client_auth registration without a subject');
  });

  check(MTLS_REGISTRATION.SELF_SIGNED_REGISTERED, async (fx) => {
    requireAuthMethod(fx.discovery, 'self_signed_tls_client_auth');
    const jwks = certificateJwks(certificate(fx.settings));
    const { res, client } = await fx.clients.register(metadata('self_signed_tls_client_auth', { jwks }));
    must(client, `a self_signed_tls_client_auth client was not registered: HTTP ${res.status}`, {
      finding: `status:${res.status}`,
      expected: 201,
      actual: res.status,
    });
    mustEcho(res, 'token_endpoint_auth_method', 'self_signed_tls_client_auth');
  });
});

test.describe('oauth2TokenExchange: POST /oauth2/token (mutual-TLS client authentication)', () => {
  check(MTLS_TOKEN.PKI_WORKS, async (fx) => {
    const client = await mtlsClient(fx, 'tls_client_auth');
    mustIssueToken(await tokenFor(fx, client), 'a tls_client_auth client presenting its certificate');
  });

  check(MTLS_TOKEN.PKI_NO_CERTIFICATE, async (fx) => {
    const client = await working(fx, 'tls_client_auth');
    mustRefuseClient(await tokenFor(fx, client, true), 'the same tls_client_auth client without a client certificate');
  });

  check(MTLS_TOKEN.PKI_OTHER_SUBJECT, async (fx) => {
    await working(fx, 'tls_client_auth');
    const other = await mtlsClient(fx, 'tls_client_auth', { tls_client_auth_subject_dn: 'CN=not-the-harness,O=elsewhere' });
    mustRefuseClient(await tokenFor(fx, other), 'a tls_client_auth client registered for another subject, presenting the certificate');
  });

  check(MTLS_TOKEN.SELF_SIGNED_WORKS, async (fx) => {
    const client = await mtlsClient(fx, 'self_signed_tls_client_auth');
    mustIssueToken(await tokenFor(fx, client), 'a self_signed_tls_client_auth client presenting the certificate it registered');
  });

  check(MTLS_TOKEN.SELF_SIGNED_OTHER_KEY, async (fx) => {
    await working(fx, 'self_signed_tls_client_auth');
    const other = await mtlsClient(fx, 'self_signed_tls_client_auth', { jwks: otherKeyJwks() });
    mustRefuseClient(
      await tokenFor(fx, other),
      'a self_signed_tls_client_auth client whose registered key is another, presenting the certificate',
    );
  });
});
