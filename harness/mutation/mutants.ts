// The mutation catalogue: every defect the reference target can be started with, each naming the
// check that must catch it. A mutant is run by a real conformance run against the reference
// with that one defect, and judged against a clean run.
import { DEFECTS } from '../../targets/reference/defects.ts';
import { runConformance, type ConformanceRun } from '../run/spawn-conformance.ts';
import type { Summary } from '../report/summary.ts';
import { judgeMutant, type MutantVerdict } from './judge.ts';

export interface Mutant {
  id: string;
  operation: string;
  catches: string;
  description: string;
  /** OIDC_SUITES prefixes that exercise it (all suites when absent). */
  suites?: string[];
  /** Checks that must fail too, by construction of the defect. */
  alsoFails?: string[];
}

export function mutants(): Mutant[] {
  return Object.entries(DEFECTS).map(([id, d]) => ({ id, ...(d as Omit<Mutant, 'id'>) }));
}

export interface MutantResult extends MutantVerdict { mutant: Mutant; run: ConformanceRun }

export async function runMutant(m: Mutant, clean: Summary, env: Record<string, string> = {}): Promise<MutantResult> {
  // The reference is on loopback: a notification that has not come within 3 s is not coming.
  const run = await runConformance({ defects: [m.id], suites: m.suites, env: { OIDC_WAIT_MS: '3000', ...env } });
  return { mutant: m, run, ...judgeMutant(run.summary, clean, m.catches, m.alsoFails) };
}
