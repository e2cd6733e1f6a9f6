// Mutual-TLS client authentication (RFC 8705 §2): a client registered with tls_client_auth (a certificate of a CA the
// provider trusts, named by its subject) or self_signed_tls_client_auth (its own certificate, registered as a key)
// authenticates at the token endpoint by the certificate it presents. Judged only where the provider advertises the
// method (token_endpoint_auth_methods_supported): otherwise excused as not offered. Ory Hydra v2.3.0 does not offer
// either; the harness presents the certificate of OIDC_CLIENT_CERT_FILE / OIDC_CLIENT_KEY_FILE.
import { checksFor } from './types.ts';
import { SPEC } from './specs.ts';

const PKI = { clause: 'RFC 8705 §2.1, §2.1.2 (tls_client_auth)', url: SPEC.rfc(8705, '2.1') };
const SELF_SIGNED = { clause: 'RFC 8705 §2.2, §2.2.2 (self_signed_tls_client_auth)', url: SPEC.rfc(8705, '2.2') };

export const MTLS_REGISTRATION = checksFor('createOidcDynamicClient', 'POST /oauth2/register', {
  PKI_REGISTERED: {
    id: 'REG-MTLS-PKI-REGISTERED',
    severity: 'MUST',
    clause: 'RFC 8705 §2.1.2; RFC 7591 §3.2.1 (the response contains all registered metadata)',
    url: SPEC.rfc(8705, '2.1.2'),
    rule: 'a tls_client_auth client is registered with its tls_client_auth_subject_dn, and the response says both',
  },
  PKI_NO_SUBJECT: {
    id: 'REG-MTLS-PKI-NO-SUBJECT',
    severity: 'MUST',
    clause: 'RFC 8705 §2.1.2 (exactly one of the subject metadata MUST be used); RFC 7591 §3.2.2',
    url: SPEC.rfc(8705, '2.1.2'),
    rule: 'a tls_client_auth registration that names no subject of the certificate is refused with invalid_client_metadata',
  },
  SELF_SIGNED_REGISTERED: {
    id: 'REG-MTLS-SELF-SIGNED-REGISTERED',
    severity: 'MUST',
    clause: 'RFC 8705 §2.2.2 (the certificate registered as a key, jwks); RFC 7591 §3.2.1',
    url: SPEC.rfc(8705, '2.2.2'),
    rule: 'a self_signed_tls_client_auth client is registered with its certificate in jwks, and the response says the method',
  },
});

export const MTLS_TOKEN = checksFor('oauth2TokenExchange', 'POST /oauth2/token', {
  PKI_WORKS: {
    id: 'TOKEN-MTLS-PKI-WORKS',
    severity: 'MUST',
    ...PKI,
    rule: 'a tls_client_auth client that presents its certificate (subject as registered) gets a token for its client_id alone',
  },
  PKI_NO_CERTIFICATE: {
    id: 'TOKEN-MTLS-PKI-NO-CERTIFICATE',
    severity: 'MUST',
    ...PKI,
    rule: 'the same client without a client certificate is refused with invalid_client',
  },
  PKI_OTHER_SUBJECT: {
    id: 'TOKEN-MTLS-PKI-OTHER-SUBJECT',
    severity: 'MUST',
    ...PKI,
    rule: 'a tls_client_auth client registered for another subject is refused with invalid_client, whatever certificate the CA issued',
  },
  SELF_SIGNED_WORKS: {
    id: 'TOKEN-MTLS-SELF-SIGNED-WORKS',
    severity: 'MUST',
    ...SELF_SIGNED,
    rule: 'a self_signed_tls_client_auth client that presents the certificate it registered gets a token',
  },
  SELF_SIGNED_OTHER_KEY: {
    id: 'TOKEN-MTLS-SELF-SIGNED-OTHER-KEY',
    severity: 'MUST',
    ...SELF_SIGNED,
    rule: 'a self_signed_tls_client_auth client whose registered key is not the certificate presented is refused with invalid_client',
  },
});
