// The HTML report speaks the harness's verdicts, read in a real browser: a run with two defects and a baseline opens on
// its gate's verdict; a check blocked by a failed precondition names its root on its page; a known deviation shows the
// baseline's reviewed reason and its category. No screenshot is compared: the words are.
import { test, expect, chromium, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { MUTATION_ENV } from '../targets/reference/mutation/mutants.ts';
import { chromiumLaunchOptions, chromiumPath } from '../harness/browser.ts';
import { EXCHANGES_ANNOTATION } from '../harness/report/evidence-format.ts';

const REASON = 'Reviewed: this provider answers 200 on create (a test entry of the report selftest)';

/** Open a check's page as a reader's link does (the report routes #<result id>; test-results.json names each id). */
async function openCheck(page: Page, reportDir: string, name: RegExp): Promise<string> {
  const results = JSON.parse(readFileSync(join(reportDir, 'test-results.json'), 'utf8')) as {
    byId: Record<string, { id: string; name: string }>;
  };
  const hit = Object.values(results.byId).find((r) => name.test(r.name));
  expect(hit, `a result named ${name}`).toBeDefined();
  await page.goto(`${pathToFileURL(join(reportDir, 'index.html')).href}#${hit!.id}`);
  // The description (the verdict, first) is rendered in a frame of its own.
  const description = page.frameLocator('iframe').first().locator('body');
  await expect(description).not.toBeEmpty();
  return `${await page.locator('body').innerText()}\n${await description.innerText()}`;
}

test('the report opens on the gate, names the root of a blocked check, and gives a known deviation its reviewed reason', async () => {
  test.skip(!chromiumPath(), 'no Chromium: install Debian chromium or set CHROMIUM_PATH');
  test.setTimeout(600_000);
  const baseline = join(mkdtempSync(join(tmpdir(), 'oidc-report-')), 'baseline.json');
  writeFileSync(
    baseline,
    JSON.stringify({
      deviations: [
        { id: 'REG-CREATE-STATUS-201', request: 'POST /oauth2/register', finding: 'status:200', reason: REASON, clause: 'RFC 7591 §3.2.1' },
      ],
    }),
  );
  // The suites of the checks the report is read for (a blocked one, its root, a known deviation), declared the gate.
  const run = await runConformance({
    defects: ['registration.create-200', 'discovery.no-userinfo-endpoint'],
    suites: ['discovery', 'userinfo', 'registration-create'],
    env: { ...MUTATION_ENV, OIDC_BASELINE: baseline, OIDC_HTML_REPORT: '1' },
  });
  expect(run.code, run.output.slice(-2000)).toBe(1);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(pathToFileURL(join(run.reportsDir, 'allure-report', 'index.html')).href);
    // The overview: the gate's verdict in the report's name, and the gate's own result first.
    await expect(page.getByText(/^GATE: FAILED · OIDC conformance of /)).toBeVisible();
    await expect(page.getByText('0 · the conformance gate')).toBeVisible();

    const report = join(run.reportsDir, 'allure-report');
    const blocked = await openCheck(page, report, /^UI-GET-BEARER:/);
    expect(blocked).toContain('BLOCKED by DISC-ORY-OPERATIONS');
    expect(blocked).toContain('Category: Blocked by a failed precondition');

    const known = await openCheck(page, report, /^REG-CREATE-STATUS-201:/);
    expect(known).toContain(`KNOWN DEVIATION (${baseline}): ${REASON} (finding status:200)`);
    expect(known).toContain('Category: Known deviations (baseline)');

    const gate = await openCheck(page, report, /^the conformance gate$/);
    expect(gate).toMatch(
      /GATE: FAILED \[judged on the declared selection \(OIDC_SUITES=discovery,userinfo,registration-create; OIDC_GATE_ON_SELECTION=1\)\] — 1 check\(s\) failed/,
    );
    expect(gate).toContain(`${run.summary!.totals.checks} checks: ${run.summary!.totals.passed} passed`);
  } finally {
    await browser.close();
  }
});

test("a reporter of the user's own (--reporter json) gets the checks without the harness's evidence annotation; the Allure results keep the exchanges as steps", async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'oidc-json-')), 'report.json');
  const run = await runConformance({
    suites: ['discovery'],
    args: ['--reporter', 'json', '-g', 'DISC-ISSUER-EXACT'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out, OIDC_HTML_REPORT: '0' },
  });
  expect(run.code, run.output.slice(-1500)).toBe(0);
  const json = readFileSync(out, 'utf8');
  expect(json).toContain('DISC-ISSUER-EXACT');
  expect(json).not.toContain(EXCHANGES_ANNOTATION);
  const dir = join(run.reportsDir, 'allure-results');
  const result = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name: string; steps: Array<{ name: string; attachments: unknown[] }> })
    .find((r) => r.name.startsWith('DISC-ISSUER-EXACT'));
  expect(result?.steps.find((s) => s.name.startsWith('GET /.well-known/openid-configuration → HTTP 200'))?.attachments).toHaveLength(1);
});
