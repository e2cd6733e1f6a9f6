// True verdicts on the real product: the suite against real Ory Hydra releases (built from the
// published Go module) matches each release's reviewed baseline exactly, and the reference target
// differs from real Hydra v2.3.0 only where the reference follows the standard on purpose.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConformance, type ConformanceRun } from '../harness/run/spawn-conformance.ts';
import { REFERENCE_DEVIATIONS } from '../targets/reference/deviations.ts';
import { cleanRun } from './support/clean-run.ts';
import { baselineMismatch } from './support/baseline-match.ts';
import { RELEASE_COMPARISON, stableComparison } from '../harness/contract/compare.ts';

const HAS_GO = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const ROOT = join(import.meta.dirname, '..');
const failing = (s: string) => s === 'failed' || s === 'warning' || s === 'known';

// Each release runs once: one worker takes the file's tests in order (a test that fails restarts the worker, and a later
// test that needs a run makes it again), and every test of a release reads the same run.
test.describe.configure({ mode: 'default' });
const runs = new Map<string, Promise<ConformanceRun>>();
function hydraRun(release: string): Promise<ConformanceRun> {
  if (!runs.has(release)) runs.set(release, runConformance({ script: 'bin/conformance-hydra.ts', args: [release], timeoutMs: 900_000 }));
  return runs.get(release)!;
}
/** Every reason cites Hydra's (or a dependency's) source at a tag or commit. */
const ORY_SOURCE = /https:\/\/github\.com\/ory\/[\w-]+\/blob\/[\w.]+\//;

for (const release of ['v2.2.0', 'v2.3.0']) {
  test.describe(`Ory Hydra ${release}`, () => {
    test.skip(!HAS_GO, 'skipped: Go is not installed, so real Ory Hydra cannot be built here (install Go 1.22 or newer)');

    test(`the run against Ory Hydra ${release} is complete, matches its reviewed baseline exactly and passes the gate`, async () => {
      test.setTimeout(900_000);
      const run = await hydraRun(release);
      expect(run.summary, run.output.slice(-3000)).toBeTruthy();
      const s = run.summary!;
      expect(s.selection, 'a complete, uninterrupted run').toMatchObject({ complete: true, interrupted: false });
      const m = baselineMismatch(s, join(ROOT, 'baselines', `hydra-${release}.json`), ORY_SOURCE);
      expect(m.unexpected, 'failures and warnings not in the baseline').toEqual([]);
      expect(m.notFound, 'baseline deviations the run did not find with their finding (fixed, another finding, did not run)').toEqual([]);
      expect(m.excusedDiffer.run, 'checks that did not run = the checks the baseline excuses').toEqual(m.excusedDiffer.listed);
      expect(m.unreviewed, 'reasons not reviewed or citing no source at the tag').toEqual([]);
      expect(s.gate.verdict, s.gate.reasons.join('; ')).toBe('passed');
      expect(run.output).toContain('GATE: PASSED');
      expect(run.code, run.output.slice(-2000)).toBe(0);
    });

    if (release === 'v2.3.0') {
      test('docs/compare-hydra-v2.2.0-v2.3.0.md is what npm run compare -- --stable says of these two runs', async () => {
        test.setTimeout(900_000);
        const a = await hydraRun('v2.2.0'); // one after the other: two Hydra runs at once would share two cores
        const b = await hydraRun('v2.3.0');
        const committed = readFileSync(join(ROOT, RELEASE_COMPARISON), 'utf8');
        expect(
          stableComparison(a.reportsDir, b.reportsDir),
          `${RELEASE_COMPARISON} is not what fresh runs give: npm run compare:releases`,
        ).toBe(committed);
      });

      test('the reference target differs from Ory Hydra v2.3.0 only where DEVIATIONS.md says it follows the standard', async () => {
        test.setTimeout(900_000);
        const hydra = (await hydraRun(release)).summary!;
        const reference = cleanRun().summary;
        const explained = new Set(REFERENCE_DEVIATIONS.flatMap((d) => d.checks));
        const refStatus = new Map(reference.checks.map((c) => [`${c.id} ${c.request}`, c.status]));
        const unexplained: string[] = [];
        for (const c of hydra.checks) {
          const r = refStatus.get(`${c.id} ${c.request}`);
          if (r === undefined || failing(r) === failing(c.status)) continue;
          if (!explained.has(c.id)) unexplained.push(`${c.id}: reference ${r}, Hydra ${c.status} (${c.message})`);
        }
        expect(unexplained).toEqual([]);
        const doc = readFileSync(join(ROOT, 'targets', 'reference', 'DEVIATIONS.md'), 'utf8');
        for (const d of REFERENCE_DEVIATIONS) for (const id of d.checks) expect(doc, `DEVIATIONS.md does not name ${id}`).toContain(id);
      });
    }
  });
}
