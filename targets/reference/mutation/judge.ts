// Did a run against a mutant (a reference target with one defect) catch it, and only it? A variant is
// caught only when its expected check passed on the clean run and fails on the variant because the
// provider broke its rule (cause `violation`), and no other check newly fails (other than those the
// defect breaks by construction). A blocked check never counts as a catch, and a blocked check that no
// failing check explains counts against the variant.
import type { Summary } from '../report/summary.ts';
import { checkKey, type CheckRecord } from '../../checks/catalogue/types.ts';
import { decide } from '../run/gate.ts';

export interface MutantVerdict {
  caught: boolean;
  /** Why not, in one line (empty when caught). */
  why: string;
  /** The expected check's status (and cause) in the mutant run. */
  expectedStatus: string;
  /** Checks that passed on the clean target and fail on the mutant (beyond what the defect allows). */
  alsoFailed: string[];
}

const failing = (c: CheckRecord) => c.status === 'failed' || c.status === 'warning';
const matches = (c: CheckRecord, id: string, request?: string) => c.id === id && (!request || c.request === request);

export function judgeMutant(
  mutant: Summary | undefined,
  clean: Summary,
  expected: { id: string; request?: string },
  allowed: string[] = [],
): MutantVerdict {
  if (!mutant) return { caught: false, why: 'the run produced no summary', expectedStatus: 'no summary', alsoFailed: [] };
  const cleanStatus = new Map(clean.checks.map((c) => [checkKey(c), c.status]));
  const hits = mutant.checks.filter((c) => matches(c, expected.id, expected.request));
  const expectedStatus = hits.map((c) => `${c.status}${c.cause ? ` (${c.cause})` : ''}`).join(', ') || 'not run';
  const cleanPassed = clean.checks.some((c) => matches(c, expected.id, expected.request) && c.status === 'passed');
  const caughtBy = hits.find((c) => failing(c) && c.cause === 'violation' && cleanStatus.get(checkKey(c)) === 'passed');
  const newly = mutant.checks.filter(
    (c) =>
      failing(c) &&
      !matches(c, expected.id, expected.request) &&
      !['failed', 'warning'].includes(cleanStatus.get(checkKey(c)) ?? '') && // it did not fail (or warn) on the clean run
      !allowed.includes(c.id),
  );
  const unexplained = decide(mutant.checks, {
    lenient: true,
    scope: { complete: true, interrupted: false, narrowedBy: [], judges: 'variant' },
  }).reasons.filter((r) => r.includes('blocked by a precondition'));
  const alsoFailed = [
    ...new Set([...newly.map((c) => `${c.id} ${c.status}${c.cause && c.cause !== 'violation' ? ` (${c.cause})` : ''}`), ...unexplained]),
  ];
  const why = !cleanPassed
    ? `${expected.id} does not pass on the clean reference, so failing proves nothing`
    : !caughtBy
      ? `${expected.id} is ${expectedStatus}, not failed for a violation`
      : alsoFailed.length
        ? `other checks failed too: ${alsoFailed.join('; ')}`
        : '';
  return { caught: !why, why, expectedStatus, alsoFailed };
}
