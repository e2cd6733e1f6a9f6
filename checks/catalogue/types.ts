// What a check is: a named rule with its source. Suites judge; these types describe.
import type { Profile } from '../../harness/config/settings.ts';

/** MUST and SHOULD come from the standards; ORY is Ory's documented contract (only in the `ory` profile). */
export type Severity = 'MUST' | 'SHOULD' | 'ORY';

/**
 * passed / failed / warning (a SHOULD that failed) / blocked (a precondition failed: the check that judges it is
 * named) / known and fixed (against a baseline) / excused (did not run, for a reason a person can read: the
 * provider declares it does not offer the feature, the user excluded it by id, or a reviewed baseline says why)
 * / skipped (did not run and nothing excuses it: it says what would make it run).
 */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'blocked' | 'known' | 'fixed' | 'excused' | 'skipped';
export const CHECK_STATUSES: readonly CheckStatus[] = ['passed', 'failed', 'warning', 'blocked', 'known', 'fixed', 'excused', 'skipped'];

/**
 * Why a check did not pass. violation: the provider broke the rule; no-answer: the target did not answer
 * (timeout, reset, unreachable); precondition: something earlier on the path failed; harness: our own bug.
 */
export type Cause = 'violation' | 'no-answer' | 'precondition' | 'harness';

/**
 * Why a check was skipped: `profile`, not part of the run's rules (another profile, or a rule about a document the run
 * was not given); `no-evidence`, no evidence could be had.
 */
export type SkipKind = 'profile' | 'no-evidence';

/**
 * Why a check that did not run is excused. not-offered: the provider declares it does not offer a feature the
 * profile makes optional (`member` names what it read); excluded: the user excluded it by id, with a reason;
 * baseline: a reviewed baseline lists it as not running, with the reason.
 */
export interface Excuse {
  kind: 'not-offered' | 'excluded' | 'baseline';
  reason: string;
  /** not-offered: the discovery member (or other declaration) the check read, e.g. `discovery end_session_endpoint`. */
  member?: string;
}

export interface CheckDef {
  /** Stable id, e.g. DISC-ISSUER-EXACT. Baselines and the mutation catalogue refer to it. */
  id: string;
  /** Ory operation id (or a supporting endpoint named in the same style, e.g. oauth2TokenExchange). */
  operation: string;
  /** `METHOD /path` the check judges. */
  request: string;
  /** The severity in the `standards` profile (and in `ory`, unless `orySeverity` says otherwise). */
  severity: Severity;
  /** The severity in the `ory` profile, where Ory's contract is stricter than the standard (e.g. SHOULD → ORY). */
  orySeverity?: Severity;
  /** The clause, e.g. "OpenID Connect Discovery 1.0 §4.3", and where to read it. */
  clause: string;
  url: string;
  /** The rule in one line. */
  rule: string;
  /** Profiles the check belongs to; default: ORY checks only in `ory`, others in both. */
  profiles?: Profile[];
  /** Documentation drift: judges Ory's docs against the provider, never a rule of the provider (reported apart). */
  docs?: boolean;
  /** Part of a run's rules only with this setting: `openapi` (the provider's own document in OIDC_OPENAPI). */
  needs?: 'openapi';
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
  /** Why it did not pass (failed, warning, blocked, known). */
  cause?: Cause;
  /** The stable code of a violation (failed, warning, known). */
  finding?: string;
  /** What the rule expected and what came back (violations). */
  expected?: unknown;
  actual?: unknown;
  /** The checks that judge the precondition that failed (blocked). */
  blockedBy?: string[];
  /** Why it was skipped (skipped). */
  skip?: SkipKind;
  /** Why it did not run and need not have (excused). */
  excuse?: Excuse;
  /** A known deviation: the baseline's reviewed reason, and which baseline (known). */
  known?: { reason: string; baseline?: string };
  /** A documentation-drift check: reported apart, never a finding about the provider. */
  docs?: boolean;
  /** In a batch run (harness/run/variants.ts): the target variant the check judged. */
  variant?: string;
  /** The suite file that declares it (tests/<suite>). */
  suite?: string;
  /** The shared scenarios (scenarios/shared.ts) whose outcome it judged. */
  scenarios?: string[];
}

/** The key of a check's verdict in a run: the same id can judge several requests (REG-AUTH-* per method). */
export const checkKey = (c: { id: string; request: string }) => `${c.id} ${c.request}`;

export function appliesTo(def: CheckDef, profile: Profile): boolean {
  return (def.profiles ?? (def.severity === 'ORY' ? ['ory'] : ['ory', 'standards'])).includes(profile);
}

export function severityIn(def: CheckDef, profile: Profile): Severity {
  return profile === 'ory' ? (def.orySeverity ?? def.severity) : def.severity;
}

type Entry = Omit<CheckDef, 'operation' | 'request'> & { request?: string };

/** Define the checks of one operation/request without repeating what they share. */
export function checksFor<K extends string>(operation: string, request: string, defs: Record<K, Entry>): Record<K, CheckDef> {
  const out = {} as Record<K, CheckDef>;
  for (const [k, d] of Object.entries(defs) as Array<[K, Entry]>) {
    out[k] = { operation, request, ...d };
  }
  return out;
}
