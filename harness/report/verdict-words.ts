// The harness's own words for a verdict, as the report and the console say them: the first line a reader of a check
// sees, with its cause, the check that blocked it, or the reason it was excused or did not run.
import type { CheckRecord } from '../../checks/catalogue/types.ts';

const EXCUSES = {
  'not-offered': 'the provider declares it does not offer this',
  excluded: 'excluded by the user',
  baseline: 'excused by the baseline',
} as const;

/** One line: the verdict word and what qualifies it. */
export function verdictHeadline(c: CheckRecord): string {
  switch (c.status) {
    case 'passed':
      return 'PASSED';
    case 'failed':
      return c.cause === 'violation'
        ? `FAILED: the provider broke the rule (finding ${c.finding})`
        : c.cause === 'no-answer'
          ? 'FAILED: no answer from the provider'
          : c.cause === 'harness'
            ? 'FAILED: a harness error (not a finding about the provider)'
            : `FAILED (${c.cause})`;
    case 'blocked':
      return `BLOCKED by ${c.blockedBy?.join(', ')}: a precondition failed, so this rule was not reached (not a pass)`;
    case 'warning':
      return c.docs
        ? "DOCUMENTATION DRIFT: Ory's docs disagree with the provider (not a finding about the provider)"
        : `WARNING: a SHOULD the provider does not follow (finding ${c.finding}); it does not fail the gate unless strict`;
    case 'known':
      return `KNOWN DEVIATION (${c.known?.baseline ?? 'baseline'}): ${c.known?.reason ?? c.message} (finding ${c.finding})`;
    case 'fixed':
      return 'FIXED: it passes although the baseline lists it as a known deviation (trim the baseline)';
    case 'excused':
      return `EXCUSED, ${c.excuse ? EXCUSES[c.excuse.kind] : 'excused'}${c.excuse?.member ? ` (${c.excuse.member})` : ''}: ${c.excuse?.reason ?? c.message}`;
    case 'skipped':
      return c.skip === 'profile' ? `NOT PART OF THIS RUN: ${c.message}` : `DID NOT RUN (nothing excuses it): ${c.message}`;
  }
}

/** The report's categories, in the order a reader takes them; each check falls in the first that matches. */
export const REPORT_CATEGORIES: Array<{ name: string; labels: Record<string, string> }> = [
  { name: 'Provider violations', labels: { checkStatus: 'failed', cause: 'violation' } },
  { name: 'No answer from the provider', labels: { checkStatus: 'failed', cause: 'no-answer' } },
  { name: 'Harness errors (not about the provider)', labels: { checkStatus: 'failed', cause: 'harness' } },
  { name: 'Blocked by a failed precondition', labels: { checkStatus: 'blocked' } },
  { name: 'Known deviations (baseline)', labels: { checkStatus: 'known' } },
  { name: 'Documentation drift', labels: { checkStatus: 'warning', drift: 'yes' } },
  { name: 'SHOULD warnings', labels: { checkStatus: 'warning' } },
  { name: 'Did not run (nothing excuses it)', labels: { checkStatus: 'skipped', notRun: 'yes' } },
  { name: 'Excused', labels: { checkStatus: 'excused' } },
];
