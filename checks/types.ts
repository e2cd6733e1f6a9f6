// What a check is: a named rule with its source. Suites judge; these types describe.
import type { Profile } from '../harness/config/settings.ts';

/** MUST and SHOULD come from the standards; ORY is Ory's documented contract (only in the `ory` profile). */
export type Severity = 'MUST' | 'SHOULD' | 'ORY';

export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped' | 'known' | 'fixed';

export interface CheckDef {
  /** Stable id, e.g. DISC-ISSUER-EXACT. Baselines and the mutation catalogue refer to it. */
  id: string;
  /** Ory operation id (or a supporting endpoint named in the same style, e.g. oauth2TokenExchange). */
  operation: string;
  /** `METHOD /path` the check judges. */
  request: string;
  severity: Severity;
  /** The clause, e.g. "OpenID Connect Discovery 1.0 §4.3", and where to read it. */
  clause: string;
  url: string;
  /** The rule in one line. */
  rule: string;
  /** Profiles the check belongs to; default: ORY checks only in `ory`, others in both. */
  profiles?: Profile[];
}

export interface CheckRecord {
  id: string;
  operation: string;
  request: string;
  severity: Severity;
  status: CheckStatus;
  specRef: string;
  specUrl: string;
  rule: string;
  message: string;
}

export function appliesTo(def: CheckDef, profile: Profile): boolean {
  return (def.profiles ?? (def.severity === 'ORY' ? ['ory'] : ['ory', 'standards'])).includes(profile);
}

/** Define the checks of one operation/request without repeating what they share. */
export function checksFor<K extends string>(
  operation: string,
  request: string,
  defs: Record<K, Omit<CheckDef, 'operation' | 'request'> & { request?: string }>,
): Record<K, CheckDef> {
  const out = {} as Record<K, CheckDef>;
  for (const [k, d] of Object.entries(defs) as Array<[K, Omit<CheckDef, 'operation' | 'request'> & { request?: string }]>) {
    out[k] = { operation, request, ...d };
  }
  return out;
}
