// Does a run let a release through? The gate fails closed: it passes only on a complete, uninterrupted run in which
// every MUST and ORY check of the profile reached a verdict (passed, or a baseline's known deviation) or was excused
// for a reason a person can read (the provider declares it does not offer the feature, the user excluded it by id,
// a reviewed baseline). In order:
//   - a failed check fails it (whatever else happened: a failure found is a failure);
//   - an interrupted or narrowed run is NOT DECIDED (unless the narrowing was declared the gate: a plan, or
//     OIDC_GATE_ON_SELECTION=1);
//   - a blocked check fails it unless a check that judges its precondition failed or is known (never a warning);
//   - a MUST or ORY check that was skipped (no evidence could be had) fails it, with what would make it run
//     (OIDC_GATE=lenient allows these, and the gate line says so);
//   - with a baseline, a check that ran when the baseline was written and did not reach a verdict now fails it.
import { checkKey, type CheckRecord } from '../../checks/catalogue/types.ts';
import { RAN, type Baseline } from './baseline.ts';

export type GateWord = 'passed' | 'failed' | 'not-decided';

/** What the run covered, as far as the gate is concerned. */
export interface RunScope {
  /** Every check of the scope reached the run (not narrowed by -g, OIDC_SUITES, a shard, --only…). */
  complete: boolean;
  /** The run stopped before its end (Ctrl-C, SIGTERM, a global timeout). */
  interrupted: boolean;
  /** How the run was narrowed, in the user's words (`-g REG-`, `shard 1/3`, `OIDC_SUITES=discovery`). */
  narrowedBy: string[];
  /** What the gate judges: the whole profile, an OIDF plan, or the declared selection. */
  judges: string;
}

export interface GateVerdict {
  verdict: GateWord;
  passed: boolean;
  /** One line per reason the run does not pass, most important first. */
  reasons: string[];
  /** MUST and ORY checks of the scope that did not reach a verdict and are not excused, with what would make them run. */
  notReached: Array<{ check: string; status: string; reason: string }>;
  /** Checks of the baseline's ran-set that did not reach a verdict now, with why. */
  notRun: Array<{ check: string; status: string; reason: string }>;
  /** MUST and ORY checks of the scope: how many reached a verdict, how many were excused, of how many. */
  must: { ran: number; excused: number; total: number };
  /** lenient: skipped MUST/ORY checks were allowed (OIDC_GATE=lenient). */
  mode: 'fail-closed' | 'lenient';
  judges: string;
}

export interface GateOptions {
  baseline?: Pick<Baseline, 'ran' | 'path'>;
  lenient: boolean;
  scope: RunScope;
}

export const WHOLE_PROFILE = 'every check of the profile';

/** A check the gate holds to a verdict: MUST or ORY in this profile, part of it, not documentation drift. */
const isGated = (c: CheckRecord) => (c.severity === 'MUST' || c.severity === 'ORY') && c.skip !== 'profile' && !c.docs;
const explainsBlock = (c: CheckRecord) => c.status === 'failed' || c.status === 'known';

export function decide(checks: CheckRecord[], o: GateOptions): GateVerdict {
  const reasons: string[] = [];
  const failed = checks.filter((c) => c.status === 'failed');
  if (failed.length) reasons.push(`${failed.length} check(s) failed`);

  const partial: string[] = [];
  if (o.scope.interrupted) partial.push('the run was interrupted before every check finished');
  if (!o.scope.complete)
    partial.push(
      `partial run (${o.scope.narrowedBy.join('; ') || 'not every check of the profile ran'}): it proves nothing about the rest`,
    );

  const roots = new Set(checks.filter(explainsBlock).map((c) => c.id));
  const rootFailed = (id: string) => roots.has(id) || (id.endsWith('*') && [...roots].some((r) => r.startsWith(id.slice(0, -1))));
  const unexplained = checks.filter((c) => c.status === 'blocked' && !c.docs && !(c.blockedBy ?? []).some(rootFailed));
  if (unexplained.length)
    reasons.push(
      `${unexplained.length} check(s) blocked by a precondition whose check did not fail: ${unexplained.map((c) => `${c.id} (blocked by ${c.blockedBy?.join(', ')})`).join(', ')}`,
    );

  const gated = checks.filter(isGated);
  const notReached = gated.filter((c) => c.status === 'skipped').map((c) => ({ check: checkKey(c), status: c.status, reason: c.message }));
  if (notReached.length && !o.lenient)
    reasons.push(`${notReached.length} MUST/ORY check(s) did not run and nothing excuses them (listed with what would make them run)`);

  const notRun: GateVerdict['notRun'] = [];
  if (o.baseline?.ran) {
    const now = new Map(checks.map((c) => [checkKey(c), c]));
    for (const key of o.baseline.ran) {
      const c = now.get(key);
      if (c && !RAN.has(c.status) && c.status !== 'excused') notRun.push({ check: key, status: c.status, reason: c.message });
      // Absent: gone from a whole-profile run; a plan or a declared selection leaves out what it does not judge.
      else if (!c && o.scope.complete && o.scope.judges === WHOLE_PROFILE)
        notRun.push({ check: key, status: 'absent', reason: 'not part of this run' });
    }
    if (notRun.length)
      reasons.push(`${notRun.length} check(s) ran when the baseline ${o.baseline.path ?? ''} was written but did not run now`);
  }

  const verdict: GateWord = failed.length ? 'failed' : partial.length ? 'not-decided' : reasons.length ? 'failed' : 'passed';
  return {
    verdict,
    passed: verdict === 'passed',
    reasons: failed.length ? [...reasons, ...partial] : [...partial, ...reasons],
    notReached,
    notRun,
    must: {
      ran: gated.filter((c) => RAN.has(c.status)).length,
      excused: gated.filter((c) => c.status === 'excused').length,
      total: gated.length,
    },
    mode: o.lenient ? 'lenient' : 'fail-closed',
    judges: o.scope.judges,
  };
}

/** The one line a run ends with. */
export function gateLine(g: GateVerdict, notes: string[] = []): string {
  const qualifiers = [
    ...(g.judges !== WHOLE_PROFILE ? [`judged on ${g.judges}`] : []),
    ...(g.mode === 'lenient' ? ['lenient: OIDC_GATE=lenient lets MUST/ORY checks that did not run pass'] : []),
    ...notes,
  ];
  const q = qualifiers.length ? ` [${qualifiers.join('; ')}]` : '';
  if (g.verdict === 'passed') return `GATE: PASSED${q}`;
  if (g.verdict === 'not-decided') return `GATE: NOT DECIDED${q} — ${g.reasons.join('; ')}`;
  return `GATE: FAILED${q} — ${g.reasons.join('; ')}`;
}

/** A run found cut off after its gate was decided (the runner saw the signal late): it is not decided, or stays failed. */
export function markInterrupted(s: { selection: RunScope; gate: GateVerdict; checks: CheckRecord[] }): void {
  s.selection.interrupted = true;
  const why = 'the run was interrupted before every check finished';
  if (!s.gate.reasons.includes(why)) s.gate.reasons.unshift(why);
  if (!s.checks.some((c) => c.status === 'failed')) s.gate.verdict = 'not-decided';
  s.gate.passed = false;
}
