// Which checks a run judges, and whether that is the whole profile. A gate can only pass on a complete run: every
// check of the profile, or exactly the set the person declared to be the gate (an OIDF plan by name, or a selection
// with OIDC_GATE_ON_SELECTION=1). Narrowing (-g, OIDC_SUITES, --only, --operation, --severity, one shard alone) is
// for debugging: such a run is not decided. Excluding a check by id, with a reason, keeps the run complete: the
// check is excused, and the report says who excused it and why.
import { readFileSync } from 'node:fs';
import type { CheckDef, Severity } from '../../checks/catalogue/types.ts';
import { SettingsError } from '../config/settings.ts';

export interface Exclusion {
  id: string;
  reason: string;
}

export interface SelectionSettings {
  /** Check ids to run (OIDC_ONLY, --only): narrows the run. */
  only?: string[];
  /** Check ids excused by the user, each with a reason (OIDC_EXCLUDE, OIDC_EXCLUDE_FILE, --exclude). */
  exclude: Exclusion[];
  /** Operation ids to run (OIDC_OPERATIONS, --operation): narrows the run. */
  operations?: string[];
  /** Severities to run (OIDC_SEVERITIES, --severity): narrows the run. */
  severities?: Severity[];
  /** An OIDF plan by name (OIDC_PLAN, --plan): the gate judges exactly its checks. */
  plan?: string;
  /** OIDC_GATE_ON_SELECTION=1: the person says the narrowed selection is the gate. */
  gateOnSelection: boolean;
}

type Env = Record<string, string | undefined>;

const list = (raw: string | undefined) =>
  raw
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `ID=reason;ID2=reason` (a reason is required: an exclusion is an excuse a reader must be able to judge). */
function parseExclusions(raw: string | undefined, name: string): Exclusion[] {
  const out: Exclusion[] = [];
  for (const part of (raw ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const id = (at < 0 ? part : part.slice(0, at)).trim();
    const reason = at < 0 ? '' : part.slice(at + 1).trim();
    if (!reason) throw new SettingsError(name, `"${id}" has no reason: write ${id}=<why it does not apply to this provider>`);
    out.push({ id, reason });
  }
  return out;
}

function readExclusionFile(path: string | undefined): Exclusion[] {
  if (!path) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SettingsError('OIDC_EXCLUDE_FILE', `cannot read ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(raw) || raw.some((x) => typeof x?.id !== 'string' || typeof x?.reason !== 'string' || !x.reason.trim()))
    throw new SettingsError('OIDC_EXCLUDE_FILE', `${path} must be a JSON list of {"id": "CHECK-ID", "reason": "why"}`);
  return raw.map((x) => ({ id: x.id.trim(), reason: x.reason.trim() }));
}

const SEVERITIES: readonly Severity[] = ['MUST', 'SHOULD', 'ORY'];

/**
 * The selection settings, validated against the catalogue's ids, operations and plans (one line for the first that
 * is wrong). `known` is what the catalogue offers.
 */
export function readSelection(
  env: Env,
  known: { ids: ReadonlySet<string>; operations: readonly string[]; plans: readonly string[] },
): SelectionSettings {
  const only = list(env.OIDC_ONLY);
  const exclude = [...parseExclusions(env.OIDC_EXCLUDE, 'OIDC_EXCLUDE'), ...readExclusionFile(env.OIDC_EXCLUDE_FILE?.trim())];
  const operations = list(env.OIDC_OPERATIONS);
  const severities = list(env.OIDC_SEVERITIES?.toUpperCase()) as Severity[] | undefined;
  const plan = env.OIDC_PLAN?.trim() || undefined;
  for (const [name, ids] of [
    ['OIDC_ONLY', only ?? []],
    ['OIDC_EXCLUDE', exclude.map((e) => e.id)],
  ] as const) {
    const unknown = ids.find((id) => !known.ids.has(id));
    if (unknown) throw new SettingsError(name, `"${unknown}" is not a check id (the ids are in the report and in docs/coverage.md)`);
  }
  const badOp = operations?.find((o) => !known.operations.includes(o));
  if (badOp) throw new SettingsError('OIDC_OPERATIONS', `"${badOp}" is not an operation (one of ${known.operations.join(', ')})`);
  const badSeverity = severities?.find((s) => !SEVERITIES.includes(s));
  if (badSeverity) throw new SettingsError('OIDC_SEVERITIES', `"${badSeverity}" is not a severity (MUST, SHOULD or ORY)`);
  if (plan && !known.plans.includes(plan))
    throw new SettingsError('OIDC_PLAN', `"${plan}" is not a plan (one of ${known.plans.join(', ')})`);
  const raw = env.OIDC_GATE_ON_SELECTION?.trim().toLowerCase();
  if (raw && !['0', '1', 'true', 'false', 'yes', 'no'].includes(raw))
    throw new SettingsError('OIDC_GATE_ON_SELECTION', `"${env.OIDC_GATE_ON_SELECTION}" must be 1 or 0`);
  return {
    ...(only?.length ? { only } : {}),
    exclude,
    ...(operations?.length ? { operations } : {}),
    ...(severities?.length ? { severities } : {}),
    ...(plan ? { plan } : {}),
    gateOnSelection: raw === '1' || raw === 'true' || raw === 'yes',
  };
}

/** The narrowing settings in use, for the gate line (`--only X`, `--operation Y`). Plans and exclusions do not narrow. */
export function narrowingOf(s: SelectionSettings): string[] {
  return [
    ...(s.only ? [`only ${s.only.join(',')}`] : []),
    ...(s.operations ? [`operations ${s.operations.join(',')}`] : []),
    ...(s.severities ? [`severities ${s.severities.join(',')}`] : []),
  ];
}

/** Is the check part of the selection (before exclusions, which excuse rather than drop)? */
export function isSelected(def: CheckDef, s: SelectionSettings, planIds?: ReadonlySet<string>, severity = def.severity): boolean {
  if (planIds && !planIds.has(def.id)) return false;
  if (s.only && !s.only.includes(def.id)) return false;
  if (s.operations && !s.operations.includes(def.operation)) return false;
  if (s.severities && !s.severities.includes(severity)) return false;
  return true;
}

export function exclusionOf(def: CheckDef, s: SelectionSettings): Exclusion | undefined {
  return s.exclude.find((e) => e.id === def.id);
}
