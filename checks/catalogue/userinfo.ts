// The checks of GET|POST /userinfo (getOidcUserInfo). No specification states cache headers for
// userinfo responses (Core §5.3 and RFC 6750 are silent), so there is no cache check here.
import { checksFor } from './types.ts';
import { CHALLENGE_SYNTAX, CHALLENGE_SYNTAX_RULE, SPEC } from './specs.ts';
import { CLAIM_SCOPES, SCOPE_CLAIMS, type ClaimScope } from '../rules/scope-claims.ts';

const C = SPEC.core;
const RESPONSE = { clause: 'OpenID Connect Core 1.0 §5.3.2', url: `${C}#UserInfoResponse` };
// The client is registered with userinfo_signed_response_alg RS256; the request is the ordinary GET.
const SIGNED = { ...RESPONSE, request: 'GET /userinfo' };
const NO_TOKEN = { clause: 'RFC 6750 §3; OpenID Connect Core 1.0 §5.3.3', url: SPEC.rfc(6750, '3') };
/** RFC 6750 §3.1: the refusal of a token names invalid_token (in the challenge's error attribute or the body's error). */
const INVALID_TOKEN = 'naming invalid_token in its challenge or body';
const REFUSALS = 'no token, a tampered token, a refresh token, a revoked token';

export const UI = checksFor('getOidcUserInfo', 'GET /userinfo', {
  GET_BEARER: {
    id: 'UI-GET-BEARER',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §5.3.1; RFC 6750 §2.1',
    url: `${C}#UserInfoRequest`,
    rule: 'GET with the access token in an Authorization: Bearer header answers 200',
  },
  POST_BEARER: {
    id: 'UI-POST-BEARER',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §5.3.1 (GET and POST MUST be supported); RFC 6750 §2.1',
    url: `${C}#UserInfoRequest`,
    rule: 'POST with the access token in an Authorization: Bearer header answers 200',
    request: 'POST /userinfo',
  },
  POST_FORM: {
    id: 'UI-POST-FORM',
    severity: 'ORY',
    clause: 'Ory API reference: getOidcUserInfo (form-encoded access_token); RFC 6750 §2.2 (MAY)',
    url: SPEC.ory('getOidcUserInfo'),
    rule: 'POST with access_token in a form-encoded body answers 200',
    request: 'POST /userinfo',
  },
  CONTENT_TYPE: { id: 'UI-CONTENT-TYPE-JSON', severity: 'MUST', ...RESPONSE, rule: 'an unsigned userinfo response is application/json' },
  SCHEMA: {
    id: 'UI-SCHEMA',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §5.3.2, §5.1',
    url: `${C}#StandardClaims`,
    rule: 'the userinfo response is a JSON object with sub, and every standard claim present has its type',
  },
  SUB: { id: 'UI-SUB-MATCHES-ID-TOKEN', severity: 'MUST', ...RESPONSE, rule: "the userinfo sub is exactly the ID token's sub" },
  GRANTED_CLAIMS: {
    id: 'UI-GRANTED-CLAIMS',
    severity: 'ORY',
    clause: "Ory API reference: getOidcUserInfo (the claims of the consent session's id_token)",
    url: SPEC.ory('getOidcUserInfo'),
    rule: 'the claims granted at consent (session.id_token) are returned with their values',
  },
  SIGNED_TYPE: {
    id: 'UI-SIGNED-CONTENT-TYPE',
    severity: 'MUST',
    ...SIGNED,
    rule: 'for a client registered with userinfo_signed_response_alg, the response is application/jwt',
  },
  SIGNED_SIGNATURE: {
    id: 'UI-SIGNED-SIGNATURE',
    severity: 'MUST',
    clause: 'OpenID Connect Core 1.0 §5.3.2, §10.1',
    url: `${C}#UserInfoResponse`,
    request: SIGNED.request,
    rule: "the signed userinfo response verifies with a key of the provider's JWKS, with the registered alg",
  },
  SIGNED_ISS: { id: 'UI-SIGNED-ISS', severity: 'MUST', ...SIGNED, rule: 'the signed userinfo response has iss equal to the issuer' },
  SIGNED_AUD: {
    id: 'UI-SIGNED-AUD',
    severity: 'MUST',
    ...SIGNED,
    rule: 'the signed userinfo response has an aud that is or contains the client_id',
  },
  REFUSE_NO_TOKEN: {
    id: 'UI-REFUSE-NO-TOKEN',
    severity: 'MUST',
    ...NO_TOKEN,
    rule: 'a request without an access token gets no claims (4xx)',
  },
  REFUSE_TAMPERED: {
    id: 'UI-REFUSE-TAMPERED-TOKEN',
    severity: 'MUST',
    clause: 'RFC 6750 §3.1 (invalid_token: malformed or invalid); OpenID Connect Core 1.0 §5.3.3',
    url: SPEC.rfc(6750, '3.1'),
    rule: `a request with a tampered access token gets no claims: a 4xx ${INVALID_TOKEN}`,
  },
  REFUSE_REFRESH: {
    id: 'UI-REFUSE-REFRESH-TOKEN',
    severity: 'MUST',
    clause: 'RFC 6749 §1.5 (refresh tokens never go to resource servers); RFC 6750 §3.1 (invalid_token: invalid for other reasons)',
    url: SPEC.rfc(6749, '1.5'),
    rule: `a request with a refresh token in place of the access token gets no claims: a 4xx ${INVALID_TOKEN}`,
  },
  REFUSE_REVOKED: {
    id: 'UI-REFUSE-REVOKED-TOKEN',
    severity: 'MUST',
    clause: 'RFC 7009 §2.2; RFC 6750 §3.1 (invalid_token: revoked)',
    url: SPEC.rfc(7009, '2.2'),
    rule: `a request with an access token revoked at the revocation_endpoint gets no claims: a 4xx ${INVALID_TOKEN}`,
  },
  REFUSE_NO_OPENID: {
    id: 'UI-REFUSE-NO-OPENID-SCOPE',
    severity: 'MUST',
    clause:
      'OpenID Connect Core 1.0 §5.3 (claims about the authenticated End-User, for an access token of an OpenID Connect authentication request); RFC 6750 §3.1 (insufficient_scope)',
    url: `${C}#UserInfo`,
    rule: 'an access token without the openid scope (a client_credentials token) gets no claims: 401 or 403, saying insufficient_scope or invalid_token',
  },
  QUERY_TOKEN_REFUSED: {
    id: 'UI-QUERY-TOKEN-REFUSED',
    severity: 'SHOULD',
    clause: 'RFC 6750 §2.3 (the URI query method SHOULD NOT be used: the token ends up in logs)',
    url: SPEC.rfc(6750, '2.3'),
    rule: 'an access token in the URL query (?access_token=) is not accepted',
  },
  QUERY_TOKEN_PRIVATE: {
    id: 'UI-QUERY-TOKEN-PRIVATE',
    severity: 'SHOULD',
    clause: 'RFC 6750 §2.3 (a 2xx answer to the query method SHOULD carry Cache-Control: private)',
    url: SPEC.rfc(6750, '2.3'),
    rule: 'when an access token in the URL query is accepted, the answer carries Cache-Control: private',
  },
  REFUSE_401: {
    id: 'UI-REFUSE-STATUS-401',
    severity: 'SHOULD',
    clause: 'RFC 6750 §3.1 (invalid_token: SHOULD respond 401)',
    url: SPEC.rfc(6750, '3.1'),
    rule: `every refusal (${REFUSALS}) answers 401`,
  },
  REFUSE_CHALLENGE: {
    id: 'UI-REFUSE-CHALLENGE',
    severity: 'MUST',
    clause: 'RFC 6750 §3',
    url: SPEC.rfc(6750, '3'),
    rule: `every refusal (${REFUSALS}) carries WWW-Authenticate with the Bearer scheme`,
  },
  REFUSE_CHALLENGE_SYNTAX: {
    id: 'UI-REFUSE-CHALLENGE-SYNTAX',
    severity: 'MUST',
    ...CHALLENGE_SYNTAX,
    rule: `every refusal's (${REFUSALS}) Bearer challenge is well-formed: ${CHALLENGE_SYNTAX_RULE}`,
  },
  REFUSE_CODE: {
    id: 'UI-REFUSE-INVALID-TOKEN-CODE',
    severity: 'SHOULD',
    clause: 'RFC 6750 §3 (SHOULD include error), §3.1 (invalid_token)',
    url: SPEC.rfc(6750, '3.1'),
    rule: 'a refused token (tampered, refresh, revoked) gets error="invalid_token" in the WWW-Authenticate challenge',
  },
  REFUSE_NO_CODE: {
    id: 'UI-REFUSE-NO-TOKEN-NO-CODE',
    severity: 'SHOULD',
    clause: 'RFC 6750 §3.1 (no authentication information: SHOULD NOT include an error code)',
    url: SPEC.rfc(6750, '3.1'),
    rule: 'a request without any token gets a Bearer challenge without an error attribute',
  },
  ...scopeChecks(),
  SCOPE_NOT_GRANTED: {
    id: 'UI-SCOPE-NOT-GRANTED',
    severity: 'SHOULD',
    clause:
      'OpenID Connect Core 1.0 §5.4 (the scopes associated with an access token determine what is available with it; profile, email, address and phone request their claims)',
    url: `${C}#ScopeClaims`,
    rule: 'a token granted openid alone (and, with the ory-admin driver, no claims at consent) gets none of the claims of the profile, email, address and phone scopes',
  },
});

/** UI-SCOPE-<SCOPE>: the OIDF suite's oidcc-scope-* modules (which warn: §5.4 makes the claims voluntary). */
function scopeChecks() {
  const def = (scope: ClaimScope) => ({
    id: `UI-SCOPE-${scope.toUpperCase()}`,
    severity: 'SHOULD' as const,
    clause: 'OpenID Connect Core 1.0 §5.4 (the claims the scope requests are returned from the UserInfo Endpoint; voluntary claims)',
    url: `${C}#ScopeClaims`,
    rule: `a token granted the ${scope} scope gets its claims (${SCOPE_CLAIMS[scope].join(', ')}): every one given at consent, with its value (ory-admin driver), else at least one`,
  });
  return Object.fromEntries(CLAIM_SCOPES.map((scope) => [`SCOPE_${scope.toUpperCase()}`, def(scope)])) as Record<
    `SCOPE_${Uppercase<ClaimScope>}`,
    ReturnType<typeof def>
  >;
}
