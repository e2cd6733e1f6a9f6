// Each check can fail: for every defect in the reference target's catalogue, a run against the
// reference with that one defect fails the check that must catch it, and no unrelated check.
import { test, expect } from '@playwright/test';
import { mutants, runMutant } from '../harness/mutation/mutants.ts';
import { cleanRun } from './support/clean-run.ts';

for (const m of mutants()) {
  test(`${m.operation}: ${m.id} is caught by ${m.catches}`, async () => {
    const r = await runMutant(m, cleanRun().summary);
    const failing = r.run.summary?.checks.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => `${c.id} ${c.status}: ${c.message}`).join('\n');
    expect(r.caught, `${m.catches} was ${r.expectedStatus}; failing checks:\n${failing}\n--- output ---\n${r.run.output.slice(-3000)}`).toBe(true);
    expect(r.alsoFailed, `unrelated checks failed too:\n${failing}`).toEqual([]);
  });
}
