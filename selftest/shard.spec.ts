// Sharding across machines: three shards of a run against one reference target (one after another), merged with `npm run merge`,
// equal the unsharded run with the same settings (npm test's clean run, global-setup.ts) check by check (same checks, same
// verdicts, same totals), and the merged gate decides; a missing shard fails the merged gate.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runConformance, scratchReportsDir } from '../harness/run/spawn-conformance.ts';
import { MUTATION_ENV } from '../targets/reference/mutation/mutants.ts';
import { cleanRun } from './support/clean-run.ts';
import { startReference } from '../targets/reference/server.ts';
import type { Summary } from '../harness/report/summary.ts';

const ROOT = resolve(import.meta.dirname, '..');
const verdicts = (s: Summary) => Object.fromEntries(s.checks.map((c) => [`${c.id} ${c.request}`, c.status]));

function merge(dirs: string[], out: string) {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return spawnSync(process.execPath, [tsx, join(ROOT, 'bin', 'merge.ts'), ...dirs], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, OIDC_REPORTS_DIR: out, OIDC_HTML_REPORT: '0', OIDC_BASELINE: '' },
  });
}

test('three shards merged equal the unsharded run, check by check', async () => {
  test.setTimeout(600_000);
  const target = await startReference();
  try {
    const env = { ...MUTATION_ENV, OIDC_BASE_URL: target.publicUrl, OIDC_ADMIN_URL: target.adminUrl, OIDC_WORKERS: '1' };
    const whole = cleanRun();
    // One after another, as against one target they must: the key rotation (ory profile) adds and then deletes a
    // signing key, and an ID token another shard received in between would stop verifying (README, sharding).
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await runConformance({ env, args: [`--shard=${i}/3`] }));
    for (const s of shards) expect(s.summary?.selection.shard?.total, s.output.slice(-1500)).toBe(3);
    const out = scratchReportsDir('merged');
    const merged = merge(
      shards.map((s) => s.reportsDir),
      out,
    );
    expect(merged.status, merged.stdout + merged.stderr).toBe(whole.code);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    expect(verdicts(summary)).toEqual(verdicts(whole.summary));
    expect(summary.totals).toEqual(whole.summary.totals);
    expect(summary.selection.complete).toBe(true);
    expect(summary.gate.passed).toBe(whole.summary.gate.passed);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`tests="${whole.summary.totals.checks + 1}"`);

    // Two of three shards: the merged gate must not pass on what it did not see.
    const partial = merge(
      shards.slice(0, 2).map((s) => s.reportsDir),
      scratchReportsDir('merged-partial'),
    );
    expect(partial.status).toBe(4); // not decided: the run is incomplete
    expect(partial.stdout).toContain('shard 3/3 is missing');
  } finally {
    await target.close();
  }
});
