// A baseline from a run's summary: the deviations (failed, warned, known) keyed by check id and request,
// each with its finding, and the ran-set. Reviewed reasons of an earlier baseline are kept when the
// same deviation (id, request, finding) is still there; new ones say REVIEW: until a person rewrites them.
import { checkKey, type CheckRecord } from '../../checks/catalogue/types.ts';
import type { Summary } from '../report/summary.ts';
import { RAN, type BaselineExcuse, type Deviation } from './baseline.ts';

export interface BaselineFile {
  target: string;
  profile: string;
  written: string;
  deviations: Deviation[];
  /** Checks that did not run against this provider, each with a reason a person reviewed. */
  excused: BaselineExcuse[];
  ran: string[];
}

const isDeviation = (c: CheckRecord) =>
  (c.status === 'failed' || c.status === 'warning' || c.status === 'known') && !c.docs && !c.id.startsWith('OAS-');
/** The same deviation as an earlier entry: same id, and the same request and finding where the earlier entry says them. */
const sameDeviation = (old: Partial<Deviation>, fresh: Deviation) =>
  old.id === fresh.id && (!old.request || old.request === fresh.request) && (!old.finding || old.finding === fresh.finding);

export function writeBaseline(
  summary: Summary,
  previous?: { target?: string; deviations?: Deviation[]; excused?: BaselineExcuse[] },
): BaselineFile {
  const deviations = summary.checks.filter(isDeviation).map((c): Deviation => {
    const fresh: Deviation = { id: c.id, request: c.request, finding: c.finding ?? '', reason: '', clause: c.specRef };
    const kept = previous?.deviations?.find((d) => sameDeviation(d, fresh));
    return { ...fresh, reason: kept?.reason ?? `REVIEW: ${c.message.replace(/ — known deviation: .*$/, '')}` };
  });
  return {
    target: previous?.target ?? `${summary.target.baseUrl}${summary.target.providerVersion ? ` (${summary.target.providerVersion})` : ''}`,
    profile: summary.target.profile,
    written: new Date().toISOString().slice(0, 10),
    deviations: deviations.sort((a, b) => checkKey(a).localeCompare(checkKey(b))),
    // Checks that did not run (or were excused by the earlier baseline): each needs a reviewed reason to be excused.
    excused: summary.checks
      .filter((c) => (c.status === 'skipped' && c.skip !== 'profile') || c.excuse?.kind === 'baseline')
      .map((c): BaselineExcuse => {
        const kept = previous?.excused?.find((e) => checkKey(e) === checkKey(c));
        return {
          id: c.id,
          request: c.request,
          reason: kept?.reason ?? `REVIEW: ${c.message.replace(/ — excused by the baseline: .*$/, '')}`,
        };
      })
      .sort((a, b) => checkKey(a).localeCompare(checkKey(b))),
    ran: summary.checks
      .filter((c) => RAN.has(c.status) && !c.id.startsWith('OAS-'))
      .map(checkKey)
      .sort(),
  };
}
