// How a real provider's run differs from its reviewed baseline, as lists a test can hold to be empty:
// a run "matches its baseline exactly" when every deviation it found is listed with the same finding,
// every listed deviation is still found, every check the baseline excuses is the one that did not run,
// and every reason is reviewed and cites the provider's source.
import { checkKey } from '../../checks/catalogue/types.ts';
import type { Summary } from '../../harness/report/summary.ts';
import { loadBaseline } from '../../harness/run/baseline.ts';

export interface BaselineMismatch {
  /** Failures and warnings the baseline does not know (with their finding and message). */
  unexpected: string[];
  /** Listed deviations the run did not find as listed (passed, another finding, did not run). */
  notFound: string[];
  /** Checks excused by the baseline that ran, and checks that did not run and that the baseline does not excuse. */
  excusedDiffer: { run: string[]; listed: string[] };
  /** Reasons that are not reviewed or cite no source. */
  unreviewed: string[];
}

/** `citation`: what every reason must cite (the provider's source at its tag). */
export function baselineMismatch(summary: Summary, path: string, citation: RegExp): BaselineMismatch {
  const baseline = loadBaseline(path); // throws on an entry without its finding, or an excuse left to review
  const deviating = summary.checks.filter((c) => !c.docs && (c.status === 'failed' || c.status === 'warning'));
  const known = new Set(summary.checks.filter((c) => c.status === 'known').map((c) => `${checkKey(c)} {${c.finding}}`));
  const listed = [...baseline.deviations.values()];
  const reasons = [...listed, ...baseline.excused.values()];
  return {
    unexpected: deviating.map((c) => `${checkKey(c)} {${c.finding}}: ${c.message}`),
    notFound: listed.map((d) => `${checkKey(d)} {${d.finding}}`).filter((k) => !known.has(k)),
    excusedDiffer: {
      run: summary.checks
        .filter((c) => c.excuse?.kind === 'baseline' || (c.status === 'skipped' && c.skip !== 'profile'))
        .map(checkKey)
        .sort(),
      listed: [...baseline.excused.keys()].sort(),
    },
    unreviewed: reasons.filter((r) => r.reason.startsWith('REVIEW') || !citation.test(r.reason)).map((r) => `${checkKey(r)}: ${r.reason}`),
  };
}
