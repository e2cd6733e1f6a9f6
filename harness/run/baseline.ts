// Known-deviation baselines: a reviewed list of the checks a provider is known to fail, each keyed by
// check id and request and carrying the finding it fails with, plus the set of checks that ran when
// the baseline was written. A known deviation that fails with its finding is `known`; with another
// finding it is new and fails; one that passes is `fixed` (trim the baseline). A check of the ran-set
// that no longer runs fails a gated run (harness/run/gate.ts).
import { readFileSync } from 'node:fs';
import { checkKey, type CheckRecord } from '../../checks/catalogue/types.ts';
import { SettingsError } from '../config/settings.ts';

export interface Deviation {
  id: string;
  request: string;
  finding?: string;
  reason: string;
  clause: string;
}
export interface Baseline {
  path?: string;
  target?: string;
  profile?: string;
  /** Keyed by `id request`. */
  deviations: Map<string, Deviation>;
  /** `id request` of every check that ran (passed, failed, warned, known, fixed) when the baseline was written. */
  ran?: Set<string>;
}

/** The statuses of a check that ran: it reached its subject and judged it. */
export const RAN = new Set<CheckRecord['status']>(['passed', 'failed', 'warning', 'known', 'fixed']);

export function loadBaseline(path: string | undefined): Baseline {
  if (!path) return { deviations: new Map() };
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SettingsError('OIDC_BASELINE', `cannot read ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!raw || !Array.isArray(raw.deviations)) throw new SettingsError('OIDC_BASELINE', `${path} has no "deviations" list`);
  const deviations = new Map<string, Deviation>();
  for (const d of raw.deviations) {
    if (typeof d?.id !== 'string' || typeof d?.request !== 'string' || typeof d?.reason !== 'string' || typeof d?.clause !== 'string')
      throw new SettingsError(
        'OIDC_BASELINE',
        `${path}: every deviation needs "id", "request", "reason" and "clause" (got ${JSON.stringify(d)}); rewrite it with npm run baseline`,
      );
    deviations.set(checkKey(d), d);
  }
  if (raw.ran !== undefined && (!Array.isArray(raw.ran) || raw.ran.some((r: unknown) => typeof r !== 'string')))
    throw new SettingsError('OIDC_BASELINE', `${path}: "ran" must be a list of "CHECK-ID METHOD /path" strings`);
  return { path, target: raw.target, profile: raw.profile, deviations, ran: raw.ran ? new Set(raw.ran) : undefined };
}

/** Apply the baseline to a check's own verdict. */
export function applyBaseline(record: CheckRecord, baseline: Baseline): CheckRecord {
  const known = baseline.deviations.get(checkKey(record));
  if (!known) return record;
  const note = (text: string) => (record.message ? `${record.message} — ${text}` : text);
  if (record.status === 'failed' || record.status === 'warning') {
    if (known.finding && record.finding && known.finding !== record.finding) {
      return {
        ...record,
        message: note(`the baseline knows this check failing with finding ${known.finding}; this finding (${record.finding}) is new`),
      };
    }
    return { ...record, status: 'known', message: note(`known deviation: ${known.reason} (${known.clause})`) };
  }
  if (record.status === 'passed')
    return {
      ...record,
      status: 'fixed',
      message: note('listed in the baseline as a known deviation, but it passes now: remove it from the baseline'),
    };
  return record;
}
