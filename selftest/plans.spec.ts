// `--plan NAME` (OIDC_PLAN) runs the checks that map to one OIDF plan and gates on exactly them: against the embedded
// reference target the config plan runs its checks and nothing else, passes, and the gate line names the plan.
import { test, expect } from '@playwright/test';
import { planCheckIds, PLANS } from '../checks/oidf/plans.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';

test("OIDC_PLAN=config runs exactly the config plan's checks, passes, and the gate line names the plan", async () => {
  const run = await runConformance({ env: { OIDC_PLAN: 'config' } });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  const s = run.summary!;
  expect([...new Set(s.checks.map((c) => c.id))].sort()).toEqual([...planCheckIds('config')].sort());
  expect(s.selection.complete).toBe(true);
  expect(s.gate.passed).toBe(true);
  expect(run.output).toContain(`GATE: PASSED [judged on the OIDF plan config (${PLANS.config})]`);
});

test('an unknown plan is one line naming the plans, not a run', async () => {
  const run = await runConformance({ env: { OIDC_PLAN: 'certified' } });
  expect(run.code).not.toBe(0);
  expect(run.output).toMatch(
    /OIDC_PLAN.*"certified" is not a plan \(one of config, basic, dynamic, rp-initiated-logout, frontchannel-logout, backchannel-logout, vci-issuer\)/,
  );
  expect(run.output).not.toMatch(/\n\s+at /);
});
