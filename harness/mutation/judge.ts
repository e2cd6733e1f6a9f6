// Did a run against a mutant (a reference target with one defect) catch it, and only it?
// "Only it" is judged against a clean run: a check that is not passing on the clean reference
// (e.g. a documented warning) is not blamed on the defect.
import type { Summary } from '../report/summary.ts';
import type { CheckRecord } from '../../checks/catalogue/types.ts';

export interface MutantVerdict {
  caught: boolean;
  /** The expected check's status in the mutant run. */
  expectedStatus: string;
  /** Checks that went from passing/skipped on the clean target to failing/warning on the mutant. */
  alsoFailed: string[];
}

const bad = (c: CheckRecord) => c.status === 'failed' || c.status === 'warning';
const key = (c: CheckRecord) => c.id;

export function judgeMutant(mutant: Summary | undefined, clean: Summary, expected: string, allowed: string[] = []): MutantVerdict {
  if (!mutant) return { caught: false, expectedStatus: 'no summary', alsoFailed: [] };
  const cleanBad = new Set(clean.checks.filter(bad).map(key));
  const hits = mutant.checks.filter((c) => c.id === expected);
  const caught = hits.some(bad);
  const alsoFailed = [...new Set(mutant.checks.filter((c) => bad(c) && c.id !== expected && !cleanBad.has(key(c)) && !allowed.includes(c.id)).map(key))];
  return { caught, expectedStatus: hits.map((c) => c.status).join(',') || 'not run', alsoFailed };
}
