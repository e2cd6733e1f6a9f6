// Does a run let a release through? Not only "nothing failed": a gate must not go vacuously green.
//   - a failed check fails it;
//   - a blocked check fails it unless a check that judges its precondition failed (or is known) in the run;
//   - with a baseline, a check that ran when the baseline was written and is now skipped or blocked (or,
//     in a complete run, absent) fails it;
//   - with OIDC_FAIL_ON_MUST_SKIP=1, a MUST check of the profile that was skipped or blocked fails it.
import { checkKey, type CheckRecord } from '../../checks/catalogue/types.ts';
import { RAN, type Baseline } from './baseline.ts';

export interface GateVerdict {
  passed: boolean;
  /** One line per reason the run fails, most important first. */
  reasons: string[];
  /** Checks of the baseline's ran-set that did not run now, with why. */
  notRun: Array<{ check: string; status: string; reason: string }>;
  must: { ran: number; total: number };
}

export interface GateOptions {
  baseline?: Pick<Baseline, 'ran' | 'path'>;
  failOnMustSkip: boolean;
  /** false when the run was narrowed (-g, OIDC_SUITES, a shard): absent checks prove nothing then. */
  complete: boolean;
}

const isMust = (c: CheckRecord) => c.severity === 'MUST' && c.skip !== 'profile' && !c.docs;
const failedRoot = (c: CheckRecord) => c.status === 'failed' || c.status === 'known' || c.status === 'warning';

export function decide(checks: CheckRecord[], o: GateOptions): GateVerdict {
  const reasons: string[] = [];
  const failed = checks.filter((c) => c.status === 'failed');
  if (failed.length) reasons.push(`${failed.length} check(s) failed`);

  const roots = new Set(checks.filter(failedRoot).map((c) => c.id));
  const unexplained = checks.filter(
    (c) =>
      c.status === 'blocked' &&
      !(c.blockedBy ?? []).some((id) => roots.has(id) || [...roots].some((r) => id.endsWith('*') && r.startsWith(id.slice(0, -1)))),
  );
  if (unexplained.length) {
    reasons.push(
      `${unexplained.length} check(s) blocked by a precondition that no failing check of this run explains: ${unexplained.map((c) => `${c.id} (blocked by ${c.blockedBy?.join(', ')})`).join(', ')}`,
    );
  }

  const notRun: GateVerdict['notRun'] = [];
  if (o.baseline?.ran) {
    const now = new Map(checks.map((c) => [checkKey(c), c]));
    for (const key of o.baseline.ran) {
      const c = now.get(key);
      if (c && !RAN.has(c.status)) notRun.push({ check: key, status: c.status, reason: c.message });
      else if (!c && o.complete) notRun.push({ check: key, status: 'absent', reason: 'not part of this run' });
    }
    if (notRun.length)
      reasons.push(`${notRun.length} check(s) ran when the baseline ${o.baseline.path ?? ''} was written but did not run now`);
  }

  const must = checks.filter(isMust);
  const mustRan = must.filter((c) => RAN.has(c.status));
  if (o.failOnMustSkip && mustRan.length < must.length)
    reasons.push(`OIDC_FAIL_ON_MUST_SKIP=1: ${must.length - mustRan.length} MUST check(s) did not run`);

  return { passed: reasons.length === 0, reasons, notRun, must: { ran: mustRan.length, total: must.length } };
}
