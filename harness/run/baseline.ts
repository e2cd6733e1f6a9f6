// Known-deviation baselines: a reviewed list of checks a provider is known to fail. A known
// deviation that fails is reported as `known`; one that passes as `fixed` (trim the baseline).
import { readFileSync } from 'node:fs';
import type { CheckStatus } from '../../checks/types.ts';
import { SettingsError } from '../config/settings.ts';

export interface Deviation { id: string; reason: string; clause: string }
export interface Baseline { target?: string; profile?: string; deviations: Map<string, Deviation> }

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
    if (typeof d?.id !== 'string' || typeof d?.reason !== 'string' || typeof d?.clause !== 'string')
      throw new SettingsError('OIDC_BASELINE', `${path}: every deviation needs "id", "reason" and "clause" (got ${JSON.stringify(d)})`);
    deviations.set(d.id, d);
  }
  return { target: raw.target, profile: raw.profile, deviations };
}

/** Apply the baseline to a check's own verdict. */
export function applyBaseline(status: CheckStatus, id: string, baseline: Baseline): { status: CheckStatus; note?: string } {
  const known = baseline.deviations.get(id);
  if (!known) return { status };
  if (status === 'failed' || status === 'warning') return { status: 'known', note: `known deviation: ${known.reason} (${known.clause})` };
  if (status === 'passed') return { status: 'fixed', note: `listed in the baseline as a known deviation, but it passes now: remove it from the baseline` };
  return { status };
}
