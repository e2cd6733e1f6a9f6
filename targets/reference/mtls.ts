/**
 * Mutual-TLS client authentication (RFC 8705 §2), which Hydra v2.3.0 does not offer: only when the reference is started
 * offering 'tls_client_auth' and 'self_signed_tls_client_auth' (ReferenceOptions.offers) and serving HTTPS that asks for
 * a client certificate (ReferenceOptions.tls with requestCert; targets/reference/tls.ts makes such a setup). Then
 * discovery advertises both methods, registration keeps tls_client_auth_subject_dn (and refuses tls_client_auth
 * without a subject), and the token endpoint authenticates such a client by the certificate of the connection: for
 * tls_client_auth one the configured CA issued, with the registered subject; for self_signed_tls_client_auth one whose
 * public key is a key the client registered (jwks).
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Ctx } from './context.ts';
import type { Client } from './clients.ts';
import { invalidMetadata } from './client-validation.ts';
import { oauthError, type HttpError } from './errors.ts';
import type { Req } from './http.ts';
import { certificateChecks } from './mtls.defects.ts';

export const MTLS_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth'] as const;
type MtlsMethod = (typeof MTLS_METHODS)[number];

/** The subject members of RFC 8705 §2.1.2, of which a tls_client_auth client registers exactly one. */
const SUBJECT_MEMBERS = [
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
] as const;

const offered = (ctx: Ctx, method: string): method is MtlsMethod =>
  (MTLS_METHODS as readonly string[]).includes(method) && ctx.offers(method as MtlsMethod);

/** The methods discovery adds to token_endpoint_auth_methods_supported. */
export function mtlsMethods(ctx: Ctx): string[] {
  return MTLS_METHODS.filter((m) => ctx.offers(m));
}

/** What each registered mTLS client keeps beside Hydra's fields (its subject member), per instance. */
const subjects = new WeakMap<Ctx, Map<string, Record<string, string>>>();

/** Registration: a tls_client_auth body must name one subject (RFC 8705 §2.1.2); returns the members to keep. */
export function mtlsRegistration(ctx: Ctx, body: string): Record<string, string> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || !offered(ctx, String(parsed['token_endpoint_auth_method']))) return {};
  if (parsed['token_endpoint_auth_method'] !== 'tls_client_auth') {
    if (certificateChecks(ctx).refusesSelfSigned)
      throw invalidMetadata('The token_endpoint_auth_method self_signed_tls_client_auth is not allowed.');
    return {};
  }
  const named = SUBJECT_MEMBERS.filter((m) => typeof parsed[m] === 'string' && parsed[m] !== '');
  if (named.length !== 1 && !certificateChecks(ctx).subjectOptional)
    throw invalidMetadata('A tls_client_auth client must register exactly one of the tls_client_auth_* subject members.');
  return Object.fromEntries(named.map((m) => [m, parsed[m] as string]));
}

export function rememberMtls(ctx: Ctx, clientId: string, members: Record<string, string>): void {
  if (!Object.keys(members).length) return;
  let m = subjects.get(ctx);
  if (!m) subjects.set(ctx, (m = new Map()));
  m.set(clientId, members);
}

/** The kept members, for the registration response. */
export function mtlsMembers(ctx: Ctx, clientId: string): Record<string, string> {
  return certificateChecks(ctx).subjectDropped ? {} : (subjects.get(ctx)?.get(clientId) ?? {});
}

/** RFC 4514's string of a certificate's subject (the last RDN first). */
const subjectDn = (cert: X509Certificate) => cert.subject.split('\n').reverse().join(',');
const sameDn = (a: string, b: string) => a.replace(/\s*,\s*/g, ',').toLowerCase() === b.replace(/\s*,\s*/g, ',').toLowerCase();

function presented(req: Req): { cert: X509Certificate; authorized: boolean } | undefined {
  const socket = req.raw.socket as Partial<TLSSocket>;
  const peer = socket.getPeerCertificate?.();
  if (!peer?.raw) return undefined;
  return { cert: new X509Certificate(peer.raw), authorized: socket.authorized === true };
}

function registeredKeyOf(client: Client, cert: X509Certificate): boolean {
  const keys = (client.jwks?.['keys'] as Array<Record<string, unknown>> | undefined) ?? [];
  const mine = cert.publicKey.export({ type: 'spki', format: 'der' });
  return keys.some((jwk) => {
    try {
      return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' }).equals(mine);
    } catch {
      return false;
    }
  });
}

/**
 * The token endpoint's authentication of an mTLS client (undefined: the client's method is not an offered mTLS one).
 * A client secret is not looked at: the certificate is the credential.
 */
export function mtlsAuthentication(ctx: Ctx, req: Req, client: Client): { error?: HttpError } | undefined {
  const method = client.token_endpoint_auth_method;
  if (!offered(ctx, method)) return undefined;
  const checks = certificateChecks(ctx);
  const refuse = (hint: string) => ({ error: oauthError('invalid_client', hint) });
  if (checks.refuses === method) return refuse('The client certificate could not be verified.');
  const tls = presented(req);
  if (!tls) return checks.noCertificateAccepted ? {} : refuse('No client certificate was presented (RFC 8705).');
  if (method === 'self_signed_tls_client_auth')
    return registeredKeyOf(client, tls.cert) || checks.anyKey ? {} : refuse('The client certificate is not one the client registered.');
  const dn = subjects.get(ctx)?.get(client.client_id)?.['tls_client_auth_subject_dn'];
  if (!tls.authorized) return refuse('The client certificate was not issued by a trusted CA.');
  return (dn !== undefined && sameDn(dn, subjectDn(tls.cert))) || checks.anySubject
    ? {}
    : refuse('The subject of the client certificate is not the one registered.');
}
