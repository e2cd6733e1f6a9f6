// The conformance run once its test runner is loading (bin/conformance.ts starts it first): judge the settings, start
// the embedded reference target when no target is configured, run the preflight, hand the test runner the final
// settings, sweep what the run created, and write the reports.
import { rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSettings, SettingsError, type Settings } from '../config/settings.ts';
import { preflight } from '../config/preflight.ts';
import { workersForRun } from '../http/round-trip.ts';
import { loadBaseline } from './baseline.ts';
import { recordSweep, sweep, sweepLines } from './sweep.ts';
import { scrubDirectory } from '../secrets/scrub.ts';
import { AllureCli, generateAllureReport, reportName } from '../report/allure.ts';
import { finishAllureResults } from '../report/allure-finish.ts';
import { rememberSecret } from '../secrets/vault.ts';
import { loadOpenApi } from '../schema/openapi.ts';
import { chromiumPath } from '../browser.ts';
import type { Summary } from '../report/summary.ts';
import { PhaseClock } from '../report/timings.ts';
import { EXIT, exitCodeOf } from './exit-codes.ts';
import { gateLine, markInterrupted } from './gate.ts';
import { writeJunit } from '../report/junit.ts';
import { clearPreviousReports, pruneEmptyFolders } from '../report/prune.ts';
import type { TestRunner } from './test-runner.ts';

const say = (line: string) => console.log(`[conformance] ${line}`);

async function startEmbeddedTarget(env: NodeJS.ProcessEnv) {
  const { startReference } = await import('../../targets/reference/server.ts');
  const { fileSink } = await import('../../targets/reference/issued-secrets.ts');
  const target = await startReference({
    defects: env.OIDC_REFERENCE_DEFECTS?.split(',')
      .map((d) => d.trim())
      .filter(Boolean),
    registration: env.OIDC_REFERENCE_REGISTRATION !== 'off',
    adminToken: env.OIDC_REFERENCE_ADMIN_TOKEN || env.OIDC_ADMIN_TOKEN || undefined,
    // The project's leak scan: every secret the target hands out, kept in a private file (never under reports/).
    ...(env.OIDC_REFERENCE_ISSUED_LOG ? { issuedSecrets: fileSink(env.OIDC_REFERENCE_ISSUED_LOG) } : {}),
  });
  env.OIDC_BASE_URL = target.issuer;
  env.OIDC_ADMIN_URL ||= target.adminUrl;
  say(`no OIDC_BASE_URL set: started the embedded reference target at ${target.publicUrl} (admin ${target.adminUrl})`);
  return target;
}

/** What a run writes under the reports folder, cleared when the next run starts. */
const PREVIOUS_REPORTS = ['allure-results', 'allure-report', 'test-results', 'summary.json', 'junit.xml', 'timings.json', 'contract.json'];

/** The run's private files (never under reports/): the secrets it learnt and what it created, for the scrub and the sweep. */
export interface PrivateFiles {
  dir: string;
  secretLog: string;
  ledger: string;
}

/** The run, with `runner` loading; `env` holds the command line's settings; its exit code. */
export async function conformanceRun(env: NodeJS.ProcessEnv, runner: TestRunner, files: PrivateFiles): Promise<number> {
  const clock = new PhaseClock();
  let target: { close(): Promise<void>; version: string } | undefined;
  let settings: Settings | undefined;
  let allureCli: AllureCli | undefined;
  let cleared: Promise<void> | undefined;
  let started = false;
  try {
    // Judge every other setting before starting anything.
    readSettings({ ...env, OIDC_BASE_URL: env.OIDC_BASE_URL?.trim() || 'http://127.0.0.1' });
    chromiumPath(env);
    clock.lap('settings');
    if (!env.OIDC_BASE_URL?.trim()) target = await startEmbeddedTarget(env);
    clock.lap('starting the embedded target');
    settings = readSettings(env);
    loadBaseline(settings.baselinePath);
    rememberSecret(settings.adminToken, 'admin_token');
    if (settings.adminToken)
      writeFileSync(files.secretLog, JSON.stringify({ kind: 'admin_token', value: settings.adminToken }) + '\n', { flag: 'a' });
    if (settings.openapi) await loadOpenApi(settings.openapi, settings.timeoutMs);
    // Together: each is a few round trips, which a provider across the network makes long.
    const [pre, sized] = await Promise.all([
      preflight(settings),
      // Sized by the provider's round trip: a remote one gets more workers (harness/http/concurrency.ts).
      env.OIDC_WORKERS?.trim() ? undefined : workersForRun(settings),
    ]);
    if (sized) {
      env.OIDC_WORKERS = String(sized.workers);
      if (sized.note) say(sized.note);
    }
    clock.lap('preflight');
    env.OIDC_PROVIDER_VERSION ||= pre.providerVersion ?? target?.version ?? '';
    say(
      `target ${settings.baseUrl} (issuer ${settings.issuer}${settings.adminUrl ? `, admin ${settings.adminUrl}` : ''}), profile ${settings.profile}${env.OIDC_PROVIDER_VERSION ? `, provider ${env.OIDC_PROVIDER_VERSION}` : ''}`,
    );

    const reports = settings.reportsDir;
    cleared = clearPreviousReports(reports, PREVIOUS_REPORTS);

    clock.lap('settings');
    // The report's CLI loads while the checks run, off the critical path.
    if (env.OIDC_HTML_REPORT !== '0') allureCli = AllureCli.warm();
    started = true;
    const code = await runner.run(env, say);
    const signalled = runner.signalled;
    clock.lap('the test runner (Playwright)');

    await cleared;
    const swept = await sweep(files.ledger, settings);
    for (const line of sweepLines(swept)) say(line);

    pruneEmptyFolders(join(reports, 'test-results'));
    clock.lap('sweep of created clients');
    scrubDirectory(reports, files.secretLog);
    clock.lap('scrub of the reports');
    const summaryPath = join(reports, 'summary.json');
    if (existsSync(summaryPath)) recordSweep(summaryPath, swept);
    const summary = existsSync(summaryPath) ? (JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary) : undefined;
    if (summary && signalled && !summary.selection.interrupted) {
      // The test runner finished its reporters before it saw the signal: the run is still cut off.
      markInterrupted(summary);
      writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + '\n');
      writeJunit(join(reports, 'junit.xml'), summary);
      say(gateLine(summary.gate));
    }
    finishAllureResults(join(reports, 'allure-results'), summary);
    if (env.OIDC_HTML_REPORT !== '0') {
      const report = await generateAllureReport(
        join(reports, 'allure-results'),
        join(reports, 'allure-report'),
        reportName(settings.baseUrl, summary),
        settings.historyPath,
        allureCli,
      );
      say(
        report.ok
          ? `HTML report: ${relative(process.cwd(), report.index)} (opens from disk)`
          : `the HTML report could not be generated: ${report.error}`,
      );
    }
    clock.lap('HTML report');
    clock.write(reports);
    if (summary) say(`machine-readable: ${join(reports, 'summary.json')}, ${join(reports, 'junit.xml')}`);

    if (!summary) {
      say('the run ended without a summary (see the output above)');
      return signalled ? EXIT.interrupted : code || EXIT.failed;
    }
    // With every check passed, Playwright still fails when something outside the checks broke (a suite that did not load).
    if (summary.gate.passed && code !== 0 && !signalled) {
      say(`every check that ran passed, but the test runner failed (exit ${code}): see its output above`);
      return EXIT.failed;
    }
    return exitCodeOf(summary.gate, signalled || summary.selection.interrupted);
  } catch (e) {
    if (e instanceof SettingsError) {
      console.error(`[conformance] ${e.message}`);
      return EXIT.badInput;
    }
    console.error(`[conformance] ${(e as Error).message.split('\n')[0]}`);
    return EXIT.badInput;
  } finally {
    // A run that never started (it said why above): the waiting test runner leaves without a word.
    if (!started) await runner.abandon();
    await cleared;
    allureCli?.close();
    await target?.close();
    if (!process.env.OIDC_SECRET_LOG || !process.env.OIDC_LEDGER) rmSync(files.dir, { recursive: true, force: true });
  }
}
