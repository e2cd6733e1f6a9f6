// The defects of mtls.ts: mutual-TLS client authentication, which the reference offers only when started so (Hydra
// v2.3.0 does not): each names the check that must catch it, and runs on a reference offering both methods over HTTPS
// with a client certificate (`reference.offers`; the batch gives such a variant TLS, targets/reference/tls.ts).
import { defects, type Defect } from './defect.ts';
import type { Ctx } from './context.ts';

const defect = (catches: string, finding: string, description: string): Defect => ({
  catches,
  finding,
  description,
  suites: ['token-endpoint-mtls'],
  reference: { offers: ['tls_client_auth', 'self_signed_tls_client_auth'] },
});

export const MTLS_DEFECTS = defects({
  'mtls.pki-refused': defect(
    'TOKEN-MTLS-PKI-WORKS',
    'status:401',
    'A tls_client_auth client presenting a certificate of the trusted CA with its registered subject is refused (invalid_client).',
  ),
  'mtls.no-certificate-accepted': defect(
    'TOKEN-MTLS-PKI-NO-CERTIFICATE',
    'accepted',
    'A tls_client_auth client is authenticated by its client_id alone when the connection carries no client certificate.',
  ),
  'mtls.any-subject': defect(
    'TOKEN-MTLS-PKI-OTHER-SUBJECT',
    'accepted',
    "Any certificate of the trusted CA authenticates a tls_client_auth client: the registered subject is not compared with the certificate's.",
  ),
  'mtls.self-signed-refused': defect(
    'TOKEN-MTLS-SELF-SIGNED-WORKS',
    'status:401',
    'A self_signed_tls_client_auth client presenting the certificate it registered is refused (invalid_client).',
  ),
  'mtls.self-signed-any-key': defect(
    'TOKEN-MTLS-SELF-SIGNED-OTHER-KEY',
    'accepted',
    'Any client certificate authenticates a self_signed_tls_client_auth client: its key is not compared with the keys the client registered.',
  ),
  'mtls.subject-optional': defect(
    'REG-MTLS-PKI-NO-SUBJECT',
    'status:201',
    'A tls_client_auth client is registered without any tls_client_auth_* subject member.',
  ),
  'mtls.self-signed-refused-at-registration': defect(
    'REG-MTLS-SELF-SIGNED-REGISTERED',
    'status:400',
    'A self_signed_tls_client_auth client with its certificate in jwks is refused at registration (invalid_client_metadata), although discovery advertises the method.',
  ),
  'mtls.subject-dropped': defect(
    'REG-MTLS-PKI-REGISTERED',
    'member-missing:tls_client_auth_subject_dn',
    "The registration response leaves out the client's tls_client_auth_subject_dn (it is kept, and used).",
  ),
});

/** What the defects loosen in mtls.ts. */
export function certificateChecks(ctx: Ctx) {
  return {
    refuses: ctx.has('mtls.pki-refused')
      ? 'tls_client_auth'
      : ctx.has('mtls.self-signed-refused')
        ? 'self_signed_tls_client_auth'
        : undefined,
    noCertificateAccepted: ctx.has('mtls.no-certificate-accepted'),
    anySubject: ctx.has('mtls.any-subject'),
    anyKey: ctx.has('mtls.self-signed-any-key'),
    subjectOptional: ctx.has('mtls.subject-optional'),
    subjectDropped: ctx.has('mtls.subject-dropped'),
    refusesSelfSigned: ctx.has('mtls.self-signed-refused-at-registration'),
  };
}
