// The checks of generated registration bodies (REG-FUZZ-*); the bodies: checks/rules/fuzz-bodies.ts.
import { checksFor } from './types.ts';
import { SPEC } from './specs.ts';

export const FUZZ = checksFor('createOidcDynamicClient', 'POST /oauth2/register', {
  NO_5XX: {
    id: 'REG-FUZZ-NO-5XX',
    severity: 'MUST',
    clause: 'RFC 7591 §3.2.2',
    url: SPEC.rfc(7591, '3.2.2'),
    rule: 'no generated body, valid or invalid, is answered with a 5xx',
  },
  VALID_ACCEPTED: {
    id: 'REG-FUZZ-VALID-ACCEPTED',
    severity: 'ORY',
    clause: 'Ory API reference: createOidcDynamicClient',
    url: SPEC.ory('createOidcDynamicClient'),
    rule: 'every generated valid body is registered (a 2xx with the new client)',
  },
  VALID_READ_BACK: {
    id: 'REG-FUZZ-VALID-READ-BACK',
    severity: 'ORY',
    clause: 'Ory API reference: getOidcDynamicClient',
    url: SPEC.ory('getOidcDynamicClient'),
    rule: 'every registered generated body reads back (GET) with the values sent',
    request: 'GET /oauth2/register/{id}',
  },
  INVALID_REFUSED: {
    id: 'REG-FUZZ-INVALID-REFUSED',
    severity: 'ORY',
    clause: 'Ory API reference: createOidcDynamicClient',
    url: SPEC.ory('createOidcDynamicClient'),
    rule: 'every generated invalid body (wrong type, fragment or relative redirect URI, unknown signing alg, jwks with jwks_uri, foreign post-logout URI) is refused with a 4xx',
  },
  ERROR_BODY: {
    id: 'REG-FUZZ-ERROR-BODY',
    severity: 'MUST',
    clause: 'RFC 7591 §3.2.2',
    url: SPEC.rfc(7591, '3.2.2'),
    rule: 'every refusal of a generated body carries a JSON error object (error, error_description)',
  },
});
