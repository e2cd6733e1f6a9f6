// The mutation catalogue: every defect the reference target can be started with, each naming the check (and request)
// that must catch it, with the finding it must fail with. Each variant is judged against a clean reference with the
// same features (harness/run/variants.ts runs them all in one batch), on the whole suite:
//   - whole: every variant runs every check (`npm run mutation -- --whole`);
//   - traced (the default, and what npm test runs): a traced clean run first records which checks reach which defect
//     switch (targets/reference/defect-trace.ts); each variant then runs every check that reaches its switch (the
//     checks judging a shared scenario that reaches it, too), and every check when a request made for no single
//     check does (`*`). A check that never reaches a switch gets the same answers from the variant as from the clean
//     target, so its verdict is the clean run's: it is taken from it, and the whole suite is judged;
//   - focused (what npm test runs, to stay within minutes): as traced for a defect whose switch at most FOCUS_LIMIT
//     checks reach; a switch that more reach (one consulted on every registration, or in the discovery document
//     every check reads) runs its own check and the others of that check's suite file that reach it; a defect of a
//     feature the plain reference does not offer (client_secret_jwt, mutual TLS, …) is traced and judged within the
//     checks of the operations such defects are caught on, its clean reference running only those. The result
//     says how many of the checks its switch reached it did not judge; traced and --whole judge them all.
// The batch ignores the caller's baseline, profile and strict settings.
import { DEFECTS, type Defect } from '../defects.ts';
import { ALL_CHECKS } from '../../../checks/catalogue/index.ts';
import type { Summary } from '../../../harness/report/summary.ts';
import { summarize } from '../../../harness/report/summary.ts';
import { decide } from '../../../harness/run/gate.ts';
import { ANY_CHECK, SCENARIO_PREFIX } from '../../../harness/run/trace.ts';
import { judgeMutant, type MutantVerdict } from './judge.ts';
import { runBatch, type BatchOptions, type BatchRun, type VariantSpec } from './batch.ts';

type Offer = string;
export interface Mutant extends Defect {
  id: string;
  operation: string;
}

export function mutants(): Mutant[] {
  return Object.entries(DEFECTS).map(([id, d]) => {
    const check = ALL_CHECKS.find((c) => c.id === d.catches && (!d.request || c.request === d.request));
    if (!check) throw new Error(`defect ${id} names ${d.catches}${d.request ? ` ${d.request}` : ''}, which is not in the check catalogue`);
    return { id, operation: check.operation, ...d };
  });
}

/**
 * The settings every mutation run uses, whatever the caller's: no baseline, the ory profile, not strict (a SHOULD that
 * fails warns; the judge counts a warning as the check failing, and the clean run stays the green run a user sees).
 * The default bound on asynchronous deliveries (10 s): a notification that does arrive ends the wait at once, and on a
 * machine busy with other tests a shorter bound made a late back-channel request look like a missing one.
 */
export const MUTATION_ENV: Record<string, string> = {
  OIDC_BASELINE: '',
  OIDC_PROFILE: 'ory',
  OIDC_STRICT: '',
  OIDC_GATE: '',
  OIDC_WAIT_MS: '10000',
  OIDC_EXCLUDE: '',
  OIDC_ONLY: '',
  OIDC_OPERATIONS: '',
  OIDC_SEVERITIES: '',
  OIDC_PLAN: '',
};

export const CLEAN = 'clean';

export interface MutantResult extends MutantVerdict {
  mutant: Mutant;
  summary?: Summary;
  /** The checks the variant ran (all of them: `whole`). */
  checks: string[] | 'whole';
  /** Checks its switch reached that this (focused) run did not judge. */
  unjudged: string[];
}
export interface MutationRun {
  batches: BatchRun[];
  clean?: Summary;
  results: MutantResult[];
  durationMs: number;
}

const offersOf = (m: Mutant): Offer[] => [...(m.reference?.offers ?? [])].sort();
const cleanName = (offers: Offer[]) => (offers.length ? `${CLEAN}+${offers.join('+')}` : CLEAN);

/** A summary over these checks, with the gate decided on all of them as a complete run's. */
function over(base: Summary, checks: Summary['checks']): Summary {
  const scope = { complete: true, interrupted: false, narrowedBy: [], judges: base.selection.judges };
  return summarize(checks, { ...base, selection: { ...scope, expected: checks.length }, gate: decide(checks, { lenient: false, scope }) });
}

/**
 * A variant's summary over the whole suite: its own verdicts for the checks it ran, the clean run's for the others
 * (those never reached its defect switch).
 */
function wholeSuiteSummary(own: Summary, clean: Summary, ran: ReadonlySet<string>): Summary {
  const mine = new Set(own.checks.map((c) => `${c.id} ${c.request}`));
  return over(own, [...own.checks, ...clean.checks.filter((c) => !mine.has(`${c.id} ${c.request}`) && !ran.has(c.id))]);
}

export type Plan = 'whole' | 'traced' | 'focused';
/** A focused plan runs every reached check of a defect whose switch at most this many checks reach. */
export const FOCUS_LIMIT = 50;

/** What a variant runs under a plan: the checks, and those its switch reached that it leaves unjudged. */
function planChecks(m: Mutant, plan: Plan, reach: Set<string> | undefined, clean: Summary | undefined) {
  if (plan === 'whole' || !reach) return { checks: 'whole' as const, unjudged: [] };
  const all = [...new Set((clean?.checks ?? []).map((c) => c.id))];
  const reached = reach.has(ANY_CHECK) ? all : [...reach].sort();
  if (plan === 'traced' || (!reach.has(ANY_CHECK) && reached.length <= FOCUS_LIMIT))
    return { checks: reach.has(ANY_CHECK) ? ('whole' as const) : reached, unjudged: [] };
  const file = clean?.checks.find((c) => c.id === m.catches)?.suite;
  const fileOf = new Map((clean?.checks ?? []).map((c) => [c.id, c.suite]));
  const checks = reached.filter((id) => id === m.catches || (file && fileOf.get(id) === file));
  if (!checks.includes(m.catches)) checks.push(m.catches);
  return { checks, unjudged: reached.filter((id) => !checks.includes(id)) };
}

/** Run every given variant beside clean references (one per feature set), and judge each against its clean run. */
export async function runMutants(list: Mutant[], o: BatchOptions & { plan?: Plan } = {}): Promise<MutationRun> {
  const plan = o.plan ?? 'traced';
  const started = Date.now();
  const env = { ...MUTATION_ENV, ...o.env };
  const featureSets = [...new Map([[CLEAN, [] as Offer[]], ...list.map((m) => [cleanName(offersOf(m)), offersOf(m)] as const)]).entries()];
  const batches: BatchRun[] = [];
  // Phase 1: the clean references (traced unless every variant runs everything anyway). Focused, a reference with
  // extra features runs only the checks of the operations its defects are caught on (featureChecks).
  const within = plan === 'focused' ? featureChecks(list) : new Map<string, string[]>();
  const cleanRun = await runBatch(
    featureSets.map(([name, offers]) => ({
      name,
      defects: [],
      offers,
      trace: plan !== 'whole',
      ...(within.has(name) ? { checks: within.get(name) } : {}),
    })),
    { ...o, env },
  );
  batches.push(cleanRun);
  // Each feature set's clean summary once, whole (completed), for the planning and the judging of its variants.
  const cleans = new Map(featureSets.map(([name]) => [name, completed(cleanRun.summaries.get(name), cleanRun.summaries.get(CLEAN))]));
  const cleanOf = (m: Mutant) => cleans.get(cleanName(offersOf(m)));
  const planned: Array<[Mutant, VariantSpec, string[] | 'whole', string[]]> = list.map((m) => {
    const clean = cleanOf(m);
    const reach = expandScenarios(cleanRun.reach.get(cleanName(offersOf(m)))?.get(m.id), clean);
    const chosen = planChecks(m, plan, reach, clean);
    // A reference that ran part of the suite (featureChecks) judges its variants within that part only.
    const part = within.get(cleanName(offersOf(m)));
    const checks = !part ? chosen.checks : chosen.checks === 'whole' ? part : chosen.checks.filter((id) => part.includes(id));
    const unjudged = [...chosen.unjudged, ...(part && chosen.checks !== 'whole' ? chosen.checks.filter((id) => !part.includes(id)) : [])];
    return [m, { name: m.id, defects: [m.id], offers: offersOf(m), ...(checks === 'whole' ? {} : { checks }) }, checks, unjudged];
  });
  // Phase 2: the variants. One whose switch no request reached cannot differ from its clean run: it runs nothing.
  const toRun = planned.filter(([, , checks]) => checks === 'whole' || checks.length > 0).map(([, spec]) => spec);
  const variantRun = toRun.length ? await runBatch(toRun, { ...o, env }) : undefined;
  if (variantRun) batches.push(variantRun);
  const results = planned.map(([m, , checks, unjudged]): MutantResult => {
    const clean = cleanOf(m);
    if (!clean)
      return {
        mutant: m,
        checks,
        unjudged,
        caught: false,
        why: 'the clean run produced no summary',
        expectedStatus: 'no summary',
        alsoFailed: [],
      };
    const own = variantRun?.summaries.get(m.id);
    // No check reached the switch: the variant answers as the clean target does, everywhere.
    const summary = checks === 'whole' ? own : checks.length === 0 ? clean : own && wholeSuiteSummary(own, clean, new Set(checks));
    // A check left unjudged may be the failing root of a block this run saw: it explains that block.
    const verdict = judgeMutant(summary, clean, { id: m.catches, request: m.request, finding: m.finding }, m.alsoFails, unjudged);
    return { mutant: m, summary, checks, unjudged, ...verdict };
  });
  return { batches, clean: cleanRun.summaries.get(CLEAN), results, durationMs: Date.now() - started };
}

/**
 * Focused: a clean reference with extra features (client_secret_jwt, mutual TLS, …) runs the checks of the operations
 * its defects are caught on, not the whole suite again: by feature set, those check ids. Its defects are traced, and
 * judged, within them (what their switches reach elsewhere is left to the traced plan, as FOCUS_LIMIT's leftovers are).
 */
function featureChecks(list: Mutant[]): Map<string, string[]> {
  const operations = new Map<string, Set<string>>();
  for (const m of list) {
    if (!offersOf(m).length) continue;
    const name = cleanName(offersOf(m));
    operations.set(name, (operations.get(name) ?? new Set()).add(m.operation));
  }
  return new Map(
    [...operations].map(([name, ops]) => [name, [...new Set(ALL_CHECKS.filter((c) => ops.has(c.operation)).map((c) => c.id))]]),
  );
}

/** A clean reference that ran part of the suite, completed with the plain clean run's verdicts for the rest. */
function completed(own: Summary | undefined, plain: Summary | undefined): Summary | undefined {
  if (!own || !plain || own === plain) return own;
  return wholeSuiteSummary(own, plain, new Set(own.checks.map((c) => c.id)));
}

/** A shared scenario's requests reach every check that judged it (in the clean run). */
function expandScenarios(reach: ReadonlySet<string> | undefined, clean: Summary | undefined): Set<string> | undefined {
  if (!reach) return undefined;
  const out = new Set<string>();
  for (const r of reach) {
    if (!r.startsWith(SCENARIO_PREFIX)) out.add(r);
    else {
      const name = r.slice(SCENARIO_PREFIX.length);
      const users = (clean?.checks ?? []).filter((c) => c.scenarios?.includes(name)).map((c) => c.id);
      if (!users.length) out.add(ANY_CHECK); // nothing says who judged it: any check may have
      for (const u of users) out.add(u);
    }
  }
  return out;
}
