// npm run conformance: check the settings, start the embedded reference target when no target is
// configured, run the suites, sweep what the run created, and write the reports.
// Exit codes (harness/run/exit-codes.ts): 0 the gate passed, 1 it failed, 2 bad settings or target, 4 not decided (a
// partial run), 130 interrupted (not decided either; the summary, JUnit and the HTML report say so).
//
// This file reads the command line and starts the test runner at once, with only what that needs loaded: Playwright
// loads for about a second, while the rest of the command loads, judges the settings, starts the target and runs the
// preflight (harness/run/conformance-run.ts); the runner waits for the final settings (harness/run/runner-handshake.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SettingsError } from '../harness/config/settings.ts';
import { applyCommandLine, helpText, parseCommandLine, UsageError, type CommandLine } from '../harness/config/command-line.ts';
import { commandFor } from '../harness/config/command-name.ts';
import { resolveSecretFiles } from '../harness/config/secret-settings.ts';
import { rememberSecretSettings } from '../harness/secrets/vault.ts';
import { TestRunner } from '../harness/run/test-runner.ts';

/** The suites' config beside this file's folder: the repository's TypeScript, or the installed package's JavaScript. */
const PLAYWRIGHT_CONFIG = join(import.meta.dirname, '..', `playwright.config${import.meta.filename.endsWith('.ts') ? '.ts' : '.js'}`);

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
  const env: NodeJS.ProcessEnv = { ...process.env };
  const cl = commandLine(env);
  if (typeof cl === 'number') return cl;
  // Each shard writes to its own folder, for `npm run merge` to combine.
  const shard = shardOf(cl.args);
  if (shard && !env.OIDC_REPORTS_DIR?.trim()) env.OIDC_REPORTS_DIR = join('reports', `shard-${shard.current}-of-${shard.total}`);
  const privateDir = mkdtempSync(join(tmpdir(), 'oidc-harness-'));
  const secretLog = (env.OIDC_SECRET_LOG ||= join(privateDir, 'secrets.jsonl'));
  const ledger = (env.OIDC_LEDGER ||= join(privateDir, 'ledger.jsonl'));
  // Written when a signal stops the run, before the test runner hears of it: its reporter then knows when, even if its
  // own signal handler has not run yet (harness/report/summary-reporter.ts).
  env.OIDC_SIGNALLED_FILE = join(privateDir, 'signalled');
  // The throttled answers a worker meets outside its checks (harness/http/throttle.ts), for the summary to count.
  env.OIDC_THROTTLE_LOG = join(privateDir, 'throttled.jsonl');
  writeFileSync(secretLog, '', { mode: 0o600, flag: 'a' });
  const runner = TestRunner.start(PLAYWRIGHT_CONFIG, env, cl.args);
  const { conformanceRun } = await import('../harness/run/conformance-run.ts');
  return conformanceRun(env, runner, { dir: privateDir, secretLog, ledger });
}

process.exitCode = await main();
