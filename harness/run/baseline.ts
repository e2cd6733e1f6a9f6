// Known-deviation baselines: a reviewed list of the checks a provider is known to fail, each keyed by
// check id and request and carrying the finding it fails with; the checks that cannot run against this
// provider, each with a reviewed reason; and the set of checks that ran when the baseline was written.
// A baseline only excuses what it says: a known deviation matches a violation with the same finding, and
// nothing else (a check that now times out, crashes or fails for another reason is a failure); one that
// passes is `fixed` (trim the baseline). A check of the ran-set that no longer runs fails the gate.
import { readFileSync } from 'node:fs';
import { checkKey, type CheckRecord } from '../../checks/catalogue/types.ts';
import { SettingsError } from '../config/settings.ts';

export interface Deviation {
  id: string;
  request: string;
  finding: string;
  reason: string;
  clause: string;
}

/** A check that cannot run against this provider, for a reason a person reviewed (e.g. a setting the deployment lacks). */
export interface BaselineExcuse {
  id: string;
  request: string;
  reason: string;
}
export interface Baseline {
  path?: string;
  target?: string;
  profile?: string;
  /** Keyed by `id request`. */
  deviations: Map<string, Deviation>;
  /** Keyed by `id request`. */
  excused: Map<string, BaselineExcuse>;
  /** `id request` of every check that ran (passed, failed, warned, known, fixed) when the baseline was written. */
  ran?: Set<string>;
}

/** The statuses of a check that ran: it reached its subject and judged it. */
export const RAN = new Set<CheckRecord['status']>(['passed', 'failed', 'warning', 'known', 'fixed']);

export function loadBaseline(path: string | undefined): Baseline {
  if (!path) return { deviations: new Map(), excused: new Map() };
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SettingsError('OIDC_BASELINE', `cannot read ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!raw || !Array.isArray(raw.deviations)) throw new SettingsError('OIDC_BASELINE', `${path} has no "deviations" list`);
  const deviations = new Map<string, Deviation>();
  const str = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  for (const d of raw.deviations) {
    if (!str(d?.id) || !str(d?.request) || !str(d?.finding) || !str(d?.reason) || !str(d?.clause))
      throw new SettingsError(
        'OIDC_BASELINE',
        `${path}: every deviation needs "id", "request", "finding", "reason" and "clause" (got ${JSON.stringify(d).slice(0, 200)}); an entry without its finding would excuse any failure of its check`,
      );
    deviations.set(checkKey(d), d);
  }
  const excused = new Map<string, BaselineExcuse>();
  if (raw.excused !== undefined && !Array.isArray(raw.excused))
    throw new SettingsError('OIDC_BASELINE', `${path}: "excused" must be a list of {"id", "request", "reason"}`);
  for (const e of raw.excused ?? []) {
    if (!str(e?.id) || !str(e?.request) || !str(e?.reason) || String(e.reason).startsWith('REVIEW:'))
      throw new SettingsError(
        'OIDC_BASELINE',
        `${path}: every excused check needs "id", "request" and a reviewed "reason" (got ${JSON.stringify(e).slice(0, 200)})`,
      );
    excused.set(checkKey(e), e);
  }
  if (raw.ran !== undefined && (!Array.isArray(raw.ran) || raw.ran.some((r: unknown) => typeof r !== 'string')))
    throw new SettingsError('OIDC_BASELINE', `${path}: "ran" must be a list of "CHECK-ID METHOD /path" strings`);
  return { path, target: raw.target, profile: raw.profile, deviations, excused, ran: raw.ran ? new Set(raw.ran) : undefined };
}

/** Apply the baseline to a check's own verdict. */
export function applyBaseline(record: CheckRecord, baseline: Baseline): CheckRecord {
  const note = (text: string) => (record.message ? `${record.message} — ${text}` : text);
  const excuse = baseline.excused.get(checkKey(record));
  if (excuse && record.status === 'skipped')
    return {
      ...record,
      status: 'excused',
      excuse: { kind: 'baseline', reason: excuse.reason },
      message: note(`excused by the baseline: ${excuse.reason}`),
    };
  const known = baseline.deviations.get(checkKey(record));
  if (!known) return record;
  if (record.status === 'failed' || record.status === 'warning') {
    if (record.cause !== 'violation')
      return { ...record, message: note(`the baseline knows a violation here (${known.finding}); this is not one (${record.cause})`) };
    if (known.finding !== record.finding)
      return {
        ...record,
        message: note(`the baseline knows this check failing with finding ${known.finding}; this finding (${record.finding}) is new`),
      };
    return {
      ...record,
      status: 'known',
      known: { reason: known.reason, ...(baseline.path ? { baseline: baseline.path } : {}) },
      message: note(`known deviation: ${known.reason} (${known.clause})`),
    };
  }
  if (record.status === 'passed')
    return {
      ...record,
      status: 'fixed',
      message: note('listed in the baseline as a known deviation, but it passes now: remove it from the baseline'),
    };
  return record;
}
