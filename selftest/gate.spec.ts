// A green gate means conformance, shown end to end against the reference target:
//  - a gated run that can no longer sign a user in fails and names every check that ran in the baseline but not now;
//  (one defect reads as one finding: selftest/defects.spec.ts judges that for every defect of the catalogue);
//  - a baselined check that fails with another finding than the baseline knows fails the run.
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { writeBaseline } from '../harness/run/baseline-writer.ts';
import { MUTATION_ENV } from '../targets/reference/mutation/mutants.ts';
import { startReference } from '../targets/reference/server.ts';
import { cleanRun } from './support/clean-run.ts';

const scratch = (name: string, content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'oidc-gate-')), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

test('a gated run that cannot sign users in (no admin URL) fails and names every check that ran in the baseline but not now', async () => {
  const written = writeBaseline(cleanRun().summary);
  const baseline = scratch('baseline.json', written);
  const target = await startReference();
  try {
    const run = await runConformance({ env: { ...MUTATION_ENV, OIDC_BASE_URL: target.publicUrl, OIDC_BASELINE: baseline } });
    expect(run.code, run.output.slice(-3000)).toBe(1);
    const notRun = run.summary!.gate.notRun.map((n) => n.check);
    // Only what ran when the baseline was written can be missed now: not a check skipped then (e.g. without
    // OIDC_OPENAPI) or excused (a feature the reference does not offer by default, as default_max_age).
    const ranThen = new Set(written.ran);
    const skippedNow = run
      .summary!.checks.filter((c) => c.status === 'skipped' && c.skip !== 'profile')
      .map((c) => `${c.id} ${c.request}`)
      .filter((c) => ranThen.has(c));
    expect(skippedNow.length).toBeGreaterThan(50);
    expect(notRun.sort()).toEqual(expect.arrayContaining(skippedNow));
    for (const check of ['UI-GET-BEARER GET /userinfo', 'LOGOUT-RP-GET GET /oauth2/sessions/logout', 'TOKEN-CODE-FLOW GET /oauth2/auth']) {
      expect(notRun).toContain(check);
      expect(run.output).toContain(check);
    }
    expect(run.output).toMatch(/GATE: FAILED — .*\d+ check\(s\) ran when the baseline .* was written but did not run now/);
  } finally {
    await target.close();
  }
});

test('a baselined check failing with another finding than the baseline knows fails the run', async () => {
  const baseline = scratch('baseline.json', {
    deviations: [
      {
        id: 'LOGOUT-BC-EXP',
        request: 'POST {backchannel_logout_uri}',
        finding: 'claim-missing:exp',
        reason: 'Hydra sends no exp',
        clause: 'Back-Channel Logout 1.0 §2.4',
      },
    ],
  });
  const run = await runConformance({
    defects: ['logout.token-exp-past'],
    suites: ['logout-backchannel'],
    env: { ...MUTATION_ENV, OIDC_BASELINE: baseline },
  });
  const exp = run.summary!.checks.find((c) => c.id === 'LOGOUT-BC-EXP')!;
  expect(exp.finding).toBe('claim-expired:exp');
  expect(exp.status, exp.message).toBe('failed');
  expect(exp.message).toContain('finding claim-missing:exp; this finding (claim-expired:exp) is new');
  expect(run.code).toBe(1);
});
