// Every check must be shown able to fail, per id and request (an id that judges several requests, such as
// REG-AUTH-MISSING on GET, PUT and DELETE, needs a defect for each): by a defect in the reference catalogue that it
// catches, or, for the few no single-defect provider can break, by an entry here with the reason (per id).
import { ALL_CHECKS } from '../../../checks/catalogue/index.ts';
import { checkKey } from '../../../checks/catalogue/types.ts';
import { DEFECTS } from '../defects.ts';

export const NOT_BREAKABLE_BY_ONE_DEFECT: Readonly<Record<string, string>> = {
  'REG-AUTH-DOCS-BASIC':
    "documentation drift: it already warns on every provider that follows RFC 7592 (the reference does); what would make it pass is a provider that does what Ory's docs say",
  'REG-AUTH-DOCS-POST':
    "documentation drift: it already warns on every provider that follows RFC 7592 (the reference does); what would make it pass is a provider that does what Ory's docs say",
  'REG-READ-RFC7592-MEMBERS':
    "standards profile only: RFC 7592 §3 wants the registration access token in every client information response, Ory's contract shows it once; the reference follows Ory (as Hydra does), so the check already fails on it in the standards profile (selftest/registration.spec.ts holds that), and a defect cannot turn a pass into a failure",
  'REG-UPDATE-RFC7592-MEMBERS': 'standards profile only: as REG-READ-RFC7592-MEMBERS, for the replace response',
  'LOGOUT-ONLY-STATE':
    "standards profile only: a logout request with state and no id_token_hint; the reference follows Ory's contract, which refuses it (LOGOUT-ORY-STATE-WITHOUT-HINT, proved by its defect), so it fails on the clean reference in the standards profile with error:invalid_request (selftest/logout.spec.ts holds that) and no defect can turn a pass into a failure; oidc-provider passes it",
  'DISC-JWKS-SIG-ENC-DISTINCT':
    'applies only to a key set that publishes encryption keys; the reference, like Hydra, publishes signing keys only, so no one defect turns a pass into a failure (the rule itself is proved on hand-made key sets in selftest/jwk.spec.ts)',
  'DISC-JWKS-USE-MIXED':
    'applies only to a key set that mixes signing and encryption keys; the reference, like Hydra, publishes signing keys only, so no one defect turns a pass into a failure (the rule itself is proved on hand-made key sets in selftest/jwk.spec.ts)',
};

export interface Coverage {
  /** Check id × request pairs of the catalogue. */
  pairs: number;
  covered: string[];
  explained: Array<[string, string]>;
  missing: string[];
}

/**
 * `id request` of every pair a defect is declared to break: an id that judges one request needs no `request` in its
 * defect; one that judges several needs a defect naming each request.
 */
function brokenPairs(): Set<string> {
  const out = new Set<string>();
  for (const d of Object.values(DEFECTS)) {
    const judged = ALL_CHECKS.filter((c) => c.id === d.catches);
    for (const c of judged) if (d.request ? c.request === d.request : judged.length === 1) out.add(checkKey(c));
  }
  return out;
}

export function coverage(): Coverage {
  const caught = brokenPairs();
  const pairs = [...new Set(ALL_CHECKS.map(checkKey))].sort();
  const idOf = (pair: string) => pair.split(' ')[0]!;
  return {
    pairs: pairs.length,
    covered: pairs.filter((p) => caught.has(p)),
    explained: pairs
      .filter((p) => !caught.has(p) && NOT_BREAKABLE_BY_ONE_DEFECT[idOf(p)])
      .map((p) => [p, NOT_BREAKABLE_BY_ONE_DEFECT[idOf(p)]!]),
    missing: pairs.filter((p) => !caught.has(p) && !NOT_BREAKABLE_BY_ONE_DEFECT[idOf(p)]),
  };
}
