// Who may manage a registered client (GET, PUT and DELETE /oauth2/register/{id}). Each rule is
// judged once per operation, under the same id, so the report shows it under each operation.
import { checksFor, type CheckDef } from './types.ts';
import { CHALLENGE_SYNTAX, CHALLENGE_SYNTAX_RULE, SPEC } from './specs.ts';

const R7592 = { clause: 'RFC 7592 §2; RFC 6750 §3.1', url: SPEC.rfc(7592, '2') };

export type ManageMethod = 'GET' | 'PUT' | 'DELETE';
export const MANAGE_OPERATIONS: Record<ManageMethod, string> = {
  GET: 'getOidcDynamicClient',
  PUT: 'setOidcDynamicClient',
  DELETE: 'deleteOidcDynamicClient',
};

function authChecks(method: ManageMethod) {
  return checksFor(MANAGE_OPERATIONS[method], `${method} /oauth2/register/{id}`, {
    MISSING: { id: 'REG-AUTH-MISSING', severity: 'MUST', ...R7592, rule: 'a request without credentials is refused with 401' },
    MALFORMED: {
      id: 'REG-AUTH-MALFORMED',
      severity: 'MUST',
      clause: 'RFC 7592 §2; RFC 6750 §2.1, §3.1',
      url: SPEC.rfc(6750, '3.1'),
      rule: 'a bearer value that is not a token (not b64token syntax) is refused (400 invalid_request or 401)',
    },
    WRONG: {
      id: 'REG-AUTH-WRONG',
      severity: 'MUST',
      ...R7592,
      rule: 'a well-formed token that was never issued is refused with 401 and the RFC 6750 error invalid_token (in the challenge or the body)',
    },
    OTHER_CLIENT: {
      id: 'REG-AUTH-OTHER-CLIENT',
      severity: 'MUST',
      ...R7592,
      rule: "another client's registration access token is refused with 401 and the RFC 6750 error invalid_token",
    },
    DELETED_CLIENT: {
      id: 'REG-AUTH-DELETED-CLIENT',
      severity: 'MUST',
      clause: 'RFC 7592 §2.1, §2.3; RFC 6750 §3.1',
      url: SPEC.rfc(7592, '2.3'),
      rule: "after a delete the client's registration access token is refused with 401 and the RFC 6750 error invalid_token (for DELETE: a second delete is refused)",
    },
    ROTATED: {
      id: 'REG-AUTH-ROTATED',
      severity: 'ORY',
      clause: 'Ory API reference: setOidcDynamicClient',
      url: SPEC.ory('setOidcDynamicClient'),
      rule: 'a registration access token that a replace rotated out is refused with 401',
    },
    UNKNOWN_CLIENT: {
      id: 'REG-AUTH-UNKNOWN-CLIENT',
      severity: 'MUST',
      clause: 'RFC 7592 §2.1, §2.2, §2.3 (client does not exist: 401)',
      url: SPEC.rfc(7592, '2.1'),
      rule: 'an unknown client id (with a valid registration access token of another client) gets 401',
    },
    UNKNOWN_CLIENT_SAME: {
      id: 'REG-AUTH-UNKNOWN-CLIENT-SAME-ERROR',
      severity: 'ORY',
      clause: 'Ory API reference: getOidcDynamicClient (401 for an unknown client and a wrong token alike)',
      url: SPEC.ory('getOidcDynamicClient'),
      rule: 'an unknown client id gets the same error as a wrong token (the same challenge error, body error and error_description; the wrong token must get one), so nobody can probe which clients exist',
    },
    WWW_AUTHENTICATE: {
      id: 'REG-AUTH-WWW-AUTHENTICATE',
      severity: 'MUST',
      clause: 'RFC 6750 §3',
      url: SPEC.rfc(6750, '3'),
      rule: 'every 401 carries a WWW-Authenticate header with the Bearer scheme',
    },
    CHALLENGE_SYNTAX: {
      id: 'REG-AUTH-CHALLENGE-SYNTAX',
      severity: 'MUST',
      ...CHALLENGE_SYNTAX,
      rule: `every 401's (no credentials, a wrong token) Bearer challenge is well-formed: ${CHALLENGE_SYNTAX_RULE}`,
    },
  });
}

export const AUTH: Record<ManageMethod, ReturnType<typeof authChecks>> = {
  GET: authChecks('GET'),
  PUT: authChecks('PUT'),
  DELETE: authChecks('DELETE'),
};

/** Ory's contract across its two APIs: a dynamically registered client keeps its registration access token when the admin API updates it. */
export const CROSS_API = checksFor('getOidcDynamicClient', 'GET /oauth2/register/{id}', {
  ADMIN_UPDATE_KEEPS_RAT: {
    id: 'REG-ADMIN-UPDATE-KEEPS-RAT',
    severity: 'ORY',
    clause: 'Ory API reference: getOidcDynamicClient with patchOAuth2Client and setOAuth2Client (admin); ory/hydra#4093',
    url: SPEC.ory('getOidcDynamicClient'),
    rule: 'after the admin API updates a dynamically registered client (PATCH and PUT /admin/clients/{id}), its registration access token still reads it, as it did before the update',
  },
});

/** Ory's docs say the client's own credentials work here; Hydra (and RFC 7592) accept only the token. */
export const DOCS = checksFor('getOidcDynamicClient', 'GET /oauth2/register/{id}', {
  BASIC: {
    id: 'REG-AUTH-DOCS-BASIC',
    severity: 'ORY',
    docs: true,
    clause: 'Ory API reference: getOidcDynamicClient (authentication)',
    url: SPEC.ory('getOidcDynamicClient'),
    rule: "a client_secret_basic client can read its registration with its own id and secret in HTTP Basic, as Ory's docs say",
  },
  POST: {
    id: 'REG-AUTH-DOCS-POST',
    severity: 'ORY',
    docs: true,
    clause: 'Ory API reference: getOidcDynamicClient (authentication)',
    url: SPEC.ory('getOidcDynamicClient'),
    rule: "a client_secret_post client can read its registration with client_secret in the query, as Ory's docs say",
  },
}) satisfies Record<string, CheckDef>;
