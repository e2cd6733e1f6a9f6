// No check depends on another check's outcome or order: a sample of checks, each run alone against a reference
// target of its own (one batch, targets/reference/mutation/batch.ts: a clean instance per check, which that check
// alone talks to), gives the verdict it has in the full clean run.
import { test, expect } from '@playwright/test';
import { runBatch, type BatchRun } from '../targets/reference/mutation/batch.ts';
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
const alone = (id: string) => `alone-${id}`;

test.describe('each check run alone', () => {
  test.describe.configure({ mode: 'serial' }); // one batch, judged check by check
  let batch: BatchRun;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    batch = await runBatch(
      SAMPLE.map((id) => ({ name: alone(id), defects: [], checks: [id] })),
      { env: MUTATION_ENV, timeoutMs: 240_000 },
    );
  });

  for (const id of SAMPLE) {
    test(`${id} run alone gives its verdict of the full run`, () => {
      const checks = batch.summaries.get(alone(id))?.checks ?? [];
      expect(checks.length, batch.output.slice(-2000)).toBeGreaterThan(0);
      expect(new Set(checks.map((c) => c.id)), 'it ran alone').toEqual(new Set([id]));
      const full = new Map(
        cleanRun()
          .summary.checks.filter((c) => c.id === id)
          .map((c) => [c.request, c.status]),
      );
      for (const c of checks) expect(`${c.request}: ${c.status}`, c.message).toBe(`${c.request}: ${full.get(c.request)}`);
    });
  }
});
