// The mutation catalogue: every defect the reference target can be started with, each naming the check (and request)
// that must catch it, with the finding it must fail with. Each variant is judged against a clean reference with the
// same features (harness/run/variants.ts runs them all in one batch), on the whole suite:
//   - whole: every variant runs every suite file (`npm run mutation -- --whole`);
//   - traced (the default, and what npm test runs): a traced clean run first records which suite files reach which
//     defect switch (targets/reference/defect-trace.ts); each variant then runs every suite file that reaches its
//     switch, and every suite when a shared request does (`*`). A suite that never reaches a switch gets the same
//     answers from the variant as from the clean target, so its verdicts are the clean run's: they are taken from it,
//     and the whole suite is judged. The batch ignores the caller's baseline, profile and strict settings.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFECTS, type Defect } from '../defects.ts';
import { ALL_CHECKS } from '../../../checks/catalogue/index.ts';
import type { Summary } from '../../../harness/report/summary.ts';
import { summarize } from '../../../harness/report/summary.ts';
import { decide } from '../../../harness/run/gate.ts';
import { ANY_SUITE, SCENARIO_PREFIX } from '../../../harness/run/trace.ts';
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
  /** The suite files the variant ran (all of them: `whole`). */
  suites: string[] | 'whole';
}
export interface MutationRun {
  batches: BatchRun[];
  clean?: Summary;
  results: MutantResult[];
  durationMs: number;
}

const SUITES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'tests');
const offersOf = (m: Mutant): Offer[] => [...(m.reference?.offers ?? [])].sort();
const cleanName = (offers: Offer[]) => (offers.length ? `${CLEAN}+${offers.join('+')}` : CLEAN);

/** The suite files of the project (tests/*.spec.ts). */
export function suiteFiles(): string[] {
  return readdirSync(SUITES_DIR)
    .filter((f) => /\.spec\.[jt]s$/.test(f))
    .sort();
}

/**
 * A variant's summary over the whole suite: its own verdicts for the suites it ran, the clean run's for the others
 * (those never reached its defect switch), with the gate decided on all of them.
 */
function wholeSuiteSummary(own: Summary, clean: Summary, ran: ReadonlySet<string>, fileOf: Map<string, string>): Summary {
  const mine = new Set(own.checks.map((c) => `${c.id} ${c.request}`));
  const checks = [...own.checks, ...clean.checks.filter((c) => !mine.has(`${c.id} ${c.request}`) && !ran.has(fileOf.get(c.id) ?? ''))];
  const scope = { complete: true, interrupted: false, narrowedBy: [], judges: own.selection.judges };
  return summarize(checks, { ...own, selection: { ...scope, expected: checks.length }, gate: decide(checks, { lenient: false, scope }) });
}

/** Run every given variant beside clean references (one per feature set), and judge each against its clean run. */
export async function runMutants(list: Mutant[], o: BatchOptions & { whole?: boolean } = {}): Promise<MutationRun> {
  const started = Date.now();
  const env = { ...MUTATION_ENV, ...o.env };
  const featureSets = [...new Map([[CLEAN, [] as Offer[]], ...list.map((m) => [cleanName(offersOf(m)), offersOf(m)] as const)]).entries()];
  const batches: BatchRun[] = [];
  // Phase 1: the clean references (traced unless every variant runs everything anyway).
  const cleanRun = await runBatch(
    featureSets.map(([name, offers]) => ({ name, defects: [], offers, trace: !o.whole })),
    { ...o, env },
  );
  batches.push(cleanRun);
  const planned: Array<[Mutant, VariantSpec, string[] | 'whole']> = list.map((m) => {
    const clean = cleanRun.summaries.get(cleanName(offersOf(m)));
    const reach = expandScenarios(cleanRun.reach.get(cleanName(offersOf(m)))?.get(m.id), clean);
    const suites = o.whole || !reach || reach.has(ANY_SUITE) ? 'whole' : [...reach].sort();
    return [m, { name: m.id, defects: [m.id], offers: offersOf(m), ...(suites === 'whole' ? {} : { suites }) }, suites];
  });
  // Phase 2: the variants. One whose switch no request reached cannot differ from its clean run: it runs nothing.
  const toRun = planned.filter(([, , suites]) => suites === 'whole' || suites.length > 0).map(([, spec]) => spec);
  const variantRun = toRun.length ? await runBatch(toRun, { ...o, env }) : undefined;
  if (variantRun) batches.push(variantRun);
  const fileOf = checkFiles(cleanRun);
  const results = planned.map(([m, , suites]): MutantResult => {
    const clean = cleanRun.summaries.get(cleanName(offersOf(m)));
    if (!clean)
      return { mutant: m, suites, caught: false, why: 'the clean run produced no summary', expectedStatus: 'no summary', alsoFailed: [] };
    const own = variantRun?.summaries.get(m.id);
    // No suite reached the switch: the variant answers as the clean target does, everywhere.
    const summary = suites === 'whole' ? own : suites.length === 0 ? clean : own && wholeSuiteSummary(own, clean, new Set(suites), fileOf);
    const verdict = judgeMutant(summary, clean, { id: m.catches, request: m.request, finding: m.finding }, m.alsoFails);
    return { mutant: m, summary, suites, ...verdict };
  });
  return { batches, clean: cleanRun.summaries.get(CLEAN), results, durationMs: Date.now() - started };
}

/** A shared scenario's requests reach the suites of every check that judged it (in the clean run). */
function expandScenarios(reach: ReadonlySet<string> | undefined, clean: Summary | undefined): Set<string> | undefined {
  if (!reach) return undefined;
  const out = new Set<string>();
  for (const r of reach) {
    if (!r.startsWith(SCENARIO_PREFIX)) out.add(r);
    else {
      const name = r.slice(SCENARIO_PREFIX.length);
      const users = (clean?.checks ?? []).filter((c) => c.scenarios?.includes(name) && c.suite).map((c) => c.suite!);
      if (!users.length) out.add(ANY_SUITE); // nothing says who judged it: any suite may have
      for (const u of users) out.add(u);
    }
  }
  return out;
}

/** Check id → the suite file that declares it, as the clean run saw it. */
function checkFiles(run: BatchRun): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of run.summaries.values()) for (const c of s.checks) if (c.suite) out.set(c.id, c.suite);
  return out;
}
