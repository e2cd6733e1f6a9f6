// Did a run against a mutant (a reference target with one defect) catch it, and only it? A variant is caught only
// when all of these hold:
//   - its check (and request) passed on the clean run with the same features, and fails on the variant for a
//     violation of its rule, WITH THE DEFECT'S EXPECTED FINDING (a defect that trips its check through another
//     assertion proves nothing about the rule the defect is for);
//   - the variant's gate fails (a defect the gate lets through is a defect a release gets through with), or, for a
//     SHOULD, its check warns (a warning never fails a gate that is not strict);
//   - no other check newly fails, warns or is blocked without a failing root, beyond those the defect declares
//     it breaks by construction (`alsoFails`).
import type { Summary } from '../../../harness/report/summary.ts';
import { checkKey, type CheckRecord } from '../../../checks/catalogue/types.ts';

export interface MutantVerdict {
  caught: boolean;
  /** Why not, in one line (empty when caught). */
  why: string;
  /** The expected check's status (cause and finding) in the mutant run. */
  expectedStatus: string;
  /** Checks that passed on the clean target and fail on the mutant (beyond what the defect allows). */
  alsoFailed: string[];
}

export interface Expectation {
  id: string;
  request?: string;
  /** The finding the check must fail with. */
  finding?: string;
}

const failing = (c: CheckRecord) => c.status === 'failed' || c.status === 'warning';
const matches = (c: CheckRecord, id: string, request?: string) => c.id === id && (!request || c.request === request);
const describe = (c: CheckRecord) => `${c.status}${c.cause ? ` (${c.cause}${c.finding ? ` ${c.finding}` : ''})` : ''}`;

export function judgeMutant(
  mutant: Summary | undefined,
  clean: Summary,
  expected: Expectation,
  allowed: string[] = [],
  /** Checks the variant did not run (a focused plan): a block by one of them may have a failing root. */
  unjudged: string[] = [],
): MutantVerdict {
  if (!mutant) return { caught: false, why: 'the run produced no summary', expectedStatus: 'no summary', alsoFailed: [] };
  const cleanStatus = new Map(clean.checks.map((c) => [checkKey(c), c.status]));
  const hits = mutant.checks.filter((c) => matches(c, expected.id, expected.request));
  const expectedStatus = hits.map(describe).join(', ') || 'not run';
  const cleanPassed = clean.checks.some((c) => matches(c, expected.id, expected.request) && c.status === 'passed');
  const violated = hits.filter((c) => failing(c) && c.cause === 'violation' && cleanStatus.get(checkKey(c)) === 'passed');
  const caughtBy = violated.find((c) => !expected.finding || c.finding === expected.finding);
  const newly = mutant.checks.filter(
    (c) =>
      failing(c) &&
      !matches(c, expected.id, expected.request) &&
      !['failed', 'warning'].includes(cleanStatus.get(checkKey(c)) ?? '') && // it did not fail (or warn) on the clean run
      !allowed.includes(c.id),
  );
  // A block no failure of this run explains: the defect stopped a check without any check saying why.
  const failedIds = new Set(mutant.checks.filter((c) => c.status === 'failed' || c.status === 'known').map((c) => c.id));
  const unexplained = mutant.checks.filter(
    (c) => c.status === 'blocked' && !(c.blockedBy ?? []).some((id) => failedIds.has(id) || allowed.includes(id) || unjudged.includes(id)),
  );
  const alsoFailed = [
    ...new Set([
      ...newly.map((c) => `${c.id} ${c.request} ${describe(c)}`),
      ...unexplained.map((c) => `${c.id} ${c.request} blocked by ${c.blockedBy?.join(', ')}, which did not fail`),
    ]),
  ];
  // A SHOULD warns and never fails a gate that is not strict: its warning is what the reader sees.
  const gateHeld = mutant.gate.verdict !== 'passed' || (caughtBy?.severity === 'SHOULD' && caughtBy.status === 'warning');
  const why = !cleanPassed
    ? `${expected.id}${expected.request ? ` ${expected.request}` : ''} does not pass on the clean reference, so failing proves nothing`
    : !violated.length
      ? `${expected.id} is ${expectedStatus}, not failed for a violation`
      : !caughtBy
        ? `${expected.id} fails with ${violated.map((c) => c.finding).join(', ')}, not the defect's finding ${expected.finding}`
        : !gateHeld
          ? `the gate passed: ${mutant.gate.reasons.join('; ') || 'nothing held it'}`
          : alsoFailed.length
            ? `other checks failed too: ${alsoFailed.join('; ')}`
            : '';
  return { caught: !why, why, expectedStatus, alsoFailed };
}
