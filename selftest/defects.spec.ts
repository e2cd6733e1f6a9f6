// Each check can fail: for every defect in the reference target's catalogue, a run against the reference with
// that one defect fails the check that must catch it, for a violation of its rule, and no unrelated check. The
// whole catalogue runs as one batch beside a clean reference (harness/mutation/batch.ts); each defect is then
// judged in a test of its own. And every check id is covered by such a defect, or explained.
import { test, expect } from '@playwright/test';
import { mutants, runMutants, type MutationRun } from '../harness/mutation/mutants.ts';
import { coverage } from '../harness/mutation/coverage.ts';

test.describe.configure({ mode: 'default' }); // one worker runs the batch once, then judges each defect

test('every check id has a defect that it catches, or a reason why no single defect can break it', () => {
  expect(coverage().missing, 'check ids that nothing shows able to fail').toEqual([]);
});

let run: MutationRun;
test.beforeAll(async () => {
  test.setTimeout(1_800_000);
  run = await runMutants(mutants());
});

for (const m of mutants()) {
  test(`${m.operation}: ${m.id} is caught by ${m.catches}`, () => {
    const r = run.results.find((x) => x.mutant.id === m.id)!;
    const failing = r.summary?.checks
      .filter((c) => c.status === 'failed' || c.status === 'warning')
      .map((c) => `${c.id} ${c.status} (${c.cause}): ${c.message}`)
      .join('\n');
    expect(r.caught, `${r.why}\nfailing checks:\n${failing}\n--- output ---\n${run.batch.output.slice(-1500)}`).toBe(true);
  });
}
