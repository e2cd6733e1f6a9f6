// One clean, full conformance run against the reference target, shared by the tests that judge
// it (green run, reports, leak scan) and by the defect tests (the baseline of "unrelated").
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../../harness/run/spawn-conformance.ts';
import { MUTATION_ENV } from '../../targets/reference/mutation/mutants.ts';
import { CLEAN_RUN_DIR, DEFECTS_BATCH_FILE } from './clean-run.ts';

export default async function globalSetup(): Promise<void> {
  rmSync(DEFECTS_BATCH_FILE, { force: true }); // the defect batch of an earlier npm test is not this one's
  if (process.env.SELFTEST_NO_CLEAN_RUN === '1') return; // unit tests only
  rmSync(CLEAN_RUN_DIR, { recursive: true, force: true });
  mkdirSync(CLEAN_RUN_DIR, { recursive: true });
  // Outside reports/: the leak test scans reports/ for exactly these values.
  const privateDir = mkdtempSync(join(tmpdir(), 'oidc-selftest-'));
  const secretLog = join(privateDir, 'secrets.jsonl');
  // What the target itself handed out (targets/reference/issued-secrets.ts): the leak scan's list, not the harness's own.
  const issuedLog = join(privateDir, 'issued.jsonl');
  const run = await runConformance({
    reportsDir: CLEAN_RUN_DIR,
    // The defect tests judge their variants against this run: the same settings as theirs.
    env: { ...MUTATION_ENV, OIDC_HTML_REPORT: '1', OIDC_SECRET_LOG: secretLog, OIDC_REFERENCE_ISSUED_LOG: issuedLog, OIDC_WORKERS: '4' },
  });
  writeFileSync(
    join(CLEAN_RUN_DIR, '..', 'clean-run.json'),
    JSON.stringify({ code: run.code, output: run.output, durationMs: run.durationMs, secretLog, issuedLog }),
  );
}
