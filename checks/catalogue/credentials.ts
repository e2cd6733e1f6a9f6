// The checks of POST /credentials (createVerifiableCredential): Ory's "UserInfo Verifiable
// Credentials" draft 00 on OpenID4VCI. The endpoint is Ory's own (a draft, advertised as
// credentials_endpoint_draft_00), so every check has ORY severity; the clauses name the draft text
// the rule comes from where there is one.
import { checksFor, type CheckDef } from './types.ts';
import { CHALLENGE_SYNTAX, CHALLENGE_SYNTAX_RULE, SPEC } from './specs.ts';
import { JOSE_SUITES, type JoseSuite } from '../rules/vc-proof.ts';

const ORY = SPEC.ory('createVerifiableCredential');
const VCI = (name: string) => `${SPEC.vci}#name-${name}`;
const W3C_VC = 'https://www.w3.org/TR/vc-data-model/';
const REQUEST = 'POST /credentials';

/** OpenID4VCI ID1 §7.3.1.2: a missing or invalid proof, or one not bound to the issuer's c_nonce, is invalid_proof. */
const INVALID_PROOF = '400 invalid_proof';
const PROOF_ERRORS = 'OpenID4VCI §7.3.1.2 (invalid_proof)';
/** A c_nonce the issuer does not take: invalid_proof in ID1 (§7.3.1.2), invalid_nonce in OpenID4VCI 1.0 (§8.3.1.2). */
const NONCE_REFUSED = "400 invalid_proof (or OpenID4VCI 1.0's invalid_nonce)";

const refusal = (id: string, what: string, clause: string, url: string, answer = '4xx') => ({
  id,
  severity: 'ORY' as const,
  clause,
  url,
  rule: `${what} is refused: ${answer}, an error body, no credential`,
});

export const VC = checksFor('createVerifiableCredential', REQUEST, {
  NONCE_TOKEN: {
    id: 'VC-NONCE-TOKEN',
    severity: 'ORY',
    clause: 'Ory API reference: createVerifiableCredential (c_nonce_draft_00 in the token response); OpenID4VCI §6.2',
    url: ORY,
    rule: 'a token response for the userinfo_credential_draft_00 scope carries c_nonce_draft_00 and c_nonce_expires_in_draft_00',
    request: 'POST /oauth2/token',
  },
  PRIMING_NONCE: {
    id: 'VC-PRIMING-NONCE',
    severity: 'ORY',
    clause: 'Ory API reference: createVerifiableCredential (priming); OpenID4VCI §7.3.2 (c_nonce in the error response)',
    url: VCI('credential-error-response'),
    rule: 'a request without proof is answered with a fresh c_nonce and c_nonce_expires_in',
  },
  PRIMING_FORMAT: {
    id: 'VC-PRIMING-FORMAT',
    severity: 'ORY',
    clause: 'Ory API reference: createVerifiableCredential (verifiableCredentialPrimingResponse.format)',
    url: ORY,
    rule: 'the priming answer names the credential format that was requested (jwt_vc_json)',
  },
  RESPONSE_SCHEMA: {
    id: 'VC-RESPONSE-SCHEMA',
    severity: 'ORY',
    clause: 'Ory API reference: createVerifiableCredential (verifiableCredentialResponse); OpenID4VCI §7.3',
    url: VCI('credential-response'),
    rule: 'a credential response is {format: jwt_vc_json, credential_draft_00: <compact JWS>}',
  },
  RESPONSE_CONTENT_TYPE: {
    id: 'VC-RESPONSE-CONTENT-TYPE',
    severity: 'ORY',
    clause: 'OpenID4VCI §7.3 (a Credential Response that is not encrypted MUST be application/json)',
    url: VCI('credential-response'),
    rule: 'a credential response (200) is served as application/json',
  },
  SIGNATURE: {
    id: 'VC-CREDENTIAL-SIGNATURE',
    severity: 'ORY',
    clause: 'Ory API reference: createVerifiableCredential (signed with the OpenID key); JWT VC (W3C VC Data Model 1.1 §6.3.1)',
    url: `${W3C_VC}#json-web-token`,
    rule: "the credential's signature verifies with a key of the provider's JWKS",
  },
  ISS: {
    id: 'VC-CREDENTIAL-ISS',
    severity: 'ORY',
    clause: 'W3C VC Data Model 1.1 §6.3.1 (iss is the issuer)',
    url: `${W3C_VC}#jwt-encoding`,
    rule: "the credential's iss is the provider's issuer",
  },
  SUBJECT: {
    id: 'VC-CREDENTIAL-SUBJECT',
    severity: 'ORY',
    clause:
      'Ory API reference: createVerifiableCredential (holder binding by did:jwk); W3C VC Data Model 1.1 §6.3.1 (sub = credentialSubject.id)',
    url: `${W3C_VC}#jwt-encoding`,
    rule: "the credential's sub and vc.credentialSubject.id are the did:jwk of the holder key that signed the proof",
  },
  CONTEXT: {
    id: 'VC-CREDENTIAL-CONTEXT-TYPE',
    severity: 'ORY',
    clause: 'W3C VC Data Model 1.1 §4.1 (@context), §4.3 (type)',
    url: `${W3C_VC}#contexts`,
    rule: 'vc.@context starts with https://www.w3.org/2018/credentials/v1 and vc.type has VerifiableCredential and every type the provider offers',
  },
  VALIDITY: {
    id: 'VC-CREDENTIAL-VALIDITY',
    severity: 'ORY',
    clause: 'RFC 7519 §4.1.4, §4.1.5; W3C VC Data Model 1.1 §6.3.1 (nbf/exp)',
    url: SPEC.rfc(7519, '4.1.4'),
    rule: 'a credential issued now is valid now: nbf (or iat) not in the future, exp not past (60 s of clock skew allowed)',
  },
  USER: {
    id: 'VC-CREDENTIAL-USER',
    severity: 'ORY',
    clause: 'Ory API reference: createVerifiableCredential (UserInfo credential)',
    url: ORY,
    rule: "vc.credentialSubject has the user's sub (the ID token's) and the claims granted at consent",
  },
  REFUSE_NO_TOKEN: {
    ...refusal(
      'VC-REFUSE-NO-TOKEN',
      'a request without an access token',
      'Ory API reference: createVerifiableCredential (401); RFC 6750 §3',
      ORY,
    ),
    rule: 'a request without an access token is refused with 401, an error body and no credential',
  },
  REFUSE_MISSING_PROOF: refusal(
    'VC-REFUSE-MISSING-PROOF',
    'a request without proof (priming)',
    'Ory API reference: createVerifiableCredential (priming answers 400); OpenID4VCI §7.3.1.2, §7.3.2 (the c_nonce comes in an invalid_proof error response)',
    VCI('issuer-provided-nonce'),
    INVALID_PROOF,
  ),
  REFUSE_FORMAT: refusal(
    'VC-REFUSE-FORMAT',
    'a request for an unsupported format',
    'OpenID4VCI §7.3.1.2 (unsupported_credential_format)',
    VCI('credential-request-errors'),
    '400 unsupported_credential_format',
  ),
  REFUSE_PROOF_TYPE: refusal(
    'VC-REFUSE-PROOF-TYPE',
    'a proof of an unsupported proof_type',
    `OpenID4VCI §7.2.1; ${PROOF_ERRORS}`,
    VCI('proof-types'),
    INVALID_PROOF,
  ),
  REFUSE_WRONG_KEY: refusal(
    'VC-REFUSE-WRONG-KEY',
    'a proof signed by another key than the one in its header',
    `OpenID4VCI §7.2.2 (verify the signature with the key in the header); ${PROOF_ERRORS}`,
    VCI('verifying-key-proof'),
    INVALID_PROOF,
  ),
  REFUSE_PROOF_KID_AND_JWK: refusal(
    'VC-REFUSE-PROOF-KID-AND-JWK',
    'a proof whose header carries both kid and jwk (the same key named twice)',
    `OpenID4VCI §7.2.1.1 (kid MUST NOT be present if jwk is, and jwk MUST NOT be present if kid is); ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_PRIVATE_KEY: refusal(
    'VC-REFUSE-PRIVATE-KEY',
    'a proof whose header carries a private key',
    `OpenID4VCI §7.2.1.1 (jwk: a public key; MUST NOT be a private key); ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_WRONG_NONCE: refusal(
    'VC-REFUSE-WRONG-NONCE',
    'a proof with a made-up nonce',
    `OpenID4VCI §7.2.2 (the nonce is the c_nonce the issuer gave); ${PROOF_ERRORS}`,
    VCI('verifying-key-proof'),
    NONCE_REFUSED,
  ),
  REFUSE_FOREIGN_NONCE: refusal(
    'VC-REFUSE-FOREIGN-NONCE',
    'a proof with a c_nonce issued for another access token',
    `Ory API reference: createVerifiableCredential (the nonce is bound to the access token); OpenID4VCI §7.2.2; ${PROOF_ERRORS}`,
    ORY,
    NONCE_REFUSED,
  ),
  REFUSE_EXPIRED_PROOF: refusal(
    'VC-REFUSE-EXPIRED-PROOF',
    'a proof whose exp has passed',
    `RFC 7519 §4.1.4 (MUST NOT be accepted after exp); ${PROOF_ERRORS}`,
    SPEC.rfc(7519, '4.1.4'),
    INVALID_PROOF,
  ),
  CHALLENGE: {
    id: 'VC-CHALLENGE',
    severity: 'MUST',
    profiles: ['ory'],
    clause: 'RFC 6750 §3 (a 401 includes WWW-Authenticate with the Bearer scheme)',
    url: SPEC.rfc(6750, '3'),
    rule: 'a request refused for its access token (none, or an invalid one) answers 401 with a Bearer WWW-Authenticate challenge',
  },
  CHALLENGE_SYNTAX: {
    id: 'VC-CHALLENGE-SYNTAX',
    severity: 'MUST',
    profiles: ['ory'],
    ...CHALLENGE_SYNTAX,
    rule: `every 401's (no access token, a tampered one) Bearer challenge is well-formed: ${CHALLENGE_SYNTAX_RULE}`,
  },
  REFUSE_INVALID_TOKEN: refusal(
    'VC-REFUSE-INVALID-TOKEN',
    'a request with a tampered access token',
    'RFC 6750 §3.1 (invalid_token); OpenID4VCI §7.3.1.1',
    SPEC.rfc(6750, '3.1'),
    'a 4xx naming invalid_token in its challenge or body',
  ),
  REFUSE_REVOKED_TOKEN: refusal(
    'VC-REFUSE-REVOKED-TOKEN',
    'a request with a revoked access token',
    'RFC 7009 §2.2; RFC 6750 §3.1 (invalid_token); OpenID4VCI §7.3.1.1',
    SPEC.rfc(7009, '2.2'),
    'a 4xx naming invalid_token in its challenge or body',
  ),
  REFUSE_NO_VC_SCOPE: refusal(
    'VC-REFUSE-NO-VC-SCOPE',
    'a request (with or without proof) with an access token without the userinfo_credential_draft_00 scope',
    'Ory API reference: createVerifiableCredential (scope userinfo_credential_draft_00); RFC 6750 §3.1 (insufficient_scope); OpenID4VCI §7.3.1.1',
    ORY,
    'a 4xx naming insufficient_scope in its challenge or body',
  ),
  REFUSE_UNKNOWN_TYPE: refusal(
    'VC-REFUSE-UNKNOWN-TYPE',
    'a request for a credential type the provider does not offer (types beside those of credentials_supported_draft_00)',
    'OpenID4VCI §7.3.1.2 (unsupported_credential_type: the requested Credential type is not supported); Ory API reference: createVerifiableCredential (types)',
    VCI('credential-request-errors'),
    '400 unsupported_credential_type',
  ),
  REFUSE_PROOF_TYP: refusal(
    'VC-REFUSE-PROOF-TYP',
    'a proof whose typ is not openid4vci-proof+jwt',
    `OpenID4VCI §7.2.1.1 (typ REQUIRED: openid4vci-proof+jwt), §7.2.2; ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_PROOF_AUD: refusal(
    'VC-REFUSE-PROOF-AUD',
    'a proof whose aud is not the credential issuer',
    `OpenID4VCI §7.2.1.1 (aud REQUIRED: the Credential Issuer Identifier), §7.2.2; ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_PROOF_NO_IAT: refusal(
    'VC-REFUSE-PROOF-NO-IAT',
    'a proof without iat',
    `OpenID4VCI §7.2.1.1 (iat REQUIRED); ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_PROOF_ALG_NONE: refusal(
    'VC-REFUSE-PROOF-ALG-NONE',
    'a proof with alg none',
    `OpenID4VCI §7.2.1.1 (alg MUST NOT be none or a MAC algorithm); ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_PROOF_HMAC: refusal(
    'VC-REFUSE-PROOF-HMAC',
    'a proof with a MAC algorithm (HS256)',
    `OpenID4VCI §7.2.1.1 (alg MUST NOT be none or a MAC algorithm); ${PROOF_ERRORS}`,
    VCI('jwt-proof-type'),
    INVALID_PROOF,
  ),
  REFUSE_PROOF_OLD_IAT: refusal(
    'VC-REFUSE-PROOF-OLD-IAT',
    'a proof whose iat is a day old',
    `OpenID4VCI §7.2.2 (the proof is fresh: iat within the issuer's window); ${PROOF_ERRORS}`,
    VCI('verifying-key-proof'),
    INVALID_PROOF,
  ),
  QUERY_TOKEN_REFUSED: {
    id: 'VC-QUERY-TOKEN-REFUSED',
    severity: 'SHOULD',
    profiles: ['ory'],
    clause: 'RFC 6750 §2.3 (the URI query method SHOULD NOT be used: the token ends up in logs; a resource server MAY support it)',
    url: SPEC.rfc(6750, '2.3'),
    rule: 'a credential request with the access token in the URL query (?access_token=, no Authorization header) gets no credential',
  },
  STALE_NONCE: {
    id: 'VC-REFUSE-STALE-NONCE',
    severity: 'SHOULD',
    profiles: ['ory'],
    clause: 'OpenID4VCI §7.2 (c_nonce: a fresh nonce replaces the earlier one); §11 (replay)',
    url: VCI('credential-request'),
    rule: 'a proof with a c_nonce that a later c_nonce for the same token replaced is refused (a provider whose nonces are stateless cannot: the finding says so)',
  },
  REFUSE_EXPIRED_NONCE: refusal(
    'VC-REFUSE-EXPIRED-NONCE',
    'a proof with an expired c_nonce',
    `OpenID4VCI §7.2.2; Ory API reference: createVerifiableCredential (c_nonce_expires_in); ${PROOF_ERRORS}`,
    VCI('verifying-key-proof'),
    NONCE_REFUSED,
  ),
});

/** Issuance with a key of each suite jose can make (skipped for the suites the provider does not advertise). */
export const VC_ISSUE = Object.fromEntries(
  JOSE_SUITES.map((alg) => [
    alg,
    {
      id: `VC-ISSUE-${alg}`,
      operation: 'createVerifiableCredential',
      request: REQUEST,
      severity: 'ORY',
      clause: 'Ory API reference: createVerifiableCredential; credentials_supported_draft_00.cryptographic_suites_supported',
      url: ORY,
      rule: `a proof signed by a fresh ${alg} holder key gets 200 with a credential`,
    } satisfies CheckDef,
  ]),
) as Record<JoseSuite, CheckDef>;
