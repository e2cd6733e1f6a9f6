// npm run conformance: check the settings, start the embedded reference target when no target is
// configured, run the suites, sweep what the run created, and write the reports.
// Exit codes (harness/run/exit-codes.ts): 0 the gate passed, 1 it failed, 2 bad settings or target, 4 not decided (a
// partial run), 130 interrupted (not decided either; the summary, JUnit and the HTML report say so).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { readSettings, SettingsError, type Settings } from '../harness/config/settings.ts';
import { applyCommandLine, helpText, parseCommandLine, UsageError, type CommandLine } from '../harness/config/command-line.ts';
import { commandFor } from '../harness/config/command-name.ts';
import { resolveSecretFiles } from '../harness/config/secret-settings.ts';
import { preflight } from '../harness/config/preflight.ts';
import { workersForRun } from '../harness/http/round-trip.ts';
import { loadBaseline } from '../harness/run/baseline.ts';
import { recordSweep, sweep, sweepLines } from '../harness/run/sweep.ts';
import { scrubDirectory } from '../harness/secrets/scrub.ts';
import { AllureCli, generateAllureReport, reportName } from '../harness/report/allure.ts';
import { finishAllureResults } from '../harness/report/allure-finish.ts';
import { rememberSecret, rememberSecretSettings } from '../harness/secrets/vault.ts';
import { loadOpenApi } from '../harness/schema/openapi.ts';
import { chromiumPath } from '../harness/browser.ts';
import type { Summary } from '../harness/report/summary.ts';
import { PhaseClock } from '../harness/report/timings.ts';
import { EXIT, exitCodeOf } from '../harness/run/exit-codes.ts';
import { gateLine, markInterrupted } from '../harness/run/gate.ts';
import { writeJunit } from '../harness/report/junit.ts';
import { clearPreviousReports, pruneEmptyFolders } from '../harness/report/prune.ts';

const say = (line: string) => console.log(`[conformance] ${line}`);

/** The suites' config beside this file's folder: the repository's TypeScript, or the installed package's JavaScript. */
const PLAYWRIGHT_CONFIG = join(import.meta.dirname, '..', `playwright.config${import.meta.filename.endsWith('.ts') ? '.ts' : '.js'}`);

async function startEmbeddedTarget(env: NodeJS.ProcessEnv) {
  const { startReference } = await import('../targets/reference/server.ts');
  const { fileSink } = await import('../targets/reference/issued-secrets.ts');
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

/** How long the test runner may take to stop after Ctrl-C (its checks end at once, their clean-up after them). */
const STOP_GRACE_MS = 30_000;

/** Set when the run was stopped by a signal: whatever the reports say, it did not finish. */
let signalled = false;

function runPlaywright(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  // The test runner in a process group of its own, and each signal relayed to it once: a Ctrl-C given twice (the
  // group's and a wrapper's relay of it, as npm's and tsx's) while it was still starting its workers never ended.
  const child = spawn(process.execPath, [cli, 'test', '-c', PLAYWRIGHT_CONFIG, ...args], { env, stdio: 'inherit', detached: true });
  const relayed = new Set<NodeJS.Signals>();
  let escalation: NodeJS.Timeout | undefined;
  // We stay alive to sweep and report afterwards.
  const onSignal = (sig: NodeJS.Signals) => {
    signalled = true;
    if (relayed.has(sig)) return;
    relayed.add(sig);
    say(`${sig}: stopping the run, then deleting what it created`);
    try {
      if (env.OIDC_SIGNALLED_FILE) writeFileSync(env.OIDC_SIGNALLED_FILE, String(Date.now()), { flag: 'wx' });
    } catch {
      /* written for an earlier signal */
    }
    child.kill(sig);
    // A signal that lands while the runner is starting its workers can leave it waiting on them for ever: bounded.
    escalation ??= setTimeout(() => {
      say(`the test runner did not stop within ${STOP_GRACE_MS / 1000} s of ${sig}: ending it and its workers`);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* it ended meanwhile */
      }
    }, STOP_GRACE_MS);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(escalation);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code ?? 1);
    }),
  );
}

/** `--shard=i/n` (or `--shard i/n`), Playwright's own sharding of the checks. */
function shardOf(args: string[]): { current: number; total: number } | undefined {
  const i = args.findIndex((a) => a === '--shard' || a.startsWith('--shard='));
  const m = /^(\d+)\/(\d+)$/.exec(i < 0 ? '' : args[i]!.includes('=') ? args[i]!.split('=')[1]! : (args[i + 1] ?? ''));
  return m ? { current: Number(m[1]), total: Number(m[2]) } : undefined;
}

/**
 * The flags (harness/config/command-line.ts), put into `env` before anything starts; a reporter the person names is added
 * beside the harness's own (playwright.config.ts reads OIDC_EXTRA_REPORTERS). An exit code when there is nothing to run.
 */
function commandLine(env: NodeJS.ProcessEnv): CommandLine | number {
  try {
    const cl = parseCommandLine('run', process.argv.slice(2));
    if (cl.help) {
      process.stdout.write(helpText());
      return 0;
    }
    applyCommandLine(cl, env);
    resolveSecretFiles(env);
    rememberSecretSettings(env); // masked in what this process writes (the scrub), whatever their length
    // A reporter module named by a path is the person's, from where they are; Playwright's own go by name.
    if (cl.reporters.length) env.OIDC_EXTRA_REPORTERS = cl.reporters.map((r) => (/^\.{0,2}\//.test(r) ? resolve(r) : r)).join(',');
    env.PW_TEST_HTML_REPORT_OPEN ||= 'never'; // an added html reporter must not hold the run open serving its page
    return cl;
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof SettingsError)) throw e;
    console.error(`[conformance] ${e.message}${e instanceof UsageError ? ` (see ${commandFor('run', '--help')})` : ''}`);
    return 2;
  }
}

async function main(): Promise<number> {
  const clock = new PhaseClock();
  const env: NodeJS.ProcessEnv = { ...process.env };
  const cl = commandLine(env);
  if (typeof cl === 'number') return cl;
  // Each shard writes to its own folder, for `npm run merge` to combine.
  const shard = shardOf(cl.args);
  if (shard && !env.OIDC_REPORTS_DIR?.trim()) env.OIDC_REPORTS_DIR = join('reports', `shard-${shard.current}-of-${shard.total}`);
  const privateDir = mkdtempSync(join(tmpdir(), 'oidc-harness-'));
  env.OIDC_SECRET_LOG ||= join(privateDir, 'secrets.jsonl');
  env.OIDC_LEDGER ||= join(privateDir, 'ledger.jsonl');
  // Written when a signal stops the run, before the test runner hears of it: its reporter then knows when, even if its
  // own signal handler has not run yet (harness/report/summary-reporter.ts).
  env.OIDC_SIGNALLED_FILE = join(privateDir, 'signalled');
  // The throttled answers a worker meets outside its checks (harness/http/throttle.ts), for the summary to count.
  env.OIDC_THROTTLE_LOG = join(privateDir, 'throttled.jsonl');
  writeFileSync(env.OIDC_SECRET_LOG, '', { mode: 0o600, flag: 'a' });
  let target: { close(): Promise<void>; version: string } | undefined;
  let settings: Settings | undefined;
  let allureCli: AllureCli | undefined;
  let cleared: Promise<void> | undefined;
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
      writeFileSync(env.OIDC_SECRET_LOG, JSON.stringify({ kind: 'admin_token', value: settings.adminToken }) + '\n', { flag: 'a' });
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
    const code = await runPlaywright(env, cl.args);
    clock.lap('the test runner (Playwright)');

    await cleared;
    const swept = await sweep(env.OIDC_LEDGER, settings);
    for (const line of sweepLines(swept)) say(line);

    pruneEmptyFolders(join(reports, 'test-results'));
    clock.lap('sweep of created clients');
    scrubDirectory(reports, env.OIDC_SECRET_LOG);
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
    await cleared;
    allureCli?.close();
    await target?.close();
    if (!process.env.OIDC_SECRET_LOG || !process.env.OIDC_LEDGER) rmSync(privateDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
