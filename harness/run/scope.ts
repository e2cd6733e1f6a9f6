// The scope of a run, from what the test runner selected: the checks the run's settings select (the profile, a plan,
// or the declared selection), and how the run was narrowed below that (-g, OIDC_SUITES, a shard, --only…).
import type { FullConfig } from '@playwright/test/reporter';
import { ALL_CHECKS } from '../../checks/catalogue/index.ts';
import { checkKey, severityIn } from '../../checks/catalogue/types.ts';
import { planCheckIds, PLANS, type PlanName } from '../../checks/oidf/plans.ts';
import { readSettings } from '../config/settings.ts';
import { commandFor } from '../config/command-name.ts';
import type { Selection } from '../report/summary.ts';
import { WHOLE_PROFILE } from './gate.ts';
import { isSelected, narrowingOf } from './selection.ts';

const grepOf = (g: RegExp | RegExp[] | null) => (Array.isArray(g) ? g : g ? [g] : []).map((r) => r.source).filter((s) => s !== '.*');

/** `selected`: the `id request` keys of the tests the runner collected. */
export function scopeOf(config: FullConfig, selected: ReadonlySet<string>): Selection {
  const { selection, profile } = readSettings();
  const plan = selection.plan ? planCheckIds(selection.plan) : undefined;
  const declared = ALL_CHECKS.filter((d) => isSelected(d, selection, plan, severityIn(d, profile)));
  const shard = config.shard ?? undefined;
  const grep = [...grepOf(config.grep), ...config.projects.flatMap((p) => grepOf(p.grep))];
  const invert = [...grepOf(config.grepInvert), ...config.projects.flatMap((p) => grepOf(p.grepInvert))];
  const missing = declared.filter((d) => !selected.has(checkKey(d))).length;
  const narrowedBy = [
    ...(shard ? [`shard ${shard.current}/${shard.total} alone (${commandFor('merge')} decides)`] : []),
    ...(grep.length ? [`-g ${grep.join(' ')}`] : []),
    ...(invert.length ? [`--grep-invert ${invert.join(' ')}`] : []),
    ...(process.env.OIDC_SUITES?.trim() ? [`OIDC_SUITES=${process.env.OIDC_SUITES.trim()}`] : []),
    ...(selection.gateOnSelection || selection.plan ? [] : narrowingOf(selection)),
  ];
  // Checks of the scope the runner did not collect: narrowed by a filter this code did not name.
  if (missing && !narrowedBy.length) narrowedBy.push(`${missing} check(s) of the profile were not collected`);
  const onSelection = selection.gateOnSelection && !shard && narrowedBy.length > 0;
  const judges = selection.plan
    ? `the OIDF plan ${selection.plan} (${PLANS[selection.plan as PlanName]})`
    : onSelection
      ? `the declared selection (${narrowedBy.join('; ')}; OIDC_GATE_ON_SELECTION=1)`
      : WHOLE_PROFILE;
  return {
    complete: !shard && (narrowedBy.length === 0 || onSelection),
    interrupted: false,
    narrowedBy: onSelection ? [] : narrowedBy,
    judges,
    expected: onSelection ? selected.size : declared.length,
    ...(shard ? { shard } : {}),
  };
}
