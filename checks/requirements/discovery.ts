// OpenID Connect Discovery 1.0 §3, §4: what GET /.well-known/openid-configuration must say.
import { SPEC } from '../catalogue/specs.ts';
import { MUST, SHOULD, client, gap, outOfScope, proved, section, unobservable, unproved, type Standard } from './types.ts';

const D = SPEC.discovery;
const CORS =
  'a check would send a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method) and expect Access-Control-Allow-Origin for that origin; CORS is a deployment setting of the provider (Hydra: serve.public.cors.enabled, off by default), so the check would warn on a default deployment, and the reference, which serves no CORS, would first need it behind an option of its own for a defect to show the check failing';

export const DISCOVERY: Standard = {
  key: 'discovery',
  short: 'Discovery',
  name: 'OpenID Connect Discovery 1.0',
  url: D,
  edition: 'incorporating errata set 2 (December 2023)',
  sections: [
    section('§3', 'OpenID Provider Metadata', `${D}#ProviderMetadata`, [
      MUST('issuer is REQUIRED: a URL using the https scheme with no query or fragment component', [
        'DISC-REQUIRED-MEMBERS',
        'DISC-ISSUER-FORM',
      ]),
      MUST(
        'issuer MUST be identical to the issuer WebFinger returns, if issuer discovery is supported',
        outOfScope('Hydra does not serve WebFinger issuer discovery (§2); the harness is given the issuer'),
      ),
      MUST('issuer MUST be identical to the iss Claim of the ID Tokens the issuer issues', ['DISC-ISSUER-EXACT', 'TOKEN-ID-ISS']),
      MUST('authorization_endpoint is REQUIRED', ['DISC-REQUIRED-MEMBERS']),
      MUST('token_endpoint is REQUIRED unless only the Implicit Flow is used', ['DISC-REQUIRED-MEMBERS']),
      MUST('the authorization, token, userinfo and registration endpoints and jwks_uri MUST use the https scheme', [
        'DISC-HTTPS-ENDPOINTS',
      ]),
      SHOULD('userinfo_endpoint is RECOMMENDED', ['DISC-USERINFO-ENDPOINT']),
      MUST(
        "jwks_uri is REQUIRED: the URL of the OP's JWK Set document",
        proved(['DISC-REQUIRED-MEMBERS', 'DISC-JWKS-FETCH', 'DISC-JWKS-KEYS-VALID'], 'discovery.unreachable-jwks-uri'),
      ),
      MUST(
        'when the JWK Set holds both signing and encryption keys, a use value is REQUIRED on every key',
        unproved(
          'needs a key set that mixes signing and encryption keys: this deployment, like Hydra, publishes signing keys only, so no defect can show the check failing (selftest/jwk.spec.ts proves the rule on hand-made sets)',
          'DISC-JWKS-USE-MIXED',
        ),
      ),
      SHOULD(
        'using the same key for both signatures and encryption is NOT RECOMMENDED',
        unproved(
          'needs a key set that publishes encryption keys: this deployment, like Hydra, publishes signing keys only, so no defect can show the check failing (selftest/jwk.spec.ts proves the rule on hand-made sets)',
          'DISC-JWKS-SIG-ENC-DISTINCT',
        ),
      ),
      MUST(
        'when x5c is used, the bare key values MUST still be present and MUST match those in the certificate',
        gap(
          "needs a key set with x5c certificates: the keys this deployment publishes, like those Hydra generates (POST /admin/keys/{set}), carry none, so a check that compares each certificate's public key with the key's bare n/e or x/y (DISC-JWKS-KEYS-VALID requires those) would have nothing to compare; it could run, and a defect show it failing, only where the admin API imports a certificate-bearing key into the ID-token set (Hydra's PUT /admin/keys/{set}/{kid}, which the reference does not serve) and the check removes it afterwards",
        ),
      ),
      MUST('the JWK Set MUST NOT contain private or symmetric key values', ['DISC-JWKS-PUBLIC-ONLY']),
      SHOULD('registration_endpoint is RECOMMENDED', ['DISC-REGISTRATION-ENDPOINT']),
      MUST('the server MUST support the openid scope value', proved(['TOKEN-RESPONSE-SCHEMA'], 'tokens.code-response-no-id-token')),
      SHOULD('scopes_supported is RECOMMENDED, and the scopes Core defines SHOULD be listed if supported', ['DISC-SCOPES-OPENID']),
      MUST('response_types_supported is REQUIRED', ['DISC-REQUIRED-MEMBERS', 'DISC-RESPONSE-TYPES-CODE']),
      MUST('Dynamic OpenID Providers MUST support the code, id_token and id_token token Response Types', ['DISC-DYNAMIC-RESPONSE-TYPES']),
      MUST('Dynamic OpenID Providers MUST support the authorization_code and implicit Grant Types', ['DISC-DYNAMIC-GRANT-TYPES']),
      MUST('subject_types_supported is REQUIRED', ['DISC-REQUIRED-MEMBERS']),
      MUST('id_token_signing_alg_values_supported is REQUIRED and MUST include RS256', ['DISC-REQUIRED-MEMBERS', 'DISC-ID-TOKEN-RS256']),
      MUST(
        'none MUST NOT be used for ID Tokens unless the Response Type returns no ID Token from the Authorization Endpoint',
        proved(['TOKEN-ID-SIGNATURE'], 'tokens.id-token-alg-none'),
      ),
      SHOULD(
        'servers SHOULD support none and RS256 for Request Objects (request_object_signing_alg_values_supported)',
        outOfScope('Request Objects are not used by the operations judged here'),
      ),
      SHOULD('servers SHOULD support RS256 for JWT client authentication (token_endpoint_auth_signing_alg_values_supported)', [
        'TOKEN-AUTH-PKJWT-WORKS',
      ]),
      MUST('none MUST NOT be used in token_endpoint_auth_signing_alg_values_supported', ['DISC-TOKEN-AUTH-SIGNING-NO-NONE']),
      SHOULD('claims_supported is RECOMMENDED', ['DISC-CLAIMS-SUPPORTED']),
      SHOULD(
        'the registration process SHOULD display op_policy_uri and op_tos_uri to the person registering the Client',
        unobservable("what a registration UI shows a person is not visible through the API; Hydra's registration is an API without a UI"),
      ),
      SHOULD('the token, userinfo, jwks_uri and registration endpoints SHOULD support CORS', gap(CORS)),
      SHOULD('CORS at the Authorization Endpoint is NOT RECOMMENDED', gap(CORS)),
    ]),
    section('§4', 'Obtaining OpenID Provider Configuration Information', `${D}#ProviderConfig`, [
      MUST(
        'an OP supporting Discovery MUST make a JSON document available at the Issuer followed by /.well-known/openid-configuration',
        unproved(
          "a defect that serves no document there (a 404, another path) would prove it; DISC-STATUS-200's defect changes only the status (203), DISC-ISSUER-EXACT's the issuer inside",
          'DISC-STATUS-200',
          'DISC-ISSUER-EXACT',
        ),
      ),
      MUST('openid-configuration MUST be returned using the application/json content type', ['DISC-CONTENT-TYPE-JSON']),
      SHOULD('the openid-configuration endpoint SHOULD support CORS', gap(CORS)),
    ]),
    section('§4.1', 'OpenID Provider Configuration Request', `${D}#ProviderConfigurationRequest`, [
      MUST('the configuration MUST be retrieved with an HTTP GET at that path', client('the RP fetches it; the harness does so')),
      MUST(
        'a terminating / of an Issuer with a path MUST be removed before appending /.well-known/openid-configuration',
        client('the RP builds the URL; the harness does so'),
      ),
    ]),
    section('§4.2', 'OpenID Provider Configuration Response', `${D}#ProviderConfigurationResponse`, [
      MUST('a successful response MUST use the 200 OK status code', ['DISC-STATUS-200']),
      MUST('a successful response MUST return a JSON object (application/json) whose members are Metadata values of §3, each of its type', [
        'DISC-CONTENT-TYPE-JSON',
        'DISC-SCHEMA',
      ]),
      MUST('Claims with zero elements MUST be omitted from the response', ['DISC-NO-EMPTY-ARRAYS']),
    ]),
    section('§4.3', 'OpenID Provider Configuration Validation', `${D}#ProviderConfigurationValidation`, [
      MUST('the issuer returned MUST be identical to the Issuer URL used to build the discovery URL', ['DISC-ISSUER-EXACT']),
      MUST('the issuer MUST also be identical to the iss Claim of ID Tokens from this Issuer', ['DISC-ISSUER-EXACT', 'TOKEN-ID-ISS']),
      MUST(
        'on a failed validation, operations needing that information MUST be aborted and it MUST NOT be used',
        client('the RP validates; the harness stops (blocks) on a failed precondition'),
      ),
    ]),
  ],
};
