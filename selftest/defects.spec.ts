// Each check can fail: for every defect in the reference target's catalogue, a run against the
// reference with that one defect fails the check that must catch it, for a violation of its rule,
// and no unrelated check. And every check id is covered by such a defect, or explained.
import { test, expect } from '@playwright/test';
import { mutants, runMutant } from '../harness/mutation/mutants.ts';
import { coverage } from '../harness/mutation/coverage.ts';
import { cleanRun } from './support/clean-run.ts';

test('every check id has a defect that it catches, or a reason why no single defect can break it', () => {
  expect(coverage().missing, 'check ids that nothing shows able to fail').toEqual([]);
});

for (const m of mutants()) {
  test(`${m.operation}: ${m.id} is caught by ${m.catches}`, async () => {
    const r = await runMutant(m, cleanRun().summary);
    const failing = r.run.summary?.checks.filter((c) => c.status === 'failed' || c.status === 'warning').map((c) => `${c.id} ${c.status} (${c.cause}): ${c.message}`).join('\n');
    expect(r.caught, `${r.why}\nfailing checks:\n${failing}\n--- output ---\n${r.run.output.slice(-3000)}`).toBe(true);
  });
}
