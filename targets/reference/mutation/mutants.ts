// The mutation catalogue: every defect the reference target can be started with, each naming the
// check that must catch it (the defect's operation is that check's). The variants run as one batch
// (harness/mutation/batch.ts) next to a clean reference, and each is judged against the clean one;
// the batch ignores the caller's baseline, profile and strict settings.
import { DEFECTS, type Defect } from '../../targets/reference/defects.ts';
import { ALL_CHECKS } from '../../checks/catalogue/index.ts';
import type { Summary } from '../report/summary.ts';
import { judgeMutant, type MutantVerdict } from './judge.ts';
import { runBatch, type BatchOptions, type BatchRun } from './batch.ts';

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
  OIDC_FAIL_ON_MUST_SKIP: '',
  OIDC_WAIT_MS: '10000',
};

export const CLEAN = 'clean';

export interface MutantResult extends MutantVerdict {
  mutant: Mutant;
  summary?: Summary;
}
export interface MutationRun {
  batch: BatchRun;
  clean?: Summary;
  results: MutantResult[];
}

/** Run the clean reference and every given variant in one batch, and judge each variant against the clean run. */
export async function runMutants(list: Mutant[], o: BatchOptions = {}): Promise<MutationRun> {
  const batch = await runBatch([{ name: CLEAN, defects: [] }, ...list.map((m) => ({ name: m.id, defects: [m.id], suites: m.suites }))], {
    ...o,
    env: { ...MUTATION_ENV, ...o.env },
  });
  const clean = batch.summaries.get(CLEAN);
  const results = list.map((m): MutantResult => {
    const summary = batch.summaries.get(m.id);
    const verdict = clean
      ? judgeMutant(summary, clean, { id: m.catches, request: m.request }, m.alsoFails)
      : { caught: false, why: 'the clean run produced no summary', expectedStatus: 'no summary', alsoFailed: [] };
    return { mutant: m, summary, ...verdict };
  });
  return { batch, clean, results };
}
