// Each check can fail: for every defect in the reference target's catalogue, a run against the reference with
// that one defect fails the check that must catch it, for a violation of its rule with the defect's finding, fails
// the gate, and fails no unrelated check it reached. The catalogue runs as batches beside clean references
// (targets/reference/mutation/): a traced clean run first, then each variant on the checks that reach its defect
// (focused: a switch more than FOCUS_LIMIT checks reach is judged on its own check's suite file here, and on every
// check it reaches by `npm run mutation`). Each defect is judged in a test of its own; every check id × request pair
// is covered by a defect, or explained.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mutants, runMutants } from '../targets/reference/mutation/mutants.ts';
import { DEFECTS_BATCH_FILE } from './support/clean-run.ts';
import { coverage } from '../targets/reference/mutation/coverage.ts';

test.describe.configure({ mode: 'default' }); // one worker runs the batch once, then judges each defect

test('every check id × request has a defect that it catches, or a reason why no single defect can break it', () => {
  expect(coverage().missing, 'check id × request pairs that nothing shows able to fail').toEqual([]);
});

test('every defect names the finding its check must fail with', () => {
  expect(
    mutants()
      .filter((m) => !m.finding)
      .map((m) => m.id),
  ).toEqual([]);
});

/** What each defect's test reads: kept on disk, so that a worker Playwright replaces after a failed test reads it
 * rather than running the whole batch again (global setup removes it before every npm test). */
interface Judged {
  caught: boolean;
  why: string;
  failing: string;
}
let judged: Map<string, Judged>;
let output = '';
test.beforeAll(async () => {
  test.setTimeout(1_800_000);
  if (existsSync(DEFECTS_BATCH_FILE)) {
    const saved = JSON.parse(readFileSync(DEFECTS_BATCH_FILE, 'utf8')) as { output: string; judged: Array<[string, Judged]> };
    judged = new Map(saved.judged);
    output = saved.output;
    return;
  }
  const run = await runMutants(mutants(), { plan: 'focused' });
  output = run.batches.map((b) => b.output.slice(-1500)).join('\n');
  judged = new Map(
    run.results.map((r) => [
      r.mutant.id,
      {
        caught: r.caught,
        why: r.why,
        failing: (r.summary?.checks ?? [])
          .filter((c) => c.status === 'failed' || c.status === 'warning')
          .map((c) => `${c.id} ${c.status} (${c.cause}): ${c.message}`)
          .join('\n'),
      },
    ]),
  );
  writeFileSync(DEFECTS_BATCH_FILE, JSON.stringify({ output, judged: [...judged] }));
});

for (const m of mutants()) {
  test(`${m.operation}: ${m.id} is caught by ${m.catches}`, () => {
    const r = judged.get(m.id)!;
    expect(r.caught, `${r.why}\nfailing checks:\n${r.failing}\n--- output ---\n${output}`).toBe(true);
  });
}
