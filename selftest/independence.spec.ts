// No check depends on another check's outcome or order: a sample of checks, each run alone (-g ID) against its
// own reference target, gives the verdict it has in the full clean run.
import { test, expect } from '@playwright/test';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { MUTATION_ENV } from '../targets/reference/mutation/mutants.ts';
import { cleanRun } from './support/clean-run.ts';

// One or two from each suite file: registration, management, tokens, userinfo, logout (HTTP and browser), credentials.
const SAMPLE = [
  'DISC-JWKS-SIGNING-ALGS',
  'REG-CREATE-SECRET-STRENGTH',
  'REG-UPDATE-RAT-ROTATED',
  'REG-AUTH-ROTATED',
  'TOKEN-AUTH-POST-REFUSES-BASIC',
  'TOKEN-ID-REFRESH',
  'UI-REFUSE-REVOKED-TOKEN',
  'LOGOUT-SESSION-ENDED',
  'LOGOUT-BC-JTI',
  'LOGOUT-FC-ISS-SID',
  'VC-REFUSE-FOREIGN-NONCE',
  'VC-CREDENTIAL-SUBJECT',
];

for (const id of SAMPLE) {
  test(`${id} run alone gives its verdict of the full run`, async () => {
    const run = await runConformance({ args: ['-g', `${id}:`], env: MUTATION_ENV });
    const alone = run.summary?.checks.filter((c) => c.id === id) ?? [];
    expect(alone.length, run.output.slice(-2000)).toBeGreaterThan(0);
    const full = new Map(
      cleanRun()
        .summary.checks.filter((c) => c.id === id)
        .map((c) => [c.request, c.status]),
    );
    for (const c of alone) expect(`${c.request}: ${c.status}`, c.message).toBe(`${c.request}: ${full.get(c.request)}`);
  });
}
