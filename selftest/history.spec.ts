// Trends in the HTML report: with OIDC_HISTORY, each run reads Allure's history file and appends itself, so a CI
// job that keeps the file between runs (an artifact or a cache) shows each check's recent results.
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../harness/run/spawn-conformance.ts';

test('two runs with one history file leave two entries, each with the checks of its run', async () => {
  const history = join(mkdtempSync(join(tmpdir(), 'oidc-history-')), 'history.jsonl');
  for (let i = 0; i < 2; i++) {
    const run = await runConformance({ suites: ['discovery'], env: { OIDC_HISTORY: history, OIDC_HTML_REPORT: '1' } });
    expect(run.output, run.output.slice(-1500)).toContain('HTML report:');
  }
  const entries = readFileSync(history, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { testResults: Record<string, { name?: string }> });
  expect(entries).toHaveLength(2);
  for (const e of entries) expect(Object.values(e.testResults).some((r) => r.name?.startsWith('DISC-ISSUER-EXACT'))).toBe(true);
});
