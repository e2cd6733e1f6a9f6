// Check ids the clause matrix names before they are in the catalogue: they are being added now.
//
// THIS LIST MUST SHRINK TO NOTHING. When a check lands in checks/catalogue/, delete its line here (the
// catalogue's definition then wins: its operation and severity are the ones docs/coverage.md shows), run
// `npm run coverage`, and commit docs/coverage.md. `npm run coverage` names the ids that have landed.
import type { Severity } from '../catalogue/types.ts';

export interface PendingCheck {
  /** The Ory operation the check will judge. */
  operation: string;
  /** The severity it is expected to have; ORY ones are listed under "Ory's documented contract". */
  severity: Severity;
  /** The clause it was announced with. */
  clause: string;
}

const UI = 'getOidcUserInfo';
const LOGOUT = 'revokeOidcSession';
const CREATE = 'createOidcDynamicClient';
const UPDATE = 'setOidcDynamicClient';
const DELETE = 'deleteOidcDynamicClient';
const TOKEN = 'oauth2TokenExchange';
const VC = 'createVerifiableCredential';
const DISC = 'discoverOidcConfiguration';

export const PENDING_CHECKS: Readonly<Record<string, PendingCheck>> = {
  'UI-REFUSE-NO-OPENID-SCOPE': { operation: UI, severity: 'MUST', clause: 'OpenID Connect Core 1.0 §5.3; RFC 6750 §3.1' },
  'UI-QUERY-TOKEN-REFUSED': { operation: UI, severity: 'SHOULD', clause: 'RFC 6750 §2.3' },
  'UI-QUERY-TOKEN-PRIVATE': { operation: UI, severity: 'SHOULD', clause: 'RFC 6750 §2.3' },
  'LOGOUT-URI-OTHER-CLIENT': { operation: LOGOUT, severity: 'MUST', clause: 'RP-Initiated Logout 1.0 §3' },
  'LOGOUT-URI-EXACT': { operation: LOGOUT, severity: 'MUST', clause: 'RP-Initiated Logout 1.0 §3' },
  'LOGOUT-CLIENT-ID-MISMATCH': { operation: LOGOUT, severity: 'MUST', clause: 'RP-Initiated Logout 1.0 §2' },
  'REG-CREATE-FRONTCHANNEL-ORIGIN': { operation: CREATE, severity: 'MUST', clause: 'Front-Channel Logout 1.0 §2' },
  'REG-CREATE-BACKCHANNEL-ABSOLUTE': { operation: CREATE, severity: 'MUST', clause: 'Back-Channel Logout 1.0 §2.2' },
  'REG-UPDATE-OMITTED-REMOVED': { operation: UPDATE, severity: 'MUST', clause: 'RFC 7592 §2.2' },
  'REG-DELETE-AUTHZ-REFUSED': { operation: DELETE, severity: 'MUST', clause: 'RFC 7592 §2.3' },
  'REG-CREATE-DEFAULTS': { operation: CREATE, severity: 'MUST', clause: 'RFC 7591 §2' },
  'REG-CREATE-UNKNOWN-MEMBERS': { operation: CREATE, severity: 'MUST', clause: 'RFC 7591 §3.1' },
  'REG-CREATE-BODY-NOT-OBJECT': { operation: CREATE, severity: 'MUST', clause: 'RFC 7591 §3.1, §3.2.2' },
  'REG-ADMIN-UPDATE-KEEPS-RAT': { operation: UPDATE, severity: 'ORY', clause: "Ory's contract (admin API and registration API together)" },
  'TOKEN-ID-AUTH-TIME': { operation: TOKEN, severity: 'MUST', clause: 'OpenID Connect Core 1.0 §3.1.2.1 (max_age)' },
  'TOKEN-ID-ALG-REGISTERED': { operation: TOKEN, severity: 'MUST', clause: 'OpenID Connect Dynamic Client Registration 1.0 §2 (id_token_signed_response_alg)' },
  'TOKEN-ID-AZP': { operation: TOKEN, severity: 'MUST', clause: 'OpenID Connect Core 1.0 §2' },
  'TOKEN-ID-REFRESH': { operation: TOKEN, severity: 'MUST', clause: 'OpenID Connect Core 1.0 §12.2' },
  'VC-REFUSE-INVALID-TOKEN': { operation: VC, severity: 'ORY', clause: 'RFC 6750 §3' },
  'VC-REFUSE-REVOKED-TOKEN': { operation: VC, severity: 'ORY', clause: 'RFC 6750 §3' },
  'VC-REFUSE-NO-VC-SCOPE': { operation: VC, severity: 'ORY', clause: 'RFC 6750 §3' },
  'VC-CHALLENGE': { operation: VC, severity: 'ORY', clause: 'RFC 6750 §3' },
  'VC-REFUSE-PROOF-TYP': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'VC-REFUSE-PROOF-AUD': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'VC-REFUSE-PROOF-NO-IAT': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'VC-REFUSE-PROOF-ALG-NONE': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'VC-REFUSE-PROOF-HMAC': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'VC-REFUSE-PROOF-OLD-IAT': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'VC-REFUSE-STALE-NONCE': { operation: VC, severity: 'ORY', clause: 'OpenID4VCI ID1 §7.2' },
  'DISC-JWKS-USE-MIXED': { operation: DISC, severity: 'MUST', clause: 'OpenID Connect Discovery 1.0 §3' },
  'DISC-TOKEN-AUTH-SIGNING-NO-NONE': { operation: DISC, severity: 'MUST', clause: 'OpenID Connect Discovery 1.0 §3' },
  'DISC-DYNAMIC-RESPONSE-TYPES': { operation: DISC, severity: 'MUST', clause: 'OpenID Connect Discovery 1.0 §3' },
  'DISC-NO-EMPTY-ARRAYS': { operation: DISC, severity: 'MUST', clause: 'OpenID Connect Discovery 1.0 §4.2' },
};
