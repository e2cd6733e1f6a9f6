// The mutation catalogue: every defect the reference target can be started with, each naming the
// check that must catch it (the defect's operation is that check's). A mutant is run by a real
// conformance run against the reference with that one defect, and judged against a clean run; both
// runs ignore the caller's baseline, profile and strict settings.
import { DEFECTS, type Defect } from '../../targets/reference/defects.ts';
import { ALL_CHECKS } from '../../checks/catalogue/index.ts';
import { runConformance, type ConformanceRun } from '../run/spawn-conformance.ts';
import type { Summary } from '../report/summary.ts';
import { judgeMutant, type MutantVerdict } from './judge.ts';

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
 * The settings every mutation run uses, whatever the caller's: no baseline, the ory profile, strict (a SHOULD that
 * fails is a failure, so that it counts as a catch). The reference is on loopback: a notification not there in 3 s is not coming.
 */
export const MUTATION_ENV: Record<string, string> = { OIDC_BASELINE: '', OIDC_PROFILE: 'ory', OIDC_STRICT: '1', OIDC_FAIL_ON_MUST_SKIP: '', OIDC_WAIT_MS: '3000' };

/** The clean run every variant is judged against. */
export function cleanMutationRun(env: Record<string, string> = {}): Promise<ConformanceRun> {
  return runConformance({ env: { ...MUTATION_ENV, ...env } });
}

export interface MutantResult extends MutantVerdict { mutant: Mutant; run: ConformanceRun }

export async function runMutant(m: Mutant, clean: Summary, env: Record<string, string> = {}): Promise<MutantResult> {
  const run = await runConformance({ defects: [m.id], suites: m.suites, env: { ...MUTATION_ENV, ...env } });
  return { mutant: m, run, ...judgeMutant(run.summary, clean, { id: m.catches, request: m.request }, m.alsoFails) };
}
