// Verdict changes between two runs (summary.json of A and of B), keyed like a baseline: check id and request.
//
//   newly-failing    B fails a gate (failed or blocked), A did not (passed, warned, known, fixed, skipped, absent)  regression
//   changed-finding  failing in both, but the status, the finding or the blocking checks changed                     regression
//                    (warning in both with another finding: listed, not a regression)
//   no-longer-run    A ran it (any status but skipped/blocked), B skipped it or does not have it                    regression
//   newly-warning    B warns, A did not                                                                               not a regression (a SHOULD does not gate)
//   newly-passing    B passes (passed, fixed), A failed, was blocked, warned or was known                            not a regression
//   newly-run        B ran it (and does not fail), A skipped it or did not have it                                     not a regression
//   other            any other change of status (passed ↔ fixed, failed → known, skipped → absent, …)                  not a regression
//
// A changed message alone is no change (messages carry per-run details); a skipped check that stays skipped
// for another reason is no change either.
import type { CheckRecord, CheckStatus } from '../../checks/catalogue/types.ts';

export type VerdictChangeKind =
  'newly-failing' | 'changed-finding' | 'no-longer-run' | 'newly-warning' | 'newly-passing' | 'newly-run' | 'other';

export interface VerdictSide {
  status: CheckStatus | 'absent';
  cause?: string;
  finding?: string;
  message?: string;
  blockedBy?: string[];
  skip?: string;
}

export interface VerdictChange {
  kind: VerdictChangeKind;
  regression: boolean;
  id: string;
  request: string;
  operation: string;
  severity?: string;
  a: VerdictSide;
  b: VerdictSide;
}

type Cls = 'fail' | 'pass' | 'warn' | 'known' | 'skip' | 'absent';
const classOf = (s: CheckStatus | 'absent'): Cls =>
  s === 'failed' || s === 'blocked'
    ? 'fail'
    : s === 'passed' || s === 'fixed'
      ? 'pass'
      : s === 'warning'
        ? 'warn'
        : s === 'known'
          ? 'known'
          : s === 'skipped'
            ? 'skip'
            : 'absent';

const key = (c: { id: string; request: string }) => `${c.id} ${c.request}`;

function side(c: CheckRecord | undefined): VerdictSide {
  if (!c) return { status: 'absent' };
  return {
    status: c.status,
    ...(c.cause ? { cause: c.cause } : {}),
    ...(c.finding ? { finding: c.finding } : {}),
    ...(c.message ? { message: c.message } : {}),
    ...(c.blockedBy?.length ? { blockedBy: [...c.blockedBy].sort() } : {}),
    ...(c.skip ? { skip: c.skip } : {}),
  };
}

const sameFailure = (a: VerdictSide, b: VerdictSide) =>
  a.status === b.status && (a.finding ?? '') === (b.finding ?? '') && (a.blockedBy ?? []).join(',') === (b.blockedBy ?? []).join(',');

/** What kind of change A → B is, or undefined when it is none. */
export function classifyChange(a: VerdictSide, b: VerdictSide): { kind: VerdictChangeKind; regression: boolean } | undefined {
  const ca = classOf(a.status),
    cb = classOf(b.status);
  if (cb === 'fail') {
    if (ca !== 'fail') return { kind: 'newly-failing', regression: true };
    return sameFailure(a, b) ? undefined : { kind: 'changed-finding', regression: true };
  }
  if (cb === 'skip' || cb === 'absent') {
    if (ca === 'pass' || ca === 'warn' || ca === 'known' || (ca === 'fail' && a.status === 'failed'))
      return { kind: 'no-longer-run', regression: true };
    return a.status === b.status ? undefined : { kind: 'other', regression: false };
  }
  if (cb === 'warn') {
    if (ca !== 'warn') return { kind: 'newly-warning', regression: false };
    return (a.finding ?? '') === (b.finding ?? '') ? undefined : { kind: 'changed-finding', regression: false };
  }
  if (cb === 'pass') {
    if (ca === 'fail' || ca === 'warn' || ca === 'known') return { kind: 'newly-passing', regression: false };
    if (ca === 'skip' || ca === 'absent') return { kind: 'newly-run', regression: false };
    return a.status === b.status ? undefined : { kind: 'other', regression: false };
  }
  // cb === 'known'
  if (ca === 'skip' || ca === 'absent') return { kind: 'newly-run', regression: false };
  return a.status === b.status && (a.finding ?? '') === (b.finding ?? '') ? undefined : { kind: 'other', regression: false };
}

export const KIND_ORDER: readonly VerdictChangeKind[] = [
  'newly-failing',
  'changed-finding',
  'no-longer-run',
  'newly-warning',
  'newly-passing',
  'newly-run',
  'other',
];

/** Every verdict that changed from A to B, regressions first, then by check id and request. */
export function diffVerdicts(a: CheckRecord[], b: CheckRecord[]): VerdictChange[] {
  const ma = new Map(a.map((c) => [key(c), c]));
  const mb = new Map(b.map((c) => [key(c), c]));
  const out: VerdictChange[] = [];
  for (const k of [...new Set([...ma.keys(), ...mb.keys()])]) {
    const x = ma.get(k),
      y = mb.get(k);
    const change = classifyChange(side(x), side(y));
    if (!change) continue;
    const c = (y ?? x)!;
    out.push({ ...change, id: c.id, request: c.request, operation: c.operation, severity: c.severity, a: side(x), b: side(y) });
  }
  const rank = (c: VerdictChange) => KIND_ORDER.indexOf(c.kind) + (c.regression ? 0 : 100);
  return out.sort(
    (x, y) => rank(x) - rank(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || (x.request < y.request ? -1 : x.request > y.request ? 1 : 0),
  );
}
