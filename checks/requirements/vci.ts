// OpenID for Verifiable Credential Issuance, Implementer's Draft 1 (draft 13), as Ory's /credentials
// follows it: the key proof (§7.2) and the credential response and its errors (§7.3). Hydra implements an
// earlier draft under _draft_00 names (credential_draft_00, credentials_endpoint_draft_00), so every
// VC check has Ory's severity; the requirements below keep the draft's own levels.
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, outOfScope, proved, section, type Standard } from './types.ts';

const V = (name: string) => `${SPEC.vci}#name-${name}`;
const WALLET = "the Wallet builds the proof; the issuer's side is §7.2.2";

export const VCI: Standard = {
  key: 'vci',
  short: 'OpenID4VCI',
  name: 'OpenID for Verifiable Credential Issuance (ID1)',
  url: SPEC.vci,
  edition: "Implementer's Draft 1 (draft 13, February 2024), as Hydra's draft-00 endpoint follows it",
  sections: [
    section('§7', 'Credential Endpoint', V('credential-endpoint'), [
      MUST('communication with the Credential Endpoint MUST utilize TLS', ['DISC-HTTPS-ENDPOINTS']),
    ]),
    section('§7.2', 'Credential Request', V('credential-request'), [
      MUST('the proof object MUST contain proof_type', client(WALLET)),
      MUST('the proof MUST incorporate the Credential Issuer Identifier (audience) and a c_nonce', client(WALLET)),
    ]),
    section('§7.2.1.1', 'jwt Proof Type', V('jwt-proof-type'), [
      MUST('alg MUST NOT be none or a symmetric (MAC) algorithm', ['VC-REFUSE-PROOF-ALG-NONE', 'VC-REFUSE-PROOF-HMAC']),
      MUST('typ is REQUIRED and MUST be openid4vci-proof+jwt', ['VC-REFUSE-PROOF-TYP']),
      MUST('kid MUST NOT be present if jwk is, and jwk MUST NOT be present if kid is', ['VC-REFUSE-PROOF-KID-AND-JWK']),
      MUST('aud is REQUIRED and MUST be the Credential Issuer Identifier', ['VC-REFUSE-PROOF-AUD']),
      MUST('iat is REQUIRED: the time the key proof was issued', ['VC-REFUSE-PROOF-NO-IAT']),
      MUST('nonce MUST be present when the Wallet received a c_nonce; iss, if present, MUST be the client_id', client(WALLET)),
      MUST(
        'the Credential Issuer MUST validate that the proof is signed by a key identified in the JOSE Header',
        proved(['VC-REFUSE-WRONG-KEY'], 'credentials.proof-any-key'),
      ),
      SHOULD(
        'proof_signing_alg_values_supported values SHOULD be IANA JOSE algorithms',
        outOfScope(
          "Hydra's draft-00 metadata has no proof_signing_alg_values_supported: it advertises cryptographic_suites_supported, judged per algorithm by VC-ISSUE-<alg>",
        ),
      ),
    ]),
    section('§7.2.2', 'Verifying Proof', V('verifying-key-proof'), [
      MUST(
        'the issuer MUST ensure all required claims of the proof type are present',
        proved(['VC-REFUSE-PROOF-NO-IAT', 'VC-REFUSE-PROOF-AUD'], 'credentials.proof-iat-optional'),
      ),
      MUST('the issuer MUST ensure the proof is explicitly typed', ['VC-REFUSE-PROOF-TYP']),
      MUST('the issuer MUST ensure alg is a registered asymmetric algorithm, not none, supported and acceptable', [
        'VC-REFUSE-PROOF-ALG-NONE',
        'VC-REFUSE-PROOF-HMAC',
      ]),
      MUST(
        'the issuer MUST ensure the signature verifies with the public key in the header',
        proved(['VC-REFUSE-WRONG-KEY'], 'credentials.proof-any-key'),
      ),
      MUST('the issuer MUST ensure the header does not contain a private key', ['VC-REFUSE-PRIVATE-KEY']),
      MUST(
        'the issuer MUST ensure nonce matches the c_nonce it provided',
        proved(
          ['VC-REFUSE-WRONG-NONCE', 'VC-REFUSE-FOREIGN-NONCE', 'VC-REFUSE-EXPIRED-NONCE', 'VC-REFUSE-STALE-NONCE'],
          'credentials.nonce-unchecked',
          'credentials.nonce-unbound',
          'credentials.nonce-expiry-in-seconds',
          'credentials.replaced-nonce-accepted',
        ),
      ),
      MUST("the issuer MUST ensure the proof's creation time is within an acceptable window", [
        'VC-REFUSE-PROOF-OLD-IAT',
        'VC-REFUSE-EXPIRED-PROOF',
      ]),
    ]),
    section('§7.3', 'Credential Response', V('credential-response'), [
      MUST('a deferred issuance MUST use HTTP 202 with a transaction_id', outOfScope('Hydra issues immediately: no deferred issuance')),
      MUST('a requested encrypted response MUST be a JWT (application/jwt)', outOfScope('Hydra does not encrypt credential responses')),
      MUST('an unencrypted response MUST be application/json', ['VC-RESPONSE-CONTENT-TYPE']),
      MUST(
        'credential MUST be present when transaction_id is not (Hydra: credential_draft_00)',
        proved(['VC-ISSUE-EdDSA'], 'credentials.eddsa-no-credential'),
      ),
      MUST('the Wallet MUST use a c_nonce it receives for its next requests', client(WALLET)),
      MUST('notification_id MUST NOT be present without credential', outOfScope('Hydra has no notification endpoint')),
      MUST('the credential is in the format the request named (declarative)', ['VC-RESPONSE-SCHEMA', 'VC-PRIMING-FORMAT']),
    ]),
    section('§7.3.1.1', 'Authorization Errors', V('authorization-errors'), [
      MUST('a request without an Access Token that enables issuance gets an RFC 6750 §3 authorization error (declarative)', [
        'VC-REFUSE-NO-TOKEN',
        'VC-REFUSE-INVALID-TOKEN',
        'VC-REFUSE-REVOKED-TOKEN',
        'VC-REFUSE-NO-VC-SCOPE',
        'VC-CHALLENGE',
      ]),
    ]),
    section('§7.3.1.2', 'Credential Request Errors', V('credential-request-errors'), [
      MUST(
        'payload errors (format, proof, …) MUST use the error codes of this section, not invalid_request',
        proved(
          ['VC-REFUSE-FORMAT', 'VC-REFUSE-PROOF-TYPE', 'VC-REFUSE-WRONG-KEY', 'VC-REFUSE-WRONG-NONCE', 'VC-REFUSE-MISSING-PROOF'],
          'credentials.proof-signature-invalid-request',
          'credentials.nonce-invalid-request',
          'credentials.priming-missing-proof-code',
        ),
      ),
      MUST('an unsupported credential MUST be answered 400 with an application/json body', ['VC-REFUSE-FORMAT', 'VC-REFUSE-UNKNOWN-TYPE']),
      MUST('error is REQUIRED (SHOULD be one of the codes given); error_description MUST use only the characters given', [
        'VC-REFUSE-FORMAT',
        'VC-REFUSE-PROOF-TYPE',
        'VC-REFUSE-MISSING-PROOF',
      ]),
    ]),
    section('§7.3.2', 'Credential Issuer Provided Nonce', V('issuer-provided-nonce'), [
      MUST(
        'an issuer that requires a proof MUST give a c_nonce in the error response to a request without a valid one',
        proved(['VC-REFUSE-MISSING-PROOF', 'VC-PRIMING-NONCE'], 'credentials.priming-no-nonce', 'credentials.missing-proof-issues'),
      ),
      MUST(
        'the error response that gives the c_nonce MUST use the invalid_proof error code',
        proved(['VC-REFUSE-MISSING-PROOF'], 'credentials.priming-missing-proof-code'),
      ),
      MUST('the c_nonce MUST be incorporated in the proof', client(WALLET)),
    ]),
  ],
};
