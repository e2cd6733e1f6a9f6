// Every check id must be shown able to fail: by a defect in the reference catalogue that it catches,
// or, for the few no single-defect provider can break, by an entry here with the reason.
import { ALL_CHECK_IDS } from '../../checks/catalogue/index.ts';
import { DEFECTS } from '../../targets/reference/defects.ts';

export const NOT_BREAKABLE_BY_ONE_DEFECT: Readonly<Record<string, string>> = {
  'REG-AUTH-DOCS-BASIC':
    "documentation drift: it already warns on every provider that follows RFC 7592 (the reference does); what would make it pass is a provider that does what Ory's docs say",
  'REG-AUTH-DOCS-POST':
    "documentation drift: it already warns on every provider that follows RFC 7592 (the reference does); what would make it pass is a provider that does what Ory's docs say",
  'REG-READ-RFC7592-MEMBERS':
    "standards profile only: RFC 7592 §3 wants the registration access token in every client information response, Ory's contract shows it once; the reference follows Ory (as Hydra does), so the check already fails on it in the standards profile (selftest/registration.spec.ts holds that), and a defect cannot turn a pass into a failure",
  'REG-UPDATE-RFC7592-MEMBERS': 'standards profile only: as REG-READ-RFC7592-MEMBERS, for the replace response',
  'UI-QUERY-TOKEN-REFUSED':
    'a SHOULD that the reference, like Hydra, does not follow (RFC 6750 §2.3 lets a resource server accept the query method): it warns on the clean reference, so no one defect can turn a pass into a warning; UI-QUERY-TOKEN-PRIVATE, which judges the accepted answer, has its defect',
  'VC-REFUSE-STALE-NONCE':
    'a SHOULD that the reference, like Hydra, does not follow (its c_nonces are stateless, valid until they expire): it warns on the clean reference, so no one defect can turn a pass into a warning',
  'DISC-JWKS-USE-MIXED':
    'applies only to a key set that mixes signing and encryption keys; the reference, like Hydra, publishes signing keys only, so no one defect turns a pass into a failure (the rule itself is proved on hand-made key sets in selftest/jwk.spec.ts)',
};

export interface Coverage {
  ids: number;
  covered: string[];
  explained: Array<[string, string]>;
  missing: string[];
}

export function coverage(): Coverage {
  const caught = new Set(Object.values(DEFECTS).map((d) => d.catches));
  const ids = [...ALL_CHECK_IDS].sort();
  return {
    ids: ids.length,
    covered: ids.filter((id) => caught.has(id)),
    explained: ids.filter((id) => !caught.has(id) && NOT_BREAKABLE_BY_ONE_DEFECT[id]).map((id) => [id, NOT_BREAKABLE_BY_ONE_DEFECT[id]!]),
    missing: ids.filter((id) => !caught.has(id) && !NOT_BREAKABLE_BY_ONE_DEFECT[id]),
  };
}
