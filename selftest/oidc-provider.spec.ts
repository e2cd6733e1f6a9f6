// The suite against an independent provider (oidc-provider, signed in through its own login form
// by the browser driver): `npm run conformance:oidc-provider` passes, every failure is a reviewed
// deviation in its baseline and every deviation still fails, and the README shows the settings
// the run really uses.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runConformance, type ConformanceRun } from '../harness/run/spawn-conformance.ts';
import { baselineMismatch } from './support/baseline-match.ts';
import { chromiumPath } from '../harness/browser.ts';
import { OIDC_PROVIDER_SETTINGS } from '../targets/oidc-provider/run-settings.ts';
import { OIDC_PROVIDER_VERSION } from '../targets/oidc-provider/server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BASELINE = join(ROOT, 'baselines', 'oidc-provider.json');
/** Checks that can pass only with a user really signed in through the login form. */
const SIGNED_IN = ['UI-SUB-MATCHES-ID-TOKEN', 'TOKEN-ID-NONCE', 'LOGOUT-RP-GET'];
/** Every reason of its baseline cites oidc-provider's source at the release tag. */
const OIDC_PROVIDER_SOURCE = new RegExp(
  `https://github\\.com/panva/node-oidc-provider/blob/v${OIDC_PROVIDER_VERSION.replaceAll('.', '\\.')}/`,
);

// One run, judged by the tests below (serial: they share it).
test.describe('npm run conformance:oidc-provider', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!chromiumPath(), 'chromium is not installed (apt-get install chromium): the browser login driver cannot run');

  let run: ConformanceRun;
  test.beforeAll(async () => {
    test.setTimeout(600_000);
    // Two workers, one per core: with four, the browsers' page loads compete for the cores, and the run took longer
    // and more CPU (alone on a 2-core machine: 202 s and 198 CPU-seconds with four, 176 s and 165 with two).
    run = await runConformance({ script: 'bin/conformance-oidc-provider.ts', env: { OIDC_WORKERS: '2' }, timeoutMs: 540_000 });
    test.info().annotations.push({ type: 'timing', description: `npm run conformance:oidc-provider took ${run.durationMs} ms` });
  });

  test('npm run conformance:oidc-provider exits 0 with no failed check, complete, and its gate passed', () => {
    expect(run.summary, run.output).toBeTruthy();
    const failed = run.summary!.checks.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.message}`);
    expect(failed, run.output).toEqual([]);
    expect(run.summary!.selection, 'a complete, uninterrupted run').toMatchObject({ complete: true, interrupted: false });
    expect(run.summary!.gate.verdict, run.summary!.gate.reasons.join('; ')).toBe('passed');
    expect(run.output).toContain('GATE: PASSED');
    expect(run.code, run.output).toBe(0);
  });

  test('it judged oidc-provider with the standards profile, its baseline and no admin API', () => {
    const t = run.summary!.target;
    expect(t.profile).toBe('standards');
    expect(t.adminUrl ?? '').toBe('');
    expect(t.providerVersion).toBe(`oidc-provider ${OIDC_PROVIDER_VERSION}`);
    expect(t.baseline).toContain('baselines/oidc-provider.json');
    expect(run.output).toMatch(/started oidc-provider .* in \d+ ms/);
  });

  test('the run matches its baseline exactly: every deviation listed with its finding, every listed one still found, reviewed', () => {
    const raw = JSON.parse(readFileSync(BASELINE, 'utf8'));
    expect(raw.target).toBe(`oidc-provider ${OIDC_PROVIDER_VERSION}`);
    expect(raw.profile).toBe('standards');
    const m = baselineMismatch(run.summary!, BASELINE, OIDC_PROVIDER_SOURCE);
    expect(m.unexpected, 'failures and warnings not in the baseline').toEqual([]);
    expect(m.notFound, 'baseline deviations the run did not find with their finding (fixed, another finding, did not run)').toEqual([]);
    expect(m.excusedDiffer.run, 'checks that did not run = the checks the baseline excuses').toEqual(m.excusedDiffer.listed);
    expect(m.unreviewed, 'reasons not reviewed or citing no source at the release tag').toEqual([]);
  });

  test('the browser driver really signed the test user in through the login form', () => {
    for (const id of SIGNED_IN) expect(run.summary!.checks.find((c) => c.id === id)?.status, id).toBe('passed');
    // Each browser test carries the screenshots of the pages the user saw: the login form among them.
    const results = join(run.reportsDir, 'allure-results');
    const attachments = readdirSync(results)
      .filter((f) => f.endsWith('-result.json'))
      .flatMap((f) => readFileSync(join(results, f), 'utf8').match(/"name":\s*"page \d+: loaded \([^"]*\/login\)"/g) ?? []);
    expect(attachments.length, 'screenshots of the login page attached to the tests').toBeGreaterThan(0);
  });
});

/** The `OIDC_*=value` lines of the shell blocks that give oidc-provider's run settings (but the issuer, chosen at start). */
function readmeSettings(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of (readFileSync(path, 'utf8').match(/```sh\n[\s\S]*?```/g) ?? []).filter((b) =>
    b.includes('OIDC_BASELINE=baselines/oidc-provider.json'),
  )) {
    for (const m of block.matchAll(/^(OIDC_[A-Z_]+)=(?:'([^']*)'|([^\s#]*))/gm)) if (m[1] !== 'OIDC_BASE_URL') out[m[1]!] = m[2] ?? m[3]!;
  }
  return out;
}

test('the README shows exactly the settings the run uses', () => {
  // The target's own section, and the project README wherever it repeats those settings.
  const readmes = [join(ROOT, 'targets', 'oidc-provider', 'README.md'), join(ROOT, 'README.md')].filter(
    (p, i) => i === 0 || (existsSync(p) && readFileSync(p, 'utf8').includes('OIDC_BASELINE=baselines/oidc-provider.json')),
  );
  for (const path of readmes) expect(readmeSettings(path), path).toEqual({ ...OIDC_PROVIDER_SETTINGS });
});
